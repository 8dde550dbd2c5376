package io.sadtalker.enhance.restoreformer;

import ai.djl.ndarray.NDArray;
import io.sadtalker.core.nn.Activations;

/** The vqvae arch's {@code nonlinearity}. */
final class Nonlinearity {
    private Nonlinearity() {
    }

    /** Swish, {@code x * sigmoid(x)}. */
    static NDArray swish(NDArray x) {
        return x.mul(Activations.sigmoid(x));
    }
}
