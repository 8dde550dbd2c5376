package io.sadtalker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.PreparedPortrait;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import io.sadtalker.core.stage.FrameStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One loaded pipeline (the default stages) serves concurrent calls: three threads with seeds 11, 12 and 11, two
 * rendering at a time, get exactly the frames of sequential runs with those seeds.
 */
class ConcurrentGenerateTest {
    @TempDir
    Path dir;

    @Test
    void threeThreadsMatchTheSequentialRuns() throws Exception {
        PipelineInputs inputs = PipelineInputs.first();
        Path audio = inputs.speech(dir.resolve("three-frames.wav"), 3); // 0.12 s: 3 frames
        long[] seeds = {11, 12, 11};
        try (TalkingHeadPipeline pipeline = TalkingHeadPipeline.builder().checkpoints(inputs.checkpoints())
                .batchSize(2).maxConcurrentRenders(2).landmarkDetector(image -> {
                    throw new AssertionError("landmarks are injected");
                }).build()) {
            List<List<RgbImage>> sequential = List.of(frames(pipeline, request(inputs, audio, 11)),
                    frames(pipeline, request(inputs, audio, 12)));
            assertThat(sequential.get(0)).hasSize(3).isNotEqualTo(sequential.get(1));
            ExecutorService pool = Executors.newFixedThreadPool(seeds.length);
            try {
                List<Future<List<RgbImage>>> runs = new ArrayList<>();
                for (long seed : seeds) {
                    runs.add(pool.submit(() -> frames(pipeline, request(inputs, audio, seed))));
                }
                for (int i = 0; i < seeds.length; i++) {
                    assertThat(runs.get(i).get()).as("thread %d, seed %d", i, seeds[i])
                            .isEqualTo(sequential.get(seeds[i] == 11 ? 0 : 1));
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    private static GenerationRequest request(PipelineInputs inputs, Path audio, long seed) {
        return GenerationRequest.builder().portrait(inputs.source().file("portrait.png")).audio(audio)
                .landmarks(inputs.full()).cropLandmarks(inputs.crop()).seed(seed).build();
    }

    private static List<RgbImage> frames(TalkingHeadPipeline pipeline, GenerationRequest request) {
        PreparedPortrait portrait = pipeline.prepare(request, ProgressListener.NONE);
        List<RgbImage> out = new ArrayList<>();
        try (FrameStream stream = pipeline.frames(portrait, pipeline.motion(portrait, request, ProgressListener.NONE),
                request, ProgressListener.NONE)) {
            stream.forEachRemaining(out::add);
        }
        return out;
    }
}
