package io.sadtalker.audio.coeff;

import io.sadtalker.core.FaceCoefficients;

/**
 * Reference coefficients from videos, as {@code get_data} (eye blink) and {@code Audio2Coeff.using_refpose}: a
 * reference with {@code N < T} rows is tiled ({@code T // N} copies, then its first {@code T % N} rows) and cut to
 * {@code T} rows.
 */
final class ReferenceCoefficients {
    private ReferenceCoefficients() {
    }

    /** Columns {@code [from, from + width)} of {@code ref}, tiled to {@code frames} rows, row-major. */
    static float[] tiled(FaceCoefficients ref, int from, int width, int frames) {
        float[] all = ref.coeff73();
        int n = ref.frames();
        float[] out = new float[frames * width];
        for (int t = 0; t < frames; t++) {
            System.arraycopy(all, (t % n) * FaceCoefficients.WIDTH + from, out, t * width, width);
        }
        return out;
    }

    /**
     * {@code using_refpose}: {@code coeffs[:, 64:70] += ref[:T] - ref[0]} with {@code ref = refpose[:, 64:70]} tiled;
     * {@code coeffs} is {@code T x 70} row-major, float32 arithmetic as numpy on the float32 arrays.
     */
    static void applyRefPose(float[] coeffs, int frames, FaceCoefficients refPose) {
        float[] pose = tiled(refPose, 64, 6, frames);
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < 6; j++) {
                coeffs[t * 70 + 64 + j] += pose[t * 6 + j] - pose[j];
            }
        }
    }
}
