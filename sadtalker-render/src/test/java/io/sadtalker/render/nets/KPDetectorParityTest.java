package io.sadtalker.render.nets;

import ai.djl.ndarray.NDManager;
import io.sadtalker.testkit.ParityTests;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class KPDetectorParityTest {
    @TestFactory
    Stream<DynamicTest> kpDetector() {
        return ParityTests.cases("kp_detector", c -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                KPDetector net = c.weights(manager).bind(w -> KPDetector.load(w, CaseConfigs.of(c)));
                Outputs.checkAll(c, Map.of("value", net.forward(c.input("source_image", manager))));
            }
        });
    }
}
