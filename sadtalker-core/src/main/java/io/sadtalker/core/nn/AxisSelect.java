package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * {@code x.index_select(axis, idx)} for the index patterns of interpolation, done the cheapest exact way:
 * identity, a strided slice ({@code idx[d] = start + k*d}, integer downscaling), a shifted k-fold repeat
 * with edge replication ({@code idx[d] = clamp(floor((d + shift) / k))}, integer upscaling), or otherwise a
 * gather. Entries whose {@code care} flag is false (their interpolation weight is zero) may select any
 * element.
 */
final class AxisSelect {
    private AxisSelect() {
    }

    static NDArray select(NDArray x, int axis, long[] idx, boolean[] care) {
        long in = x.getShape().get(axis);
        int out = idx.length;
        if (out == in && matches(idx, care, d -> d)) {
            return x;
        }
        if (in % out == 0) {
            long k = in / out;
            for (long start = 0; start < k; start++) {
                long s = start;
                if (matches(idx, care, d -> s + k * d)) {
                    return slice(x, axis, s, s + k * (out - 1) + 1, k).duplicate(); // no view of x escapes
                }
            }
        }
        if (out % in == 0) {
            long k = out / in;
            for (long shift = -k; shift <= k; shift++) {
                long s = shift;
                if (matches(idx, care, d -> Math.min(Math.max(Math.floorDiv(d + s, k), 0), in - 1))) {
                    return shiftedRepeat(x, axis, k, s);
                }
            }
        }
        long[] outShape = x.getShape().getShape().clone(); // getShape() exposes the array itself
        outShape[axis] = out;
        long[] along = new long[outShape.length];
        java.util.Arrays.fill(along, 1);
        along[axis] = out;
        NDArray index = x.getManager().create(idx, new Shape(along));
        return x.gather(index.broadcast(new Shape(outShape)), axis);
    }

    private static boolean matches(long[] idx, boolean[] care, java.util.function.LongUnaryOperator pattern) {
        for (int d = 0; d < idx.length; d++) {
            if (care[d] && idx[d] != pattern.applyAsLong(d)) {
                return false;
            }
        }
        return true;
    }

    /** Each element repeated k times along {@code axis}, then shifted by {@code shift} with edge replication. */
    private static NDArray shiftedRepeat(NDArray x, int axis, long k, long shift) {
        long[] s = x.getShape().getShape();
        long in = s[axis];
        long[] expanded = new long[s.length + 1];
        long[] merged = s.clone();
        for (int i = 0, j = 0; i < s.length; i++) {
            expanded[j++] = s[i];
            if (i == axis) {
                expanded[j++] = k;
            }
        }
        merged[axis] = in * k;
        long[] single = expanded.clone();
        single[axis + 1] = 1;
        NDArray repeated = x.reshape(new Shape(single)).broadcast(new Shape(expanded)).reshape(new Shape(merged));
        long out = in * k;
        if (shift == 0) {
            return repeated;
        }
        NDList parts = new NDList();
        if (shift < 0) {
            parts.add(edge(repeated, axis, 0, -shift));
            parts.add(slice(repeated, axis, 0, out + shift, 1));
        } else {
            parts.add(slice(repeated, axis, shift, out, 1));
            parts.add(edge(repeated, axis, out - 1, shift));
        }
        return NDArrays.concat(parts, axis);
    }

    /** Element {@code at} of {@code axis}, repeated {@code times} times along it. */
    private static NDArray edge(NDArray x, int axis, long at, long times) {
        long[] shape = x.getShape().getShape().clone();
        shape[axis] = times;
        return slice(x, axis, at, at + 1, 1).broadcast(new Shape(shape));
    }

    static NDArray slice(NDArray x, int axis, long start, long stop, long step) {
        NDIndex index = new NDIndex();
        for (int i = 0; i < axis; i++) {
            index.addAllDim();
        }
        return x.get(index.addSliceDim(start, stop, step));
    }
}
