package io.sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.GradMode;
import io.sadtalker.core.nn.Scoped;
import io.sadtalker.enhance.gfpgan.GFPGANv1Clean;
import io.sadtalker.enhance.restoreformer.RestoreFormer;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

/**
 * The restore step of {@code GFPGANer.enhance} on a native network: {@code (bgr->rgb)/255} normalised to [-1, 1],
 * the network, {@code tensor2img(min_max=(-1, 1))}. Safe for concurrent calls (each call switches grad mode off for
 * its thread and runs in {@link Scoped#call}, so nothing it creates outlives the call).
 */
final class NetworkRestorer implements FaceRestorer {
    private final NDManager manager;
    private final int faceSize;
    private final BiFunction<NDArray, RandomGenerator, NDArray> network;

    private NetworkRestorer(NDManager manager, int faceSize, BiFunction<NDArray, RandomGenerator, NDArray> network) {
        this.manager = manager;
        this.faceSize = faceSize;
        this.network = network;
    }

    /**
     * {@code net(x, return_rgb=False)}; {@code randomizeNoise} true draws fresh noise per call from the generator
     * {@link #restore} is given, false uses the stored noise buffers. {@code manager} holds the weights.
     */
    static NetworkRestorer gfpgan(GFPGANv1Clean net, int faceSize, boolean randomizeNoise, NDManager manager) {
        return new NetworkRestorer(manager, faceSize, (x, random) -> net.forward(x, randomizeNoise ? random : null));
    }

    /** {@code net(x)[0]}; {@code manager} holds the weights. */
    static NetworkRestorer restoreFormer(RestoreFormer net, int faceSize, NDManager manager) {
        return new NetworkRestorer(manager, faceSize, (x, random) -> net.forward(x).dec());
    }

    @Override
    public int faceSize() {
        return faceSize;
    }

    @Override
    public byte[] restore(byte[] croppedBgr, RandomGenerator random) {
        GradMode.disableForThisThread();
        // Scoped.call also frees what ops starting from a weight attach to the weights' manager (e.g. the
        // modulated conv's weight * style), which would otherwise outlive every call
        return Scoped.call(manager, scope -> FaceTensors.toImage(
                network.apply(FaceTensors.toInput(croppedBgr, faceSize, 0.5f, 0.5f, scope), random), -1f, 1f));
    }
}
