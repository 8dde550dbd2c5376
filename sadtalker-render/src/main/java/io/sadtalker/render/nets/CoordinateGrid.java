package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** {@code util.make_coordinate_grid} and {@code util.kp2gaussian}. */
final class CoordinateGrid {
    private CoordinateGrid() {
    }

    /** The (d, h, w, 3) grid of (x, y, z) in [-1, 1], each axis {@code 2 * (i / (n - 1)) - 1}. */
    static NDArray make(NDManager manager, long d, long h, long w) {
        Shape full = new Shape(d, h, w);
        NDArray x = axis(manager, w).reshape(1, 1, w).broadcast(full);
        NDArray y = axis(manager, h).reshape(1, h, 1).broadcast(full);
        NDArray z = axis(manager, d).reshape(d, 1, 1).broadcast(full);
        return NDArrays.stack(new NDList(x, y, z), 3);
    }

    private static NDArray axis(NDManager manager, long n) {
        return manager.arange(0, (int) n, 1, DataType.FLOAT32).div((float) (n - 1)).mul(2f).sub(1f);
    }

    /**
     * Gaussian blobs {@code exp(-0.5 * |grid - kp|^2 / variance)} for keypoints (B, K, 3) on {@code grid}
     * (d, h, w, 3): (B, K, d, h, w).
     */
    static NDArray kp2gaussian(NDArray kp, NDArray grid, float variance) {
        long b = kp.getShape().get(0);
        long k = kp.getShape().get(1);
        NDArray meanSub = kp.reshape(b, k, 1, 1, 1, 3).neg().add(grid);
        return meanSub.square().sum(new int[] {-1}).mul(-0.5f).div(variance).exp();
    }
}
