package io.sadtalker.core.nn;

import static io.sadtalker.core.nn.NnTesting.input;
import static io.sadtalker.core.nn.NnTesting.ramp;
import static io.sadtalker.core.nn.NnTesting.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.weights.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConvBatchNormTest {
    private static final double EPS = 1e-5;
    private final NDManager m = NDManager.newBaseManager();

    @AfterEach
    void close() {
        m.close();
    }

    /** A state dict {@code 0.*} (conv 3 -> 4, 3x3) and {@code 1.*} (BatchNorm2d(4)). */
    private Weights convBn(boolean convBias, boolean affine) {
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("0.weight", ramp(m, 5, 11, 8, 4, 3, 3, 3));
        if (convBias) {
            t.put("0.bias", ramp(m, 3, 7, 5, 4));
        }
        if (affine) {
            t.put("1.weight", ramp(m, 2, 5, 10, 4).add(1));
            t.put("1.bias", ramp(m, 4, 9, 10, 4));
        }
        t.put("1.running_mean", ramp(m, 3, 7, 10, 4));
        t.put("1.running_var", ramp(m, 5, 7, 10, 4).add(1));
        t.put("1.num_batches_tracked", m.create(0L));
        return weights(m, t);
    }

    @Test
    void foldedEqualsConvThenBatchNorm() {
        NDArray x = input(m, 2, 3, 7, 6);
        for (boolean convBias : new boolean[] {false, true}) {
            for (boolean affine : new boolean[] {false, true}) {
                for (int stride = 1; stride <= 2; stride++) {
                    int s = stride;
                    NDArray expected = convBn(convBias, affine).bind(w -> BatchNorm.load(w.prefix(1), EPS)
                            .forward(Conv2d.load(w.prefix(0), s, 1).forward(x)));
                    NDArray folded = convBn(convBias, affine)
                            .bind(w -> ConvBatchNorm.load(w.prefix(0), w.prefix(1), s, 1, EPS)).forward(x);
                    NnTesting.assertClose(folded, expected.getShape().getShape(), expected.toFloatArray(), 1e-5);
                }
            }
        }
    }

    @Test
    void bindsEveryKeyAndChecksShapes() {
        ConvBatchNorm c = convBn(true, true).bind(w -> ConvBatchNorm.load(w.prefix(0), w.prefix(1), 1, 0, EPS,
                new long[] {4, 3, 3, 3}));
        assertThat(c.conv().weight().getShape().getShape()).containsExactly(4, 3, 3, 3);
        assertThat(c.conv().bias().getShape().getShape()).containsExactly(4);
        assertThatThrownBy(() -> convBn(false, true).bind(w -> ConvBatchNorm.load(w.prefix(0), w.prefix(1), 1, 0, EPS,
                new long[] {4, 3, 1, 1}))).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("0.weight").hasMessageContaining("[4, 3, 3, 3]")
                .hasMessageContaining("[4, 3, 1, 1]");
        Map<String, NDArray> bad = Map.of("0.weight", input(m, 4, 3, 1, 1), "1.running_mean", input(m, 5),
                "1.running_var", input(m, 5));
        assertThatThrownBy(() -> weights(m, bad).bind(w -> ConvBatchNorm.load(w.prefix(0), w.prefix(1), 1, 0, EPS)))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("running_mean");
    }
}
