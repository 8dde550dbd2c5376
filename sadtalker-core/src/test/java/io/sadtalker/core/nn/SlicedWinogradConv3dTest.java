package io.sadtalker.core.nn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlicedWinogradConv3dTest {
    @ParameterizedTest
    @CsvSource({
        // batch, in, out, depth, height, width
        "1, 3, 2, 5, 9, 11",
        "2, 4, 3, 6, 8, 8",
        "1, 2, 2, 1, 7, 5",
        "2, 3, 4, 2, 5, 6",
        "1, 2, 3, 9, 64, 64", // slices in groups of four, the last alone
        "2, 2, 2, 7, 40, 56"}) // groups of two
    void equalsTheDirectConvolution(int batch, int in, int out, int depth, int height, int width) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(13);
            NDArray x = manager.randomNormal(new Shape(batch, in, depth, height, width));
            Conv3d conv = Convolutions.conv3d(manager.randomNormal(new Shape(out, in, 3, 3, 3)),
                    manager.randomNormal(new Shape(out)), 1);
            Convolutions.assertSameAsDirect(SlicedWinogradConv3d.of(conv), conv, x, 2e-5f);
        }
    }

    @Test
    void worksWithoutBias() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(14);
            NDArray x = manager.randomNormal(new Shape(1, 3, 4, 6, 6));
            Conv3d conv = Convolutions.conv3d(manager.randomNormal(new Shape(2, 3, 3, 3, 3)), null, 1);
            Convolutions.assertSameAsDirect(SlicedWinogradConv3d.of(conv), conv, x, 2e-5f);
        }
    }

    @Test
    void refusesOtherConvolutions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv3d valid = Convolutions.conv3d(manager.ones(new Shape(1, 2, 3, 3, 3)), null, 0);
            Conv3d large = Convolutions.conv3d(manager.ones(new Shape(1, 2, 5, 5, 5)), null, 2);
            assertThatThrownBy(() -> SlicedWinogradConv3d.of(valid)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("padding 1");
            assertThatThrownBy(() -> SlicedWinogradConv3d.of(large)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("3x3x3");
        }
    }
}
