package io.sadtalker.preprocess.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Landmarks98To68Test {
    /** Point i of the 98 is (i, 1000 + i), so every output names its source. */
    private static float[] indexed() {
        float[] xy = new float[196];
        for (int i = 0; i < 98; i++) {
            xy[2 * i] = i;
            xy[2 * i + 1] = 1000 + i;
        }
        return xy;
    }

    @Test
    void mapsContourNoseMouthAndEyesByIndex() {
        float[] out = Landmarks98To68.convert(indexed());
        assertThat(out).hasSize(136);
        assertThat(out[2 * 0]).isEqualTo(0f);
        assertThat(out[2 * 16]).isEqualTo(32f);   // chin contour: every other point
        assertThat(out[2 * 17]).isEqualTo(33f);   // left eyebrow outer end
        assertThat(out[2 * 26]).isEqualTo(46f);   // right eyebrow outer end
        assertThat(out[2 * 27]).isEqualTo(51f);   // nose
        assertThat(out[2 * 36]).isEqualTo(60f);   // left eye
        assertThat(out[2 * 38]).isEqualTo(63f);
        assertThat(out[2 * 47 + 1]).isEqualTo(1075f);
        assertThat(out[2 * 48]).isEqualTo(76f);   // mouth
        assertThat(out[2 * 67]).isEqualTo(95f);
    }

    @Test
    void eyebrowsAverageUpperAndLowerContour() {
        float[] out = Landmarks98To68.convert(indexed());
        assertThat(out[2 * 18]).isEqualTo((34f + 41f) / 2);
        assertThat(out[2 * 25 + 1]).isEqualTo((1045f + 1047f) / 2);
    }

    @Test
    void averagesFloat64InputBeforeTheFloat32Cast() {
        double[] xy = new double[196];
        xy[2 * 34] = 181.99073273015395;
        xy[2 * 41] = 218.8489682951995;
        // numpy: float32((a + b) / 2) = 200.4198455810547; casting a and b to float32 first would give 200.41986
        assertThat(Landmarks98To68.convert(xy)[2 * 18]).isEqualTo(200.4198455810547f);
    }
}
