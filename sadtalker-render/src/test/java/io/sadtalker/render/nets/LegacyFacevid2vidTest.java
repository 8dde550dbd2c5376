package io.sadtalker.render.nets;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.config.FacerenderConfig;
import io.sadtalker.core.weights.SadTalkerCheckpoints;
import io.sadtalker.core.weights.SadTalkerNetwork;
import io.sadtalker.testkit.BitPatterns;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.FixtureCases;
import io.sadtalker.testkit.LegacyCheckpoints;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --old_version}: {@code facevid2vid_00189-model.pth.tar['kp_detector' / 'generator']} carry the
 * safetensors' {@code kp_extractor.*} / {@code generator.*} tensors, so KPDetector and the generator give
 * bit-identical outputs from either file; the legacy outputs also pass the stage's first fixture case.
 */
class LegacyFacevid2vidTest {
    @Test
    void kpDetectorFromTheLegacyFileIsBitIdentical() throws Exception {
        FixtureCase c = FixtureCases.discover("kp_detector").get(0);
        FacerenderConfig config = CaseConfigs.of(c);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = c.input("source_image", manager);
            NDArray fromSafetensors = kpDetector(safetensors(c), config, manager).forward(image);
            NDArray fromLegacy = kpDetector(legacy(c), config, manager).forward(image);
            assertThat(BitPatterns.of(fromLegacy.toFloatArray()))
                    .containsExactly(BitPatterns.of(fromSafetensors.toFloatArray()));
            Outputs.checkAll(c, Map.of("value", fromLegacy));
        }
    }

    @Test
    void generatorFromTheLegacyFileIsBitIdentical() throws Exception {
        FixtureCase c = FixtureCases.discover("generator").stream()
                .min(Comparator.comparingLong(g -> g.inputHost("source_image").size())).orElseThrow();
        FacerenderConfig config = CaseConfigs.of(c);
        float[] fromSafetensors;
        try (NDManager manager = NDManager.newBaseManager()) {
            fromSafetensors = generate(c, safetensors(c), config, manager).prediction().toFloatArray();
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            OcclusionAwareSPADEGenerator.Output out = generate(c, legacy(c), config, manager);
            assertThat(BitPatterns.of(out.prediction().toFloatArray())).containsExactly(BitPatterns.of(fromSafetensors));
            Outputs.checkAll(c, Map.of("prediction", out.prediction(), "occlusion_map", out.occlusionMap(), "mask",
                    out.mask()));
        }
    }

    private static SadTalkerCheckpoints safetensors(FixtureCase c) {
        return SadTalkerCheckpoints.safetensors(SyntheticCheckpoints.path(LegacyCheckpoints.SAFETENSORS_MANIFEST,
                c.seed()));
    }

    private static SadTalkerCheckpoints legacy(FixtureCase c) {
        return SadTalkerCheckpoints.legacy(
                SyntheticCheckpoints.path("facevid2vid_00189-model.pth.tar.json", c.seed()).getParent());
    }

    private static KPDetector kpDetector(SadTalkerCheckpoints files, FacerenderConfig config, NDManager manager) {
        try (files) {
            return files.weights(SadTalkerNetwork.KP_EXTRACTOR, manager)
                    .bind(w -> KPDetector.load(w, config));
        }
    }

    private static OcclusionAwareSPADEGenerator.Output generate(FixtureCase c, SadTalkerCheckpoints files,
                                                                FacerenderConfig config, NDManager manager) {
        OcclusionAwareSPADEGenerator g;
        try (files) {
            g = files.weights(SadTalkerNetwork.GENERATOR, manager)
                    .bind(w -> OcclusionAwareSPADEGenerator.load(w, config));
        }
        return g.forward(c.input("source_image", manager), c.input("kp_driving", manager),
                c.input("kp_source", manager));
    }
}
