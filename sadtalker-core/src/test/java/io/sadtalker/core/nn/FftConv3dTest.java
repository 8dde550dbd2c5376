package io.sadtalker.core.nn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FftConv3dTest {
    @ParameterizedTest
    @CsvSource({
        // batch, in, out, depth, height, width, kernel, tile
        "1, 3, 2, 5, 9, 11, 3, 16",
        "2, 4, 3, 6, 9, 11, 3, 4",
        "2, 5, 1, 4, 13, 7, 5, 6",
        "1, 16, 4, 8, 32, 32, 7, 32",
        "2, 6, 3, 9, 10, 17, 7, 8",
        "2, 3, 2, 2, 5, 6, 5, 4",
        "1, 2, 2, 3, 1, 5, 1, 2"})
    void equalsTheDirectConvolution(int batch, int in, int out, int depth, int height, int width, int kernel,
                                    int tile) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            NDArray x = manager.randomNormal(new Shape(batch, in, depth, height, width));
            Conv3d conv = Convolutions.conv3d(manager.randomNormal(new Shape(out, in, kernel, kernel, kernel)),
                    manager.randomNormal(new Shape(out)), kernel / 2);
            Convolutions.assertSameAsDirect(FftConv3d.of(conv, tile), conv, x, 1e-5f);
        }
    }

    @Test
    void worksWithoutBias() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(12);
            NDArray x = manager.randomNormal(new Shape(1, 3, 4, 6, 6));
            Conv3d conv = Convolutions.conv3d(manager.randomNormal(new Shape(2, 3, 3, 3, 3)), null, 1);
            Convolutions.assertSameAsDirect(FftConv3d.of(conv, 6), conv, x, 1e-5f);
        }
    }

    @Test
    void refusesOtherConvolutions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv3d valid = Convolutions.conv3d(manager.ones(new Shape(1, 2, 3, 3, 3)), null, 0);
            Conv3d even = Convolutions.conv3d(manager.ones(new Shape(1, 2, 4, 4, 4)), null, 2);
            Conv3d same = Convolutions.conv3d(manager.ones(new Shape(1, 2, 3, 3, 3)), null, 1);
            assertThatThrownBy(() -> FftConv3d.of(valid, 8)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cubic odd kernel");
            assertThatThrownBy(() -> FftConv3d.of(even, 8)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> FftConv3d.of(same, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> FftConv3d.of(same, 8).forward(manager.ones(new Shape(1, 3, 4, 4, 4))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input channels");
        }
    }
}
