package io.sadtalker.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.UnsafeCheckpointException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TorchZipTest extends CheckpointFileTest {
    static List<DTypeSamples> samples() {
        return DTypeSamples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void loadsEveryStorageTypeWithItsShapeAndValues(DTypeSamples s) throws IOException {
        byte[] pickle = PickleOps.protocol2().orderedDict().mark().str("t").tensor(s.storageType(), "0", s.shape())
                .setItems().stop().bytes();
        Path file = TestFiles.torchZip(dir.resolve("t.pth"), "t", pickle, Map.of("0", s.bytes()));
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            assertThat(ckpt.keys()).containsExactly("t");
            assertThat(ckpt.info("t")).isEqualTo(new TensorInfo("t", s.dtype(), s.shape()));
            NDArray a = ckpt.load("t", m);
            assertThat(a.getShape().getShape()).containsExactly(s.shape());
            assertThat(a.getDataType()).isEqualTo(s.loadedAs());
            s.check().accept(a);
        }
    }

    @Test
    void honoursStorageOffsetsAndStrides() throws IOException {
        PickleOps p = PickleOps.protocol2().orderedDict().mark();
        p.str("transposed").tensor("FloatStorage", "0", 12, 0, new long[] {3, 2}, new long[] {1, 3});
        p.str("offset").tensor("FloatStorage", "0", 12, 4, new long[] {2, 2}, new long[] {2, 1});
        p.str("expanded").tensor("FloatStorage", "0", 12, 1, new long[] {2, 3}, new long[] {0, 1});
        p.str("column").tensor("FloatStorage", "0", 12, 2, new long[] {3}, new long[] {4});
        p.str("tail").tensor("FloatStorage", "0", 12, 9, new long[] {3}, new long[] {1});
        p.str("empty").tensor("FloatStorage", "0", 12, 12, new long[] {0, 5}, new long[] {5, 1});
        p.str("halfTransposed").tensor("HalfStorage", "1", 4, 0, new long[] {2, 2}, new long[] {1, 2});
        byte[] halves = {0x00, 0x3C, 0x00, 0x40, 0x00, 0x42, 0x00, 0x44}; // 1, 2, 3, 4
        Path file = TestFiles.torchZip(dir.resolve("views.pth"), "views", p.setItems().stop().bytes(),
                Map.of("0", TestFiles.iota(12), "1", halves));
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            assertThat(values(ckpt, "transposed", m)).containsExactly(0, 3, 1, 4, 2, 5);
            assertThat(ckpt.load("transposed", m).getShape().getShape()).containsExactly(3, 2);
            assertThat(values(ckpt, "offset", m)).containsExactly(4, 5, 6, 7);
            assertThat(values(ckpt, "expanded", m)).containsExactly(1, 2, 3, 1, 2, 3);
            assertThat(values(ckpt, "column", m)).containsExactly(2, 6, 10);
            assertThat(values(ckpt, "tail", m)).containsExactly(9, 10, 11);
            assertThat(ckpt.load("empty", m).getShape().getShape()).containsExactly(0, 5);
            assertThat(values(ckpt, "halfTransposed", m)).containsExactly(1, 3, 2, 4);
        }
    }

    /**
     * A file written by {@code torch.save} itself (torch 1.13; also a seed of the fuzz targets): {'state_dict':
     * OrderedDict(w: 8x8 parameter, w_t: its transposed view, b: float16, n: int64) with _metadata, 'epoch': 7,
     * 'optimizer': {'state': {0: {'step': 3, 'exp_avg': b}}, 'param_groups': [{..., 'betas': (0.9, 0.999),
     * 'amsgrad': False, 'eps': None, 'params': [0, 1]}]}}.
     */
    @Test
    void loadsAFileWrittenByTorchSave() throws Exception {
        Path file = Path.of(getClass().getResource("CheckpointReadersFuzzTestInputs/torchZip/training-checkpoint.pth")
                .toURI());
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            assertThat(ckpt.entries()).containsExactly("state_dict", "epoch", "optimizer");
            TensorSource sd = ckpt.entry("state_dict");
            assertThat(sd.keys()).containsExactly("w", "w_t", "b", "n");
            float[] w = sd.load("w", m).toFloatArray();
            float[] wt = sd.load("w_t", m).toFloatArray();
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    assertThat(w[r * 8 + c]).isEqualTo(r * 8 + c);
                    assertThat(wt[r * 8 + c]).isEqualTo(c * 8 + r);
                }
            }
            assertThat(sd.load("b", m).toType(DataType.FLOAT32, false).toFloatArray())
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            assertThat(sd.load("n", m).toLongArray()).containsExactly(3, 4);
            assertThat(ckpt.entry("optimizer").keys()).isEmpty();
        }
    }

    @Test
    void navigatesNestedEntriesOfATrainingCheckpoint() throws IOException {
        // {'mapping': OrderedDict(... with _metadata), 'discriminator': OrderedDict(), 'optimizer_mapping':
        //  {'state': {0: {'step': 3, 'exp_avg': tensor}}, 'param_groups': [{'lr': 2e-4, 'betas': (0.5, 0.999),
        //  'amsgrad': False, 'eps': None, 'params': [0, 1]}]}, 'epoch': 229}
        PickleOps p = PickleOps.protocol2().emptyDict().mark();
        p.str("mapping").orderedDict().mark()
                .str("first.0.weight").parameter(() -> p.tensor("FloatStorage", "0", 2, 3))
                .str("first.0.bias").tensor("FloatStorage", "1", 2)
                .setItems();
        p.emptyDict().mark().str("_metadata").orderedDict().mark().str("").emptyDict().mark().str("version")
                .integer(1).setItems().setItems().setItems().build();
        p.str("discriminator").orderedDict();
        p.str("optimizer_mapping").emptyDict().mark().str("state").emptyDict().mark().integer(0).emptyDict().mark()
                .str("step").integer(3).str("exp_avg").tensor("FloatStorage", "1", 2).setItems().setItems()
                .str("param_groups").emptyList().mark()
                .emptyDict().mark().str("lr").floating(2e-4).str("betas").mark().floating(0.5).floating(0.999).tuple()
                .binput(1).str("betas_again").binget(1).str("amsgrad").bool(false).str("eps").none()
                .str("params").emptyList().mark().integer(0).integer(1).appends().setItems()
                .appends().setItems();
        p.str("epoch").integer(229).setItems().stop();
        Path file = TestFiles.torchZip(dir.resolve("mapping_00229-model.pth.tar"), "mapping_00229-model",
                p.bytes(), Map.of("0", TestFiles.iota(6), "1", TestFiles.floats(-1, 1)));
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            assertThat(ckpt.entries()).containsExactly("mapping", "discriminator", "optimizer_mapping", "epoch");
            assertThat(ckpt.keys()).isEmpty();
            float[] bias = ckpt.weights(m, "mapping").prefix("first").prefix(0).bind(w -> {
                assertThat(w.get("weight", 2, 3).toFloatArray()).containsExactly(0, 1, 2, 3, 4, 5);
                return w.get("bias", 2).toFloatArray();
            });
            assertThat(bias).containsExactly(-1, 1);
            assertThat(ckpt.entry("discriminator").keys()).isEmpty();
            assertThat(ckpt.entry("optimizer_mapping").keys()).isEmpty();
            assertThatThrownBy(() -> ckpt.weights(m, "epoch")).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("entry 'epoch'").hasMessageContaining(file.toString());
            assertThatThrownBy(() -> ckpt.weights(m, "params_ema")).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("params_ema").hasMessageContaining("mapping, discriminator");
        }
    }

    @Test
    void resolvesDottedPathsAndDottedKeys() throws IOException {
        PickleOps p = PickleOps.protocol2().emptyDict().mark();
        p.str("a").emptyDict().mark().str("b").orderedDict().mark().str("w").tensor("FloatStorage", "0", 2)
                .setItems().setItems();
        p.str("x.y").orderedDict().mark().str("v").tensor("FloatStorage", "1", 1).setItems();
        Path file = TestFiles.torchZip(dir.resolve("nested.pth"), "archive", p.setItems().stop().bytes(),
                Map.of("0", TestFiles.floats(1, 2), "1", TestFiles.floats(3)));
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            assertThat(ckpt.weights(m, "a.b").get("w", 2).toFloatArray()).containsExactly(1, 2);
            assertThat(ckpt.weights(m, "x.y").get("v", 1).toFloatArray()).containsExactly(3);
            assertThatThrownBy(() -> ckpt.entry("a.c")).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("'a.c'");
        }
    }

    @Test
    void keepsPickledKeyOrderAndSharedStorages() throws IOException {
        List<String> keys = new ArrayList<>();
        PickleOps p = PickleOps.protocol2().orderedDict();
        for (int batch = 0; batch < 2; batch++) {
            p.mark();
            for (int i = 0; i < 20; i++) {
                String key = "layer." + (39 - batch * 20 - i) + ".weight";
                keys.add(key);
                p.str(key).tensor("FloatStorage", "0", 8, (39 - batch * 20 - i) % 8, new long[] {1}, new long[] {1});
            }
            p.setItems();
        }
        Path file = TestFiles.torchZip(dir.resolve("order.pth"), "order", p.stop().bytes(),
                Map.of("0", TestFiles.iota(8)));
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            assertThat(List.copyOf(ckpt.keys())).isEqualTo(keys);
            assertThat(values(ckpt, "layer.13.weight", m)).containsExactly(5);
        }
    }

    @Test
    void readsBareStateDictsWithModulePrefixes() throws IOException {
        byte[] pickle = PickleOps.protocol2().orderedDict().mark()
                .str("module.body.0.weight").tensor("FloatStorage", "0", 2)
                .str("module.body.0.num_batches_tracked").tensor("LongStorage", "1")
                .setItems().stop().bytes();
        Path file = TestFiles.torchZip(dir.resolve("detection_Resnet50_Final.pth"), "detection_Resnet50_Final",
                pickle, Map.of("0", TestFiles.floats(4, 5), "1", TestFiles.longs(0)));
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            float[] w = ckpt.weights(m).prefix("module").prefix("body").prefix(0).bind(s -> {
                s.skip("num_batches_tracked");
                return s.get("weight", 2).toFloatArray();
            });
            assertThat(w).containsExactly(4, 5);
        }
    }

    static Stream<Arguments> malformed() {
        byte[] validPickle = PickleOps.protocol2().orderedDict().mark().str("t").tensor("FloatStorage", "0", 2)
                .setItems().stop().bytes();
        Map<String, byte[]> storage = Map.of("0", TestFiles.floats(1, 2));
        return Stream.of(
                zip("no data.pkl", Map.of("archive/data/0", TestFiles.floats(1)), "exactly one"),
                zip("two archives", Map.of("a/data.pkl", validPickle, "b/data.pkl", validPickle), "exactly one"),
                zip("big-endian byte order", Map.of("a/data.pkl", validPickle, "a/byteorder", ascii("big"),
                        "a/data/0", TestFiles.floats(1, 2)), "byte order 'big'"),
                torch("storage larger than its entry", PickleOps.protocol2().orderedDict().mark().str("t")
                        .tensor("FloatStorage", "0", 100, 0, new long[] {100}, new long[] {1}).setItems().stop()
                        .bytes(), storage, "declares 100 FloatStorage elements"),
                torch("view outside its storage", PickleOps.protocol2().orderedDict().mark().str("t")
                        .tensor("FloatStorage", "0", 2, 0, new long[] {2, 2}, new long[] {2, 1}).setItems().stop()
                        .bytes(), storage, "addresses element 3"),
                torch("negative offset", PickleOps.protocol2().orderedDict().mark().str("t")
                        .tensor("FloatStorage", "0", 2, -1, new long[] {1}, new long[] {1}).setItems().stop()
                        .bytes(), storage, "storage has 2 elements"),
                torch("stride overflow", PickleOps.protocol2().orderedDict().mark().str("t")
                        .tensor("FloatStorage", "0", 2, 0, new long[] {3}, new long[] {Long.MAX_VALUE})
                        .setItems().stop().bytes(), storage, "overflows"),
                torch("missing storage entry", PickleOps.protocol2().orderedDict().mark().str("t")
                        .tensor("FloatStorage", "7", 2).setItems().stop().bytes(), storage, "has no zip entry"),
                torch("truncated pickle", Arrays.copyOf(validPickle, validPickle.length / 2), storage, "malformed"),
                torch("empty pickle", new byte[0], storage, "malformed"),
                torch("garbage pickle", randomBytes(7, 2000), storage, "malformed"),
                torch("huge BINUNICODE length", PickleOps.protocol2().raw('X', 0xF0, 0xFF, 0xFF, 0x7F).bytes(), storage,
                        "exceeds"),
                torch("huge BINBYTES8 length", PickleOps.protocol2().raw(0x8e, 0, 0, 0, 0, 0, 0, 0, 0x40).bytes(),
                        storage, "exceeds"),
                torch("negative LONG4 length", PickleOps.protocol2().raw(0x8b, 0xFF, 0xFF, 0xFF, 0xFF).bytes(),
                        storage, "exceeds"),
                torch("REDUCE on a non-callable", PickleOps.protocol2().str("x").emptyTuple().reduce().stop().bytes(),
                        storage, "non-callable"),
                torch("REDUCE without a tuple", PickleOps.protocol2().global("collections", "OrderedDict").integer(1).reduce().stop()
                        .bytes(),
                        storage, "tuple"),
                torch("BUILD on a tensor", PickleOps.protocol2().tensor("FloatStorage", "0", 2).emptyDict().build()
                        .stop().bytes(), storage, "BUILD"),
                torch("foreign persistent id", PickleOps.protocol2().mark().str("module").str("x").tuple().raw('Q')
                        .stop().bytes(), storage, "persistent id"),
                torch("self-containing dict key", PickleOps.protocol2().emptyDict().mark().emptyList().binput(0).mark()
                        .binget(0).appends().none().setItems().stop().bytes(), storage, "dict key"),
                file("legacy torch format", legacy(), "legacy torch format"),
                file("corrupt zip", concat(ascii("PK\u0003\u0004"), randomBytes(3, 500)), "not a valid zip"),
                file("random garbage", randomBytes(11, 4096), "neither a safetensors file nor"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedCheckpoints(String name, Writer writer, String expected) throws IOException {
        Path file = dir.resolve("bad.pth");
        writer.write(file);
        assertThatThrownBy(() -> Checkpoint.open(file)).isInstanceOf(CheckpointException.class)
                .isNotInstanceOf(UnsafeCheckpointException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(expected);
    }

    @Test
    void rejectsLoadsAfterClose() throws IOException {
        byte[] pickle = PickleOps.protocol2().orderedDict().mark().str("t").tensor("FloatStorage", "0", 2)
                .setItems().stop().bytes();
        Path file = TestFiles.torchZip(dir.resolve("c.pth"), "c", pickle, Map.of("0", TestFiles.floats(1, 2)));
        Checkpoint ckpt = Checkpoint.open(file);
        ckpt.close();
        assertThatThrownBy(() -> ckpt.load("t", manager)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("closed");
    }

    /** Writes one test file. */
    @FunctionalInterface
    interface Writer {
        void write(Path path) throws IOException;
    }

    private static Arguments zip(String name, Map<String, byte[]> entries, String expected) {
        Writer w = path -> {
            try (OutputStream os = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(os)) {
                for (Map.Entry<String, byte[]> e : new LinkedHashMap<>(entries).entrySet()) {
                    TestFiles.put(zip, e.getKey(), e.getValue());
                }
            }
        };
        return Arguments.of(name, w, expected);
    }

    private static Arguments torch(String name, byte[] pickle, Map<String, byte[]> storages, String expected) {
        return Arguments.of(name, (Writer) path -> TestFiles.torchZip(path, "archive", pickle, storages), expected);
    }

    private static Arguments file(String name, byte[] content, String expected) {
        return Arguments.of(name, (Writer) path -> Files.write(path, content), expected);
    }

    private static byte[] legacy() {
        byte[] magic = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20,
            0x6a, (byte) 0xa8, 0x50, 0x19, 0x2e};
        return concat(magic, randomBytes(5, 100));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        b[0] = 'x';
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] values(Checkpoint ckpt, String key, NDManager m) {
        return ckpt.load(key, m).toFloatArray();
    }
}
