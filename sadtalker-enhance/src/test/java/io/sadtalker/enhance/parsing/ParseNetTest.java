package io.sadtalker.enhance.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ParseNetTest {
    @Test
    void reflectionPadMirrorsRowsThenColumns() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(0f, 24f).reshape(1, 2, 3, 4);
            NDArray padded = ParseNet.reflectionPad1(x);
            assertThat(padded.getShape()).isEqualTo(new Shape(1, 2, 5, 6));
            // torch.nn.ReflectionPad2d(1)(torch.arange(12.).reshape(1, 1, 3, 4)), then the same + 12 for channel 1
            float[] first = {5, 4, 5, 6, 7, 6, 1, 0, 1, 2, 3, 2, 5, 4, 5, 6, 7, 6, 9, 8, 9, 10, 11, 10, 5, 4, 5, 6, 7, 6};
            float[] expected = new float[60];
            for (int i = 0; i < 30; i++) {
                expected[i] = first[i];
                expected[30 + i] = first[i] + 12;
            }
            assertThat(padded.toFloatArray()).containsExactly(expected);
        }
    }
}
