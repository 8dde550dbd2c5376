package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Element-wise activations and softmax with PyTorch semantics. */
public final class Activations {
    private Activations() {
    }

    /** {@code max(x, 0)}. */
    public static NDArray relu(NDArray x) {
        return Activation.relu(x);
    }

    /** {@code x} where positive, else {@code slope * x} ({@code F.leaky_relu}). */
    public static NDArray leakyRelu(NDArray x, double slope) {
        return Activation.leakyRelu(x, (float) slope);
    }

    /** {@code 1 / (1 + exp(-x))}. */
    public static NDArray sigmoid(NDArray x) {
        return Activation.sigmoid(x);
    }

    /** Hyperbolic tangent. */
    public static NDArray tanh(NDArray x) {
        return Activation.tanh(x);
    }

    /** Softmax along {@code axis} (negative counts from the end). */
    public static NDArray softmax(NDArray x, int axis) {
        return x.softmax(axis);
    }

    /** {@code torch.nn.PReLU}: {@code x} where positive, else {@code weight[c] * x}, weight (1) or (C) on axis 1. */
    public static NDArray prelu(NDArray x, NDArray weight) {
        if (weight.getShape().size() == 1) {
            return Scoped.run(() -> x.maximum(0).add(x.minimum(0).mul(weight.reshape())));
        }
        long[] shape = new long[x.getShape().dimension()];
        java.util.Arrays.fill(shape, 1);
        shape[1] = weight.getShape().size();
        return Scoped.run(() -> x.maximum(0).add(x.minimum(0).mul(weight.reshape(shape))));
    }
}
