package io.sadtalker.render.nets;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;

/** Checks shared by the tests of the reordered convolutions. */
final class Convolutions {
    private Convolutions() {
    }

    /** Asserts that {@code fast} gives {@code direct}'s convolution of {@code x}, to {@code relative} of its scale. */
    static void assertSameAsDirect(Convolution fast, ConvLayer direct, NDArray x, float relative) {
        NDArray expected = direct.forward(x);
        NDArray actual = fast.forward(x);
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        float scale = expected.abs().max().getFloat();
        assertThat(actual.sub(expected).abs().max().getFloat()).isLessThan(relative * scale);
    }
}
