package io.sadtalker.core.pipeline;

import java.util.List;

/**
 * Service-provider interface through which stage modules offer their default implementations to
 * {@link TalkingHeadPipeline.Builder}; registered in {@code META-INF/services/io.sadtalker.core.pipeline.StageProvider}.
 * A provider names what it serves: the face and background enhancer names ({@link PipelineConfig#enhancer()},
 * {@link PipelineConfig#backgroundEnhancer()}) and the checkpoint files its stages read for a configuration; the
 * command line's checks, help and download list are derived from these.
 */
public interface StageProvider {
    /**
     * Creates an implementation of the stage interface {@code stage} for {@code context}, or returns null when this
     * provider does not offer it. Missing or invalid checkpoint files are reported here, when the pipeline is built.
     */
    <T> T create(Class<T> stage, StageContext context);

    /** The face enhancer names this provider's {@code FaceEnhancer} serves, matched ignoring case. */
    default List<String> enhancers() {
        return List.of();
    }

    /** The background enhancer names its face enhancers serve, matched ignoring case. */
    default List<String> backgroundEnhancers() {
        return List.of();
    }

    /**
     * The checkpoint files (names in the checkpoint directory) that its stages read for {@code config}, besides the
     * SadTalker files that {@link PipelineConfig#checkpoints()} adds itself.
     */
    default List<String> checkpoints(PipelineConfig config) {
        return List.of();
    }
}
