package io.sadtalker.preprocess.detect;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Stage {@code awing}: FAN heatmaps and boundary channels, get_landmarks, landmark_98_to_68; the landmarks only
 * where the case lists them (the original raises on some heatmaps, {@code info.get_landmarks_error}).
 */
class AwingParityTest {
    @TestFactory
    Stream<DynamicTest> cases() {
        return ParityTests.cases("awing", AwingParityTest::check);
    }

    private static void check(FixtureCase c) throws Exception {
        int modules = c.params().path("num_modules").asInt();
        int landmarks = c.params().path("num_landmarks").asInt();
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            AwingFan fan = c.weights(m).bind(w -> AwingFan.load(w, modules, landmarks));
            RgbImage image = DetectFixtures.image(c, "image_rgb", m);
            NDArray netInput = c.input("net_input", m);
            // cv2.resize on uint8 is deterministic: the port's network input must be identical
            assertThat(AwingFan.netInput(image, m).toFloatArray()).containsExactly(netInput.toFloatArray());

            AwingFan.Outputs out = fan.forward(netInput);
            double[][] lm98 = new double[1][];
            ParityAssert.checkAll(c, name -> switch (name) {
                case "outputs" -> HostTensor.of(stack(out.outputs()));
                case "boundary_channels" -> HostTensor.of(stack(out.boundaryChannels()));
                case "landmarks98" -> HostTensor.of(landmarks98(lm98, fan, image, m), landmarks, 2);
                case "landmarks68" -> HostTensor.of(Landmarks98To68.convert(landmarks98(lm98, fan, image, m)), 68, 2);
                case "random98_to_68" -> HostTensor.of(
                        Landmarks98To68.convert(c.input("points98", m).toFloatArray()), 68, 2);
                default -> null;
            });
        }
    }

    /** get_landmarks, run once for both landmark tensors. */
    private static double[] landmarks98(double[][] memo, AwingFan fan, RgbImage image, NDManager m) {
        if (memo[0] == null) {
            memo[0] = fan.getLandmarks(image, m);
        }
        return memo[0];
    }

    private static NDArray stack(List<NDArray> arrays) {
        return NDArrays.stack(new NDList(arrays), 0);
    }
}
