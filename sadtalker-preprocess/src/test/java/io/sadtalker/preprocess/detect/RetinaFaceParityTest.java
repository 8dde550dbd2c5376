package io.sadtalker.preprocess.detect;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.HostTensor;
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

    private static void check(FixtureCase c) throws Exception {
        double conf = c.params().path("conf_threshold").asDouble();
        double nms = c.params().path("nms_threshold").asDouble();
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            RetinaFace net = RetinaFace.loadStateDict(c.weights(m));
            RgbImage image = DetectFixtures.image(c, "image", m);
            assertThat(RetinaFace.transform(image, m).toFloatArray())
                    .containsExactly(c.input("net_input", m).toFloatArray());

            RetinaFace.Outputs out = net.forward(c.input("net_input", m));
            ParityAssert.checkAll(c, new ParityAssert.Outputs() {
                @Override
                public HostTensor get(String name) {
                    return switch (name) {
                        case "priors" -> HostTensor.of(PriorBox.forward(image.height(), image.width()),
                                PriorBox.count(image.height(), image.width()), 4);
                        case "loc" -> HostTensor.of(out.loc());
                        case "conf" -> HostTensor.of(out.conf());
                        case "landms" -> HostTensor.of(out.landms());
                        default -> null;
                    };
                }

                @Override
                public HostTensor get(String name, String metric) {
                    if (!name.equals("dets")) {
                        return get(name);
                    }
                    return switch (metric) {
                        case "detections_postprocess" -> DetectFixtures.rows(RetinaFacePostprocess.detections(
                                c.expected("loc", m).toFloatArray(), c.expected("conf", m).toFloatArray(),
                                c.expected("landms", m).toFloatArray(), c.expected("priors", m).toFloatArray(),
                                image.width(), image.height(), conf, nms));
                        case "detections_end_to_end" -> DetectFixtures.rows(net.detectFaces(image, conf, nms, m));
                        default -> null;
                    };
                }
            });
        }
    }
}
