package io.sadtalker.preprocess.face3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Landmarks;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.weights.SadTalkerCheckpoints;
import io.sadtalker.preprocess.crop.FixtureImages;
import io.sadtalker.testkit.BitPatterns;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.FixtureCases;
import io.sadtalker.testkit.LegacyCheckpoints;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.SyntheticCheckpoints;
import io.sadtalker.testkit.WeightEntry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SadTalkerFace3DMMExtractorTest {
    /** The production path: the full safetensors file, strict binding of face_3drecon.*, then one frame. */
    @Test
    void opensTheSadTalkerCheckpointAndExtractsThePipelineCoefficients() {
        FixtureCase c = FixtureCases.discover("pipeline").get(0);
        WeightEntry recon = c.weightEntries().stream()
                .filter(e -> e.keyPrefix().equals(SadTalkerFace3DMMExtractor.CHECKPOINT_PREFIX + "."))
                .findFirst().orElseThrow();
        Path checkpoint = SyntheticCheckpoints.path(recon.manifest(), c.seed());
        RgbImage face = FixtureImages.image(c.expectedHost("cropped_png"));
        Landmarks lm = FixtureImages.landmarks(c.inputHost("landmarks_crop"));
        try (SadTalkerFace3DMMExtractor extractor = SadTalkerFace3DMMExtractor.open(checkpoint)) {
            FaceCoefficients coeffs = extractor.extract(face, lm);
            assertThat(coeffs.frames()).isEqualTo(1);
            ParityAssert.check(c, "first_coeff_3dmm", coeffs.coeff73(), 1, FaceCoefficients.WIDTH);
            ParityAssert.check(c, "first_full_3dmm", coeffs.full257(), 1, FaceCoefficients.FULL_WIDTH);
        }
    }

    /** --old_version: epoch_20.pth['net_recon'] carries the safetensors' face_3drecon.* tensors: same coefficients. */
    @Test
    void legacyEpoch20GivesBitIdenticalCoefficients() {
        FixtureCase c = FixtureCases.discover("pipeline").get(0);
        RgbImage face = FixtureImages.image(c.expectedHost("cropped_png"));
        Landmarks lm = FixtureImages.landmarks(c.inputHost("landmarks_crop"));
        Path legacyDir = SyntheticCheckpoints.path("epoch_20.pth.json", c.seed()).getParent();
        FaceCoefficients fromSafetensors;
        FaceCoefficients fromLegacy;
        try (SadTalkerFace3DMMExtractor extractor = SadTalkerFace3DMMExtractor.open(
                SyntheticCheckpoints.path(LegacyCheckpoints.SAFETENSORS_MANIFEST, c.seed()))) {
            fromSafetensors = extractor.extract(face, lm);
        }
        try (SadTalkerFace3DMMExtractor extractor = SadTalkerFace3DMMExtractor.open(
                SadTalkerCheckpoints.legacy(legacyDir), Device.cpu())) {
            fromLegacy = extractor.extract(face, lm);
        }
        assertThat(BitPatterns.of(fromLegacy.full257())).containsExactly(BitPatterns.of(fromSafetensors.full257()));
        assertThat(BitPatterns.of(fromLegacy.coeff73())).containsExactly(BitPatterns.of(fromSafetensors.coeff73()));
        if (c.expectedNames().contains("first_full_3dmm")) {
            ParityAssert.check(c, "first_full_3dmm", fromLegacy.full257(), 1, FaceCoefficients.FULL_WIDTH);
        }
    }

    @Test
    void missingCheckpointIsATypedError() {
        assertThatThrownBy(() -> SadTalkerFace3DMMExtractor.open(Path.of("/nonexistent/SadTalker_V0.0.2_256.safetensors")))
                .isInstanceOf(SadTalkerException.class).hasMessageContaining("SadTalker_V0.0.2_256.safetensors");
    }

    @Test
    void flipsLandmarksToYUp() {
        RgbImage frame = RgbImage.of(4, 10, new byte[4 * 10 * 3]);
        float[] xy = new float[136];
        xy[0] = 1.5f;
        xy[1] = 2.25f;
        float[] flipped = SadTalkerFace3DMMExtractor.frameLandmarks(frame, new Landmarks(xy));
        assertThat(flipped[0]).isEqualTo(1.5f);
        assertThat(flipped[1]).isEqualTo(6.75f); // H - 1 - y
        assertThat(flipped[3]).isEqualTo(9f);
    }
}
