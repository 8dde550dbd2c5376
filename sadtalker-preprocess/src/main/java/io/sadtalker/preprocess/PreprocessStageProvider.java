package io.sadtalker.preprocess;

import io.sadtalker.core.pipeline.PipelineConfig;
import io.sadtalker.core.pipeline.StageProvider;
import io.sadtalker.core.stage.Face3DMMExtractor;
import io.sadtalker.core.stage.FaceCropper;
import io.sadtalker.core.stage.LandmarkDetector;
import io.sadtalker.core.stage.VideoDecoder;
import io.sadtalker.preprocess.crop.SadTalkerFaceCropper;
import io.sadtalker.preprocess.detect.SadTalkerLandmarkDetector;
import io.sadtalker.preprocess.face3d.SadTalkerFace3DMMExtractor;
import io.sadtalker.preprocess.video.FfmpegVideoDecoder;

/**
 * Default preprocess stages: RetinaFace + AWing landmarks ({@code detection_Resnet50_Final.pth},
 * {@code alignment_WFLW_4HG.pth}), SadTalker's cropper, the 3DMM extractor ({@code face_3drecon.} of the
 * SadTalker safetensors, or legacy {@code epoch_20.pth}) and the picture/video frame reader.
 */
public final class PreprocessStageProvider implements StageProvider {
    @Override
    public <T> T create(Class<T> stage, PipelineConfig config) {
        if (stage == LandmarkDetector.class) {
            return stage.cast(SadTalkerLandmarkDetector.open(config.requireCheckpoint("detection_Resnet50_Final.pth"),
                    config.requireCheckpoint("alignment_WFLW_4HG.pth"), config.torchDevice(),
                    config.limits().maxDetectionSide()));
        }
        if (stage == FaceCropper.class) {
            return stage.cast(new SadTalkerFaceCropper());
        }
        if (stage == Face3DMMExtractor.class) {
            return stage.cast(SadTalkerFace3DMMExtractor.open(config.sadTalkerCheckpoints(), config.torchDevice()));
        }
        if (stage == VideoDecoder.class) {
            return stage.cast(new FfmpegVideoDecoder(config.limits()));
        }
        return null;
    }
}
