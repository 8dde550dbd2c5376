package io.sadtalker.enhance.realesrgan;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.NativeMemory;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.enhance.BackgroundUpsampler;
import java.nio.file.Path;

/**
 * SadTalker's background upsampler: {@code RealESRGANer(scale=2, RealESRGAN_x2plus, RRDBNet(num_block=23),
 * tile=400, tile_pad=10, pre_pad=0)}, run natively. Safe for concurrent calls; holds native memory until
 * {@link #close()}.
 */
public final class RealESRGANBackground implements BackgroundUpsampler, AutoCloseable {
    private final RealESRGANer upsampler;
    private final int scale;
    private final NDManager manager;

    /** Wraps an upsampler; the instance takes ownership of {@code manager} (holding its weights) and closes it. */
    private RealESRGANBackground(RealESRGANer upsampler, int scale, NDManager manager) {
        this.upsampler = upsampler;
        this.scale = scale;
        this.manager = manager;
    }

    /**
     * Loads {@code RealESRGAN_x2plus.pth} (entry {@code params_ema} when present, else {@code params}, as
     * RealESRGANer does); a missing or malformed file is a CheckpointException naming it.
     */
    public static RealESRGANBackground open(Path x2plus) {
        return open(x2plus, Device.cpu());
    }

    /** As {@link #open(Path)}, the network on {@code device}. */
    public static RealESRGANBackground open(Path x2plus, Device device) {
        NativeMemory.configure();
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try (Checkpoint ckpt = Checkpoint.open(x2plus)) {
            String entry = ckpt.entries().contains("params_ema") ? "params_ema" : "params";
            RRDBNet net = ckpt.weights(manager, entry).bind(w -> RRDBNet.load(w, 2, 23));
            return new RealESRGANBackground(new RealESRGANer(net, 400, 10), 2, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public int scale() {
        return scale;
    }

    @Override
    public byte[] upsample(byte[] bgr, int width, int height) {
        return upsampler.enhance(bgr, width, height, manager);
    }

    @Override
    public void close() {
        manager.close();
    }
}
