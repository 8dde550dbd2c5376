package io.sadtalker.core.pipeline;

import ai.djl.Device;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.CheckpointException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Settings a {@link StageProvider} needs to create default stages: where the official checkpoint files are,
 * the model size (256 or 512), preprocess mode, still mode, render batch size, face enhancer name
 * ({@code gfpgan}, {@code RestoreFormer}, or null for none), background enhancer ({@code realesrgan} or null) and
 * device ({@code cpu}, {@code gpu} or {@code cuda[:N]}; the default stages load their networks there) and the
 * {@link MediaLimits} the default stages hold their inputs to. The batch size is at most {@link #MAX_BATCH_SIZE}.
 */
public record PipelineConfig(Path checkpointDir, int size, Preprocess preprocess, boolean still, int batchSize,
                             String enhancer, String backgroundEnhancer, String device, MediaLimits limits) {
    /** The largest render batch: each frame of a batch adds the renderer's per-frame working memory. */
    public static final int MAX_BATCH_SIZE = 16;

    public PipelineConfig {
        if (size != 256 && size != 512) {
            throw new InvalidInputException("size must be 256 or 512, got " + size);
        }
        if (batchSize <= 0 || batchSize > MAX_BATCH_SIZE) {
            throw new InvalidInputException("batch size must be in 1.." + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        if (limits == null) {
            throw new InvalidInputException("media limits are required (MediaLimits.defaults())");
        }
        if (device != null && !device.matches("(?i)cpu|(gpu|cuda)(:\\d+)?")) {
            throw new InvalidInputException("device must be cpu, gpu or cuda[:N], got '" + device + "'");
        }
    }

    /** Whether a GPU was asked for ({@code gpu}, {@code cuda}, {@code cuda:N}). */
    public boolean wantsGpu() {
        return device != null && !device.equalsIgnoreCase("cpu");
    }

    /** The libtorch device the default stages load their networks on: the CPU, or GPU N for {@code cuda:N}. */
    public Device torchDevice() {
        if (!wantsGpu()) {
            return Device.cpu();
        }
        int colon = device.indexOf(':');
        return Device.gpu(colon < 0 ? 0 : Integer.parseInt(device.substring(colon + 1)));
    }

    /** The checkpoint file {@code name} inside {@link #checkpointDir}. */
    public Path checkpoint(String name) {
        if (checkpointDir == null) {
            throw new CheckpointException("no checkpoint directory configured: call builder().checkpoints(dir)");
        }
        return checkpointDir.resolve(name);
    }

    /** Like {@link #checkpoint} but fails with a {@link CheckpointException} naming the file when it is absent. */
    public Path requireCheckpoint(String name) {
        Path path = checkpoint(name);
        if (!Files.isRegularFile(path)) {
            throw new CheckpointException("missing checkpoint file " + path.toAbsolutePath()
                    + " (fetch the official files with `sadtalker download --checkpoint_dir " + checkpointDir + "`)");
        }
        return path;
    }

    /** The SadTalker safetensors file of the configured size. */
    public Path sadTalkerCheckpoint() {
        return requireCheckpoint("SadTalker_V0.0.2_" + size + ".safetensors");
    }
}
