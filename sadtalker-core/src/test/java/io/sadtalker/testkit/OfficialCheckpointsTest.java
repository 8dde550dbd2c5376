package io.sadtalker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.models.ModelCatalog;
import io.sadtalker.core.models.ModelDownloader;
import io.sadtalker.core.models.ModelFile;
import io.sadtalker.core.weights.Checkpoint;
import io.sadtalker.core.weights.TensorInfo;
import io.sadtalker.core.weights.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Checks a directory of the real official checkpoint files against the manifests (every key, shape and dtype,
 * nothing extra) and prints their SHA-256; each file must match the catalogue's digest.
 * Opt-in: {@code mvn -pl sadtalker-core test -Dtest=OfficialCheckpointsTest -Dsadtalker.official.checkpoints=DIR};
 * skipped, saying so, without the property. The check itself is tested on synthetic files.
 */
class OfficialCheckpointsTest {
    private static final String PROPERTY = "sadtalker.official.checkpoints";

    @Test
    void realCheckpointDirectoryMatchesTheManifests() throws IOException {
        String dir = System.getProperty(PROPERTY);
        Assumptions.assumeTrue(dir != null && !dir.isBlank(),
                "skipped: set -D" + PROPERTY + "=<checkpoint dir> to check the real official files");
        Path root = Path.of(dir);
        List<String> problems = new ArrayList<>();
        for (ModelFile f : Stream.concat(ModelCatalog.all().stream(), ModelCatalog.LEGACY.stream()).toList()) {
            Path file = root.resolve(f.name());
            if (!Files.isRegularFile(file)) {
                if (!f.optional() && !ModelCatalog.LEGACY.contains(f)) {
                    problems.add("missing " + file);
                }
                continue;
            }
            problems.addAll(check(file, Manifest.load(f.name() + ".json")));
            System.out.println(ModelDownloader.sha256(file) + "  " + f.name());
            problems.addAll(new ModelDownloader().verify(List.of(f), root));
        }
        assertThat(problems).as("official checkpoints in " + root).isEmpty();
    }

    @Test
    void theCheckFindsNothingOnAFaithfulFileAndEveryMismatchOnAnother() {
        Path mapping229 = SyntheticCheckpoints.path("mapping_00229-model.pth.tar.json", "dev-1");
        Path mapping109 = SyntheticCheckpoints.path("mapping_00109-model.pth.tar.json", "dev-1");
        assertThat(check(mapping229, Manifest.load("mapping_00229-model.pth.tar.json"))).isEmpty();
        // the still mapping takes 73 coefficients: its first conv differs in shape from the 70-coefficient one
        assertThat(check(mapping109, Manifest.load("mapping_00229-model.pth.tar.json")))
                .anyMatch(p -> p.contains("first.0.weight") && p.contains("[1024, 73, 7]"));
    }

    /** Differences between {@code file} and {@code manifest}: missing or extra keys, other shapes or dtypes. */
    static List<String> check(Path file, Manifest manifest) {
        List<String> problems = new ArrayList<>();
        try (Checkpoint ckpt = Checkpoint.open(file); NDManager manager = NDManager.newBaseManager()) {
            Map<String, TensorInfo> infos = new LinkedHashMap<>();
            for (String entry : stateDictEntries(manifest.file())) {
                Weights w = entry == null ? ckpt.weights(manager) : ckpt.weights(manager, entry);
                String prefix = manifest.file().startsWith("facevid2vid_") ? entry + "." : "";
                w.keys().forEach(k -> infos.put(prefix + k, w.info(k)));
            }
            Set<String> keys = new HashSet<>(infos.keySet());
            for (Manifest.Tensor t : manifest.tensors()) {
                if (!keys.remove(t.key())) {
                    problems.add(file.getFileName() + ": missing key " + t.key());
                    continue;
                }
                TensorInfo info = infos.get(t.key());
                if (!Arrays.equals(info.shape(), t.shape()) || info.dtype() != t.dtype()) {
                    problems.add(file.getFileName() + ": " + t.key() + " is " + info.dtype() + " "
                            + info.shapeText() + ", manifest says " + t.dtype() + " " + Arrays.toString(t.shape()));
                }
            }
            keys.forEach(k -> problems.add(file.getFileName() + ": key " + k + " is not in the manifest"));
        }
        return problems;
    }

    /**
     * Where the official file keeps its state dicts (a null element: the top level); the legacy facevid2vid
     * file's manifest writes its keys {@code <entry>.<key>}.
     */
    private static List<String> stateDictEntries(String file) {
        if (file.startsWith("mapping_")) {
            return List.of("mapping");
        }
        if (file.startsWith("GFPGAN") || file.startsWith("RestoreFormer") || file.startsWith("RealESRGAN")) {
            return List.of("params_ema");
        }
        if (file.startsWith("auido2")) {
            return List.of("model");
        }
        if (file.startsWith("epoch_20")) {
            return List.of("net_recon");
        }
        if (file.startsWith("facevid2vid_")) {
            return List.of("generator", "kp_detector", "he_estimator");
        }
        return Collections.singletonList(file.startsWith("alignment_") ? "state_dict" : null);
    }
}
