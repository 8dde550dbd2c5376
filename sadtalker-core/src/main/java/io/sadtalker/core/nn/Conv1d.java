package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.weights.Weights;

/**
 * {@code torch.nn.Conv1d}: input (N, C, L), weight {@code (out, in/groups, k)} with keys {@code weight} and
 * optional {@code bias}; padding is zeros. Immutable.
 */
public final class Conv1d extends ConvNd<Conv1d> {
    private Conv1d(ConvCore core) {
        super(core);
    }

    @Override
    Conv1d with(ConvCore core) {
        return new Conv1d(core);
    }

    /**
     * Loads a layer of {@code in} to {@code out} channels with a kernel of {@code kernel} taps: {@code weight}
     * {@code (out, in/groups, kernel)} and, when {@code cfg.bias()}, {@code bias} {@code (out)}, each checked
     * against its full shape.
     */
    public static Conv1d load(Weights w, int in, int out, int kernel, ConvConfig cfg) {
        return new Conv1d(ConvCore.load(w, 1, in, out, new long[] {kernel}, cfg));
    }

    /** A convolution over given arrays ({@code bias} may be null); per-axis stride, padding and dilation. */
    public static Conv1d of(NDArray weight, NDArray bias, long[] stride, long[] padding, long[] dilation, int groups) {
        return new Conv1d(new ConvCore(1, weight, bias, stride, padding, dilation, groups));
    }
}
