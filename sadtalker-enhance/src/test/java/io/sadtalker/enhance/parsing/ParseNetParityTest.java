package io.sadtalker.enhance.parsing;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** ParseNet.forward against the parsenet cases (logit cuts, argmax, out_img). */
class ParseNetParityTest {

    @TestFactory
    Stream<DynamicTest> parsenet() {
        return ParityTests.cases("parsenet", c -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                ParseNet net = c.weights(manager).bind(w -> ParseNet.load(w, ParseNet.Config.parsenet512()));
                NDList out = net.forward(c.input("image", manager));
                ParityAssert.checkAll(c, name -> switch (name) {
                    case "out_mask" -> HostTensor.of(out.get(0));
                    case "out_img" -> HostTensor.of(out.get(1));
                    default -> null;
                });
            }
        });
    }
}
