package io.sadtalker.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * Expected values from scikit-image 0.19.3 / SciPy 1.10.1:
 * <pre>
 * i, j = np.mgrid[0:h, 0:w]; img = (((i*31 + j*17) % 23) / 22.).astype(np.float32)[..., None]
 * skimage.transform.resize(img, (oh, ow, 1)).ravel()
 * </pre>
 */
class SkimageResizeTest {
    @Test
    void downscaleByTwoWithAntiAliasing() {
        check(6, 8, 3, 4, 3.415440023e-01f, 5.533081889e-01f, 5.087187290e-01f, 5.091338754e-01f, 4.852447808e-01f,
                5.105675459e-01f, 4.440468848e-01f, 4.693007171e-01f, 4.454731345e-01f, 6.542609334e-01f,
                4.261448383e-01f, 6.130014658e-01f);
    }

    @Test
    void upscaleMirrorsAtTheBorder() {
        check(3, 4, 5, 7, 1.935064942e-01f, 2.740259767e-01f, 5.961039066e-01f, 6.045454741e-01f, 5.532467365e-01f,
                3.974025846e-01f, 3.584415615e-01f, 2.214285731e-01f, 2.720779181e-01f, 4.746753275e-01f,
                5.727272630e-01f, 6.259740591e-01f, 4.701298773e-01f, 4.311688244e-01f, 3.051948249e-01f,
                2.662337720e-01f, 1.103896126e-01f, 4.772727489e-01f, 8.441558480e-01f, 6.883116961e-01f,
                6.493506432e-01f, 5.233766437e-01f, 4.844155908e-01f, 3.285714388e-01f, 3.818181753e-01f,
                4.798701406e-01f, 6.824675202e-01f, 7.331168652e-01f, 5.961039066e-01f, 5.571428537e-01f,
                4.012987018e-01f, 3.499999940e-01f, 3.584415615e-01f, 6.805194616e-01f, 7.610389590e-01f);
    }

    @Test
    void nonIntegerDownscale() {
        check(7, 9, 4, 5, 3.046905398e-01f, 5.778362751e-01f, 7.064896822e-01f, 5.564092994e-01f, 5.367758274e-01f,
                5.631324053e-01f, 3.913630843e-01f, 5.813921690e-01f, 2.816259563e-01f, 7.224283814e-01f,
                3.230262101e-01f, 7.626299858e-01f, 3.277075589e-01f, 6.528928280e-01f, 4.823217988e-01f,
                5.086787343e-01f, 4.890452325e-01f, 3.389646709e-01f, 4.676165581e-01f, 3.838658929e-01f);
    }

    @Test
    void sameSizeIsIdentity() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = image(m, 5, 6);
            assertThat(SkimageResize.resize(x, 5, 6).toFloatArray()).containsExactly(x.toFloatArray());
        }
    }

    @Test
    void mirrorIndex() {
        assertThat(SkimageResize.mirror(-1, 4)).isEqualTo(1);
        assertThat(SkimageResize.mirror(4, 4)).isEqualTo(2);
        assertThat(SkimageResize.mirror(9, 4)).isEqualTo(3);
        assertThat(SkimageResize.mirror(-3, 1)).isZero();
    }

    private static void check(int h, int w, int oh, int ow, float... expected) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = SkimageResize.resize(image(m, h, w), oh, ow);
            assertThat(out.getShape()).isEqualTo(new Shape(1, oh, ow));
            float[] actual = out.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-6f));
            }
        }
    }

    private static NDArray image(NDManager m, int h, int w) {
        float[] v = new float[h * w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                v[i * w + j] = (float) (((i * 31 + j * 17) % 23) / 22.0);
            }
        }
        return m.create(v, new Shape(1, h, w));
    }
}
