package io.sadtalker.spark;

import io.sadtalker.core.MediaException;
import io.sadtalker.core.MotionCoefficients;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import io.sadtalker.core.stage.FrameRange;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.core.stage.VideoEncoder;
import io.sadtalker.render.VideoWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Long-video mode: each video is rendered in parts on different tasks. One task per video prepares the portrait
 * and computes the motion coefficients; the prepared portrait is broadcast to the executors, the frames are cut
 * into ranges of about {@code splitFrames} frames (whole render batches), each range rendered (pasted back,
 * enhanced) from the broadcast portrait, without preparing it again, by a task of its own into a segment under
 * {@code <output>/_segments/<id>/}; one task per video then encodes the segments' frames in order with the audio
 * into {@code <output>/<id>.mp4}. Frames depend only on their own coefficients, so the joined frames are those of a
 * whole render.
 */
final class SplitVideos {
    private static final double FPS = 25.0;

    /** A job's prepared portrait and motion coefficients, or why there are none. */
    record Motion(JobSpec job, ShippedPortrait portrait, int frames, float[] data, double seconds, JobResult failure)
            implements Serializable {
    }

    /** One range of a job's frames to render into segment {@code index}, from the job's broadcast portrait. */
    record Part(JobSpec job, Broadcast<ShippedPortrait> portrait, int frames, float[] motion, int index, int from,
                int to) implements Serializable {
        FrameRange range() {
            return new FrameRange(from, to);
        }
    }

    /** A job whose {@code segments} segments are rendered, to join; {@code seconds} spent on it so far. */
    record Join(JobSpec job, int segments, double seconds) implements Serializable {
    }

    /** A rendered segment, or why it failed. */
    record Segment(String id, double seconds, JobResult failure) implements Serializable {
    }

    private SplitVideos() {
    }

    /** Runs {@code jobs}; returns one result per job, in no particular order. */
    static List<JobResult> run(JavaSparkContext spark, List<JobSpec> jobs, RunContext context) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        List<JobResult> results = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        Map<String, Double> seconds = new HashMap<>();
        List<Broadcast<ShippedPortrait>> portraits = new ArrayList<>();
        for (Motion motion : spark.parallelize(jobs, jobs.size()).map(job -> motion(job, context)).collect()) {
            if (motion.failure() != null) {
                results.add(motion.failure());
            } else {
                Broadcast<ShippedPortrait> portrait = spark.broadcast(motion.portrait());
                portraits.add(portrait);
                parts.addAll(parts(motion, portrait, context.settings().splitFrames()));
                seconds.put(motion.job().id(), motion.seconds());
            }
        }
        if (parts.isEmpty()) {
            return results;
        }
        Map<String, JobResult> failed = new HashMap<>();
        for (Segment segment : spark.parallelize(parts, parts.size()).map(part -> render(part, context)).collect()) {
            seconds.merge(segment.id(), segment.seconds(), Double::sum);
            if (segment.failure() != null) {
                failed.putIfAbsent(segment.id(), segment.failure());
            }
        }
        portraits.forEach(Broadcast::destroy);
        Map<JobSpec, Integer> joins = new HashMap<>();
        for (Part part : parts) {
            if (!failed.containsKey(part.job().id())) {
                joins.merge(part.job(), 1, Integer::sum);
            }
        }
        for (JobResult failure : failed.values()) {
            results.add(new JobResult(failure.id(), failure.status(), null, seconds.get(failure.id()), null,
                    failure.errorType(), failure.error()));
        }
        if (!joins.isEmpty()) {
            List<Join> list = joins.entrySet().stream()
                    .map(e -> new Join(e.getKey(), e.getValue(), seconds.get(e.getKey().id()))).toList();
            results.addAll(spark.parallelize(list, list.size()).map(join -> join(join, context)).collect());
        }
        return results;
    }

    /** The ranges of {@code motion}'s frames, {@code splitFrames} rounded up to whole render batches. */
    static List<Part> parts(Motion motion, Broadcast<ShippedPortrait> portrait, int splitFrames) {
        int batch = motion.job().pipeline().batchSize();
        int step = (splitFrames + batch - 1) / batch * batch;
        List<Part> parts = new ArrayList<>();
        for (int from = 0; from < motion.frames(); from += step) {
            parts.add(new Part(motion.job(), portrait, motion.frames(), motion.data(), parts.size(), from,
                    Math.min(from + step, motion.frames())));
        }
        return parts;
    }

    static Motion motion(JobSpec job, RunContext context) {
        long start = System.nanoTime();
        try (RemoteFiles files = context.files()) {
            TalkingHeadPipeline pipeline = Pipelines.get(job.pipeline());
            GenerationRequest request = job.request(files.fetch(job.portrait()), files, null);
            PreparedPortrait portrait = context.prepare(pipeline, request);
            MotionCoefficients motion = pipeline.motion(portrait, request, ProgressListener.NONE);
            return new Motion(job, ShippedPortrait.of(portrait), motion.frames(), motion.data(),
                    BatchJobs.seconds(start), null);
        } catch (RuntimeException e) {
            return new Motion(job, null, 0, null, 0, JobResult.failed(job.id(), BatchJobs.seconds(start), e));
        }
    }

    static Segment render(Part part, RunContext context) {
        long start = System.nanoTime();
        JobSpec job = part.job();
        String uri = segment(context, job.id(), part.index());
        try (RemoteFiles files = context.files()) {
            TalkingHeadPipeline pipeline = Pipelines.get(job.pipeline());
            GenerationRequest request = job.request(null, files, null);
            PreparedPortrait portrait = part.portrait().value().portrait();
            MotionCoefficients motion = new MotionCoefficients(part.frames(), part.motion());
            try (FrameStream frames = pipeline.frames(portrait, motion, request, part.range(),
                    ProgressListener.NONE); RemoteFiles.Commit out = files.create(uri)) {
                Segments.write(frames, part.range().from(), out.stream(), files.local());
                out.commit();
            } catch (IOException e) {
                throw new MediaException("cannot write segment " + uri + ": " + e.getMessage(), e);
            }
            return new Segment(job.id(), BatchJobs.seconds(start), null);
        } catch (RuntimeException e) {
            return new Segment(job.id(), BatchJobs.seconds(start), JobResult.failed(job.id(), 0, e));
        }
    }

    static JobResult join(Join join, RunContext context) {
        long start = System.nanoTime();
        JobSpec job = join.job();
        double seconds = join.seconds();
        try (RemoteFiles files = context.files()) {
            Path audio = files.fetch(job.audio());
            Path video = files.local().resolve(job.id() + ".mp4");
            VideoEncoder encoder = new VideoWriter();
            VideoEncoder.Sink[] sink = {null};
            int[] frames = {0};
            try {
                for (int i = 0; i < join.segments(); i++) {
                    String uri = segment(context, job.id(), i);
                    try (InputStream in = files.open(uri)) {
                        Segments.read(in, uri, frame -> {
                            if (sink[0] == null) {
                                sink[0] = encoder.open(video, frame.width(), frame.height(), FPS, audio);
                            }
                            sink[0].write(frame);
                            frames[0]++;
                        });
                    }
                }
                sink[0].commit();
            } catch (IOException e) {
                throw new MediaException("cannot read the segments of " + job.id() + ": " + e.getMessage(), e);
            } finally {
                if (sink[0] != null) {
                    sink[0].close();
                }
            }
            String output = files.publish(video, RemoteFiles.child(context.settings().output(), job.id() + ".mp4"));
            if (!context.settings().keepSegments()) {
                files.deleteFolder(segments(context, job.id()));
            }
            return JobResult.ok(job.id(), frames[0], seconds + BatchJobs.seconds(start), output);
        } catch (RuntimeException e) {
            return JobResult.failed(job.id(), seconds + BatchJobs.seconds(start), e);
        }
    }

    /** The folder of a job's segments. */
    static String segments(RunContext context, String id) {
        return RemoteFiles.child(RemoteFiles.child(context.settings().output(), "_segments"), id);
    }

    /** Segment {@code index} of a job. */
    static String segment(RunContext context, String id, int index) {
        return RemoteFiles.child(segments(context, id), String.format("%06d.zip", index));
    }
}
