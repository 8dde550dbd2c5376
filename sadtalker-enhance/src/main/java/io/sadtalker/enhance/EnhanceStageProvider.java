package io.sadtalker.enhance;

import io.sadtalker.core.pipeline.PipelineConfig;
import io.sadtalker.core.pipeline.StageProvider;
import io.sadtalker.core.stage.FaceEnhancer;

/**
 * Default face enhancer: {@link GfpganEnhancer} for {@code enhancer = "gfpgan"} (any case) from
 * {@code GFPGANv1.4.pth}, {@code parsing_parsenet.pth} and {@code detection_Resnet50_Final.pth} in the checkpoint
 * directory, with the original's fresh noise per face.
 */
public final class EnhanceStageProvider implements StageProvider {
    @Override
    public <T> T create(Class<T> stage, PipelineConfig config) {
        if (stage != FaceEnhancer.class || config.enhancer() == null || !config.enhancer().equalsIgnoreCase("gfpgan")) {
            return null;
        }
        return stage.cast(GfpganEnhancer.open(config.requireCheckpoint("GFPGANv1.4.pth"),
                config.requireCheckpoint("parsing_parsenet.pth"),
                config.requireCheckpoint("detection_Resnet50_Final.pth"), true));
    }
}
