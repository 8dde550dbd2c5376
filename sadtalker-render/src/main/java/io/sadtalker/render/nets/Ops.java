package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/** Small tensor helpers shared by the facevid2vid blocks (PyTorch semantics). */
final class Ops {
    private Ops() {
    }

    /**
     * {@code F.interpolate(x, scale_factor=f)} in 'nearest' mode for an integer factor on the last two axes
     * (each value repeated {@code f x f} times), for 4-D and 5-D tensors.
     */
    static NDArray upsampleNearest(NDArray x, int f) {
        long[] s = x.getShape().getShape();
        int n = s.length;
        long h = s[n - 2];
        long w = s[n - 1];
        long[] lead = java.util.Arrays.copyOf(s, n - 2);
        Shape split = new Shape(lead).addAll(new Shape(h, 1, w, 1));
        Shape expanded = new Shape(lead).addAll(new Shape(h, f, w, f));
        Shape out = new Shape(lead).addAll(new Shape(h * f, w * f));
        return x.reshape(split).broadcast(expanded).reshape(out);
    }

    /** {@code nn.AvgPool2d(2)} on NCHW, or {@code nn.AvgPool3d((1, 2, 2))} on NCDHW. */
    static NDArray avgPoolHalf(NDArray x) {
        if (x.getShape().dimension() == 4) {
            return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
        }
        return Pool.avgPool3d(x, new Shape(1, 2, 2), new Shape(1, 2, 2), new Shape(0, 0, 0), false, true);
    }
}
