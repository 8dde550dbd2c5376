package io.sadtalker.core.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.testkit.Manifest;
import io.sadtalker.testkit.SyntheticCheckpoints;
import io.sadtalker.testkit.SyntheticWeights;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Synthetic checkpoints in the official containers and layouts (written from the fixture manifests) open through
 * {@link Checkpoint#open} with every manifest key, shape and dtype, and with the values of the synthetic rule.
 */
class OfficialLayoutLoadTest {
    private static final String SEED = "dev-1";
    /** README section 1: SHA-256 of the 18 mapping tensors for seed dev-1, little-endian float32, manifest order. */
    private static final String MAPPING_SHA256 = "5b3c1c218d778498fd4fadbc17b7a2f62a4f1139c293500f1e6abff67dac5a80";

    @Test
    void sadTalker256SafetensorsLoadsEveryManifestTensor() throws Exception {
        Manifest manifest = Manifest.load("SadTalker_V0.0.2_256.safetensors.json");
        Path file = SyntheticCheckpoints.path(manifest.name(), SEED);
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long heapBefore = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);

        long start = System.nanoTime();
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager manager = NDManager.newBaseManager()) {
            long opened = System.nanoTime();
            assertThat(ckpt.keys()).hasSize(manifest.tensors().size());
            for (Manifest.Tensor t : manifest.tensors()) {
                assertThat(ckpt.info(t.key())).isEqualTo(t.info(t.key()));
            }
            long bytes = 0;
            for (String key : ckpt.keys()) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray a = ckpt.load(key, scope);
                    bytes += a.getShape().size() * a.getDataType().getNumOfBytes();
                }
            }
            long loaded = System.nanoTime();
            long heapPeak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("SadTalker_V0.0.2_256.safetensors: open %.1f ms, load all %d tensors (%d MB) %.1f ms, "
                            + "heap before %d MB, peak %d MB%n", (opened - start) / 1e6, ckpt.keys().size(),
                    bytes >> 20, (loaded - opened) / 1e6, heapBefore >> 20, heapPeak >> 20);
            assertThat(bytes).isEqualTo(725_066_984L - headerBytes(file));
            assertThat(heapPeak - heapBefore).as("heap growth while loading a 725 MB file").isLessThan(256L << 20);

            for (String key : List.of("kp_extractor.down.weight", "generator.first.conv.bias",
                    "audio2exp.audio_encoder.4.conv_block.1.num_batches_tracked", "face_3drecon.final_layers.6.bias",
                    "audio2pose.netG.encoder.classbias")) {
                spotCheck(manifest, ckpt, key, manager);
            }
            Set<String> children = ckpt.keys().stream().map(k -> k.substring(0, k.indexOf('.')))
                    .collect(Collectors.toSet());
            assertThat(children).containsExactlyInAnyOrder("kp_extractor", "generator", "audio2exp", "audio2pose",
                    "face_3drecon");
        }
    }

    @Test
    void mappingTorchZipLoadsItsNestedStateDict() throws Exception {
        Manifest manifest = Manifest.load("mapping_00229-model.pth.tar.json");
        Path file = SyntheticCheckpoints.path(manifest.name(), SEED);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long start = System.nanoTime();
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager manager = NDManager.newBaseManager()) {
            assertThat(ckpt.entries()).containsExactly("mapping", "discriminator", "optimizer_mapping",
                    "optimizer_discriminator", "epoch");
            TensorSource mapping = ckpt.entry("mapping");
            assertThat(List.copyOf(mapping.keys()))
                    .isEqualTo(manifest.tensors().stream().map(Manifest.Tensor::key).toList());
            for (Manifest.Tensor t : manifest.tensors()) {
                assertThat(mapping.info(t.key())).isEqualTo(t.info(t.key()));
                try (NDManager scope = manager.newSubManager()) {
                    float[] values = mapping.load(t.key(), scope).toFloatArray();
                    ByteBuffer le = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    le.asFloatBuffer().put(values);
                    sha.update(le);
                }
            }
            System.out.printf("mapping_00229-model.pth.tar: open and load all %d tensors %.1f ms%n",
                    manifest.tensors().size(), (System.nanoTime() - start) / 1e6);
            assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(MAPPING_SHA256);
            spotCheck(manifest, ckpt.entry("mapping"), "first.0.bias", manager);
        }
    }

    private static void spotCheck(Manifest manifest, TensorSource source, String key, NDManager manager) {
        Manifest.Tensor t = manifest.tensors().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = source.load(key, scope);
            if (t.dtype() == TensorDType.I64) {
                assertThat(a.toLongArray()).as(key).containsExactly(SyntheticWeights.longs(t));
            } else {
                assertThat(a.toFloatArray()).as(key).containsExactly(SyntheticWeights.floats(SEED, t));
            }
        }
    }

    private static long headerBytes(Path file) throws java.io.IOException {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            return 8 + ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
    }
}
