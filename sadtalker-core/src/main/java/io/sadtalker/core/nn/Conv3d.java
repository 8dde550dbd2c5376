package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.weights.Weights;

/**
 * {@code torch.nn.Conv3d}: input (N, C, D, H, W), weight {@code (out, in/groups, k...)} with keys {@code weight} and
 * optional {@code bias}; padding is zeros. Immutable.
 */
public final class Conv3d extends ConvNd<Conv3d> {
    private Conv3d(ConvCore core) {
        super(core);
    }

    @Override
    Conv3d with(ConvCore core) {
        return new Conv3d(core);
    }

    /**
     * Loads a layer of {@code in} to {@code out} channels with a square {@code kernel}: {@code weight}
     * {@code (out, in/groups, k...)} and, when {@code cfg.bias()}, {@code bias} {@code (out)}, each checked
     * against its full shape.
     */
    public static Conv3d load(Weights w, int in, int out, int kernel, ConvConfig cfg) {
        return load(w, in, out, new long[] {kernel}, cfg);
    }

    /** As {@link #load(Weights, int, int, int, ConvConfig)} with one kernel size per axis. */
    public static Conv3d load(Weights w, int in, int out, long[] kernel, ConvConfig cfg) {
        return new Conv3d(ConvCore.load(w, 3, in, out, kernel, cfg));
    }

    /** A convolution over given arrays ({@code bias} may be null); per-axis stride, padding and dilation. */
    public static Conv3d of(NDArray weight, NDArray bias, long[] stride, long[] padding, long[] dilation, int groups) {
        return new Conv3d(new ConvCore(3, weight, bias, stride, padding, dilation, groups));
    }
}
