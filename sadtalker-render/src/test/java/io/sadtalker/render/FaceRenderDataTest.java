package io.sadtalker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.RenderRequest;
import org.junit.jupiter.api.Test;

class FaceRenderDataTest {
    private static final RgbImage FACE = RgbImage.of(4, 4, new byte[4 * 4 * 3]);

    @Test
    void fullModeAppendsCropValuesAndStillModeCopiesThePose() {
        float[] source = row73(100);
        float[] motion = new float[3 * 70];
        for (int i = 0; i < motion.length; i++) {
            motion[i] = i;
        }
        FaceRenderData data = FaceRenderData.create(
                new RenderRequest(FACE, new FaceCoefficients(1, source, null), new MotionCoefficients(3, motion), null,
                        Preprocess.FULL, true, 2f, 2, null, null, null), 4);
        assertThat(data.semanticWidth()).isEqualTo(73);
        assertThat(data.steps()).isEqualTo(2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = data.targetSemantics(1, 1, m);
            assertThat(t.getShape()).isEqualTo(new Shape(1, 73, 27));
            // frame 1, window centre (index 13): expression x2, pose and crop values from the source
            assertThat(t.getFloat(0, 5, 13)).isEqualTo(2f * (70 + 5));
            assertThat(t.getFloat(0, 64, 13)).isEqualTo(source[64]);
            assertThat(t.getFloat(0, 72, 13)).isEqualTo(source[72]);
            // clamped window: first entry is frame 0, last is frame 2
            assertThat(t.getFloat(0, 5, 0)).isEqualTo(2f * 5);
            assertThat(t.getFloat(0, 5, 26)).isEqualTo(2f * (140 + 5));
            // padded frame 3 repeats frame 2's window
            assertThat(data.targetSemantics(3, 1, m).toFloatArray())
                    .containsExactly(data.targetSemantics(2, 1, m).toFloatArray());
            NDArray s = data.sourceSemantics(m);
            assertThat(s.getShape()).isEqualTo(new Shape(2, 73, 27));
            assertThat(s.getFloat(1, 72, 26)).isEqualTo(source[72]);
            assertThat(data.yaw(0, 4, m)).isNull();
        }
    }

    @Test
    void cropModeKeeps70ValuesAndTheDrivingPose() {
        float[] motion = new float[70];
        motion[66] = 0.25f;
        FaceRenderData data = FaceRenderData.create(new RenderRequest(FACE, new FaceCoefficients(1, row73(1), null),
                new MotionCoefficients(1, motion), null, Preprocess.CROP, false, 1f, 1, null, null, null), 4);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = data.targetSemanticsList(m);
            assertThat(t.getShape()).isEqualTo(new Shape(1, 1, 70, 27));
            assertThat(t.getFloat(0, 0, 66, 0)).isEqualTo(0.25f);
            assertThat(data.sourceImage(m).getShape()).isEqualTo(new Shape(1, 3, 4, 4));
        }
    }

    /** Values of the original {@code gen_camera_pose} (numpy float64, cast to float32). */
    @Test
    void cameraPoseMatchesTheOriginal() {
        assertThat(CameraPose.sequence(new int[] {0, 20, -10}, 7, 2)).containsExactly(0.0f, 8.333333015441895f,
                16.66666603088379f, 20.0f, 11.666666984558105f, 3.3333332538604736f, -5.0f, -5.0f);
        assertThat(CameraPose.sequence(new int[] {5}, 3, 2)).containsExactly(5f, 5f, 5f, 5f);
        assertThat(CameraPose.sequence(new int[] {-3, 4}, 10, 3)).containsExactly(-3.0f, -2.222222328186035f,
                -1.4444444179534912f, -0.6666666865348816f, 0.1111111119389534f, 0.8888888955116272f,
                1.6666666269302368f, 2.444444417953491f, 3.222222328186035f, 3.222222328186035f, 3.222222328186035f,
                3.222222328186035f);
        assertThatThrownBy(() -> CameraPose.sequence(new int[] {3, 3}, 10, 1)).isInstanceOf(SadTalkerException.class);
    }

    @Test
    void nonFiniteSourceCoefficientsAreRejected() {
        float[] source = row73(1);
        source[10] = Float.NaN;
        assertThatThrownBy(() -> FaceRenderData.create(
                new RenderRequest(FACE, new FaceCoefficients(1, source, null), new MotionCoefficients(1, new float[70]),
                        null, Preprocess.CROP, false, 1f, 1, null, null, null), 4))
                .isInstanceOf(SadTalkerException.class).hasMessageContaining("coefficient 10");
    }

    private static float[] row73(int base) {
        float[] r = new float[73];
        for (int i = 0; i < r.length; i++) {
            r[i] = base + i * 0.5f;
        }
        return r;
    }
}
