package io.sadtalker.preprocess.face3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.config.MatFiles;
import io.sadtalker.testkit.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StandardLandmarksTest {
    @Test
    void constantsAreLoadLm3dOfTheOriginalMatFile() {
        Path mat = Fixtures.config().resolve("similarity_Lm3D_all.mat");
        float[][] lm68 = MatFiles.readMatrix(mat, "lm");
        assertThat(lm68).hasDimensions(68, 3);
        float[][] expected = StandardLandmarks.fivePoints(lm68);
        float[][] actual = StandardLandmarks.lm3d();
        for (int i = 0; i < 5; i++) {
            assertThat(actual[i]).as("point %d", i).containsExactly(expected[i]);
        }
    }

    @Test
    void fivePointsAverageEyeCornersAndReorder() {
        float[][] lm = new float[68][2];
        for (int i = 0; i < 68; i++) {
            lm[i] = new float[] {i, -i};
        }
        float[][] five = StandardLandmarks.fivePoints(lm);
        assertThat(five[0]).containsExactly(37.5f, -37.5f); // mean of points 37, 40 (1-based)
        assertThat(five[1]).containsExactly(43.5f, -43.5f);
        assertThat(five[2]).containsExactly(30f, -30f);
        assertThat(five[3]).containsExactly(48f, -48f);
        assertThat(five[4]).containsExactly(54f, -54f);
        assertThatThrownBy(() -> StandardLandmarks.fivePoints(new float[5][2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("68");
    }

    @Test
    void lm3dReturnsACopy() {
        StandardLandmarks.lm3d()[0][0] = 42f;
        assertThat(StandardLandmarks.lm3d()[0][0]).isEqualTo(-0.3114865720272064f);
        assertThat(StandardLandmarks.lm3d()).hasDimensions(5, 3);
    }
}
