package io.sadtalker.render.nets;

import ai.djl.ndarray.NDArray;
import io.sadtalker.testkit.FixtureCase;
import io.sadtalker.testkit.ParityAssert;
import java.util.Map;

/**
 * Checks every expected tensor of a case against the named outputs (derived tensors cut from their source) and
 * prints the observed error of the others.
 */
final class Outputs {
    private Outputs() {
    }

    static NDArray require(FixtureCase c, Map<String, NDArray> outputs, String name) {
        NDArray a = outputs.get(name);
        if (a == null) {
            throw new AssertionError(c + ": expected tensor '" + name + "' is not produced; outputs " + outputs.keySet());
        }
        return a;
    }

    static void checkAll(FixtureCase c, Map<String, NDArray> outputs) {
        for (String name : c.expectedNames()) {
            String of = c.json().path("expected").path(name).path("derived").path("of").asText(null);
            if (of != null) {
                ParityAssert.checkDerived(c, name, require(c, outputs, of));
            } else {
                NDArray actual = require(c, outputs, name);
                ParityAssert.check(c, name, actual);
                NDArray diff = actual.sub(c.expected(name, actual.getManager())).abs();
                System.out.printf("PARITY %s %s: max|a-e| %.3g, mean|a-e| %.3g%n", c, name, diff.max().getFloat(),
                        diff.mean().getFloat());
            }
        }
    }
}
