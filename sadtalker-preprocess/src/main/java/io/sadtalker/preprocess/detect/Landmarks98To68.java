package io.sadtalker.preprocess.detect;

/**
 * facexlib {@code alignment/convert_98_to_68_landmarks.py} {@code landmark_98_to_68}: WFLW 98 points to iBUG 68
 * points (cheek every other point, nose, mouth, eyebrows averaged from upper/lower contour, eyes). The result is
 * float32 as in the original; averages are taken in the input's precision (float64 for {@code get_landmarks}'
 * output) before that cast.
 */
final class Landmarks98To68 {
    private static final int[] LEFT_EYE_68 = {36, 37, 38, 39, 40, 41};
    private static final int[] LEFT_EYE_98 = {60, 61, 63, 64, 65, 67};
    private static final int[] RIGHT_EYE_68 = {42, 43, 44, 45, 46, 47};
    private static final int[] RIGHT_EYE_98 = {68, 69, 71, 72, 73, 75};
    private static final int[][] EYEBROW_MEANS = {{18, 34, 41}, {19, 35, 40}, {20, 36, 39}, {21, 37, 38},
        {22, 42, 50}, {23, 43, 49}, {24, 44, 48}, {25, 45, 47}};

    private Landmarks98To68() {
    }

    /** {@code xy98}: 98 float32 (x, y) pairs; returns 68 (x, y) pairs. */
    public static float[] convert(float[] xy98) {
        double[] wide = new double[xy98.length];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = xy98[i];
        }
        // the mean of two floats is exact in double, so one rounding gives the float32 result
        return convert(wide);
    }

    /** {@code xy98}: 98 float64 (x, y) pairs; returns 68 float32 (x, y) pairs. */
    public static float[] convert(double[] xy98) {
        if (xy98.length != 196) {
            throw new IllegalArgumentException("expected 98 landmarks (196 values), got " + xy98.length);
        }
        float[] out = new float[136];
        for (int i = 0; i < 33; i += 2) {
            copy(xy98, i, out, i / 2);
        }
        for (int i = 51; i < 60; i++) {
            copy(xy98, i, out, i - 24);
        }
        for (int i = 76; i < 96; i++) {
            copy(xy98, i, out, i - 28);
        }
        copy(xy98, 33, out, 17);
        for (int[] m : EYEBROW_MEANS) {
            for (int c = 0; c < 2; c++) {
                out[2 * m[0] + c] = (float) ((xy98[2 * m[1] + c] + xy98[2 * m[2] + c]) / 2);
            }
        }
        copy(xy98, 46, out, 26);
        for (int k = 0; k < 6; k++) {
            copy(xy98, LEFT_EYE_98[k], out, LEFT_EYE_68[k]);
            copy(xy98, RIGHT_EYE_98[k], out, RIGHT_EYE_68[k]);
        }
        return out;
    }

    private static void copy(double[] src, int from, float[] dst, int to) {
        dst[2 * to] = (float) src[2 * from];
        dst[2 * to + 1] = (float) src[2 * from + 1];
    }
}
