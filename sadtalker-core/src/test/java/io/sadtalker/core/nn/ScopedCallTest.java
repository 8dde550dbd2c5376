package io.sadtalker.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ScopedCallTest {
    @Test
    void freesWhatOpsAttachToTheWeightsManagerAndReturnsTheCopiedResult() {
        try (NDManager weights = NDManager.newBaseManager()) {
            NDArray weight = weights.create(new float[] {2, 3});
            NDArray[] made = new NDArray[2];
            float[] out = Scoped.call(weights, scope -> {
                made[0] = scope.create(new float[] {1, 1});
                made[1] = weight.mul(made[0]); // attached to the weights' manager by DJL
                return made[1].toFloatArray();
            });
            assertThat(out).containsExactly(2, 3);
            assertThat(made[0].isReleased()).isTrue();
            assertThat(made[1].isReleased()).isTrue();
            assertThat(weights.getManagedArrays()).containsExactly(weight);
        }
    }
}
