package io.sadtalker.render.nets;

import ai.djl.ndarray.NDManager;
import io.sadtalker.core.config.FacerenderConfig;
import io.sadtalker.testkit.ParityTests;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Cached path: one source state serves every frame of the case. */
class MakeAnimationParityTest {
    @TestFactory
    Stream<DynamicTest> makeAnimation() {
        return ParityTests.cases("make_animation", c -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                FacerenderConfig config = CaseConfigs.of(c);
                KPDetector kp = c.weights(manager, 0).bind(w -> KPDetector.load(w, config));
                OcclusionAwareSPADEGenerator g = c.weights(manager, 1)
                        .bind(w -> OcclusionAwareSPADEGenerator.load(w, config));
                MappingNet mapping = c.weights(manager, 2).bind(w -> MappingNet.load(w, config.mappingParams()));
                MakeAnimation animation = new MakeAnimation(kp, mapping, g);
                Outputs.checkAll(c, Map.of("predictions", animation.makeAnimation(c.input("source_image", manager),
                        c.input("source_semantics", manager), c.input("target_semantics", manager), null, null, null)));
            }
        });
    }
}
