package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;

/** What {@link Conv1d}, {@link Conv2d} and {@link Conv3d} share: the bound weights and the forward pass. Immutable. */
public abstract class ConvNd implements Convolution {
    private final ConvCore core;

    ConvNd(ConvCore core) {
        this.core = core;
    }

    ConvCore core() {
        return core;
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
