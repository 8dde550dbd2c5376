package io.sadtalker.preprocess.face3d;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.CropInfo;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.CroppedFace;
import io.sadtalker.preprocess.crop.FixtureImages;
import io.sadtalker.preprocess.crop.SadTalkerFaceCropper;
import io.sadtalker.testkit.HostTensor;
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
            int recon = reconEntry(c);
            try (NDManager m = NDManager.newBaseManager();
                 SadTalkerFace3DMMExtractor extractor = new SadTalkerFace3DMMExtractor(
                         c.weights(m, recon).bind(ReconNet::load), m.newSubManager())) {
                FaceCoefficients[] coeffs = new FaceCoefficients[1];
                ParityAssert.checkListed(c, name -> switch (name) {
                    case "crop_info_size" -> HostTensor.of(new int[] {info.cropWidth(), info.cropHeight()}, 2);
                    case "crop_box" -> HostTensor.of(new int[] {info.clx(), info.cly(), info.crx(), info.cry()}, 4);
                    case "crop_quad" -> HostTensor.of(new double[] {info.lx(), info.ly(), info.rx(), info.ry()}, 4);
                    case "cropped_png" -> FixtureImages.tensor(face.face());
                    case "first_coeff_3dmm" -> HostTensor.of(extract(coeffs, extractor, face, c).coeff73(), 1,
                            FaceCoefficients.WIDTH);
                    case "first_full_3dmm" -> HostTensor.of(extract(coeffs, extractor, face, c).full257(), 1,
                            FaceCoefficients.FULL_WIDTH);
                    default -> null;
                });
            }
        });
    }

    /** The 3DMM coefficients from the injected cropped-frame landmarks, extracted once. */
    private static FaceCoefficients extract(FaceCoefficients[] memo, SadTalkerFace3DMMExtractor extractor,
            CroppedFace face, io.sadtalker.testkit.FixtureCase c) {
        if (memo[0] == null) {
            memo[0] = extractor.extract(face.face(), FixtureImages.landmarks(c.inputHost("landmarks_crop")));
        }
        return memo[0];
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
