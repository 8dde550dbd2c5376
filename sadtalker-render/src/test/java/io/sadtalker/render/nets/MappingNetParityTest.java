package io.sadtalker.render.nets;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.sadtalker.core.config.FacerenderConfig;
import io.sadtalker.testkit.ParityTests;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class MappingNetParityTest {
    @TestFactory
    Stream<DynamicTest> mapping() {
        return ParityTests.cases("mapping", c -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                JsonNode p = c.params();
                MappingNet net = c.weights(manager).bind(w -> MappingNet.load(w,
                        new FacerenderConfig.MappingParams(p.get("coeff_nc").asInt(), p.get("descriptor_nc").asInt(),
                                p.get("layer").asInt(), p.get("num_kp").asInt(), p.get("num_bins").asInt())));
                Mapping he = net.forward(c.input("input_3dmm", manager));
                Map<String, ai.djl.ndarray.NDArray> out = Map.of("yaw", he.yaw(), "pitch", he.pitch(), "roll", he.roll(),
                        "t", he.t(), "exp", he.exp());
                Outputs.checkAll(c, out);
            }
        });
    }
}
