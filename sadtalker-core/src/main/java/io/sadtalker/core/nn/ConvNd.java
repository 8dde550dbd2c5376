package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;

/**
 * What {@link Conv1d}, {@link Conv2d} and {@link Conv3d} share: the bound weights, the forward pass and batch-norm
 * folding. Immutable.
 *
 * @param <T> the concrete convolution type
 */
public abstract class ConvNd<T extends ConvNd<T>> implements Convolution {
    private final ConvCore core;

    ConvNd(ConvCore core) {
        this.core = core;
    }

    ConvCore core() {
        return core;
    }

    /** A convolution of this type over {@code core}. */
    abstract T with(ConvCore core);

    /**
     * This convolution followed by {@code bn}, folded into one convolution in float64 (the weights stored as float32).
     * Consumes this convolution and {@code bn}: their arrays are closed.
     */
    public final T absorb(BatchNorm bn) {
        return with(core.absorb(bn));
    }

    /** Applies the convolution to {@code x}. */
    @Override
    public NDArray forward(NDArray x) {
        return core.forward(x);
    }

    /** The weight {@code (out, in/groups, k...)}. */
    public NDArray weight() {
        return core.weight;
    }

    /** The bias {@code (out)}, or null. */
    public NDArray bias() {
        return core.bias;
    }
}
