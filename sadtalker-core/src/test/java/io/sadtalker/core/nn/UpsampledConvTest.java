package io.sadtalker.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpsampledConvTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void equalsConvolutionOfTheUpsampledMap(int factor) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(7);
            NDArray x = manager.randomNormal(new Shape(2, 5, 6, 7));
            Conv2d conv = Convolutions.conv2d(manager.randomNormal(new Shape(4, 5, 3, 3)), manager.randomNormal(new Shape(4)),
                    1, 1);
            NDArray expected = conv.forward(Interpolate.nearestScale(x, factor, factor));
            NDArray actual = UpsampledConv.of(conv, factor).forward(x);
            assertThat(actual.getShape()).isEqualTo(new Shape(2, 4, 6L * factor, 7L * factor));
            float maxAbs = actual.sub(expected).abs().max().getFloat();
            assertThat(maxAbs).isLessThan(2e-5f);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void equalsVolumeConvolutionOfTheMapUpsampledInHeightAndWidth(int factor) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(8);
            NDArray x = manager.randomNormal(new Shape(2, 5, 3, 6, 7));
            Conv3d conv = Convolutions.conv3d(manager.randomNormal(new Shape(4, 5, 3, 3, 3)),
                    manager.randomNormal(new Shape(4)), 1);
            NDArray expected = conv.forward(Interpolate.nearestScale(x, 1, factor, factor));
            NDArray actual = UpsampledConv.of(conv, factor).forward(x);
            assertThat(actual.getShape()).isEqualTo(new Shape(2, 4, 3, 6L * factor, 7L * factor));
            float maxAbs = actual.sub(expected).abs().max().getFloat();
            assertThat(maxAbs).isLessThan(4e-5f);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void reflectedEqualsUnpaddedConvolutionOfTheReflectionPaddedUpsampledMap(int factor) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(9);
            NDArray x = manager.randomNormal(new Shape(2, 5, 6, 7));
            NDArray weight = manager.randomNormal(new Shape(4, 5, 3, 3));
            Conv2d conv = Convolutions.conv2d(weight, manager.randomNormal(new Shape(4)), 1, 0);
            NDArray expected = conv.forward(reflectionPad1(Interpolate.nearestScale(x, factor, factor)));
            NDArray actual = UpsampledConv.reflected(conv, factor).forward(x);
            assertThat(actual.getShape()).isEqualTo(new Shape(2, 4, 6L * factor, 7L * factor));
            float maxAbs = actual.sub(expected).abs().max().getFloat();
            assertThat(maxAbs).isLessThan(2e-5f);
        }
    }

    @Test
    void reflectedRefusesPaddedConvolutionsAndFactorOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv2d padded = Convolutions.conv2d(manager.ones(new Shape(2, 2, 3, 3)), null, 1, 1);
            Conv2d unpadded = Convolutions.conv2d(manager.ones(new Shape(2, 2, 3, 3)), null, 1, 0);
            assertThatThrownBy(() -> UpsampledConv.reflected(padded, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("without padding");
            assertThatThrownBy(() -> UpsampledConv.reflected(unpadded, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("factor >= 2");
        }
    }

    /** {@code nn.ReflectionPad2d(1)}: row 1 and row h-2 mirrored above and below, then the same for columns. */
    private static NDArray reflectionPad1(NDArray x) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        NDArray rows = x.get(":, :, 1:2").concat(x, 2).concat(x.get(":, :, {}:{}", h - 2, h - 1), 2);
        return rows.get(":, :, :, 1:2").concat(rows, 3).concat(rows.get(":, :, :, {}:{}", w - 2, w - 1), 3);
    }

    @Test
    void refusesOtherConvolutions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv2d wide = Convolutions.conv2d(manager.ones(new Shape(2, 2, 5, 5)), null, 1, 1);
            Conv2d strided = Convolutions.conv2d(manager.ones(new Shape(2, 2, 3, 3)), null, 2, 1);
            Conv1d line = Conv1d.of(manager.ones(new Shape(2, 2, 3)), null, new long[] {1}, new long[] {1},
                    new long[] {1}, 1);
            for (ConvNd<?> conv : List.of(wide, strided, line)) {
                assertThatThrownBy(() -> UpsampledConv.of(conv, 2)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("plain 3x3");
            }
        }
    }
}
