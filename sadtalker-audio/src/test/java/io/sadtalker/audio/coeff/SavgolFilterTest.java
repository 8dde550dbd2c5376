package io.sadtalker.audio.coeff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Against scipy as the original's environment ran it (scipy &lt; 1.12: float64 {@code np.polyfit} for the edges; newer
 * scipy fits the edges in the input's float32):
 * <pre>
 * x = np.array([np.sin(0.7*i) + 0.1*i*i for i in range(16)], dtype=np.float32)
 * def sg(x, w, p):
 *     y = convolve1d(x, savgol_coeffs(w, p), mode='constant'); h = w // 2; n = len(x)
 *     for ws, we, s, e in [(0, w, 0, h), (n - w, n, n - h, n)]:
 *         y[s:e] = np.polyval(np.polyfit(np.arange(we - ws), x[ws:we].astype(np.float64), p), np.arange(s - ws, e - ws))
 *     return y
 * sg(x, 13, 2); sg(x[:10], 9, 2); savgol_coeffs(13, 2)
 * </pre>
 */
class SavgolFilterTest {
    private static final float[] X = {0.0f, 0.7442176938056946f, 1.385449767112732f, 1.763209342956543f,
            1.9349881410598755f, 2.149216890335083f, 2.728424310684204f, 3.9175474643707275f, 5.768733501434326f,
            8.116813659667969f, 10.656986236572266f, 13.088168144226074f, 15.254598617553711f, 17.219099044799805f,
            19.2335205078125f, 21.620304107666016f};
    private static final float[] W13 = {0.9275514483451843f, 0.6555242538452148f, 0.6515679955482483f,
            0.9156827926635742f, 1.4478685855865479f, 2.2481253147125244f, 3.316453218460083f, 4.580381870269775f,
            6.194632053375244f, 8.105469703674316f, 9.999993324279785f, 12.0932035446167f, 14.385101318359375f,
            16.87568473815918f, 19.56495475769043f, 22.452913284301758f};
    private static final float[] W9 = {0.45397114753723145f, 0.6239123940467834f, 0.9151412844657898f,
            1.3276578187942505f, 1.8614619970321655f, 2.226209878921509f, 3.1631276607513428f, 4.3824687004089355f,
            5.8842339515686035f, 7.668422698974609f};

    @Test
    void coefficientsMatchScipy() {
        double[] c = SavgolFilter.coefficients(13, 2);
        assertThat(c[0]).isCloseTo(-0.07692307692307668, within(1e-14));
        assertThat(c[6]).isCloseTo(0.17482517482517443, within(1e-14));
        assertThat(c[1]).isCloseTo(0, within(1e-14));
    }

    @Test
    void interpModeMatchesScipyForWindow13() {
        float[] y = X.clone();
        SavgolFilter.apply(y, 16, 1, 13, 2);
        for (int i = 0; i < 16; i++) {
            assertThat(y[i]).as("index %d", i).isCloseTo(W13[i], within(Math.ulp(W13[i])));
        }
    }

    @Test
    void shortClipUsesOddWindowAndFiltersEachColumn() {
        assertThat(SavgolFilter.sadTalkerWindow(10)).isEqualTo(9);
        assertThat(SavgolFilter.sadTalkerWindow(4)).isEqualTo(3);
        assertThat(SavgolFilter.sadTalkerWindow(45)).isEqualTo(13);
        float[] two = new float[20];
        for (int i = 0; i < 10; i++) {
            two[2 * i] = X[i];
            two[2 * i + 1] = 1f;
        }
        SavgolFilter.apply(two, 10, 2, 9, 2);
        for (int i = 0; i < 10; i++) {
            assertThat(two[2 * i]).isCloseTo(W9[i], within(Math.ulp(W9[i])));
            assertThat(two[2 * i + 1]).isCloseTo(1f, within(1e-6f));
        }
    }

    @Test
    void windowNotAbovePolyorderIsRejectedAsScipyDoes() {
        assertThatThrownBy(() -> SavgolFilter.apply(new float[2], 2, 1, 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("polyorder");
    }
}
