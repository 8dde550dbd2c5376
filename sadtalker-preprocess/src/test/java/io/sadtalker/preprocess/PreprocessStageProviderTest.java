package io.sadtalker.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.MediaLimits;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.pipeline.PipelineConfig;
import io.sadtalker.core.pipeline.StageContext;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.stage.LandmarkDetector;
import io.sadtalker.preprocess.detect.SadTalkerLandmarkDetector;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessStageProviderTest {
    @TempDir
    Path dir;

    private static PipelineConfig config(Path checkpoints) {
        return new PipelineConfig(checkpoints, 256, Preprocess.CROP, false, 2, null, null, "cpu", false,
                MediaLimits.defaults());
    }

    @Test
    void namesTheDetectorFiles() {
        assertThat(new PreprocessStageProvider().checkpoints(config(dir)))
                .containsExactly("detection_Resnet50_Final.pth", "alignment_WFLW_4HG.pth");
    }

    @Test
    void theDefaultFaceDetectorIsRetinaFaceFromTheDetectionFile() {
        FaceDetector unused = image -> List.of();
        assertThatThrownBy(() -> new PreprocessStageProvider().create(FaceDetector.class,
                StageContext.of(config(dir), unused)))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("detection_Resnet50_Final.pth");
    }

    @Test
    void theLandmarkDetectorRunsOnTheSharedDetector() throws Exception {
        Path checkpoints = SyntheticCheckpoints.directory("preprocess-provider", "dev-1", "alignment_WFLW_4HG.pth.json");
        AtomicInteger calls = new AtomicInteger();
        FaceDetector shared = image -> {
            calls.incrementAndGet();
            return List.of();
        };
        LandmarkDetector landmarks = new PreprocessStageProvider().create(LandmarkDetector.class,
                StageContext.of(config(checkpoints), shared));
        assertThat(landmarks).isInstanceOf(SadTalkerLandmarkDetector.class);
        assertThatThrownBy(() -> landmarks.detect(io.sadtalker.core.image.RgbImage.of(8, 8, new byte[192]), "x.png"))
                .hasMessageContaining("no face detected in x.png");
        assertThat(calls).hasValue(1);
        ((AutoCloseable) landmarks).close();
    }
}
