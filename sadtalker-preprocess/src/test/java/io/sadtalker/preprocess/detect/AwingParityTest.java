package io.sadtalker.preprocess.detect;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Stage {@code awing}: FAN heatmaps and boundary channels, get_landmarks, landmark_98_to_68. */
class AwingParityTest {
    @TestFactory
    Stream<DynamicTest> cases() {
        return ParityTests.cases("awing", AwingParityTest::check);
    }

    private static void check(FixtureCase c) {
        int modules = c.params().path("num_modules").asInt();
        int landmarks = c.params().path("num_landmarks").asInt();
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            AwingFan fan = c.weights(m).bind(w -> AwingFan.load(w, modules, landmarks));
            RgbImage image = DetectFixtures.image(c, "image_rgb", m);
            NDArray netInput = c.input("net_input", m);
            // cv2.resize on uint8 is deterministic: the port's network input must be identical
            assertThat(AwingFan.netInput(image, m).toFloatArray()).containsExactly(netInput.toFloatArray());

            AwingFan.Outputs out = fan.forward(netInput);
            NDArray outputs = stack(out.outputs());
            NDArray boundaries = stack(out.boundaryChannels());
            for (String name : c.expectedNames()) {
                String of = c.json().path("expected").path(name).path("derived").path("of").asText("");
                if (of.equals("outputs")) {
                    ParityAssert.checkDerived(c, name, outputs);
                } else if (of.equals("boundary_channels")) {
                    ParityAssert.checkDerived(c, name, boundaries);
                }
            }

            double[] lm98 = fan.getLandmarks(image, m);
            ParityAssert.check(c, "landmarks98", lm98, landmarks, 2);
            ParityAssert.check(c, "landmarks68", Landmarks98To68.convert(lm98), 68, 2);
            ParityAssert.check(c, "random98_to_68", Landmarks98To68.convert(c.input("points98", m).toFloatArray()),
                    68, 2);
        }
    }

    private static NDArray stack(List<NDArray> arrays) {
        return NDArrays.stack(new NDList(arrays), 0);
    }
}
