package io.sadtalker.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.testkit.Fixtures;
import org.junit.jupiter.api.Test;

class Lm3DTest {
    @Test
    void standardPointsEqualLoadLm3dOnTheOriginalMatFile() {
        float[][] fromFile = Lm3D.load(Fixtures.config().resolve("similarity_Lm3D_all.mat"));
        float[][] standard = Lm3D.standard();
        assertThat(fromFile).hasDimensions(5, 3);
        for (int i = 0; i < 5; i++) {
            assertThat(standard[i]).as("point %d", i).containsExactly(fromFile[i]);
        }
    }

    @Test
    void standardReturnsACopy() {
        Lm3D.standard()[0][0] = 42;
        assertThat(Lm3D.standard()[0][0]).isEqualTo(-0.31148657f);
    }
}
