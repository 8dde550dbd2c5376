package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Runs an op body inside an {@link NDScope} so that its temporaries are freed on return; only the result
 * survives, handed to the caller's own scope if it has one. Thread-safe (scopes are per thread).
 */
public final class Scoped {
    private Scoped() {
    }

    /**
     * Runs {@code body} in a new scope and returns its result, which is kept (registered to the enclosing scope,
     * if any) while every other NDArray created in the body is closed.
     */
    public static NDArray run(Supplier<NDArray> body) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            out = body.get();
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }
}
