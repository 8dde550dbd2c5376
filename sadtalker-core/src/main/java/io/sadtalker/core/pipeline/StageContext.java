package io.sadtalker.core.pipeline;

import io.sadtalker.core.stage.FaceDetector;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@link StageProvider} creates a stage from: the pipeline's {@link PipelineConfig} and the one
 * {@link FaceDetector} that the stages finding faces (the landmark detector, the face enhancer) share.
 */
public final class StageContext {
    private final PipelineConfig config;
    private final Supplier<FaceDetector> faceDetector;

    StageContext(PipelineConfig config, Supplier<FaceDetector> faceDetector) {
        this.config = config;
        this.faceDetector = faceDetector;
    }

    /** A context with a given {@code faceDetector}, which stays the caller's to close (for using providers directly). */
    public static StageContext of(PipelineConfig config, FaceDetector faceDetector) {
        FaceDetector shared = Objects.requireNonNull(faceDetector, "faceDetector")::detect;
        return new StageContext(config, () -> shared);
    }

    /** The pipeline's settings. */
    public PipelineConfig config() {
        return config;
    }

    /**
     * The pipeline's face detector: the one given to {@link TalkingHeadPipeline.Builder#faceDetector}, else the
     * {@link FaceDetector} a provider offers (sadtalker-preprocess: RetinaFace from
     * {@code detection_Resnet50_Final.pth}), created on the first call and the same for every later one. The
     * pipeline closes it once; what this returns is not {@link AutoCloseable}, so a stage cannot close it.
     */
    public FaceDetector faceDetector() {
        return faceDetector.get();
    }
}
