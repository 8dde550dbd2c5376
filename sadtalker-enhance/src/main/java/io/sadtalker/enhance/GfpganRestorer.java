package io.sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.enhance.gfpgan.GFPGANv1Clean;
import java.util.random.RandomGenerator;

/**
 * The restore step of {@code GFPGANer.enhance} on the native {@link GFPGANv1Clean}: {@code (bgr->rgb)/255}
 * normalised to [-1, 1], {@code net(x, return_rgb=False)}, {@code tensor2img(min_max=(-1, 1))}. Safe for
 * concurrent calls (each call switches grad mode off for its thread and uses its own NDManager scope).
 */
public final class GfpganRestorer extends GfpganerRestorer {
    private final GFPGANv1Clean net;
    private final boolean randomizeNoise;

    /**
     * {@code randomizeNoise} true draws fresh noise per call as the original does (from the generator
     * {@link #restore} is given); false uses the stored noise buffers. {@code manager} holds the network's weights.
     */
    public GfpganRestorer(GFPGANv1Clean net, NDManager manager, int faceSize, boolean randomizeNoise) {
        super(manager, faceSize);
        this.net = net;
        this.randomizeNoise = randomizeNoise;
    }

    @Override
    NDArray forward(NDArray x, RandomGenerator random) {
        return net.forward(x, randomizeNoise ? random : null);
    }
}
