package io.sadtalker.enhance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.pipeline.PipelineConfig;
import io.sadtalker.core.pipeline.StageProvider;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.stage.FaceEnhancer;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnhanceStageProviderTest {
    @TempDir
    Path dir;

    private PipelineConfig config(String enhancer) {
        return new PipelineConfig(dir, 256, Preprocess.CROP, false, 2, enhancer, "cpu");
    }

    @Test
    void registeredAsService() {
        assertThat(ServiceLoader.load(StageProvider.class).stream().map(p -> p.type().getName()))
                .contains(EnhanceStageProvider.class.getName());
    }

    @Test
    void offersOnlyGfpganFaceEnhancer() {
        EnhanceStageProvider provider = new EnhanceStageProvider();
        assertThat(provider.create(FaceEnhancer.class, config(null))).isNull();
        assertThat(provider.create(FaceEnhancer.class, config("RestoreFormer"))).isNull();
        assertThat(provider.create(FaceDetector.class, config("gfpgan"))).isNull();
    }

    @Test
    void missingCheckpointNamesTheFile() {
        assertThatThrownBy(() -> new EnhanceStageProvider().create(FaceEnhancer.class, config("GFPGAN")))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("GFPGANv1.4.pth");
    }
}
