package io.sadtalker.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BilinearUpsampledConvTest {
    /** The decomposed path from 32x32 pixels (edge cases: 2 rows, 3 columns), the direct one below. */
    @ParameterizedTest
    @CsvSource({"1, 3, 32, 32, true", "2, 5, 37, 29, true", "1, 4, 2, 600, false", "2, 3, 600, 3, true",
        "2, 3, 6, 7, true"})
    void equalsConvolutionOfTheBilinearlyUpsampledMap(int batch, int channels, int h, int w, boolean bias) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            NDArray x = manager.randomNormal(new Shape(batch, channels, h, w));
            Conv2d conv = Convolutions.conv2d(manager.randomNormal(new Shape(6, channels, 3, 3)),
                    bias ? manager.randomNormal(new Shape(6)) : null, 1, 1);
            NDArray expected = conv.forward(Interpolate.bilinearScale(x, 2, 2, false));
            NDArray actual = BilinearUpsampledConv.of(conv).forward(x);
            assertThat(actual.getShape()).isEqualTo(new Shape(batch, 6, 2L * h, 2L * w));
            float scale = expected.abs().max().getFloat();
            assertThat(actual.sub(expected).abs().max().getFloat()).isLessThan(1e-5f * scale);
        }
    }

    @Test
    void refusesOtherConvolutions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv2d unpadded = Convolutions.conv2d(manager.ones(new Shape(2, 2, 3, 3)), null, 1, 0);
            Conv2d wide = Convolutions.conv2d(manager.ones(new Shape(2, 2, 5, 5)), null, 1, 1);
            assertThatThrownBy(() -> BilinearUpsampledConv.of(unpadded)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("padding 1");
            assertThatThrownBy(() -> BilinearUpsampledConv.of(wide)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(2, 2, 5, 5)");
        }
    }
}
