package io.sadtalker.enhance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CheckpointException;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.Preprocess;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.pipeline.PipelineConfig;
import io.sadtalker.core.pipeline.StageContext;
import io.sadtalker.core.pipeline.StageProvider;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.stage.FaceEnhancer;
import io.sadtalker.testkit.SyntheticCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnhanceStageProviderTest {
    @TempDir
    Path dir;

    private final List<RgbImage> detected = new ArrayList<>();
    private final FaceDetector detector = image -> {
        detected.add(image);
        return List.of();
    };

    private static PipelineConfig pipelineConfig(Path checkpoints, String enhancer, String background) {
        return new PipelineConfig(checkpoints, 256, Preprocess.CROP, false, 2, enhancer, background, "cpu", false,
                io.sadtalker.core.MediaLimits.defaults());
    }

    private StageContext config(Path checkpoints, String enhancer, String background) {
        return StageContext.of(pipelineConfig(checkpoints, enhancer, background), detector);
    }

    private StageContext config(String enhancer, String background) {
        return config(dir, enhancer, background);
    }

    @Test
    void registeredAsService() {
        assertThat(ServiceLoader.load(StageProvider.class).stream().map(p -> p.type().getName()))
                .contains(EnhanceStageProvider.class.getName());
    }

    @Test
    void offersOnlyKnownFaceEnhancers() {
        EnhanceStageProvider provider = new EnhanceStageProvider();
        assertThat(provider.create(FaceEnhancer.class, config(null, null))).isNull();
        assertThat(provider.create(FaceEnhancer.class, config("codeformer", null))).isNull();
        assertThat(provider.create(FaceDetector.class, config("gfpgan", null))).isNull();
    }

    @Test
    void namesItsEnhancersAndTheirFiles() {
        EnhanceStageProvider provider = new EnhanceStageProvider();
        assertThat(provider.enhancers()).containsExactly("gfpgan", "RestoreFormer");
        assertThat(provider.backgroundEnhancers()).containsExactly("realesrgan");
        assertThat(provider.checkpoints(pipelineConfig(dir, null, "realesrgan"))).isEmpty();
        assertThat(provider.checkpoints(pipelineConfig(dir, "codeformer", null))).isEmpty();
        assertThat(provider.checkpoints(pipelineConfig(dir, "GFPGAN", null)))
                .containsExactly("GFPGANv1.4.pth", "parsing_parsenet.pth");
        assertThat(provider.checkpoints(pipelineConfig(dir, "restoreformer", "realesrgan")))
                .containsExactly("RestoreFormer.pth", "parsing_parsenet.pth", "RealESRGAN_x2plus.pth");
    }

    @Test
    void missingCheckpointNamesTheFile() {
        assertThatThrownBy(() -> new EnhanceStageProvider().create(FaceEnhancer.class, config("GFPGAN", null)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("GFPGANv1.4.pth");
        assertThatThrownBy(() -> new EnhanceStageProvider().create(FaceEnhancer.class, config("restoreformer", null)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("RestoreFormer.pth");
    }

    @Test
    void backgroundEnhancerNeedsItsCheckpointAndAKnownName() throws Exception {
        for (String name : new String[] {"RestoreFormer.pth", "parsing_parsenet.pth"}) {
            Files.createFile(dir.resolve(name));
        }
        assertThatThrownBy(() -> new EnhanceStageProvider().create(FaceEnhancer.class,
                config("RestoreFormer", "realesrgan")))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("RealESRGAN_x2plus.pth");
        assertThatThrownBy(() -> new EnhanceStageProvider().create(FaceEnhancer.class,
                config("RestoreFormer", "esrgan4x")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("esrgan4x");
    }

    @Test
    void createsRestoreFormerWithRealEsrganBackgroundOnTheSharedDetector() throws Exception {
        Path checkpoints = SyntheticCheckpoints.directory("enhance-restoreformer", "dev-1", "RestoreFormer.pth.json",
                "parsing_parsenet.pth.json", "detection_Resnet50_Final.pth.json", "RealESRGAN_x2plus.pth.json");
        FaceEnhancer enhancer = new EnhanceStageProvider().create(FaceEnhancer.class,
                config(checkpoints, "RestoreFormer", "realesrgan"));
        assertThat(enhancer).isInstanceOf(GFPGANer.class);
        byte[] rgb = new byte[24 * 16 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
        }
        RgbImage frame = RgbImage.wrap(24, 16, rgb);
        assertThat(enhancer.enhance(frame, 1).width()).isEqualTo(48);
        assertThat(detected).as("the shared detector, handed the frame in BGR order as facexlib's").singleElement()
                .satisfies(seen -> assertThat(seen.rgb()).isEqualTo(frame.bgr()));
        ((AutoCloseable) enhancer).close();
    }
}
