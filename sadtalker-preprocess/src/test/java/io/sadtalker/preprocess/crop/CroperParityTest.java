package io.sadtalker.preprocess.crop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sadtalker.core.CropInfo;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Parity of {@link Croper} with {@code Preprocesser.align_face} + {@code crop} (stage {@code croper}). The reference
 * of these cases ran {@code align_face} on the landmarks as a float64 array (the quads in {@code info.crop_info}
 * equal float64 arithmetic to the last bit), so the float64 entry point is used here; the float32 production path
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
            ParityAssert.check(c, "rsize", new int[] {a.rsizeWidth(), a.rsizeHeight()}, 2);
            ParityAssert.check(c, "crop", new int[] {a.clx(), a.cly(), a.crx(), a.cry()}, 4);
            ParityAssert.check(c, "quad", new double[] {a.lx(), a.ly(), a.rx(), a.ry()}, 4);
            ParityAssert.check(c, "cropped", FixtureImages.tensor(r.cropped()));
            CropInfo info = SadTalkerFaceCropper.cropInfo(a);
            ParityAssert.check(c, "crop_info_size", new int[] {info.cropWidth(), info.cropHeight()}, 2);
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
     * The crop_info the case records for orientation: the integers exactly, the float quad to 1e-9 px.
     */
    static void assertCropInfo(FixtureCase c, CropInfo info) {
        JsonNode ci = c.json().path("info").path("crop_info");
        if (ci.isMissingNode()) {
            return;
        }
        assertThat(new int[] {info.cropWidth(), info.cropHeight()})
                .containsExactly(ci.get(0).get(0).asInt(), ci.get(0).get(1).asInt());
        assertThat(new int[] {info.clx(), info.cly(), info.crx(), info.cry()}).containsExactly(
                ci.get(1).get(0).asInt(), ci.get(1).get(1).asInt(), ci.get(1).get(2).asInt(), ci.get(1).get(3).asInt());
        double[] quad = {info.lx(), info.ly(), info.rx(), info.ry()};
        for (int i = 0; i < 4; i++) {
            assertThat(quad[i]).as("quad[%d]", i).isCloseTo(ci.get(2).get(i).asDouble(), within(1e-9));
        }
    }
}
