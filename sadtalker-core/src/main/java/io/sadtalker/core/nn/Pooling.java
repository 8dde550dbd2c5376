package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * Pooling with PyTorch defaults: {@code ceil_mode=False}, average pooling with {@code count_include_pad=True}
 * (zero padding counts in the divisor), max pooling pads with -inf. Inputs NCHW / NCDHW.
 */
public final class Pooling {
    private Pooling() {
    }

    /** {@code F.avg_pool2d(x, kernel, stride, padding)}. */
    public static NDArray avgPool2d(NDArray x, int kernel, int stride, int padding) {
        return avgPool2d(x, ConvCore.fill(2, kernel), ConvCore.fill(2, stride), ConvCore.fill(2, padding));
    }

    /** {@code F.avg_pool2d} with per-axis kernel, stride and padding (2 values each). */
    public static NDArray avgPool2d(NDArray x, long[] kernel, long[] stride, long[] padding) {
        Geometry.requireRank("avg_pool2d", x, 4);
        return Pool.avgPool2d(x, Geometry.tuple("kernel", kernel, 2, 1), Geometry.tuple("stride", stride, 2, 1),
                checkedPadding(kernel, padding, 2), false, true);
    }

    /** {@code F.max_pool2d(x, kernel, stride, padding)}. */
    public static NDArray maxPool2d(NDArray x, int kernel, int stride, int padding) {
        return maxPool2d(x, ConvCore.fill(2, kernel), ConvCore.fill(2, stride), ConvCore.fill(2, padding));
    }

    /** {@code F.max_pool2d} with per-axis kernel, stride and padding (2 values each). */
    public static NDArray maxPool2d(NDArray x, long[] kernel, long[] stride, long[] padding) {
        Geometry.requireRank("max_pool2d", x, 4);
        return Pool.maxPool2d(x, Geometry.tuple("kernel", kernel, 2, 1), Geometry.tuple("stride", stride, 2, 1),
                checkedPadding(kernel, padding, 2), false);
    }

    /** {@code F.avg_pool3d(x, kernel, stride, padding)}. */
    public static NDArray avgPool3d(NDArray x, int kernel, int stride, int padding) {
        return avgPool3d(x, ConvCore.fill(3, kernel), ConvCore.fill(3, stride), ConvCore.fill(3, padding));
    }

    /** {@code F.avg_pool3d} with per-axis kernel, stride and padding (3 values each), e.g. kernel (1, 2, 2). */
    public static NDArray avgPool3d(NDArray x, long[] kernel, long[] stride, long[] padding) {
        Geometry.requireRank("avg_pool3d", x, 5);
        return Pool.avgPool3d(x, Geometry.tuple("kernel", kernel, 3, 1), Geometry.tuple("stride", stride, 3, 1),
                checkedPadding(kernel, padding, 3), false, true);
    }

    /**
     * {@code F.adaptive_avg_pool2d(x, (outH, outW))}: output cell i averages input rows
     * {@code floor(i*in/out) .. ceil((i+1)*in/out) - 1} (and likewise for columns).
     */
    public static NDArray adaptiveAvgPool2d(NDArray x, int outH, int outW) {
        Geometry.requireRank("adaptive_avg_pool2d", x, 4);
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("adaptive_avg_pool2d output size must be positive: " + outH + "x"
                    + outW);
        }
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (outH == 1 && outW == 1) {
            long[] s = x.getShape().getShape();
            return Scoped.run(() -> x.reshape(s[0], s[1], h * w).mean(new int[] {2}, true).reshape(s[0], s[1], 1, 1));
        }
        if (h % outH == 0 && w % outW == 0) {
            long[] k = {h / outH, w / outW};
            return Pool.avgPool2d(x, new Shape(k), new Shape(k), new Shape(0, 0), false, true);
        }
        return Scoped.run(() -> {
            NDArray rows = x.getManager().create(averagingMatrix(h, outH), new Shape(outH, h));
            NDArray cols = x.getManager().create(averagingMatrix(w, outW), new Shape(outW, w));
            return rows.matMul(x.matMul(cols.transpose()));
        });
    }

    /** Row i of the (out, in) matrix holds 1/len over PyTorch's adaptive window of output cell i. */
    private static float[] averagingMatrix(long in, int out) {
        float[] m = new float[(int) (in * out)];
        for (int i = 0; i < out; i++) {
            long start = Math.floorDiv(i * in, out);
            long end = -Math.floorDiv(-(i + 1) * in, out);
            for (long j = start; j < end; j++) {
                m[(int) (i * in + j)] = 1f / (end - start);
            }
        }
        return m;
    }

    private static Shape checkedPadding(long[] kernel, long[] padding, int dims) {
        Shape p = Geometry.tuple("padding", padding, dims, 0);
        for (int i = 0; i < dims; i++) {
            if (padding[i] * 2 > kernel[i]) {
                throw new IllegalArgumentException("padding " + java.util.Arrays.toString(padding)
                        + " must be at most half the kernel " + java.util.Arrays.toString(kernel));
            }
        }
        return p;
    }
}
