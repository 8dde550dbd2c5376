package io.sadtalker.render.nets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class KeypointTransformationTest {
    @Test
    void uniformLogitsDecodeToTheMeanBin() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray degrees = KeypointTransformation.headposePredToDegree(manager.zeros(new Shape(1, 66)));
            assertThat(degrees.getFloat(0)).isCloseTo(32.5f * 3 - 99, within(1e-4f));
        }
    }

    @Test
    void yawOfNinetyDegreesRotatesXIntoMinusZWithSadTalkersPi() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray zero = manager.zeros(new Shape(1));
            NDArray rot = KeypointTransformation.getRotationMatrix(manager.create(new float[] {90f}), zero, zero);
            double a = 90.0 / 180 * 3.14;
            float[] r = rot.toFloatArray();
            assertThat(r[0]).isCloseTo((float) Math.cos(a), within(1e-6f));
            assertThat(r[2]).isCloseTo((float) Math.sin(a), within(1e-6f));
            assertThat(r[6]).isCloseTo((float) -Math.sin(a), within(1e-6f));
            assertThat(r[4]).isEqualTo(1f);
        }
    }

    @Test
    void translationKeepsOnlyItsYComponentAndLeavesTheInputUnchanged() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray bins = manager.zeros(new Shape(1, 66));
            NDArray t = manager.create(new float[] {1f, 2f, 3f}).reshape(1, 3);
            Mapping he = new Mapping(bins, bins, bins, t, manager.zeros(new Shape(1, 45)));
            NDArray zeroAngle = manager.create(new float[] {0f});
            NDArray kp = manager.zeros(new Shape(1, 15, 3));
            NDArray out = KeypointTransformation.keypointTransformation(kp, he, zeroAngle, zeroAngle, zeroAngle);
            assertThat(out.get("0, 4").toFloatArray()).containsExactly(0f, 2f, 0f);
            assertThat(t.toFloatArray()).containsExactly(1f, 2f, 3f);
        }
    }
}
