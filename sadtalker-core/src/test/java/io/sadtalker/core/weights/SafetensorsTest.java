package io.sadtalker.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.CheckpointException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafetensorsTest extends CheckpointFileTest {
    static List<DTypeSamples> samples() {
        return DTypeSamples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void loadsEveryDtypeWithItsShapeAndValues(DTypeSamples s) throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"t\":{\"dtype\":\"" + s.dtype() + "\",\"shape\":"
                + Arrays.toString(s.shape()).replace(" ", "") + ",\"data_offsets\":[0," + s.bytes().length + "]}}";
        Path file = TestFiles.safetensors(dir.resolve("t.safetensors"), header, s.bytes());
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            assertThat(ckpt.keys()).containsExactly("t");
            assertThat(ckpt.entries()).containsExactly("t");
            assertThat(ckpt.info("t")).isEqualTo(new TensorInfo("t", s.dtype(), s.shape()));
            NDArray a = ckpt.load("t", m);
            assertThat(a.getShape().getShape()).containsExactly(s.shape());
            assertThat(a.getDataType()).isEqualTo(s.loadedAs());
            s.check().accept(a);
        }
    }

    @Test
    void keepsHeaderOrderAndBindsThroughWeights() throws IOException {
        String header = "{\"net.conv.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[16,32]},"
                + "\"net.conv.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                + "\"net.bn.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}";
        byte[] data = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putLong(7)
                .put(TestFiles.floats(0.5f, -0.5f, 1, 2, 3, 4)).array();
        Path file = TestFiles.safetensors(dir.resolve("net.safetensors"), header, data);
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            assertThat(ckpt.keys()).containsExactly("net.conv.weight", "net.conv.bias", "net.bn.num_batches_tracked");
            float[] weight = ckpt.weights(m).prefix("net").bind(w -> {
                w.prefix("bn").skip("num_batches_tracked");
                assertThat(w.prefix("conv").get("bias", 2).toFloatArray()).containsExactly(0.5f, -0.5f);
                return w.prefix("conv").get("weight", 2, 2).toFloatArray();
            });
            assertThat(weight).containsExactly(1, 2, 3, 4);
            assertThatThrownBy(() -> ckpt.load("net.missing", m)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("net.missing").hasMessageContaining(file.toString());
        }
    }

    @Test
    void loadsZeroElementTensors() throws IOException {
        Path file = TestFiles.safetensors(dir.resolve("e.safetensors"),
                "{\"e\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[0,0]}}", new byte[0]);
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            assertThat(ckpt.load("e", m).getShape().getShape()).containsExactly(0, 3);
        }
    }

    @Test
    void mapsInSegmentsAndServesTensorsThatCrossSegmentBorders() throws IOException {
        // tensors of 12, 20 and 8 bytes over 16-byte segments: the second crosses two borders
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[12,32]},"
                + "\"c\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[32,40]}}";
        Path file = TestFiles.safetensors(dir.resolve("seg.safetensors"), header, TestFiles.iota(10));
        try (SafetensorsFile f = SafetensorsFile.open(file, 16); NDManager m = manager.newSubManager()) {
            assertThat(f.load("a", m).toFloatArray()).containsExactly(0, 1, 2);
            assertThat(f.load("b", m).toFloatArray()).containsExactly(3, 4, 5, 6, 7);
            assertThat(f.load("c", m).toFloatArray()).containsExactly(8, 9);
        }
    }

    @Test
    void loadedArraysOwnTheirMemory() throws IOException {
        Path file = TestFiles.safetensors(dir.resolve("w.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}}", TestFiles.floats(1, 2, 3));
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager m = manager.newSubManager()) {
            NDArray first = ckpt.load("w", m);
            first.addi(10); // would fault on a read-only file mapping
            assertThat(ckpt.load("w", m).toFloatArray()).containsExactly(1, 2, 3);
            ckpt.close();
            assertThat(first.toFloatArray()).containsExactly(11, 12, 13);
            assertThatThrownBy(() -> ckpt.load("w", m)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("closed");
        }
    }

    static Stream<Arguments> malformed() {
        byte[] eight = TestFiles.floats(1, 2);
        return Stream.of(
                Arguments.of("empty file", new byte[0], "empty file"),
                Arguments.of("random garbage", garbage(), "neither a safetensors file nor"),
                Arguments.of("truncated header length", new byte[] {2, 0, 0, 0}, "neither a safetensors file nor"),
                Arguments.of("header length beyond file size", withLength(1000, "{}"), "header length 1000"),
                Arguments.of("header length above 100 MB", withLength(1L << 40, "{}"), "header length"),
                Arguments.of("negative header length", withLength(-8, "{}"), "header length"),
                Arguments.of("truncated data", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}",
                        eight), "data_offsets [0, 16]"),
                Arguments.of("offsets out of range", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],"
                        + "\"data_offsets\":[100,108]}}", eight), "data_offsets [100, 108]"),
                Arguments.of("reversed offsets", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],"
                        + "\"data_offsets\":[8,0]}}", eight), "data_offsets [8, 0]"),
                Arguments.of("overlapping tensors", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", eight), "overlap"),
                Arguments.of("shape product overflow", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,"
                        + "4],\"data_offsets\":[0,8]}}", eight), "overflows"),
                Arguments.of("byte size overflow", file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2305843009213693952],"
                        + "\"data_offsets\":[0,8]}}", eight), "overflows"),
                Arguments.of("byte length disagrees with shape", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],"
                        + "\"data_offsets\":[0,8]}}", eight), "needs 12"),
                Arguments.of("duplicate keys", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", eight), "Duplicate"),
                Arguments.of("unknown dtype", file("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[8],"
                        + "\"data_offsets\":[0,8]}}", eight), "unknown dtype 'F8_E4M3'"),
                Arguments.of("negative dimension", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],"
                        + "\"data_offsets\":[0,8]}}", eight), "shape: element 0"),
                Arguments.of("fractional dimension", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],"
                        + "\"data_offsets\":[0,8]}}", eight), "shape: element 0"),
                Arguments.of("missing data_offsets", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", eight),
                        "data_offsets"),
                Arguments.of("entry not an object", file("{\"a\":[1,2]}", eight), "tensor 'a'"),
                Arguments.of("invalid JSON", file("{\"a\": {", eight), "invalid safetensors header JSON"),
                Arguments.of("trailing tokens", file("{} {}", eight), "invalid safetensors header JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedFiles(String name, byte[] content, String expected) throws IOException {
        Path file = Files.write(dir.resolve("bad.safetensors"), content);
        assertThatThrownBy(() -> Checkpoint.open(file)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(expected);
    }

    private static byte[] garbage() {
        byte[] b = new byte[4096];
        new Random(42).nextBytes(b);
        b[8] = 'x';
        b[0] = 'x';
        return b;
    }

    private static byte[] withLength(long length, String header) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(length).put(h).array();
    }

    /** A file with {@code header} (padded with spaces to a multiple of 8) and {@code data}. */
    private static byte[] file(String header, byte[] data) {
        byte[] hb = header.getBytes(StandardCharsets.UTF_8);
        int padded = (hb.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(hb);
        for (int i = hb.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        return b.put(data).array();
    }
}
