package io.sadtalker.render.nets;

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
            ConvLayer conv = new ConvLayer(manager.randomNormal(new Shape(2, 40, 7, 7)).mul(0.1f),
                    manager.randomNormal(new Shape(2)), 1, 3, 1, 1);
            Convolutions.assertSameAsDirect(TapMapConv.of(conv), conv, x, 2e-6f);
        }
    }

    @Test
    void refusesOtherConvolutions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvLayer valid = new ConvLayer(manager.ones(new Shape(1, 4, 7, 7)), null, 1, 0, 1, 1);
            ConvLayer volume = new ConvLayer(manager.ones(new Shape(1, 4, 3, 3, 3)), null, 1, 1, 1, 1);
            assertThatThrownBy(() -> TapMapConv.of(valid)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("square odd kernel");
            assertThatThrownBy(() -> TapMapConv.of(volume)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
