package io.sadtalker.audio;

import io.sadtalker.testkit.FixtureCase;

/** Fixture tensors as Java arrays. */
public final class Tensors {
    private Tensors() {
    }

    public static float[] input(FixtureCase c, String name) {
        double[] d = c.inputHost(name).data();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** Row-major {@code rows x cols} to {@code cols x rows}. */
    public static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }
}
