package io.sadtalker.spark;

import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.Preprocess;
import java.io.Serializable;

/**
 * A run's settings: the checkpoint folder every executor reads, the output folder URI (one {@code <id>.mp4} per
 * job), the defaults of the per-row options, the render batch size and device, {@code splitFrames} (0: one task
 * per video; N: each video rendered in ranges of about N frames on different tasks and joined), whether split
 * segments are kept after joining.
 */
public record Settings(String checkpointDir, String output, Preprocess preprocess, boolean still, int size,
                       String enhancer, int batchSize, String device, int splitFrames, boolean keepSegments)
        implements Serializable {
    /** The settings of SadTalker's defaults (crop, 256, no enhancer, batch 2, CPU), one task per video. */
    public static Settings defaults(String checkpointDir, String output) {
        return new Settings(checkpointDir, output, Preprocess.CROP, false, 256, null, 2, "cpu", 0, false);
    }

    /** These settings with {@code splitFrames} set. */
    public Settings withSplitFrames(int frames) {
        return new Settings(checkpointDir, output, preprocess, still, size, enhancer, batchSize, device, frames,
                keepSegments);
    }

    /** These settings with {@code keepSegments} set. */
    public Settings withKeepSegments(boolean keep) {
        return new Settings(checkpointDir, output, preprocess, still, size, enhancer, batchSize, device, splitFrames,
                keep);
    }

    public Settings {
        if (checkpointDir == null || output == null) {
            throw new InvalidInputException("a checkpoint folder and an output folder are required");
        }
        if (splitFrames < 0) {
            throw new InvalidInputException("split frames must be 0 (off) or positive, got " + splitFrames);
        }
    }
}
