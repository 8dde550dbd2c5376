package io.sadtalker.core.weights;

import java.util.List;

/**
 * The SadTalker networks read from checkpoint files, and where each one's state dict is: under a prefix of
 * {@code SadTalker_V0.0.2_<size>.safetensors}, or in an entry of a legacy {@code torch.save} file
 * ({@code --old_version}), as the original's {@code init_path} and loaders read them. A legacy state dict holds
 * the same keys as the safetensors prefix.
 */
public enum SadTalkerNetwork {
    /** The 3DMM regressor ({@code src/utils/preprocess.py}: {@code checkpoint['net_recon']}). */
    FACE_3DRECON("face_3drecon", "epoch_20.pth", "net_recon", List.of("net_recon")),
    /** {@code SimpleWrapperV2} ({@code src/test_audio2coeff.py load_cpk}: {@code checkpoint['model']}). */
    AUDIO2EXP("audio2exp", "auido2exp_00300-model.pth", "model", List.of("model", "epoch")),
    /** {@code Audio2Pose} ({@code load_cpk}: {@code checkpoint['model']}). */
    AUDIO2POSE("audio2pose", "auido2pose_00140-model.pth", "model", List.of("model", "epoch")),
    /** {@code KPDetector} ({@code src/facerender/animate.py load_cpk_facevid2vid}: {@code checkpoint['kp_detector']}). */
    KP_EXTRACTOR("kp_extractor", "facevid2vid_00189-model.pth.tar", "kp_detector",
            List.of("generator", "kp_detector", "he_estimator", "epoch")),
    /** {@code OcclusionAwareSPADEGenerator} ({@code load_cpk_facevid2vid}: {@code checkpoint['generator']}). */
    GENERATOR("generator", "facevid2vid_00189-model.pth.tar", "generator",
            List.of("generator", "kp_detector", "he_estimator", "epoch"));

    private final String prefix;
    private final String legacyFile;
    private final String legacyEntry;
    private final List<String> legacyEntries;

    SadTalkerNetwork(String prefix, String legacyFile, String legacyEntry, List<String> legacyEntries) {
        this.prefix = prefix;
        this.legacyFile = legacyFile;
        this.legacyEntry = legacyEntry;
        this.legacyEntries = legacyEntries;
    }

    /** The key prefix in the safetensors file ({@code audio2exp}, ...). */
    public String prefix() {
        return prefix;
    }

    /** The legacy file's name. */
    public String legacyFile() {
        return legacyFile;
    }

    /** The entry of the legacy file that holds this network's state dict. */
    public String legacyEntry() {
        return legacyEntry;
    }

    /**
     * The entries the original's loader reads from the legacy file (it fails when one is missing): the state
     * dicts it loads, {@code he_estimator} included although inference never uses it, and {@code epoch}, which
     * {@code load_cpk} returns.
     */
    public List<String> legacyEntries() {
        return legacyEntries;
    }
}
