package io.sadtalker.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.CancelledException;
import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.image.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One pipeline shared by many threads: each caller gets what a sequential call with its seed gets, at most
 * {@code maxConcurrentRenders} frame streams run at once, and {@code close()} during a run cancels it and waits
 * for it before freeing anything.
 */
class PipelineConcurrencyTest {
    private static final int FRAMES = 3;
    private static final int SEEDS = 4;

    @Test
    void threadsGetExactlyWhatSequentialCallsGetWithBoundedRenders() throws Exception {
        StubStages sequential = new StubStages(FRAMES);
        Map<Long, List<RgbImage>> expected = new HashMap<>();
        try (TalkingHeadPipeline pipeline = sequential.builder().build()) {
            for (long seed = 0; seed < SEEDS; seed++) {
                Path out = Path.of("sequential-" + seed + ".mp4");
                pipeline.generate(PipelineCancellationTest.request(new CancellationToken(), seed, out),
                        ProgressListener.NONE);
                expected.put(seed, sequential.encoded.get(out));
            }
        }
        assertThat(expected.values()).as("the seeds give different videos").doesNotHaveDuplicates();

        StubStages shared = new StubStages(FRAMES);
        CyclicBarrier pairs = new CyclicBarrier(2);
        shared.onEvent(name -> {
            if (name.equals("render 0")) { // two renders must be able to run at once
                await(pairs);
            }
        });
        int threads = 2 * SEEDS;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (TalkingHeadPipeline pipeline = shared.builder().maxConcurrentRenders(2).build()) {
            List<Future<Path>> runs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                GenerationRequest request = PipelineCancellationTest.request(new CancellationToken(), i % SEEDS,
                        Path.of("thread-" + i + ".mp4"));
                runs.add(pool.submit(() -> pipeline.generate(request, ProgressListener.NONE)));
            }
            for (int i = 0; i < threads; i++) {
                assertThat(shared.encoded.get(runs.get(i).get(60, TimeUnit.SECONDS))).as("thread %d", i)
                        .isEqualTo(expected.get((long) (i % SEEDS)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared.maxRendersRunning).as("frame streams open at once").hasValue(2);
    }

    @Test
    void oneRenderAtATimeByDefault() throws Exception {
        StubStages stages = new StubStages(FRAMES);
        stages.onEvent(name -> sleep(name.startsWith("render") ? 5 : 0));
        ExecutorService pool = Executors.newFixedThreadPool(SEEDS);
        try (TalkingHeadPipeline pipeline = stages.builder().build()) {
            List<Future<Path>> runs = new ArrayList<>();
            for (int i = 0; i < SEEDS; i++) {
                GenerationRequest request = PipelineCancellationTest.request(new CancellationToken(), i,
                        Path.of("run-" + i + ".mp4"));
                runs.add(pool.submit(() -> pipeline.generate(request, ProgressListener.NONE)));
            }
            for (Future<Path> run : runs) {
                assertThat(stages.encoded.get(run.get(60, TimeUnit.SECONDS))).hasSize(FRAMES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(stages.maxRendersRunning).hasValue(1);
        assertThatThrownBy(() -> new StubStages(FRAMES).builder().maxConcurrentRenders(0).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("got 0");
    }

    @Test
    void closeCancelsARunningGenerationAndWaitsForItToReturn() throws Exception {
        StubStages stages = new StubStages(FRAMES);
        CountDownLatch rendering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        stages.onEvent(name -> {
            if (name.equals("render 1")) {
                rendering.countDown();
                awaitUninterruptibly(release); // a long native call: interrupts do not stop it
            }
        });
        TalkingHeadPipeline pipeline = stages.builder().build();
        CancellationToken token = new CancellationToken();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Path> run = pool.submit(() -> pipeline.generate(
                    PipelineCancellationTest.request(token, 1, Path.of("closed.mp4")), ProgressListener.NONE));
            assertThat(rendering.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> closing = pool.submit(pipeline::close);
            Thread.sleep(200);
            assertThat(closing).as("close() returned while a stage was still running").isNotDone();
            release.countDown();
            closing.get(30, TimeUnit.SECONDS);
            // the run's call ended before close() freed the stages; its future completes just after
            assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(CancelledException.class)
                    .hasRootCauseMessage("the pipeline was closed while the generation ran");
            assertThat(token.isCancelled()).as("the caller's own token").isFalse();
            assertThat(stages.encoded).isEmpty();
            assertThat(stages.events()).noneMatch(e -> e.name().equals("render 2") || e.name().equals("commit"));
            assertThatThrownBy(() -> pipeline.generate(
                    PipelineCancellationTest.request(token, 1, Path.of("late.mp4")), ProgressListener.NONE))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the pipeline is closed");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /** Waits like a native call: an interrupt neither ends the wait nor is lost. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (latch.getCount() > 0 && System.nanoTime() < until) {
            try {
                latch.await(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no second render ran beside this one", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
