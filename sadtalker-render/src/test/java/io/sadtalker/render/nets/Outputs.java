package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.HostTensor;
import io.sadtalker.testkit.ParityAssert;
import java.util.Map;

/** Checks every expected tensor of a case against named network outputs ({@link ParityAssert#checkAll}). */
final class Outputs {
    private Outputs() {
    }

    static void checkAll(FixtureCase c, Map<String, NDArray> outputs) throws Exception {
        ParityAssert.checkAll(c, name -> outputs.containsKey(name) ? HostTensor.of(outputs.get(name)) : null);
    }
}
