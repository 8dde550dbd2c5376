package io.sadtalker.spark;

import io.sadtalker.core.Preprocess;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * The settings a pipeline is loaded with on an executor: the checkpoint folder (a path every executor can read),
 * model size, preprocess mode, still mode, face enhancer (null for none), render batch size and device. Rows with
 * equal specs share one loaded pipeline per executor JVM ({@link Pipelines}).
 */
record PipelineSpec(String checkpointDir, int size, Preprocess preprocess, boolean still, String enhancer,
                           int batchSize, String device) implements Serializable {

    /** Loads the pipeline (every stage from the checkpoint folder). */
    TalkingHeadPipeline load() {
        return TalkingHeadPipeline.builder().checkpoints(Path.of(checkpointDir)).size(size).preprocess(preprocess)
                .still(still).enhancer(enhancer).batchSize(batchSize).device(device).build();
    }
}
