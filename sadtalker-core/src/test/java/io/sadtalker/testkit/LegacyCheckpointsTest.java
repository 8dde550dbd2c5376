package io.sadtalker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.core.weights.TensorSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The synthetic legacy files: every key, shape and dtype of their manifests in the original's containers (with
 * the {@code epoch} entry {@code load_cpk} returns), and every tensor bit-identical to the synthetic safetensors
 * tensor the original's loaders map it to.
 */
class LegacyCheckpointsTest {
    private static final String SEED = "dev-1";

    @Test
    void legacyFilesMatchTheirManifestsAndCarryTheSafetensorsTensors() {
        Path safetensors = SyntheticCheckpoints.path(LegacyCheckpoints.SAFETENSORS_MANIFEST, SEED);
        for (String name : LegacyCheckpoints.MANIFESTS) {
            Manifest manifest = Manifest.load(name);
            Path file = SyntheticCheckpoints.path(name, SEED);
            assertThat(OfficialCheckpointsTest.check(file, manifest)).as(name).isEmpty();
            int compared = 0;
            try (Checkpoint legacy = Checkpoint.open(file); Checkpoint reference = Checkpoint.open(safetensors)) {
                assertThat(legacy.entries()).as(name).contains(name.startsWith("epoch_20") ? "net_recon" : "epoch");
                for (Manifest.Tensor t : manifest.tensors()) {
                    String key = LegacyCheckpoints.safetensorsKey(manifest.file(), t.key());
                    if (key == null) {
                        continue;
                    }
                    assertThat(bytes(stateDict(legacy, manifest.file(), t.key()), localKey(manifest.file(), t.key())))
                            .as(name + " " + t.key()).isEqualTo(bytes(reference, key));
                    compared++;
                }
            }
            assertThat(compared).as(name + ": tensors with a safetensors counterpart").isPositive();
        }
    }

    @Test
    void keysMapAsTheOriginalLoadersReadThem() {
        assertThat(LegacyCheckpoints.safetensorsKey("epoch_20.pth", "backbone.conv1.weight"))
                .isEqualTo("face_3drecon.backbone.conv1.weight");
        assertThat(LegacyCheckpoints.safetensorsKey("auido2exp_00300-model.pth", "mapping1.bias"))
                .isEqualTo("audio2exp.mapping1.bias");
        assertThat(LegacyCheckpoints.safetensorsKey("auido2pose_00140-model.pth", "netD_motion.seq.3.bias"))
                .isEqualTo("audio2pose.netD_motion.seq.3.bias");
        assertThat(LegacyCheckpoints.safetensorsKey("facevid2vid_00189-model.pth.tar", "kp_detector.kp.weight"))
                .isEqualTo("kp_extractor.kp.weight");
        assertThat(LegacyCheckpoints.safetensorsKey("facevid2vid_00189-model.pth.tar", "generator.first.conv.weight"))
                .isEqualTo("generator.first.conv.weight");
        assertThat(LegacyCheckpoints.safetensorsKey("facevid2vid_00189-model.pth.tar", "he_estimator.fc_exp.bias"))
                .isNull();
    }

    /** The state dict a legacy manifest key lives in. */
    private static TensorSource stateDict(Checkpoint legacy, String file, String key) {
        if (file.startsWith("facevid2vid_")) {
            return legacy.entry(key.substring(0, key.indexOf('.')));
        }
        return legacy.entry(file.startsWith("epoch_20") ? "net_recon" : "model");
    }

    private static String localKey(String file, String key) {
        return file.startsWith("facevid2vid_") ? key.substring(key.indexOf('.') + 1) : key;
    }

    private static byte[] bytes(TensorSource source, String key) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return source.load(key, manager).toByteArray();
        }
    }
}
