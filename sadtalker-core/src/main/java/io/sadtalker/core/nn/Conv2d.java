package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.Weights;

/**
 * {@code torch.nn.Conv2d}: input (N, C, H, W), weight {@code (out, in/groups, k...)} with keys {@code weight} and
 * optional {@code bias}; padding is zeros. Immutable.
 */
public final class Conv2d extends ConvNd<Conv2d> {
    private Conv2d(ConvCore core) {
        super(core);
    }

    @Override
    Conv2d with(ConvCore core) {
        return new Conv2d(core);
    }

    /**
     * Loads a layer of {@code in} to {@code out} channels with a square {@code kernel}: {@code weight}
     * {@code (out, in/groups, k...)} and, when {@code cfg.bias()}, {@code bias} {@code (out)}, each checked
     * against its full shape.
     */
    public static Conv2d load(Weights w, int in, int out, int kernel, ConvConfig cfg) {
        return load(w, in, out, new long[] {kernel}, cfg);
    }

    /** As {@link #load(Weights, int, int, int, ConvConfig)} with one kernel size per axis. */
    public static Conv2d load(Weights w, int in, int out, long[] kernel, ConvConfig cfg) {
        return new Conv2d(ConvCore.load(w, 2, in, out, kernel, cfg));
    }

    /**
     * Loads a spectral-normalised convolution (eval mode, see {@link SpectralNorm}) of {@code in} to {@code out}
     * channels with a square {@code kernel}: {@code weight_orig} {@code (out, in/groups, k, k)}, {@code weight_u},
     * {@code weight_v} and, when {@code cfg.bias()}, {@code bias} {@code (out)}; shapes checked.
     */
    public static Conv2d loadSpectral(Weights w, int in, int out, int kernel, ConvConfig cfg) {
        int groups = cfg.groups();
        NDArray weight = SpectralNorm.weight(w, out, in / groups, kernel, kernel);
        NDArray bias = cfg.bias() ? w.get("bias", out) : null;
        return of(weight, bias, ConvConfig.perAxis("stride", cfg.stride(), 2),
                ConvConfig.perAxis("padding", cfg.padding(), 2), ConvConfig.perAxis("dilation", cfg.dilation(), 2),
                groups);
    }

    /** A convolution over given arrays ({@code bias} may be null); per-axis stride, padding and dilation. */
    public static Conv2d of(NDArray weight, NDArray bias, long[] stride, long[] padding, long[] dilation, int groups) {
        return new Conv2d(new ConvCore(2, weight, bias, stride, padding, dilation, groups));
    }
}
