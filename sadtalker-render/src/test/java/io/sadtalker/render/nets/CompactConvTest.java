package io.sadtalker.render.nets;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactConvTest {
    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void equalsConvolutionOfTheExpandedMap(int factor) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            NDArray seg = manager.randomNormal(new Shape(2, 3, 5, 6));
            UpsampledConv up = UpsampledConv.of(new ConvLayer(manager.randomNormal(new Shape(5, 3, 3, 3)),
                    manager.randomNormal(new Shape(5)), 1, 1, 1, 1), factor);
            ConvLayer conv = new ConvLayer(manager.randomNormal(new Shape(4, 5, 3, 3)), manager.randomNormal(new Shape(4)),
                    1, 1, 1, 1);
            assertThat(up.sharesPhases()).isTrue();
            NDArray expected = conv.forward(up.forward(seg));
            NDArray actual = CompactConv.of(conv, up).forward(CompactConv.pad(up.forwardCompact(seg)), 5, 6);
            assertThat(actual.getShape()).isEqualTo(new Shape(2, 4, 5L * factor, 6L * factor));
            float maxAbs = actual.sub(expected).abs().max().getFloat();
            assertThat(maxAbs).isLessThan(1e-4f);
        }
    }
}
