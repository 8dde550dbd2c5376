package io.sadtalker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.core.weights.TensorDType;
import io.sadtalker.core.weights.TensorSource;
import io.sadtalker.core.weights.Weights;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic checkpoints in both containers read back to the README's SHA-256 of the mapping values. */
class SyntheticCheckpointsTest {
    private static final String MAPPING = "mapping_00229-model.pth.tar.json";

    @TempDir
    Path tmp;

    @Test
    void safetensorsHoldsTheManifestValues() throws Exception {
        Manifest m = Manifest.load(MAPPING);
        Path file = tmp.resolve("mapping.safetensors");
        SyntheticCheckpoints.write(m, "dev-1", "safetensors", file);
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Manifest.Tensor t : m.tensors()) {
                assertThat(r.info(t.key()).shape()).containsExactly(t.shape());
                sha.update(r.bytes(t.key()));
            }
            assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(SyntheticWeightsTest.MAPPING_SHA256);
        }
    }

    @Test
    void safetensorsLayoutIsI64FirstThenKeyBytesSpacePadded() throws Exception {
        Manifest m = new Manifest("small.json", "small.safetensors", "safetensors", List.of(
                new Manifest.Tensor("b.weight", new long[] {2, 3}, TensorDType.F32, new Manifest.Uniform(-1, 1), null),
                new Manifest.Tensor("a.num_batches_tracked", new long[0], TensorDType.I64, new Manifest.Const(0), null),
                new Manifest.Tensor("B.bias", new long[] {3}, TensorDType.F32, new Manifest.Values(new float[] {1, 2, 3}), null),
                new Manifest.Tensor("a.weight", new long[] {1}, TensorDType.F32, new Manifest.Const(0.5), null)));
        Path file = tmp.resolve("small.safetensors");
        SyntheticCheckpoints.write(m, "s", "safetensors", file);
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).isZero();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{\"a.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"B.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]},\"a.weight\":");
        assertThat(header.strip()).endsWith("}");
        assertThat(header.substring(header.strip().length())).matches(" *");
        assertThat(bytes.length).isEqualTo(8 + headerLength + 8 + 12 + 4 + 24);
        try (SafetensorsReader r = SafetensorsReader.open(file); NDManager manager = NDManager.newBaseManager()) {
            assertThat(r.keys()).containsExactly("a.num_batches_tracked", "B.bias", "a.weight", "b.weight");
            assertThat(r.load("B.bias", manager).toFloatArray()).containsExactly(1, 2, 3);
            assertThat(r.load("a.num_batches_tracked", manager).getLong()).isZero();
            assertThat(r.load("b.weight", manager).toFloatArray())
                    .containsExactly(SyntheticWeights.floats("s", m.tensors().get(0)));
        }
    }

    @Test
    void torchZipIsCachedAndReadsBackThroughCheckpoint() throws Exception {
        Path file = SyntheticCheckpoints.path(MAPPING, "dev-1");
        assertThat(file.getFileName().toString()).isEqualTo("mapping_00229-model.pth.tar");
        long modified = Files.getLastModifiedTime(file).toMillis();
        assertThat(SyntheticCheckpoints.path(MAPPING, "dev-1")).isEqualTo(file);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);

        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertThat(names.get(0)).isEqualTo("mapping_00229-model.pth/data.pkl");
            assertThat(names).contains("mapping_00229-model.pth/data/0", "mapping_00229-model.pth/data/17")
                    .endsWith("mapping_00229-model.pth/version").hasSize(20);
            assertThat(zip.getInputStream(zip.getEntry("mapping_00229-model.pth/version")).readAllBytes())
                    .isEqualTo("3\n".getBytes(StandardCharsets.US_ASCII));
        }
        Manifest m = Manifest.load(MAPPING);
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager manager = NDManager.newBaseManager()) {
            assertThat(ckpt.entries()).containsExactly("mapping", "discriminator", "optimizer_mapping",
                    "optimizer_discriminator", "epoch");
            Weights w = ckpt.weights(manager, "mapping");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Manifest.Tensor t : m.tensors()) {
                float[] v = w.get(t.key(), t.shape()).toFloatArray();
                ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                sha.update(b);
            }
            assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(SyntheticWeightsTest.MAPPING_SHA256);
            assertThat(w.keys()).hasSize(m.tensors().size());
        }
    }

    @Test
    void bareAndNestedLayoutsWithInt64Buffers() throws Exception {
        Path file = withCache(tmp.resolve("cache"), () -> SyntheticCheckpoints.path("parsing_parsenet.pth.json", "layout-check"));
        Manifest m = Manifest.load("parsing_parsenet.pth.json");
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager manager = NDManager.newBaseManager()) {
            TensorSource root = ckpt;
            assertThat(List.copyOf(root.keys())).containsExactlyElementsOf(m.tensors().stream().map(Manifest.Tensor::key).toList());
            Manifest.Tensor nbt = m.tensors().stream().filter(t -> t.dtype() == TensorDType.I64).findFirst().orElseThrow();
            assertThat(root.info(nbt.key()).dtype()).isEqualTo(TensorDType.I64);
            assertThat(root.load(nbt.key(), manager).getLong()).isZero();
            Manifest.Tensor last = m.tensors().get(m.tensors().size() - 1);
            assertThat(root.load(last.key(), manager).toFloatArray()).containsExactly(SyntheticWeights.floats("layout-check", last));
        }
    }

    @Test
    void concurrentCallersShareOneWrite() throws Exception {
        Path cache = tmp.resolve("cache");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Path>> paths = withCache(cache, () -> {
                List<Future<Path>> submitted = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    submitted.add(pool.submit(() -> SyntheticCheckpoints.path(MAPPING, "dev-1")));
                }
                for (Future<Path> p : submitted) {
                    p.get();
                }
                return submitted;
            });
            Path first = paths.get(0).get();
            for (Future<Path> p : paths) {
                assertThat(p.get()).isEqualTo(first);
            }
            assertThat(first).startsWith(cache);
            assertThat(Files.isReadable(first)).isTrue();
            try (var files = Files.list(first.getParent())) {
                assertThat(files.map(p -> p.getFileName().toString()).toList())
                        .containsExactlyInAnyOrder("mapping_00229-model.pth.tar", "mapping_00229-model.pth.tar.lock");
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Runs {@code body} with the synthetic cache pointed at {@code dir}, then restores the property. */
    private static <T> T withCache(Path dir, Callable<T> body) throws Exception {
        String previous = System.getProperty(Fixtures.CACHE_PROPERTY);
        System.setProperty(Fixtures.CACHE_PROPERTY, dir.toString());
        try {
            return body.call();
        } finally {
            if (previous == null) {
                System.clearProperty(Fixtures.CACHE_PROPERTY);
            } else {
                System.setProperty(Fixtures.CACHE_PROPERTY, previous);
            }
        }
    }
}
