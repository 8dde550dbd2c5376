package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.testkit.ParityTests;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Uncached path: {@code forward(source, kpDriving, kpSource)} builds and drops the source cache in one call. */
class GeneratorParityTest {
    @TestFactory
    Stream<DynamicTest> generator() {
        return ParityTests.cases("generator", c -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                OcclusionAwareSPADEGenerator g = c.weights(manager)
                        .bind(w -> OcclusionAwareSPADEGenerator.load(w, CaseConfigs.of(c)));
                NDArray source = c.input("source_image", manager);
                OcclusionAwareSPADEGenerator.Output out = g.forward(source, c.input("kp_driving", manager),
                        c.input("kp_source", manager));
                Outputs.checkAll(c, Map.of("prediction", out.prediction(), "occlusion_map", out.occlusionMap(), "mask",
                        out.mask()));
            }
        });
    }
}
