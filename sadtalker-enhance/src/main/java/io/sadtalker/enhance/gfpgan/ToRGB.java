package io.sadtalker.enhance.gfpgan;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Interpolate;
import io.sadtalker.core.weights.Weights;

/** StyleGAN2 {@code ToRGB}: modulated 1x1 conv (no demodulation) + bias, plus the 2x bilinear upsampled skip. */
final class ToRGB {
    private final ModulatedConv2d modulatedConv;
    private final NDArray bias;
    private final boolean upsample;

    private ToRGB(ModulatedConv2d modulatedConv, NDArray bias, boolean upsample) {
        this.modulatedConv = modulatedConv;
        this.bias = bias;
        this.upsample = upsample;
    }

    /** {@code ToRGB(in, num_style_feat, upsample)}: {@code modulated_conv} in -> 3, 1x1, and {@code bias}. */
    static ToRGB load(Weights w, int in, int numStyleFeat, boolean upsample) {
        ModulatedConv2d conv = ModulatedConv2d.load(w.prefix("modulated_conv"), in, 3, 1, numStyleFeat, false, false);
        return new ToRGB(conv, w.get("bias", 1, 3, 1, 1).reshape(3), upsample);
    }

    /** x (b, c, h, w), style (b, num_style_feat), skip (b, 3, h/2, w/2) or null. */
    NDArray forward(NDArray x, NDArray style, NDArray skip) {
        NDArray out = modulatedConv.forward(x, style, 1f, bias);
        if (skip != null) {
            out.addi(upsample ? Interpolate.bilinearScale(skip, 2, 2, false) : skip);
        }
        return out;
    }
}
