package io.sadtalker.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * A tensor on the Java heap as exact doubles (float32, int64 up to 2^53 and uint8 values are all exact), with
 * the few operations the parity checks need: numpy slicing, argmax, concatenation.
 */
public record HostTensor(long[] shape, double[] data) {
    public HostTensor {
        shape = shape.clone();
        if (count(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + count(shape)
                    + " values, got " + data.length);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Copies an NDArray of any numeric type (uint8 read unsigned). */
    public static HostTensor of(NDArray array) {
        try (NDArray d = array.toType(DataType.FLOAT64, true)) {
            return new HostTensor(array.getShape().getShape(), d.toDoubleArray());
        }
    }

    /** Row-major {@code values} of shape {@code shape}. */
    public static HostTensor of(float[] values, long... shape) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new HostTensor(shape, d);
    }

    /** Row-major {@code values} of shape {@code shape} (copied). */
    public static HostTensor of(double[] values, long... shape) {
        return new HostTensor(shape, values.clone());
    }

    /** Row-major {@code values} of shape {@code shape}. */
    public static HostTensor of(int[] values, long... shape) {
        return new HostTensor(shape, Arrays.stream(values).asDoubleStream().toArray());
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** The multi-dimensional index of flat (row-major) position {@code flat}. */
    public long[] unravel(long flat) {
        long[] idx = new long[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            idx[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return idx;
    }

    /** numpy basic indexing, e.g. {@code slice(NumpySlice.parse("[:, 64:70]"))}. */
    public HostTensor slice(NumpySlice s) {
        boolean[] keep = new boolean[shape.length];
        long[][] sel = s.select(shape, keep);
        long[] strides = strides(shape);
        int n = 1;
        for (long[] axis : sel) {
            n = Math.multiplyExact(n, axis.length);
        }
        double[] out = new double[n];
        int[] pos = new int[shape.length];
        for (int o = 0; o < n; o++) {
            long src = 0;
            for (int axis = 0; axis < shape.length; axis++) {
                src += sel[axis][pos[axis]] * strides[axis];
            }
            out[o] = data[(int) src];
            for (int axis = shape.length - 1; axis >= 0; axis--) {
                if (++pos[axis] < sel[axis].length) {
                    break;
                }
                pos[axis] = 0;
            }
        }
        long[] outShape = new long[shape.length];
        int r = 0;
        for (int axis = 0; axis < shape.length; axis++) {
            if (keep[axis]) {
                outShape[r++] = sel[axis].length;
            }
        }
        return new HostTensor(Arrays.copyOf(outShape, r), out);
    }

    /** Index of the maximum along {@code axis} (numpy: the lowest index on ties), that axis removed. */
    public HostTensor argmax(int axis) {
        int a = axis < 0 ? axis + shape.length : axis;
        long len = shape[a];
        long inner = count(Arrays.copyOfRange(shape, a + 1, shape.length));
        long outer = count(Arrays.copyOfRange(shape, 0, a));
        double[] out = new double[(int) (outer * inner)];
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long base = o * len * inner + i;
                int best = 0;
                for (int k = 1; k < len; k++) {
                    if (data[(int) (base + k * inner)] > data[(int) (base + best * inner)]) {
                        best = k;
                    }
                }
                out[(int) (o * inner + i)] = best;
            }
        }
        long[] outShape = new long[shape.length - 1];
        System.arraycopy(shape, 0, outShape, 0, a);
        System.arraycopy(shape, a + 1, outShape, a, shape.length - a - 1);
        return new HostTensor(outShape, out);
    }

    /** numpy {@code concatenate(parts, axis)}. */
    public static HostTensor concat(List<HostTensor> parts, int axis) {
        HostTensor first = parts.get(0);
        int a = axis < 0 ? axis + first.shape.length : axis;
        long[] outShape = first.shape();
        outShape[a] = 0;
        for (HostTensor p : parts) {
            if (!sameExcept(p.shape, first.shape, a)) {
                throw new IllegalArgumentException("cannot concatenate shapes " + Arrays.toString(p.shape) + " and "
                        + Arrays.toString(first.shape) + " along axis " + a);
            }
            outShape[a] += p.shape[a];
        }
        long outer = count(Arrays.copyOfRange(outShape, 0, a));
        double[] out = new double[(int) count(outShape)];
        int o = 0;
        for (long row = 0; row < outer; row++) {
            for (HostTensor p : parts) {
                int block = (int) (p.data.length / outer);
                System.arraycopy(p.data, (int) (row * block), out, o, block);
                o += block;
            }
        }
        return new HostTensor(outShape, out);
    }

    private static boolean sameExcept(long[] x, long[] y, int axis) {
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (i != axis && x[i] != y[i]) {
                return false;
            }
        }
        return true;
    }

    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }
}
