package io.sadtalker.enhance.gfpgan;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Activations;
import io.sadtalker.core.weights.Weights;

/**
 * StyleGAN2 {@code StyleConv}: modulated 3x3 conv (demodulated) times sqrt(2), noise injection
 * {@code + weight * noise}, bias, LeakyReLU(0.2). The sqrt(2) and the bias are folded into the modulated conv (its
 * kernels scaled, the bias added by the convolution): the same sums reordered, float rounding only.
 */
final class StyleConv {
    private static final float SQRT2 = (float) Math.sqrt(2.0);

    private final ModulatedConv2d modulatedConv;
    private final NDArray weight;
    private final NDArray bias;

    private StyleConv(ModulatedConv2d modulatedConv, NDArray weight, NDArray bias) {
        this.modulatedConv = modulatedConv;
        this.weight = weight;
        this.bias = bias;
    }

    /**
     * {@code StyleConv(in, out, 3, num_style_feat, demodulate=True, sample_mode)}: {@code modulated_conv}, the noise
     * strength {@code weight} (1) and {@code bias} (1, out, 1, 1).
     */
    static StyleConv load(Weights w, int in, int out, int numStyleFeat, boolean upsample) {
        ModulatedConv2d conv = ModulatedConv2d.load(w.prefix("modulated_conv"), in, out, 3, numStyleFeat, true,
                upsample);
        NDArray weight = w.get("weight", 1);
        NDArray bias = w.get("bias", 1, out, 1, 1).reshape(out);
        return new StyleConv(conv, weight, bias);
    }

    /** x (b, in, h, w), style (b, num_style_feat), noise (1 or b, 1, H, W) at the output's resolution. */
    NDArray forward(NDArray x, NDArray style, NDArray noise) {
        // the conv's output is fresh: noised in place
        NDArray out = modulatedConv.forward(x, style, SQRT2, bias).addi(noise.mul(weight));
        return Activations.leakyRelu(out, 0.2);
    }
}
