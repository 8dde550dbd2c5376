package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.Weights;

/**
 * {@code torch.nn.Linear}: {@code y = x @ weight^T + bias} over the last axis; keys {@code weight} and optional
 * {@code bias}. Immutable.
 */
public final class Linear {
    private final NDArray weight;
    private final NDArray bias;

    private Linear(NDArray weight, NDArray bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** Loads {@code weight} {@code (out, in)} and {@code bias} {@code (out)}, each checked against its full shape. */
    public static Linear load(Weights w, int in, int out) {
        return load(w, in, out, true);
    }

    /** Loads {@code weight} {@code (out, in)} and, when {@code bias}, {@code bias} {@code (out)}; shapes checked. */
    public static Linear load(Weights w, int in, int out, boolean bias) {
        return new Linear(w.get("weight", out, in), bias ? w.get("bias", out) : null);
    }

    /** A linear layer over given arrays ({@code bias} may be null). */
    public static Linear of(NDArray weight, NDArray bias) {
        return new Linear(weight, bias);
    }

    /** Applies the layer to {@code x} (..., in). */
    public NDArray forward(NDArray x) {
        long in = weight.getShape().get(1);
        if (x.getShape().dimension() < 1 || x.getShape().get(x.getShape().dimension() - 1) != in) {
            throw new IllegalArgumentException("linear expects (..., " + in + "), got shape " + x.getShape());
        }
        return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
    }

    /** The weight (out, in). */
    public NDArray weight() {
        return weight;
    }

    /** The bias (out), or null. */
    public NDArray bias() {
        return bias;
    }
}
