package io.sadtalker.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;

/** Checks shared by the tests of the reordered convolutions. */
final class Convolutions {
    private Convolutions() {
    }

    /** A 2-D convolution over {@code weight} and {@code bias} (may be null), one group, no dilation. */
    static Conv2d conv2d(NDArray weight, NDArray bias, int stride, int padding) {
        return Conv2d.of(weight, bias, new long[] {stride, stride}, new long[] {padding, padding}, new long[] {1, 1}, 1);
    }

    /** A 3-D convolution over {@code weight} and {@code bias} (may be null), stride 1, one group, no dilation. */
    static Conv3d conv3d(NDArray weight, NDArray bias, int padding) {
        return Conv3d.of(weight, bias, new long[] {1, 1, 1}, new long[] {padding, padding, padding},
                new long[] {1, 1, 1}, 1);
    }

    /** Asserts that {@code fast} gives {@code direct}'s convolution of {@code x}, to {@code relative} of its scale. */
    static void assertSameAsDirect(Convolution fast, ConvNd<?> direct, NDArray x, float relative) {
        NDArray expected = direct.forward(x);
        NDArray actual = fast.forward(x);
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        float scale = expected.abs().max().getFloat();
        assertThat(actual.sub(expected).abs().max().getFloat()).isLessThan(relative * scale);
    }
}
