package io.sadtalker.core.nn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TapMapConvTest {
    @Test
    void equalsTheDirectConvolution() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(5);
            NDArray x = manager.randomNormal(new Shape(2, 40, 9, 11));
            Conv2d conv = Convolutions.conv2d(manager.randomNormal(new Shape(2, 40, 7, 7)).mul(0.1f),
                    manager.randomNormal(new Shape(2)), 1, 3);
            Convolutions.assertSameAsDirect(TapMapConv.of(conv), conv, x, 2e-6f);
        }
    }

    @Test
    void refusesOtherConvolutions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv2d valid = Convolutions.conv2d(manager.ones(new Shape(1, 4, 7, 7)), null, 1, 0);
            Conv2d strided = Convolutions.conv2d(manager.ones(new Shape(1, 4, 3, 3)), null, 2, 1);
            assertThatThrownBy(() -> TapMapConv.of(valid)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("square odd kernel");
            assertThatThrownBy(() -> TapMapConv.of(strided)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
