package io.sadtalker.preprocess.crop;

import com.fasterxml.jackson.databind.JsonNode;
import io.sadtalker.core.CropInfo;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Parity of {@link Croper} with {@code Preprocesser.align_face} + {@code crop} (stage {@code croper}). The reference
 * of these cases ran {@code align_face} on the landmarks as a float64 array, so the float64 entry point is used here; the float32 production path
 * is checked by the pipeline cases ({@code PreprocessChainParityTest}), whose quads equal float32 arithmetic.
 */
class CroperParityTest {
    @TestFactory
    Stream<DynamicTest> croper() {
        return ParityTests.cases("croper", c -> {
            RgbImage image = image(c);
            double[] lm = c.inputHost("lm").data();
            boolean still = c.params().get("still").asBoolean();
            int xsize = c.params().get("xsize").asInt();

            Croper.Result r = Croper.crop(image,
                    Croper.alignFaceFloat64(lm, image.width(), image.height(), xsize), still);
            FaceAlignment a = r.alignment();
            CropInfo info = SadTalkerFaceCropper.cropInfo(a);
            ParityAssert.checkAll(c, name -> switch (name) {
                case "rsize" -> HostTensor.of(new int[] {a.rsizeWidth(), a.rsizeHeight()}, 2);
                case "crop" -> HostTensor.of(new int[] {a.clx(), a.cly(), a.crx(), a.cry()}, 4);
                case "quad" -> HostTensor.of(new double[] {a.lx(), a.ly(), a.rx(), a.ry()}, 4);
                case "cropped" -> FixtureImages.tensor(r.cropped());
                case "crop_info_size" -> HostTensor.of(new int[] {info.cropWidth(), info.cropHeight()}, 2);
                default -> null;
            });
            assertCropInfo(c, info);
        });
    }

    private static RgbImage image(FixtureCase c) {
        if (c.inputNames().contains("image")) {
            return FixtureImages.image(c.inputHost("image"));
        }
        RgbImage small = FixtureImages.image(c.inputHost("image_small"));
        return FixtureImages.repeat(small, c.params().get("upscale_repeat").asInt());
    }

    /**
     * The crop_info the case records for orientation, each part at the rule of the expected tensor holding the same
     * quantity: size at {@code crop_info_size}, box at {@code crop}, float quad at {@code quad}.
     */
    static void assertCropInfo(FixtureCase c, CropInfo info) {
        JsonNode ci = c.json().path("info").path("crop_info");
        if (ci.isMissingNode() || ci.isNull()) {
            return;
        }
        ParityAssert.checkInfo(c, "crop_info[0]", "crop_info_size", recorded(ci.get(0)),
                HostTensor.of(new int[] {info.cropWidth(), info.cropHeight()}, 2));
        ParityAssert.checkInfo(c, "crop_info[1]", "crop", recorded(ci.get(1)),
                HostTensor.of(new int[] {info.clx(), info.cly(), info.crx(), info.cry()}, 4));
        ParityAssert.checkInfo(c, "crop_info[2]", "quad", recorded(ci.get(2)),
                HostTensor.of(new double[] {info.lx(), info.ly(), info.rx(), info.ry()}, 4));
    }

    private static HostTensor recorded(JsonNode values) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asDouble();
        }
        return HostTensor.of(v, v.length);
    }
}
