package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.weights.Weights;

/**
 * {@code torch.nn.Conv1d}: input (N, C, L), weight {@code (out, in/groups, k...)} with keys {@code weight} and
 * optional {@code bias}; padding is zeros. Immutable.
 */
public final class Conv1d extends ConvNd {
    private Conv1d(ConvCore core) {
        super(core);
    }

    /**
     * Loads a layer of {@code in} to {@code out} channels with a square {@code kernel}: {@code weight}
     * {@code (out, in/groups, k...)} and, when {@code cfg.bias()}, {@code bias} {@code (out)}, each checked
     * against its full shape.
     */
    public static Conv1d load(Weights w, int in, int out, int kernel, ConvConfig cfg) {
        return load(w, in, out, new long[] {kernel}, cfg);
    }

    /** As {@link #load(Weights, int, int, int, ConvConfig)} with one kernel size per axis. */
    public static Conv1d load(Weights w, int in, int out, long[] kernel, ConvConfig cfg) {
        return new Conv1d(ConvCore.load(w, 1, in, out, kernel, cfg));
    }

    /** This convolution followed by {@code bn}, folded into one convolution (see {@code ConvCore}). */
    public Conv1d absorb(BatchNorm bn) {
        return new Conv1d(core().absorb(bn));
    }

    /** Loads {@code weight} and optional {@code bias}; the same stride and padding on every axis. */
    public static Conv1d load(Weights w, int stride, int padding) {
        return load(w, stride, padding, 1, 1);
    }

    /** Loads {@code weight} and optional {@code bias}; the same stride, padding and dilation on every axis. */
    public static Conv1d load(Weights w, int stride, int padding, int dilation, int groups) {
        return load(w, ConvCore.fill(1, stride), ConvCore.fill(1, padding), ConvCore.fill(1, dilation), groups);
    }

    /** Loads {@code weight} and optional {@code bias}; per-axis stride, padding and dilation (1 values each). */
    public static Conv1d load(Weights w, long[] stride, long[] padding, long[] dilation, int groups) {
        return new Conv1d(ConvCore.load(w, 1, stride, padding, dilation, groups));
    }

    /** A convolution over given arrays ({@code bias} may be null); per-axis stride, padding and dilation. */
    public static Conv1d of(NDArray weight, NDArray bias, long[] stride, long[] padding, long[] dilation, int groups) {
        return new Conv1d(new ConvCore(1, weight, bias, stride, padding, dilation, groups));
    }
}
