package io.sadtalker.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WinogradConvTest {
    @ParameterizedTest
    @CsvSource({"1, 8, 8", "2, 9, 13", "1, 4, 5", "1, 1, 1", "1, 72, 260", "2, 33, 520"}) // the last two: several bands
    void equalsTheDirectConvolution(int batch, int h, int w) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            NDArray x = manager.randomNormal(new Shape(batch, 6, h, w));
            Conv2d conv = Convolutions.conv2d(manager.randomNormal(new Shape(5, 6, 3, 3)), manager.randomNormal(new Shape(5)),
                    1, 1);
            Convolutions.assertSameAsDirect(WinogradConv.of(conv), conv, x, 2e-5f);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 10, 10", "2, 11, 15", "1, 3, 3", "1, 74, 262"}) // the last: several bands
    void equalsTheDirectConvolutionWithoutPadding(int batch, int h, int w) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(12);
            NDArray x = manager.randomNormal(new Shape(batch, 6, h, w));
            NDArray weight = manager.randomNormal(new Shape(5, 6, 3, 3));
            Conv2d conv = Convolutions.conv2d(weight, manager.randomNormal(new Shape(5)), 1, 0);
            Convolutions.assertSameAsDirect(WinogradConv.of(conv), conv, x, 2e-5f);
        }
    }

    @Test
    void scaledEqualsTheDirectConvolutionWithScaledKernels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(13);
            NDArray x = manager.randomNormal(new Shape(1, 6, 9, 11));
            NDArray w = manager.randomNormal(new Shape(5, 6, 3, 3));
            NDArray b = manager.randomNormal(new Shape(5));
            NDArray out = manager.randomUniform(0.5f, 2f, new Shape(5));
            NDArray in = manager.randomUniform(-2f, 2f, new Shape(6));
            WinogradConv fast = WinogradConv.of(Convolutions.conv2d(w, b, 1, 1));
            Conv2d scaled = Convolutions.conv2d(w.mul(out.reshape(5, 1, 1, 1)).mul(in.reshape(1, 6, 1, 1)), b, 1, 1);
            Convolutions.assertSameAsDirect(fast.scaled(out, in, b), scaled, x, 2e-5f);
            Conv2d inOnly = Convolutions.conv2d(w.mul(in.reshape(1, 6, 1, 1)), null, 1, 1);
            Convolutions.assertSameAsDirect(fast.scaled(null, in, null), inOnly, x, 2e-5f);
        }
    }

    @Test
    void paysFromSixtyFourTilesForConvsFiveHundredTwelveWideElseFromTwoHundredFiftySix() {
        try (NDManager manager = NDManager.newBaseManager()) {
            WinogradConv wide = WinogradConv.of(Convolutions.conv2d(manager.zeros(new Shape(512, 512, 3, 3)), null, 1, 1));
            WinogradConv narrow = WinogradConv.of(Convolutions.conv2d(manager.zeros(new Shape(256, 512, 3, 3)), null, 1, 1));
            assertThat(wide.pays(manager.zeros(new Shape(1, 512, 32, 32)))).isTrue(); // 64 tiles
            assertThat(wide.pays(manager.zeros(new Shape(1, 512, 16, 16)))).isFalse(); // 16 tiles
            assertThat(narrow.pays(manager.zeros(new Shape(1, 512, 64, 64)))).isTrue(); // 256 tiles
            assertThat(narrow.pays(manager.zeros(new Shape(1, 512, 60, 64)))).isFalse(); // 240 tiles
            assertThat(WinogradConv.pays(256, 256, 64, 64)).isTrue();
            assertThat(WinogradConv.pays(256, 256, 32, 32)).isFalse();
            assertThat(WinogradConv.pays(512, 512, 32, 32)).isTrue();
        }
    }

    @Test
    void refusesOtherConvolutions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w3 = manager.ones(new Shape(2, 2, 3, 3));
            assertThatThrownBy(() -> WinogradConv.of(Convolutions.conv2d(w3, null, 2, 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride");
            assertThatThrownBy(() -> WinogradConv.of(Convolutions.conv2d(w3, null, 1, 2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("padding 1 or 0");
            assertThatThrownBy(() -> WinogradConv.of(Convolutions.conv2d(manager.ones(new Shape(2, 2, 1, 1)), null, 1, 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3x3");
        }
    }

    @Test
    void orDirectKeepsNarrowOrOtherConvolutionsDirect() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv2d wide = Convolutions.conv2d(manager.ones(new Shape(256, 2, 3, 3)), null, 1, 1);
            Conv2d narrow = Convolutions.conv2d(manager.ones(new Shape(128, 2, 3, 3)), null, 1, 1);
            Conv2d large = Convolutions.conv2d(manager.ones(new Shape(128, 2, 7, 7)), null, 1, 3);
            Conv2d strided = Convolutions.conv2d(manager.ones(new Shape(128, 2, 3, 3)), null, 2, 1);
            assertThat(WinogradConv.orDirect(wide)).isInstanceOf(WinogradConv.class);
            assertThat(WinogradConv.orDirect(narrow)).isSameAs(narrow);
            assertThat(WinogradConv.orDirect(large)).isSameAs(large);
            assertThat(WinogradConv.orDirect(strided)).isSameAs(strided);
        }
    }

    /** A 256-wide conv on maps under 256 tiles (64x64) stays direct; from there, Winograd's sums. */
    @Test
    void orDirectForAMapSizeKeepsConvolutionsDirectWhereWinogradDoesNotPay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(5);
            Conv2d wide = Convolutions.conv2d(manager.randomNormal(new Shape(256, 2, 3, 3)),
                    manager.randomNormal(new Shape(256)), 1, 1);
            assertThat(WinogradConv.orDirect(wide, 60)).isSameAs(wide);
            Convolution chosen = WinogradConv.orDirect(wide, 64);
            assertThat(chosen).isInstanceOf(WinogradConv.class);
            NDArray x = manager.randomNormal(new Shape(1, 2, 64, 64));
            Convolutions.assertSameAsDirect(chosen, wide, x, 1e-5f);
        }
    }
}
