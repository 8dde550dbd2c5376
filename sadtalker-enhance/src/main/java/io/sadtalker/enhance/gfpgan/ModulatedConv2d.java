package io.sadtalker.enhance.gfpgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.nn.BilinearUpsampledConv;
import io.sadtalker.core.nn.Conv2d;
import io.sadtalker.core.nn.Convolution;
import io.sadtalker.core.nn.Interpolate;
import io.sadtalker.core.nn.Linear;
import io.sadtalker.core.nn.WinogradConv;
import io.sadtalker.core.weights.Weights;

/**
 * StyleGAN2 {@code ModulatedConv2d} of the clean arch ({@code stylegan2_clean_arch.py}): the weight
 * {@code (1, out, in, k, k)} is scaled per sample by {@code modulation(style)}, optionally demodulated
 * ({@code rsqrt(sum w^2 + 1e-8)}), and applied as a grouped convolution; no bias, no run-time weight rescale. The
 * layer that follows may fold a constant gain and its bias into the call ({@link #forward}: the kernels scaled, the
 * bias added by the convolution itself, instead of two more passes over the output).
 * An {@code upsample} layer resizes the input 2x bilinearly (align_corners false) before the convolution; for one
 * sample the pair runs as a {@link BilinearUpsampledConv} (a quarter of the multiply-adds). Where
 * {@link WinogradConv#orDirect} picks Winograd for the 3x3 kernels (at least 256 outputs), one sample's conv on a
 * map where it {@link WinogradConv#pays} runs as it: the kernels are transformed once at load, and each call scales
 * the transformed kernels by the style and demodulation factors (the transform is linear: the same sums, float
 * rounding only).
 */
final class ModulatedConv2d {
    private static final double EPS = 1e-8;

    private final Linear modulation;
    private final NDArray weight;
    private final boolean demodulate;
    private final boolean upsample;
    private final int outChannels;
    private final int inChannels;
    private final int kernel;
    private final WinogradConv winograd;

    private ModulatedConv2d(Linear modulation, NDArray weight, boolean demodulate, boolean upsample) {
        this.modulation = modulation;
        this.weight = weight;
        this.demodulate = demodulate;
        this.upsample = upsample;
        long[] s = weight.getShape().getShape();
        this.outChannels = (int) s[1];
        this.inChannels = (int) s[2];
        this.kernel = (int) s[3];
        Convolution fast = WinogradConv.orDirect(Conv2d.of(weight.reshape(outChannels, inChannels, kernel, kernel),
                null, new long[] {1, 1}, new long[] {kernel / 2, kernel / 2}, new long[] {1, 1}, 1));
        this.winograd = fast instanceof WinogradConv w ? w : null;
    }

    /**
     * {@code ModulatedConv2d(in, out, kernel, num_style_feat, demodulate, sample_mode)}: {@code weight}
     * (1, out, in, k, k) and {@code modulation} num_style_feat -> in.
     */
    static ModulatedConv2d load(Weights w, int in, int out, int kernel, int numStyleFeat, boolean demodulate,
                                boolean upsample) {
        NDArray weight = w.get("weight", 1, out, in, kernel, kernel);
        Linear modulation = Linear.load(w.prefix("modulation"), numStyleFeat, in);
        return new ModulatedConv2d(modulation, weight, demodulate, upsample);
    }

    /**
     * {@code gain * conv(x) + bias}: x (b, in, h, w), style (b, num_style_feat), bias (out) or null ->
     * (b, out, h', w').
     */
    NDArray forward(NDArray x, NDArray style, float gain, NDArray bias) {
        long b = x.getShape().get(0);
        NDArray s = modulation.forward(style).reshape(b, 1, inChannels, 1, 1);
        NDArray w = weight.mul(s); // (b, out, in, k, k)
        NDArray demod = demodulate ? w.square().sum(new int[] {2, 3, 4}).add(EPS).sqrt().pow(-1) : null; // (b, out)
        NDArray outScale = demod == null ? (gain == 1f ? null : w.getManager().full(new Shape(b, outChannels), gain))
                : gain == 1f ? demod : demod.mul(gain);
        if (upsample && b == 1 && kernel == 3) {
            return BilinearUpsampledConv.apply(sampleConv(w, outScale, bias, b), x);
        }
        NDArray in = upsample ? Interpolate.bilinearScale(x, 2, 2, false) : x;
        if (b == 1 && winograd != null && winograd.pays(in)) {
            return winograd.scaled(outScale == null ? null : outScale.reshape(outChannels), s.reshape(inChannels), bias)
                    .forward(in);
        }
        long h = in.getShape().get(2);
        long wd = in.getShape().get(3);
        NDArray out = sampleConv(w, outScale, bias, b).forward(in.reshape(1, b * inChannels, h, wd));
        return out.reshape(new Shape(b, outChannels, out.getShape().get(2), out.getShape().get(3)));
    }

    /**
     * The batch's convs as one grouped conv of (1, b * in, h, w): the style-scaled kernels {@code w}
     * (b, out, in, k, k), times {@code outScale} (b, out) unless null, padding k / 2, {@code bias} per sample.
     */
    private Conv2d sampleConv(NDArray w, NDArray outScale, NDArray bias, long b) {
        NDArray k = outScale == null ? w : w.mul(outScale.reshape(b, outChannels, 1, 1, 1));
        long pad = kernel / 2;
        NDArray groupedBias = bias == null ? null : b == 1 ? bias : bias.tile(b);
        return Conv2d.of(k.reshape(b * outChannels, inChannels, kernel, kernel), groupedBias, new long[] {1, 1},
                new long[] {pad, pad}, new long[] {1, 1}, (int) b);
    }
}
