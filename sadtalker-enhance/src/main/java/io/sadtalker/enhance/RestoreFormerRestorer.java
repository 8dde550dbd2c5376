package io.sadtalker.enhance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.GradMode;
import io.sadtalker.enhance.restoreformer.RestoreFormer;

/**
 * The restore step of {@code GFPGANer.enhance} with {@code arch='RestoreFormer'}: {@code (bgr->rgb)/255} normalised
 * to [-1, 1], {@code net(x)[0]}, {@code tensor2img(min_max=(-1, 1))}. Safe for concurrent calls (each call switches
 * grad mode off for its thread and uses its own NDManager scope).
 */
public final class RestoreFormerRestorer implements FaceRestorer {
    private final RestoreFormer net;
    private final NDManager manager;
    private final int faceSize;

    /** {@code manager} holds the network's weights; {@code faceSize} is the network's resolution (512). */
    public RestoreFormerRestorer(RestoreFormer net, NDManager manager, int faceSize) {
        this.net = net;
        this.manager = manager;
        this.faceSize = faceSize;
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
            return FaceTensors.toImage(net.forward(x).dec(), -1f, 1f);
        }
    }
}
