package io.sadtalker.preprocess.face3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.image.RgbImage;
import org.junit.jupiter.api.Test;

class AlignImgTest {
    @Test
    void leastSquaresRecoversAnExactSolutionAndFitsOverdetermined() {
        double[][] a = {{1, 2, 0, 1}, {0, 1, 3, 1}, {2, 0, 1, 1}, {1, 1, 1, 1}, {3, 1, 0, 1}};
        double[] k = {0.5, -2, 1.5, 7};
        double[] b = new double[5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                b[i] += a[i][j] * k[j];
            }
        }
        assertThat(AlignImg.leastSquares(a, b)).containsExactly(k, within(1e-12));
        // perturb one target: the residual must be orthogonal to the columns (normal equations)
        b[0] += 1;
        double[] fit = AlignImg.leastSquares(a, b);
        for (int j = 0; j < 4; j++) {
            double dot = 0;
            for (int i = 0; i < 5; i++) {
                double r = b[i];
                for (int c = 0; c < 4; c++) {
                    r -= a[i][c] * fit[c];
                }
                dot += a[i][j] * r;
            }
            assertThat(dot).isCloseTo(0, within(1e-12));
        }
    }

    @Test
    void posOfAScaledTranslatedProjectionGivesScaleAndTranslation() {
        float[][] x = StandardLandmarks.lm3d();
        float[][] xp = new float[5][2];
        for (int i = 0; i < 5; i++) {
            xp[i] = new float[] {3 * x[i][0] + 10, 3 * x[i][1] - 4};
        }
        double[] ts = AlignImg.pos(xp, x);
        assertThat(ts[0]).isCloseTo(10, within(1e-5));
        assertThat(ts[1]).isCloseTo(-4, within(1e-5));
        assertThat(ts[2]).isCloseTo(3, within(1e-5));
    }

    @Test
    void cropZeroFillsOutsideThePicture() {
        byte[] rgb = new byte[2 * 2 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i + 1);
        }
        RgbImage out = AlignImg.cropZeroFill(RgbImage.of(2, 2, rgb), -1, 1, 3, 2);
        assertThat(out.rgb()).containsExactly(0, 0, 0, 7, 8, 9, 10, 11, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void alignsFiveGivenPointsAsTheyAre() {
        // the "no face" path of CropAndExtract feeds the five standard points scaled to the frame
        RgbImage frame = RgbImage.of(64, 64, new byte[64 * 64 * 3]);
        float[] five = SadTalkerFace3DMMExtractor.frameLandmarks(frame,
                new io.sadtalker.core.Landmarks(filled(68 * 2, -1f)));
        assertThat(five).hasSize(10);
        try (NDManager m = NDManager.newBaseManager()) {
            AlignImg.Aligned a = AlignImg.alignImg(frame, five, StandardLandmarks.lm3d(), m);
            assertThat(a.image().width()).isEqualTo(224);
            assertThat(a.lmNew()).hasSize(10);
            assertThat(a.transParams()[0]).isEqualTo(64f);
        }
    }

    @Test
    void degenerateLandmarksAreATypedError() {
        RgbImage frame = RgbImage.of(64, 64, new byte[64 * 64 * 3]);
        try (NDManager m = NDManager.newBaseManager()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> AlignImg.alignImg(frame, filled(68 * 2, 10f), StandardLandmarks.lm3d(), m))
                    .isInstanceOf(io.sadtalker.core.NoFaceDetectedException.class).hasMessageContaining("no usable face")
                    .hasMessageContaining("degenerate scale");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> AlignImg.alignImg(frame, new float[12], StandardLandmarks.lm3d(), m))
                    .isInstanceOf(io.sadtalker.core.SadTalkerException.class).hasMessageContaining("68 or 5");
        }
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
