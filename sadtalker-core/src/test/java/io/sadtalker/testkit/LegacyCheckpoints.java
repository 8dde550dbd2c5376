package io.sadtalker.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The legacy ({@code --old_version}) synthetic checkpoints: the torch containers of the legacy manifests carrying
 * the tensors of the synthetic {@code SadTalker_V0.0.2_*.safetensors}, each under the key the original's loaders
 * give it (fixtures README: {@code epoch_20.pth['net_recon']} = {@code face_3drecon.*},
 * {@code auido2exp/auido2pose['model']} = {@code audio2exp.* / audio2pose.*},
 * {@code facevid2vid['generator' / 'kp_detector']} = {@code generator.* / kp_extractor.*}). {@code he_estimator},
 * which the safetensors file does not hold, has its own synthetic values.
 */
public final class LegacyCheckpoints {
    /** The safetensors manifest whose values the legacy files carry (the 256 and 512 files hold identical values). */
    public static final String SAFETENSORS_MANIFEST = "SadTalker_V0.0.2_256.safetensors.json";
    /** The four legacy manifests. */
    public static final List<String> MANIFESTS = List.of("epoch_20.pth.json", "auido2exp_00300-model.pth.json",
            "auido2pose_00140-model.pth.json", "facevid2vid_00189-model.pth.tar.json");

    private LegacyCheckpoints() {
    }

    /** Whether {@code file} (an official file name) is one of the legacy files. */
    public static boolean isLegacy(String file) {
        return MANIFESTS.contains(file + ".json");
    }

    /**
     * The safetensors key whose values the legacy manifest key {@code key} of {@code file} carries, or null for a
     * key without a counterpart ({@code he_estimator.*}).
     */
    public static String safetensorsKey(String file, String key) {
        if (file.startsWith("epoch_20")) {
            return "face_3drecon." + key;
        }
        if (file.startsWith("auido2exp_")) {
            return "audio2exp." + key;
        }
        if (file.startsWith("auido2pose_")) {
            return "audio2pose." + key;
        }
        if (file.startsWith("facevid2vid_")) {
            if (key.startsWith("generator.")) {
                return key;
            }
            if (key.startsWith("kp_detector.")) {
                return "kp_extractor." + key.substring("kp_detector.".length());
            }
            return null;
        }
        throw new IllegalArgumentException(file + " is not a legacy SadTalker checkpoint");
    }

    /**
     * The tensor whose synthetic values the legacy tensor {@code t} of {@code file} carries: the safetensors
     * manifest's tensor of the mapped key (same shape and dtype, checked), or {@code t} itself without one.
     */
    static Manifest.Tensor valueSource(String file, Manifest.Tensor t) {
        String key = safetensorsKey(file, t.key());
        if (key == null) {
            return t;
        }
        Manifest.Tensor source = Manifest.load(SAFETENSORS_MANIFEST).tensors().stream()
                .filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException(file + " key " + t.key() + ": no " + key + " in "
                        + SAFETENSORS_MANIFEST));
        if (!Arrays.equals(source.shape(), t.shape()) || source.dtype() != t.dtype()) {
            throw new IllegalStateException(file + " key " + t.key() + " is " + t.dtype() + Arrays.toString(t.shape())
                    + " but " + key + " is " + source.dtype() + Arrays.toString(source.shape()));
        }
        return source;
    }

    /**
     * A checkpoint directory holding the legacy files, both mapping files and the facexlib detection and alignment
     * files for {@code seed}, and no {@code .safetensors} file.
     */
    public static Path directory(String name, String seed) {
        List<String> manifests = new ArrayList<>(MANIFESTS);
        manifests.addAll(List.of("mapping_00229-model.pth.tar.json", "mapping_00109-model.pth.tar.json",
                "detection_Resnet50_Final.pth.json", "alignment_WFLW_4HG.pth.json"));
        return SyntheticCheckpoints.directory(name, seed, manifests.toArray(String[]::new));
    }
}
