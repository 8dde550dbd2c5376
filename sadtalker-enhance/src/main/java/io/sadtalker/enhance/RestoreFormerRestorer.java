package io.sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.enhance.restoreformer.RestoreFormer;
import java.util.random.RandomGenerator;

/**
 * The restore step of {@code GFPGANer.enhance} with {@code arch='RestoreFormer'}: {@code (bgr->rgb)/255} normalised
 * to [-1, 1], {@code net(x)[0]}, {@code tensor2img(min_max=(-1, 1))}. Safe for concurrent calls (each call switches
 * grad mode off for its thread and uses its own NDManager scope).
 */
public final class RestoreFormerRestorer extends GfpganerRestorer {
    private final RestoreFormer net;

    /** {@code manager} holds the network's weights; {@code faceSize} is the network's resolution (512). */
    public RestoreFormerRestorer(RestoreFormer net, NDManager manager, int faceSize) {
        super(manager, faceSize);
        this.net = net;
    }

    @Override
    NDArray forward(NDArray x, RandomGenerator random) {
        return net.forward(x).dec();
    }
}
