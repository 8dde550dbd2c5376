package io.sadtalker.audio.coeff;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.sadtalker.audio.Tensors;
import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.MelWindows;
import io.sadtalker.core.weights.SadTalkerCheckpoints;
import io.sadtalker.testkit.BitPatterns;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.FixtureCases;
import io.sadtalker.testkit.LegacyCheckpoints;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code --old_version}: {@code auido2exp_00300-model.pth} and {@code auido2pose_00140-model.pth} carry the
 * safetensors' {@code audio2exp.*} / {@code audio2pose.*} tensors, so Audio2Exp and Audio2Pose give bit-identical
 * outputs from either; the legacy run also matches the first {@code audio2coeff} case's {@code exp_coeff_pred}
 * and {@code pose_pred} where it lists them.
 */
class LegacyAudio2CoeffTest {
    @Test
    void legacyFilesGiveBitIdenticalPredictions() {
        FixtureCase c = FixtureCases.discover("audio2coeff").get(0);
        Path legacy = SyntheticCheckpoints.directory("legacy-audio", c.seed(), "auido2exp_00300-model.pth.json",
                "auido2pose_00140-model.pth.json");
        SadTalkerAudio2Coeff.Prediction fromSafetensors;
        SadTalkerAudio2Coeff.Prediction fromLegacy;
        try (SadTalkerAudio2Coeff a2c = SadTalkerAudio2Coeff.open(
                SyntheticCheckpoints.path(LegacyCheckpoints.SAFETENSORS_MANIFEST, c.seed()))) {
            fromSafetensors = predict(a2c, c);
        }
        try (SadTalkerAudio2Coeff a2c = SadTalkerAudio2Coeff.open(SadTalkerCheckpoints.legacy(legacy), Device.cpu())) {
            fromLegacy = predict(a2c, c);
        }
        assertThat(BitPatterns.of(fromLegacy.expCoeffPred())).as("audio2exp")
                .containsExactly(BitPatterns.of(fromSafetensors.expCoeffPred()));
        assertThat(BitPatterns.of(fromLegacy.poseMotionPred())).as("audio2pose pose_motion_pred")
                .containsExactly(BitPatterns.of(fromSafetensors.poseMotionPred()));
        assertThat(BitPatterns.of(fromLegacy.posePred())).as("audio2pose pose_pred")
                .containsExactly(BitPatterns.of(fromSafetensors.posePred()));
        int t = fromLegacy.frames();
        if (c.expectedNames().contains("exp_coeff_pred")) {
            ParityAssert.check(c, "exp_coeff_pred", fromLegacy.expCoeffPred(), 1, t, 64);
        }
        if (c.expectedNames().contains("pose_pred")) {
            ParityAssert.check(c, "pose_pred", fromLegacy.posePred(), 1, t, 6);
        }
    }

    private static SadTalkerAudio2Coeff.Prediction predict(SadTalkerAudio2Coeff a2c, FixtureCase c) {
        MelWindows mel = Audio2CoeffParityTest.mel(c);
        return a2c.predict(mel, Tensors.input(c, "ref"), Tensors.input(c, "ratio_gt"),
                c.params().get("pose_style").asInt(), Audio2CoeffParityTest.noise(c), null,
                new CancellationToken());
    }
}
