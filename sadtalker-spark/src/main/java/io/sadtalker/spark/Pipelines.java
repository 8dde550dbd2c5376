package io.sadtalker.spark;

import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipelines loaded in this JVM (an executor), one per {@link PipelineSpec}, loaded on first use and reused by
 * every later task: loading costs seconds and gigabytes, a pipeline serves concurrent tasks. They live as long as
 * the executor.
 */
final class Pipelines {
    private static final Map<PipelineSpec, TalkingHeadPipeline> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private Pipelines() {
    }

    /** The pipeline of {@code spec}, loading it if this JVM has none yet. */
    static TalkingHeadPipeline get(PipelineSpec spec) {
        return LOADED.computeIfAbsent(spec, s -> {
            LOADS.incrementAndGet();
            return s.load();
        });
    }

    /** How many pipelines this JVM has loaded so far. */
    public static int loads() {
        return LOADS.get();
    }
}
