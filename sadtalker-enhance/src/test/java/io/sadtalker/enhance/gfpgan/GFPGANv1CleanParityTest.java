package io.sadtalker.enhance.gfpgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * GFPGANv1Clean.forward(x, return_rgb=False, randomize_noise=False) against the gfpgan cases (the expected tensor is
 * the original arch's float64 result, compared under the case's relative and mean rules).
 */
class GFPGANv1CleanParityTest {

    @TestFactory
    Stream<DynamicTest> gfpgan() {
        return ParityTests.cases("gfpgan", c -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                GFPGANv1Clean net = c.weights(manager).bind(w -> GFPGANv1Clean.load(w,
                        new GFPGANv1Clean.Config(c.params().get("out_size").asInt(), 8, true)));
                NDArray restored = net.forward(c.input("image", manager),
                        c.params().get("randomize_noise").asBoolean() ? new SplittableRandom(0) : null);
                ParityAssert.checkAll(c, name -> name.equals("restored") ? HostTensor.of(restored) : null);
            }
        });
    }
}
