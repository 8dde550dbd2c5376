package io.sadtalker.preprocess;

import io.sadtalker.core.pipeline.PipelineConfig;
import io.sadtalker.core.pipeline.StageContext;
import io.sadtalker.core.pipeline.StageProvider;
import io.sadtalker.core.stage.Face3DMMExtractor;
import io.sadtalker.core.stage.FaceCropper;
import io.sadtalker.core.stage.FaceDetector;
import io.sadtalker.core.stage.LandmarkDetector;
import io.sadtalker.core.stage.VideoDecoder;
import io.sadtalker.preprocess.crop.SadTalkerFaceCropper;
import io.sadtalker.preprocess.detect.RetinaFaceDetector;
import io.sadtalker.preprocess.detect.SadTalkerLandmarkDetector;
import io.sadtalker.preprocess.face3d.SadTalkerFace3DMMExtractor;
import io.sadtalker.preprocess.video.FfmpegVideoDecoder;
import java.util.List;

/**
 * Default preprocess stages: the pipeline's face detector (RetinaFace, threshold 0.97, from
 * {@code detection_Resnet50_Final.pth}), the AWing landmarks on the shared detector ({@code alignment_WFLW_4HG.pth}),
 * SadTalker's cropper, the 3DMM extractor ({@code face_3drecon.} of the SadTalker safetensors, or legacy
 * {@code epoch_20.pth}) and the picture/video frame reader.
 */
public final class PreprocessStageProvider implements StageProvider {
    private static final String DETECTION = "detection_Resnet50_Final.pth";
    private static final String ALIGNMENT = "alignment_WFLW_4HG.pth";

    @Override
    public <T> T create(Class<T> stage, StageContext context) {
        PipelineConfig config = context.config();
        if (stage == FaceDetector.class) {
            return stage.cast(RetinaFaceDetector.open(config.requireCheckpoint(DETECTION),
                    RetinaFaceDetector.SADTALKER_THRESHOLD, config.torchDevice()));
        }
        if (stage == LandmarkDetector.class) {
            return stage.cast(SadTalkerLandmarkDetector.open(context.faceDetector(),
                    config.requireCheckpoint(ALIGNMENT), config.torchDevice(), config.limits().maxDetectionSide()));
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

    @Override
    public List<String> checkpoints(PipelineConfig config) {
        return List.of(DETECTION, ALIGNMENT);
    }
}
