package io.sadtalker.preprocess.face3d;

/**
 * The five standard 3D landmarks of {@code load_lm3d} ({@code src/face3d/util/load_mats.py}): derived from the 68
 * points of SadTalker's {@code similarity_Lm3D_all.mat} (float32) by {@link #fivePoints}, order left eye, right eye,
 * nose, left and right mouth corner. The SDK carries them because the .mat file is not part of the checkpoints.
 */
final class StandardLandmarks {
    private static final float[][] LM3D_STD = {
            {-0.3114865720272064f, 0.29036077857017517f, 0.13377952575683594f},
            {0.30979886651039124f, 0.289720356464386f, 0.1317952573299408f},
            {0.003253498813137412f, -0.04617932438850403f, 0.5524424314498901f},
            {-0.25216928124427795f, -0.3813391625881195f, 0.22405731678009033f},
            {0.24846619367599487f, -0.38128235936164856f, 0.22235769033432007f}};

    private StandardLandmarks() {
    }

    /** A copy of the 5 x 3 standard points ({@code lm3d_std}). */
    public static float[][] lm3d() {
        float[][] out = new float[5][];
        for (int i = 0; i < 5; i++) {
            out[i] = LM3D_STD[i].clone();
        }
        return out;
    }

    /**
     * {@code load_lm3d}'s reduction of 68 points (any dimension) to five: nose tip (31), the means of the eye corners
     * (37, 40) and (43, 46), mouth corners (49, 55) (1-based), reordered to eyes, nose, mouth; means in float32 as
     * numpy computes them for a float32 array. {@code extract_5p} applies the same reduction to 2D landmarks.
     */
    public static float[][] fivePoints(float[][] lm68) {
        if (lm68.length != 68) {
            throw new IllegalArgumentException("need 68 landmarks, got " + lm68.length);
        }
        return new float[][] {mean(lm68[36], lm68[39]), mean(lm68[42], lm68[45]), lm68[30].clone(),
                lm68[48].clone(), lm68[54].clone()};
    }

    private static float[] mean(float[] a, float[] b) {
        float[] m = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            m[i] = (a[i] + b[i]) / 2f;
        }
        return m;
    }
}
