package io.sadtalker.enhance;

import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.pipeline.PipelineConfig;
import io.sadtalker.core.pipeline.StageProvider;
import io.sadtalker.core.stage.FaceEnhancer;
import io.sadtalker.enhance.realesrgan.RealESRGANBackground;
import java.nio.file.Path;

/**
 * Default face enhancers, as SadTalker's face_enhancer builds GFPGANer: {@link GfpganEnhancer} for
 * {@code enhancer = "gfpgan"} ({@code GFPGANv1.4.pth}, with the original's fresh noise per face, drawn from
 * the seed the pipeline passes per frame) and
 * {@link RestoreFormerEnhancer} for {@code "RestoreFormer"} ({@code RestoreFormer.pth}), any case, both with
 * {@code parsing_parsenet.pth} and {@code detection_Resnet50_Final.pth} from the checkpoint directory.
 * {@code backgroundEnhancer = "realesrgan"} upscales the background with Real-ESRGAN x2
 * ({@code RealESRGAN_x2plus.pth}, tile 400, tile_pad 10) instead of the Lanczos resize, on CPU as well.
 */
public final class EnhanceStageProvider implements StageProvider {
    @Override
    public <T> T create(Class<T> stage, PipelineConfig config) {
        if (stage != FaceEnhancer.class || config.enhancer() == null) {
            return null;
        }
        boolean gfpgan = config.enhancer().equalsIgnoreCase("gfpgan");
        if (!gfpgan && !config.enhancer().equalsIgnoreCase("RestoreFormer")) {
            return null;
        }
        Path restorerFile = config.requireCheckpoint(gfpgan ? "GFPGANv1.4.pth" : "RestoreFormer.pth");
        Path parsenet = config.requireCheckpoint("parsing_parsenet.pth");
        Path detection = config.requireCheckpoint("detection_Resnet50_Final.pth");
        RealESRGANBackground background = background(config);
        try {
            GFPGANer.Builder builder = GFPGANer.builder().parseNet(parsenet).retinaFace(detection)
                    .backgroundUpsampler(background).device(config.torchDevice());
            return stage.cast((gfpgan ? builder.gfpgan(restorerFile) : builder.restoreFormer(restorerFile)).build());
        } catch (RuntimeException e) {
            if (background != null) {
                background.close();
            }
            throw e;
        }
    }

    private static RealESRGANBackground background(PipelineConfig config) {
        String name = config.backgroundEnhancer();
        if (name == null) {
            return null;
        }
        if (!name.equalsIgnoreCase("realesrgan")) {
            throw new InvalidInputException("unknown background enhancer '" + name + "' (supported: realesrgan)");
        }
        return RealESRGANBackground.open(config.requireCheckpoint("RealESRGAN_x2plus.pth"), config.torchDevice());
    }
}
