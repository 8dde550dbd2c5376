package io.sadtalker.core.config;

import java.nio.file.Path;

/**
 * The five standard 3D face landmarks SadTalker's 3DMM alignment ({@code align_img}) fits detected landmarks to:
 * {@code load_lm3d} in {@code src/face3d/util/load_mats.py} reduces the 68 points {@code lm} of
 * {@code similarity_Lm3D_all.mat} to the left eye, right eye, nose tip and the two mouth corners. The SDK carries
 * the result, since the {@code .mat} file is not part of the checkpoint downloads.
 */
public final class Lm3D {
    /** Rows: left eye centre, right eye centre, nose tip, left mouth corner, right mouth corner; columns x, y, z. */
    private static final float[][] STANDARD = {
        {-0.31148657f, 0.29036078f, 0.13377953f},
        {0.30979887f, 0.28972036f, 0.13179526f},
        {0.0032534988f, -0.046179324f, 0.55244243f},
        {-0.25216928f, -0.38133916f, 0.22405732f},
        {0.2484662f, -0.38128236f, 0.22235769f},
    };

    private Lm3D() {
    }

    /** The 5×3 standard points (a fresh copy). */
    public static float[][] standard() {
        return copy(STANDARD);
    }

    /**
     * {@code load_lm3d}'s reduction of 68 landmarks (68×3, float32): point 31 (nose tip), the means of points
     * 37/40 and 43/46 (eye centres, in float32 like numpy), points 49 and 55 (mouth corners), ordered eyes, nose,
     * mouth.
     */
    public static float[][] fromLandmarks68(float[][] lm) {
        if (lm.length != 68) {
            throw new IllegalArgumentException("expected 68 landmarks, got " + lm.length);
        }
        return new float[][] {mean(lm[36], lm[39]), mean(lm[42], lm[45]), lm[30].clone(), lm[48].clone(),
            lm[54].clone()};
    }

    /** {@code load_lm3d} on a {@code similarity_Lm3D_all.mat} file. */
    public static float[][] load(Path mat) {
        return fromLandmarks68(MatFiles.readMatrix(mat, "lm"));
    }

    private static float[] mean(float[] a, float[] b) {
        float[] m = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            m[i] = (a[i] + b[i]) / 2f;
        }
        return m;
    }

    private static float[][] copy(float[][] rows) {
        float[][] c = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i].clone();
        }
        return c;
    }
}
