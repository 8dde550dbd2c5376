package io.sadtalker.core.pipeline;

import io.sadtalker.core.Preprocess;
import java.nio.file.Path;

/**
 * Settings a {@link StageProvider} needs to create default stages: where the official checkpoint files are,
 * the model size (256 or 512), preprocess mode, still mode, render batch size, enhancer name ({@code gfpgan},
 * {@code RestoreFormer}, or null for none) and device ({@code cpu} or {@code gpu}).
 */
public record PipelineConfig(Path checkpointDir, int size, Preprocess preprocess, boolean still, int batchSize,
                             String enhancer, String device) {
    public PipelineConfig {
        if (size != 256 && size != 512) {
            throw new IllegalArgumentException("size must be 256 or 512, got " + size);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
    }

    /** The checkpoint file {@code name} inside {@link #checkpointDir}. */
    public Path checkpoint(String name) {
        if (checkpointDir == null) {
            throw new IllegalStateException("no checkpoint directory configured");
        }
        return checkpointDir.resolve(name);
    }
}
