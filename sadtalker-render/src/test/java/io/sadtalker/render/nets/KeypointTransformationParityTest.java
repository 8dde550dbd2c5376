package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.ParityTests;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class KeypointTransformationParityTest {
    @TestFactory
    Stream<DynamicTest> keypoint() {
        return ParityTests.cases("keypoint", c -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray kp = c.input("kp_canonical", manager);
                Mapping he = new Mapping(c.input("he_yaw", manager), c.input("he_pitch", manager),
                        c.input("he_roll", manager), c.input("he_t", manager), c.input("he_exp", manager));
                NDArray yawIn = optional(c, "he_yaw_in", manager);
                NDArray pitchIn = optional(c, "he_pitch_in", manager);
                NDArray rollIn = optional(c, "he_roll_in", manager);
                Map<String, NDArray> out = new HashMap<>();
                NDArray yaw = KeypointTransformation.headposePredToDegree(he.yaw());
                NDArray pitch = KeypointTransformation.headposePredToDegree(he.pitch());
                NDArray roll = KeypointTransformation.headposePredToDegree(he.roll());
                out.put("yaw_deg", yaw);
                out.put("pitch_deg", pitch);
                out.put("roll_deg", roll);
                out.put("rot_mat", KeypointTransformation.getRotationMatrix(yawIn != null ? yawIn : yaw,
                        pitchIn != null ? pitchIn : pitch, rollIn != null ? rollIn : roll));
                out.put("kp_transformed", KeypointTransformation.keypointTransformation(kp, he, yawIn, pitchIn, rollIn));
                Outputs.checkAll(c, out);
            }
        });
    }

    private static NDArray optional(FixtureCase c, String name, NDManager manager) {
        return c.inputNames().contains(name) ? c.input(name, manager) : null;
    }
}
