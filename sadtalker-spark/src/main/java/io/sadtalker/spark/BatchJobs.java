package io.sadtalker.spark;

import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Batch mode: one task per group of jobs that share a portrait and a pipeline spec. The task loads the pipeline
 * from its executor's cache, prepares the portrait once and renders each job of the group to
 * {@code <output>/<id>.mp4}; a job that fails becomes a failed result and the task goes on with the next.
 */
final class BatchJobs {
    private BatchJobs() {
    }

    /** Runs {@code jobs}; returns one result per job, in no particular order. */
    static List<JobResult> run(JavaSparkContext spark, List<JobSpec> jobs, RunContext context) {
        List<List<JobSpec>> groups = new ArrayList<>(jobs.stream().collect(Collectors.groupingBy(
                job -> List.of(job.pipeline(), job.portrait()), LinkedHashMap::new, Collectors.toList())).values());
        if (groups.isEmpty()) {
            return List.of();
        }
        return spark.parallelize(groups, groups.size()).flatMap(group -> render(group, context).iterator())
                .collect();
    }

    /** Renders the jobs of one group (same portrait, same pipeline spec). */
    static List<JobResult> render(List<JobSpec> group, RunContext context) {
        List<JobResult> results = new ArrayList<>();
        try (RemoteFiles files = context.files()) {
            Path portraitFile = null;
            PreparedPortrait portrait = null;
            RuntimeException portraitError = null;
            for (JobSpec job : group) {
                long start = System.nanoTime();
                Path video = files.local().resolve(job.id() + ".mp4");
                try {
                    if (portraitError != null) {
                        throw portraitError;
                    }
                    TalkingHeadPipeline pipeline = Pipelines.get(job.pipeline());
                    try {
                        portraitFile = portraitFile != null ? portraitFile : files.fetch(job.portrait());
                    } catch (RuntimeException e) {
                        portraitError = e;
                        throw e;
                    }
                    GenerationRequest request = job.request(portraitFile, files, video);
                    if (portrait == null) {
                        try {
                            portrait = context.prepare(pipeline, request);
                        } catch (RuntimeException e) {
                            portraitError = e;
                            throw e;
                        }
                    }
                    MotionCoefficients motion = pipeline.motion(portrait, request, ProgressListener.NONE);
                    pipeline.generate(portrait, motion, request, ProgressListener.NONE);
                    String output = files.publish(video,
                            RemoteFiles.child(context.settings().output(), job.id() + ".mp4"));
                    results.add(JobResult.ok(job.id(), motion.frames(), seconds(start), output));
                } catch (RuntimeException e) {
                    results.add(JobResult.failed(job.id(), seconds(start), e));
                } finally {
                    delete(video);
                }
            }
        }
        return results;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
