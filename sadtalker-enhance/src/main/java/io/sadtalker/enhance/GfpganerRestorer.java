package io.sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.GradMode;
import io.sadtalker.core.nn.Scoped;
import java.util.random.RandomGenerator;

/**
 * The restore step of {@code GFPGANer.enhance} around any arch: {@code (bgr->rgb)/255} normalised to [-1, 1], the
 * network's {@link #forward}, {@code tensor2img(min_max=(-1, 1))}. Safe for concurrent calls when {@code forward}
 * is (each call switches grad mode off for its thread and runs in {@link Scoped#call}, so nothing it creates
 * outlives the call).
 */
abstract class GfpganerRestorer implements FaceRestorer {
    private final NDManager manager;
    private final int faceSize;

    /** {@code manager} holds the network's weights; {@code faceSize} is the side of the crop it takes. */
    GfpganerRestorer(NDManager manager, int faceSize) {
        this.manager = manager;
        this.faceSize = faceSize;
    }

    /**
     * The network on the normalised (1, 3, faceSize, faceSize) RGB input -> the restored face in [-1, 1]; random
     * draws come from {@code random}.
     */
    abstract NDArray forward(NDArray x, RandomGenerator random);

    @Override
    public final int faceSize() {
        return faceSize;
    }

    @Override
    public final byte[] restore(byte[] croppedBgr, RandomGenerator random) {
        GradMode.disableForThisThread();
        // Scoped.call also frees what ops starting from a weight attach to the weights' manager (e.g. the
        // modulated conv's weight * style), which would otherwise outlive every call
        return Scoped.call(manager, scope -> FaceTensors.toImage(
                forward(FaceTensors.toInput(croppedBgr, faceSize, 0.5f, 0.5f, scope), random), -1f, 1f));
    }
}
