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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loaders that take what a layer is and check every tensor's full shape. */
class LayerLoadTest {
    private final NDManager m = NDManager.newBaseManager();

    @AfterEach
    void close() {
        m.close();
    }

    private Weights of(Object... keysAndArrays) {
        Map<String, NDArray> t = new LinkedHashMap<>();
        for (int i = 0; i < keysAndArrays.length; i += 2) {
            t.put((String) keysAndArrays[i], (NDArray) keysAndArrays[i + 1]);
        }
        return weights(m, t);
    }

    @Test
    void convChecksWeightAndBiasShapes() {
        Conv2d c = of("weight", input(m, 6, 2, 3, 3), "bias", input(m, 6))
                .bind(w -> Conv2d.load(w, 4, 6, 3, ConvConfig.DEFAULT.groups(2).padding(1)));
        assertThat(c.forward(input(m, 1, 4, 5, 5)).getShape().getShape()).containsExactly(1, 6, 5, 5);
        assertThatThrownBy(() -> of("weight", input(m, 6, 4, 3, 3), "bias", input(m, 6))
                .bind(w -> Conv2d.load(w, 4, 6, 3, ConvConfig.DEFAULT.groups(2))))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("'weight'")
                .hasMessageContaining("[6, 4, 3, 3]").hasMessageContaining("[6, 2, 3, 3]");
        assertThatThrownBy(() -> of("weight", input(m, 6, 4, 3, 3), "bias", input(m, 5))
                .bind(w -> Conv2d.load(w, 4, 6, 3, ConvConfig.DEFAULT)))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("'bias'").hasMessageContaining("[6]");
        assertThatThrownBy(() -> of("weight", input(m, 6, 4, 1, 3), "bias", input(m, 6))
                .bind(w -> Conv2d.load(w, 4, 6, 3, ConvConfig.DEFAULT)))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("[6, 4, 1, 3]");
        Conv3d c3 = of("weight", input(m, 2, 3, 1, 3, 3))
                .bind(w -> Conv3d.load(w, 3, 2, new long[] {1, 3, 3}, ConvConfig.DEFAULT.noBias().padding(0, 1, 1)));
        assertThat(c3.bias()).isNull();
        assertThat(c3.forward(input(m, 1, 3, 2, 4, 4)).getShape().getShape()).containsExactly(1, 2, 2, 4, 4);
    }

    @Test
    void aBiasTheLayerDoesNotHaveIsAnUnusedKey() {
        assertThatThrownBy(() -> of("weight", input(m, 2, 3, 1), "bias", input(m, 2))
                .bind(w -> Conv1d.load(w, 3, 2, 1, ConvConfig.DEFAULT.noBias())))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("bias");
        assertThatThrownBy(() -> of("weight", input(m, 2, 3, 1))
                .bind(w -> Conv1d.load(w, 3, 2, 1, ConvConfig.DEFAULT)))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("bias");
    }

    @Test
    void geometryTakesOneValueOrOnePerAxis() {
        assertThat(ConvConfig.perAxis("stride", new long[] {2}, 3)).containsExactly(2, 2, 2);
        assertThat(ConvConfig.perAxis("stride", new long[] {1, 2}, 2)).containsExactly(1, 2);
        assertThatThrownBy(() -> ConvConfig.perAxis("stride", new long[] {1, 2}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride");
        assertThat(ConvConfig.DEFAULT.stride(2).padding(1)).isEqualTo(ConvConfig.DEFAULT.padding(1).stride(2));
        assertThat(ConvConfig.DEFAULT.noBias().bias()).isFalse();
    }

    @Test
    void absorbedBatchNormEqualsConvThenBatchNorm() {
        NDArray x = input(m, 2, 3, 7, 6);
        for (boolean convBias : new boolean[] {false, true}) {
            ConvConfig cfg = convBias ? ConvConfig.DEFAULT.padding(1) : ConvConfig.DEFAULT.padding(1).noBias();
            Map<String, NDArray> t = new LinkedHashMap<>();
            t.put("0.weight", ramp(m, 5, 11, 8, 4, 3, 3, 3));
            if (convBias) {
                t.put("0.bias", ramp(m, 3, 7, 5, 4));
            }
            t.put("1.weight", ramp(m, 2, 5, 10, 4).add(1));
            t.put("1.bias", ramp(m, 4, 9, 10, 4));
            t.put("1.running_mean", ramp(m, 3, 7, 10, 4));
            t.put("1.running_var", ramp(m, 5, 7, 10, 4).add(1));
            t.put("1.num_batches_tracked", m.create(0L));
            NDArray expected = weights(m, t).bind(w -> BatchNorm.load(w.prefix(1), 4, 1e-5)
                    .forward(Conv2d.load(w.prefix(0), 3, 4, 3, cfg).forward(x)));
            List<NDArray> consumed = new ArrayList<>();
            Conv2d folded = weights(m, t).bind(w -> {
                Conv2d conv = Conv2d.load(w.prefix(0), 3, 4, 3, cfg);
                BatchNorm bn = BatchNorm.load(w.prefix(1), 4, 1e-5);
                consumed.add(conv.weight());
                consumed.add(bn.runningVar);
                return conv.absorb(bn);
            });
            assertThat(folded.bias()).isNotNull();
            assertThat(consumed).as("absorb frees what it folded").allMatch(NDArray::isReleased);
            NnTesting.assertClose(folded.forward(x), expected.getShape().getShape(), expected.toFloatArray(), 1e-5);
        }
        Conv2d conv = of("weight", input(m, 4, 3, 1, 1)).bind(w -> Conv2d.load(w, 3, 4, 1,
                ConvConfig.DEFAULT.noBias()));
        BatchNorm five = of("running_mean", input(m, 5), "running_var", input(m, 5), "weight", input(m, 5),
                "bias", input(m, 5)).bind(w -> BatchNorm.load(w, 5, 1e-5));
        assertThatThrownBy(() -> conv.absorb(five)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 channels");
    }

    @Test
    void normsAndLinearCheckShapes() {
        assertThatThrownBy(() -> of("running_mean", input(m, 4), "running_var", input(m, 4), "weight", input(m, 4))
                .bind(w -> BatchNorm.load(w, 4, 1e-5)))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("bias");
        assertThatThrownBy(() -> of("running_mean", input(m, 4), "running_var", input(m, 3), "weight", input(m, 4),
                "bias", input(m, 4)).bind(w -> BatchNorm.load(w, 4, 1e-5)))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("running_var");
        assertThatThrownBy(() -> of("weight", input(m, 3, 5), "bias", input(m, 3)).bind(w -> Linear.load(w, 4, 3)))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("[3, 5]")
                .hasMessageContaining("[3, 4]");
        Linear noBias = of("weight", input(m, 3, 4)).bind(w -> Linear.load(w, 4, 3, false));
        assertThat(noBias.forward(input(m, 2, 4)).getShape().getShape()).containsExactly(2, 3);
        assertThatThrownBy(() -> of("weight", input(m, 8), "bias", input(m, 6)).bind(w -> GroupNorm.load(w, 2, 8,
                1e-5))).isInstanceOf(CheckpointException.class).hasMessageContaining("'bias'");
        assertThatThrownBy(() -> of("weight", input(m, 6), "bias", input(m, 6)).bind(w -> InstanceNorm.load(w, 8,
                1e-5))).isInstanceOf(CheckpointException.class).hasMessageContaining("[8]");
    }

    @Test
    void transposedAndSpectralConvsCheckShapes() {
        ConvTranspose2d t = of("weight", input(m, 4, 3, 2, 2), "bias", input(m, 3))
                .bind(w -> ConvTranspose2d.load(w, 4, 3, 2, ConvConfig.DEFAULT.stride(2), 0));
        assertThat(t.forward(input(m, 1, 4, 3, 3)).getShape().getShape()).containsExactly(1, 3, 6, 6);
        assertThatThrownBy(() -> of("weight", input(m, 3, 4, 2, 2), "bias", input(m, 3))
                .bind(w -> ConvTranspose2d.load(w, 4, 3, 2, ConvConfig.DEFAULT.stride(2), 0)))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("[4, 3, 2, 2]");
        Conv2d s = of("weight_orig", input(m, 2, 3, 3, 3), "weight_u", input(m, 2), "weight_v", input(m, 27),
                "bias", input(m, 2)).bind(w -> Conv2d.loadSpectral(w, 3, 2, 3, ConvConfig.DEFAULT.padding(1)));
        assertThat(s.weight().getShape().getShape()).containsExactly(2, 3, 3, 3);
        assertThatThrownBy(() -> of("weight_orig", input(m, 2, 3, 1, 1), "weight_u", input(m, 2), "weight_v",
                input(m, 3), "bias", input(m, 2)).bind(w -> Conv2d.loadSpectral(w, 3, 2, 3, ConvConfig.DEFAULT)))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("weight_orig");
    }
}
