package io.sadtalker.core.pipeline;

import ai.djl.Device;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.models.CheckpointFiles;
import java.nio.file.Path;

/**
 * Settings a {@link StageProvider} needs to create default stages: where the official checkpoint files are,
 * the model size (256 or 512), preprocess mode, still mode, render batch size, face enhancer name
 * ({@code gfpgan}, {@code RestoreFormer}, or null for none), background enhancer ({@code realesrgan} or null) and
 * device ({@code cpu}, {@code gpu} or {@code cuda[:N]}; the default stages load their networks there).
 */
public record PipelineConfig(Path checkpointDir, int size, Preprocess preprocess, boolean still, int batchSize,
                             String enhancer, String backgroundEnhancer, String device) {
    public PipelineConfig {
        if (size != 256 && size != 512) {
            throw new InvalidInputException("size must be 256 or 512, got " + size);
        }
        if (batchSize <= 0) {
            throw new InvalidInputException("batch size must be positive, got " + batchSize);
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

    /**
     * The checkpoint file {@code name} as {@link CheckpointFiles} finds it for {@link #checkpointDir}; a
     * {@link io.sadtalker.core.CheckpointException} naming the places looked at when it is absent.
     */
    public Path requireCheckpoint(String name) {
        return CheckpointFiles.require(checkpointDir, name);
    }

    /** The SadTalker safetensors file of the configured size. */
    public Path sadTalkerCheckpoint() {
        return requireCheckpoint("SadTalker_V0.0.2_" + size + ".safetensors");
    }
}
