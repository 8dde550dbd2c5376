package io.sadtalker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.CropInfo;
import io.sadtalker.core.FaceCoefficients;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.RenderRequest;
import io.sadtalker.render.nets.MakeAnimation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input checks and frame conversion; rendering itself is covered by the nets' parity tests and the pipeline. */
class SadTalkerFaceRendererTest {
    private static final RgbImage FACE = RgbImage.of(8, 8, new byte[8 * 8 * 3]);

    @Test
    void fullModeRequestOnACropRendererIsRejected() {
        try (SadTalkerFaceRenderer renderer = new SadTalkerFaceRenderer(NDManager.newBaseManager(),
                new MakeAnimation(null, null, null), 256, 70)) {
            assertThatThrownBy(() -> renderer.render(request(Preprocess.FULL, new float[73])))
                    .isInstanceOf(SadTalkerException.class).hasMessageContaining("73 coefficients");
        }
    }

    @Test
    void allocatorIsTrimmedAfterTheFirstBatchAndOncePerHundredFramesWhateverTheBatch() {
        for (int batch : new int[] {1, 2, 3, 7}) {
            int trims = 0;
            for (int from = 0; from < 1000; from += batch) {
                trims += SadTalkerFaceRenderer.trimDue(from, Math.min(batch, 1000 - from)) ? 1 : 0;
            }
            assertThat(trims).as("batch %d", batch).isEqualTo(11);
        }
        assertThat(SadTalkerFaceRenderer.trimDue(0, 1)).isTrue();
        assertThat(SadTalkerFaceRenderer.trimDue(1, 98)).isFalse();
        assertThat(SadTalkerFaceRenderer.trimDue(98, 2)).isTrue();
    }

    @Test
    void nonFiniteSourceCoefficientsAreRejected() {
        float[] source = new float[73];
        source[3] = Float.POSITIVE_INFINITY;
        try (SadTalkerFaceRenderer renderer = new SadTalkerFaceRenderer(NDManager.newBaseManager(),
                new MakeAnimation(null, null, null), 256, 70)) {
            assertThatThrownBy(() -> renderer.render(request(Preprocess.CROP, source)))
                    .isInstanceOf(SadTalkerException.class).hasMessageContaining("not finite");
        }
    }

    @Test
    void missingCheckpointsAreCheckpointExceptions(@TempDir Path dir) throws java.io.IOException {
        // no .safetensors file in the directory: the legacy files are looked for, as the original's init_path does
        assertThatThrownBy(() -> SadTalkerFaceRenderer.load(dir, 256, Preprocess.CROP))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("facevid2vid_00189-model.pth.tar");
        java.nio.file.Files.createFile(dir.resolve("SadTalker_V0.0.2_512.safetensors"));
        assertThatThrownBy(() -> SadTalkerFaceRenderer.load(dir, 256, Preprocess.CROP))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("SadTalker_V0.0.2_256.safetensors");
    }

    @Test
    void framesKeepTheCropAspectRatio() {
        CropInfo crop = new CropInfo(300, 200, 0, 0, 300, 200, 0, 0, 300, 200);
        assertThat(PredictionFrames.frameSize(crop, 256)).containsExactly(256, 170);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray prediction = m.full(new Shape(2, 3, 4, 4), 0.5f);
            List<RgbImage> frames = PredictionFrames.toFrames(prediction, new CropInfo(4, 6, 0, 0, 4, 6, 0, 0, 4, 6), 4);
            assertThat(frames).hasSize(2);
            assertThat(frames.get(1).width()).isEqualTo(4);
            assertThat(frames.get(1).height()).isEqualTo(6);
            // rint(0.5 * 255) = 128 (half to even of 127.5)
            assertThat(frames.get(1).get(3, 5, 2)).isEqualTo(128);
        }
    }

    private static RenderRequest request(Preprocess preprocess, float[] source) {
        return new RenderRequest(FACE, new FaceCoefficients(1, source, null), new MotionCoefficients(2, new float[140]),
                new CropInfo(8, 8, 0, 0, 8, 8, 0, 0, 8, 8), preprocess, false, 1f, 2, null, null, null);
    }
}
