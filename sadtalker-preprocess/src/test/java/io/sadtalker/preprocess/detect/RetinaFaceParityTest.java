package io.sadtalker.preprocess.detect;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Stage {@code retinaface}: heads and priors against facexlib, then the two detection metrics: post-processing
 * of the expected heads, and this port's network + post-processing end to end on the case's image.
 */
class RetinaFaceParityTest {
    @TestFactory
    Stream<DynamicTest> cases() {
        return ParityTests.cases("retinaface", RetinaFaceParityTest::check);
    }

    private static void check(FixtureCase c) {
        double conf = c.params().path("conf_threshold").asDouble();
        double nms = c.params().path("nms_threshold").asDouble();
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            RetinaFace net = RetinaFace.loadStateDict(c.weights(m));
            RgbImage image = DetectFixtures.image(c, "image", m);
            ParityAssert.check(c, "priors", PriorBox.forward(image.height(), image.width()),
                    PriorBox.count(image.height(), image.width()), 4);
            assertThat(RetinaFace.transform(image, m).toFloatArray())
                    .containsExactly(c.input("net_input", m).toFloatArray());

            RetinaFace.Outputs out = net.forward(c.input("net_input", m));
            ParityAssert.check(c, "loc", out.loc());
            ParityAssert.check(c, "conf", out.conf());
            ParityAssert.check(c, "landms", out.landms());

            float[][] post = RetinaFacePostprocess.detections(c.expected("loc", m).toFloatArray(),
                    c.expected("conf", m).toFloatArray(), c.expected("landms", m).toFloatArray(),
                    c.expected("priors", m).toFloatArray(), image.width(), image.height(), conf, nms);
            ParityAssert.checkMetric(c, "dets", "detections_postprocess", DetectFixtures.rows(post));

            float[][] endToEnd = net.detectFaces(image, conf, nms, m);
            ParityAssert.checkMetric(c, "dets", "detections_end_to_end", DetectFixtures.rows(endToEnd));
        }
    }
}
