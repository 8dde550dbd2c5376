package io.sadtalker.preprocess.face3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import io.sadtalker.testkit.ParityTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Parity of {@link ReconNet} with {@code ReconNetWrapper(resnet50)} on synthetic weights (stage {@code recon}). */
class ReconNetParityTest {
    @TestFactory
    Stream<DynamicTest> recon() {
        return ParityTests.cases("recon", c -> {
            try (NDManager m = NDManager.newBaseManager()) {
                ReconNet net = c.weights(m).bind(ReconNet::load);
                NDArray coeffs = net.forward(c.input("image", m));
                ParityAssert.checkAll(c, name -> name.equals("coeffs") ? HostTensor.of(coeffs) : null);
            }
        });
    }
}
