package io.sadtalker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.CancelledException;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.pipeline.GenerationRequest;
import io.sadtalker.core.pipeline.TalkingHeadPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling a real generation (default stages, synthetic 256 checkpoints, batch size 2) as each stage starts: 3DMM
 * extraction, audio decoding, Audio2Coeff, and rendering after the first frame. Each run ends with
 * {@link CancelledException}, no later stage reports progress, and no video is written. The time from the cancel to
 * the exception (the rest of the native call under way: one 3DMM forward, one render batch) is printed for the
 * README; it is a measurement, not asserted.
 */
class CancellationLatencyTest {
    private static final List<String> ORDER = List.of("landmark Det", "3DMM Extraction", "mel", "audio2exp",
            "Face Renderer");

    @TempDir
    Path dir;

    @Test
    void aCancelDuringEachStageEndsTheRunThere() throws Exception {
        PipelineInputs inputs = PipelineInputs.first();
        Path audio = inputs.speech(dir.resolve("speech.wav"), 10); // 0.4 s
        List<String> figures = new ArrayList<>();
        try (TalkingHeadPipeline pipeline = TalkingHeadPipeline.builder().checkpoints(inputs.checkpoints())
                .batchSize(2).landmarkDetector(image -> {
                    throw new AssertionError("landmarks are injected");
                }).build()) {
            for (String[] at : new String[][] {{"3DMM Extraction", "0"}, {"mel", "0"}, {"audio2exp", "0"},
                    {"Face Renderer", "1"}}) {
                String stage = at[0];
                long done = Long.parseLong(at[1]);
                CancellationToken token = new CancellationToken();
                long[] cancelledAt = {0};
                long[] renderStart = {0};
                List<String> afterCancel = new ArrayList<>();
                ProgressListener listener = (s, d, total) -> {
                    synchronized (afterCancel) {
                        if (s.equals("audio2exp") && d == total) {
                            renderStart[0] = System.nanoTime();
                        }
                        if (cancelledAt[0] != 0) {
                            afterCancel.add(s);
                        } else if (s.equals(stage) && d == done) {
                            cancelledAt[0] = System.nanoTime();
                            token.cancel();
                        }
                    }
                };
                Path output = dir.resolve("cancelled.mp4");
                GenerationRequest request = GenerationRequest.builder().portrait(inputs.source().file("portrait.png"))
                        .audio(audio).landmarks(inputs.full()).cropLandmarks(inputs.crop()).seed(1).output(output)
                        .cancellation(token).build();
                assertThatThrownBy(() -> pipeline.generate(request, listener)).as(stage)
                        .isInstanceOf(CancelledException.class);
                long ended = System.nanoTime();
                synchronized (afterCancel) {
                    assertThat(cancelledAt[0]).as("%s was reached", stage).isNotZero();
                    assertThat(afterCancel).as("progress after a cancel during %s", stage)
                            .allMatch(s -> ORDER.indexOf(s) <= ORDER.indexOf(stage));
                    figures.add(String.format(Locale.ROOT, "cancel during %s: ended after %.2f s", stage,
                            (ended - cancelledAt[0]) / 1e9)
                            + (renderStart[0] == 0 ? "" : String.format(Locale.ROOT,
                            " (source preparation and the first batch of 2 frames took %.2f s)",
                            (cancelledAt[0] - renderStart[0]) / 1e9)));
                }
                assertThat(output).doesNotExist();
                try (var left = Files.list(dir)) {
                    assertThat(left.map(p -> p.getFileName().toString())).containsExactly("speech.wav");
                }
            }
        }
        figures.forEach(System.out::println);
    }
}
