package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.function.Function;
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

    /**
     * Runs one call of a network whose result is copied out to plain Java values: {@code body} gets a new
     * sub-manager of {@code parent} for its inputs, and every NDArray created while it runs is freed on return.
     * That includes results DJL attaches to a weight's manager (an op's result belongs to its first operand's
     * manager, so {@code weight.mul(x)} would otherwise live as long as the model), which a sub-manager alone
     * does not catch.
     */
    public static <T> T call(NDManager parent, Function<NDManager, T> body) {
        try (NDManager scope = parent.newSubManager(); NDScope arrays = new NDScope()) {
            arrays.suppressNotUsedWarning();
            return body.apply(scope);
        }
    }
}
