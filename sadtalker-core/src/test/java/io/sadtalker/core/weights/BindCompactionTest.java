package io.sadtalker.core.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Weights#bind} keeps the arrays a loaded network holds and frees its load-time temporaries. */
class BindCompactionTest extends CheckpointFileTest {
    /** A network as the project writes them: final fields, nested layers, lists, maps, optionals, records. */
    record Layer(NDArray weight, NDArray bias) {
    }

    static final class Net {
        private final Layer folded;
        private final List<Layer> blocks;
        private final Map<String, NDArray> extra;
        private final Optional<NDArray> maybe;
        private final Object[] array;
        private final NDList list;

        Net(Layer folded, List<Layer> blocks, Map<String, NDArray> extra, Optional<NDArray> maybe, Object[] array,
            NDList list) {
            this.folded = folded;
            this.blocks = blocks;
            this.extra = extra;
            this.maybe = maybe;
            this.array = array;
            this.list = list;
        }
    }

    @Test
    void keepsWhatTheNetworkHoldsAndFreesTheRest() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
        Path file = TestFiles.safetensors(dir.resolve("net.safetensors"), header, TestFiles.floats(1, 2, 3, 4));
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            NDArray before = m.create(new float[] {9});
            NDArray[] raw = new NDArray[2];
            NDArray[] temporary = new NDArray[1];
            Net net = ckpt.weights(m).bind(w -> {
                raw[0] = w.get("w");
                raw[1] = w.get("b");
                temporary[0] = raw[0].mul(10);
                NDArray folded = temporary[0].add(raw[1]);
                NDManager own = w.manager();
                return new Net(new Layer(folded, raw[1]), List.of(new Layer(own.create(new float[] {5}), null)),
                        Map.of("k", own.create(new float[] {6})), Optional.of(own.create(new float[] {7})),
                        new Object[] {own.create(new float[] {8})}, new NDList(own.create(new float[] {0})));
            });
            assertThat(net.folded.weight().toFloatArray()).containsExactly(13, 24);
            assertThat(raw[0].isReleased()).as("the raw weight, only used for folding, is freed").isTrue();
            assertThat(temporary[0].isReleased()).isTrue();
            assertThat(raw[1].isReleased()).as("the bias is held by the network").isFalse();
            List<NDArray> kept = List.of(before, net.folded.weight(), net.folded.bias(), net.blocks.get(0).weight(),
                    net.extra.get("k"), net.maybe.orElseThrow(), (NDArray) net.array[0], net.list.get(0));
            assertThat(m.getManagedArrays()).containsExactlyInAnyOrderElementsOf(kept);
            for (NDArray a : kept) {
                assertThat(a.getManager()).isSameAs(m);
            }
        }
        assertThat(manager.getManagedArrays()).isEmpty();
    }
}
