package io.sadtalker.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** Argument checks and small conversions shared by the layers and functional ops. */
final class Geometry {
    private Geometry() {
    }

    /** {@code value} repeated {@code dims} times, as a DJL shape. */
    static Shape repeat(long value, int dims) {
        long[] a = new long[dims];
        Arrays.fill(a, value);
        return new Shape(a);
    }

    /** Checks that {@code values} has {@code dims} entries, each at least {@code min}. */
    static Shape tuple(String what, long[] values, int dims, long min) {
        if (values.length != dims) {
            throw new IllegalArgumentException(what + " needs " + dims + " values, got " + Arrays.toString(values));
        }
        for (long v : values) {
            if (v < min) {
                throw new IllegalArgumentException(what + " must be >= " + min + ", got " + Arrays.toString(values));
            }
        }
        return new Shape(values.clone());
    }

    /** Throws unless {@code x} has {@code rank} dimensions. */
    static void requireRank(String op, NDArray x, int... ranks) {
        for (int r : ranks) {
            if (x.getShape().dimension() == r) {
                return;
            }
        }
        throw new IllegalArgumentException(op + " expects a tensor of rank " + Arrays.toString(ranks) + ", got shape "
                + x.getShape());
    }
}
