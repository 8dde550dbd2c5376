package io.sadtalker.core.pipeline;

/**
 * Service-provider interface through which stage modules offer their default implementations to
 * {@link TalkingHeadPipeline.Builder}; registered in {@code META-INF/services/io.sadtalker.core.pipeline.StageProvider}.
 */
public interface StageProvider {
    /**
     * Creates an implementation of the stage interface {@code stage} for {@code config}, or returns null when this
     * provider does not offer it. Missing or invalid checkpoint files are reported here, when the pipeline is built.
     */
    <T> T create(Class<T> stage, PipelineConfig config);
}
