package io.sadtalker.enhance.restoreformer;

import ai.djl.ndarray.NDManager;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** RestoreFormer.forward(x) against the restoreformer cases: the decoded image and the quantiser's indices. */
class RestoreFormerParityTest {

    @TestFactory
    Stream<DynamicTest> restoreformer() {
        return ParityTests.cases("restoreformer", c -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                RestoreFormer net = c.weights(manager).bind(w -> RestoreFormer.load(w,
                        RestoreFormer.Config.restoreFormer()));
                RestoreFormer.Output out = net.forward(c.input("image", manager));
                ParityAssert.checkAll(c, name -> switch (name) {
                    case "restored" -> HostTensor.of(out.dec());
                    case "codebook_indices" -> HostTensor.of(out.codebookIndices());
                    default -> null;
                });
            }
        });
    }
}
