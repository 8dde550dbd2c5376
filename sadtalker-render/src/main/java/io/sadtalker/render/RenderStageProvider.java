package io.sadtalker.render;

import io.sadtalker.core.pipeline.PipelineConfig;
import io.sadtalker.core.pipeline.StageContext;
import io.sadtalker.core.pipeline.StageProvider;
import io.sadtalker.core.stage.FacePaster;
import io.sadtalker.core.stage.FaceRenderer;
import io.sadtalker.core.stage.VideoEncoder;

/**
 * Default render-side stages for {@link io.sadtalker.core.pipeline.TalkingHeadPipeline}: the
 * {@link SadTalkerFaceRenderer} of the configured size and preprocess mode, {@link PastePic} and the mp4
 * {@link VideoWriter}.
 */
public final class RenderStageProvider implements StageProvider {
    @Override
    public <T> T create(Class<T> stage, StageContext context) {
        PipelineConfig config = context.config();
        if (stage == FaceRenderer.class) {
            return stage.cast(SadTalkerFaceRenderer.load(config.sadTalkerCheckpoints(), config.size(),
                    config.preprocess(), config.torchDevice()));
        }
        if (stage == FacePaster.class) {
            return stage.cast(new PastePic());
        }
        if (stage == VideoEncoder.class) {
            return stage.cast(new VideoWriter());
        }
        return null;
    }
}
