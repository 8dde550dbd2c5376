package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Standardisation shared by the instance and group norms. */
final class Moments {
    private Moments() {
    }

    /**
     * For {@code x} of shape (N, G, M): each (n, g) row minus its mean, over the square root of its biased variance
     * plus {@code eps}, as PyTorch's instance and group norms compute before their affine step. Runs as libtorch's
     * fused layer norm over the last axis (one read for the statistics, one for the result, instead of five
     * passes of separate mean, centre, square and scale ops).
     */
    static NDArray standardize(NDArray x, float eps) {
        long[] s = x.getShape().getShape();
        long rows = s[0] * s[1];
        Shape row = new Shape(s[2]);
        NDManager manager = x.getManager();
        return x.getNDArrayInternal()
                .layerNorm(x.reshape(rows, s[2]), row, manager.ones(row), manager.zeros(row), eps)
                .singletonOrThrow().reshape(x.getShape());
    }
}
