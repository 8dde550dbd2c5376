package io.sadtalker.examples;

import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import io.sadtalker.core.stage.FrameStream;
import java.nio.file.Path;

/**
 * Composing the pipeline by hand: 512 model, full-picture paste-back in still mode, a fixed seed, and the
 * frames consumed as a stream (here: counted and their mean brightness printed) instead of an mp4.
 * Args: checkpoints portrait audio.
 */
public final class CustomPipeline {
    private CustomPipeline() {
    }

    public static void main(String[] args) {
        try (TalkingHeadPipeline pipeline = TalkingHeadPipeline.builder().checkpoints(Path.of(args[0]))
                .size(512).preprocess(Preprocess.FULL).still(true).batchSize(1).build()) {
            GenerationRequest request = GenerationRequest.builder().portrait(Path.of(args[1]))
                    .audio(Path.of(args[2])).poseStyle(12).seed(42).build();
            PreparedPortrait portrait = pipeline.prepare(request,
                    (stage, done, total) -> System.err.printf("%s %d/%d%n", stage, done, total));
            try (FrameStream frames = pipeline.frames(portrait, pipeline.motion(portrait, request, (s, d, t) -> { }),
                    request, (s, d, t) -> { })) {
                int n = 0;
                while (frames.hasNext()) {
                    RgbImage frame = frames.next();
                    System.out.printf("frame %d: %dx%d mean %.1f%n", n++, frame.width(), frame.height(), mean(frame));
                }
            }
        }
    }

    private static double mean(RgbImage image) {
        long sum = 0;
        for (byte b : image.rgb()) {
            sum += b & 0xFF;
        }
        return sum / (double) (image.width() * image.height() * 3);
    }
}
