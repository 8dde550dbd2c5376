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

    /**
     * This convolution followed by {@code bn}, folded into one convolution in float64 (the weights stored as float32).
     * Consumes this convolution and {@code bn}: their arrays are closed.
     */
    public Conv1d absorb(BatchNorm bn) {
        return new Conv1d(core().absorb(bn));
    }

    /** A convolution over given arrays ({@code bias} may be null); per-axis stride, padding and dilation. */
    public static Conv1d of(NDArray weight, NDArray bias, long[] stride, long[] padding, long[] dilation, int groups) {
        return new Conv1d(new ConvCore(1, weight, bias, stride, padding, dilation, groups));
    }
}
