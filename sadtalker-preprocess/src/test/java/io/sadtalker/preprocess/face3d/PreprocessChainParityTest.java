package io.sadtalker.preprocess.face3d;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.CropInfo;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.CroppedFace;
import io.sadtalker.preprocess.crop.FixtureImages;
import io.sadtalker.preprocess.crop.SadTalkerFaceCropper;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The preprocessing head of the {@code pipeline} cases ({@code CropAndExtract.generate}): crop of the portrait from
 * the injected full-picture landmarks, the 256 face picture, and the 3DMM coefficients from the injected
 * cropped-frame landmarks with the case's {@code face_3drecon} weights.
 */
class PreprocessChainParityTest {
    @TestFactory
    Stream<DynamicTest> cropAndExtract() {
        return ParityTests.cases("pipeline", c -> {
            RgbImage portrait = FixtureImages.image(c.inputHost("portrait"));
            Preprocess mode = Preprocess.valueOf(c.params().get("preprocess").asText().toUpperCase(Locale.ROOT));
            int size = c.params().get("size").asInt();

            CroppedFace face = new SadTalkerFaceCropper().crop(portrait,
                    FixtureImages.landmarks(c.inputHost("landmarks_full")), mode, size);
            CropInfo info = face.cropInfo();
            ParityAssert.check(c, "crop_info_size", new int[] {info.cropWidth(), info.cropHeight()}, 2);
            ParityAssert.check(c, "crop_box", new int[] {info.clx(), info.cly(), info.crx(), info.cry()}, 4);
            ParityAssert.check(c, "crop_quad", new double[] {info.lx(), info.ly(), info.rx(), info.ry()}, 4);
            ParityAssert.check(c, "cropped_png", FixtureImages.tensor(face.face()));

            int recon = reconEntry(c);
            try (NDManager m = NDManager.newBaseManager();
                 SadTalkerFace3DMMExtractor extractor = new SadTalkerFace3DMMExtractor(
                         c.weights(m, recon).bind(ReconNet::load), m.newSubManager())) {
                FaceCoefficients coeffs = extractor.extract(face.face(),
                        FixtureImages.landmarks(c.inputHost("landmarks_crop")));
                ParityAssert.check(c, "first_coeff_3dmm", coeffs.coeff73(), 1, FaceCoefficients.WIDTH);
                ParityAssert.check(c, "first_full_3dmm", coeffs.full257(), 1, FaceCoefficients.FULL_WIDTH);
            }
        });
    }

    private static int reconEntry(io.sadtalker.testkit.FixtureCase c) {
        for (int i = 0; i < c.weightEntries().size(); i++) {
            if (c.weightEntries().get(i).keyPrefix().equals(SadTalkerFace3DMMExtractor.CHECKPOINT_PREFIX + ".")) {
                return i;
            }
        }
        throw new AssertionError(c + " has no face_3drecon weights");
    }
}
