package io.sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.GradMode;
import io.sadtalker.enhance.gfpgan.GFPGANv1Clean;

/**
 * The restore step of {@code GFPGANer.enhance} on the native {@link GFPGANv1Clean}: {@code (bgr->rgb)/255}
 * normalised to [-1, 1], {@code net(x, return_rgb=False)}, {@code tensor2img(min_max=(-1, 1))}. Safe for
 * concurrent calls (each call switches grad mode off for its thread and uses its own NDManager scope).
 */
public final class GfpganRestorer implements FaceRestorer {
    private final GFPGANv1Clean net;
    private final NDManager manager;
    private final boolean randomizeNoise;
    private final int faceSize;

    /**
     * {@code randomizeNoise} true draws fresh noise per call as the original does; false uses the stored noise
     * buffers (reproducible output). {@code manager} holds the network's weights.
     */
    public GfpganRestorer(GFPGANv1Clean net, NDManager manager, int faceSize, boolean randomizeNoise) {
        this.net = net;
        this.manager = manager;
        this.faceSize = faceSize;
        this.randomizeNoise = randomizeNoise;
    }

    @Override
    public int faceSize() {
        return faceSize;
    }

    @Override
    public byte[] restore(byte[] croppedBgr) {
        GradMode.disableForThisThread();
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = FaceTensors.toInput(croppedBgr, faceSize, 0.5f, 0.5f, scope);
            return FaceTensors.toImage(net.forward(x, randomizeNoise), -1f, 1f);
        }
    }
}
