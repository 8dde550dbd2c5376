package io.sadtalker.enhance.restoreformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.sadtalker.core.nn.Activations;
import java.util.function.Supplier;

/** Runs a block body in an {@link NDScope}: its temporaries are freed on return, only the result survives. */
final class Scoped {
    private Scoped() {
    }

    static NDArray run(Supplier<NDArray> body) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            out = body.get();
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }

    /** {@code nonlinearity}: swish, {@code x * sigmoid(x)}. */
    static NDArray swish(NDArray x) {
        return x.mul(Activations.sigmoid(x));
    }
}
