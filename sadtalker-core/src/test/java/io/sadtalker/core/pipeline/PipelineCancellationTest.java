package io.sadtalker.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.CancelledException;
import io.sadtalker.core.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A cancel during any stage call of a generation (portrait decoding, landmarks, crop, 3DMM, audio decoding, mel,
 * every reference-video frame, Audio2Coeff, every rendered and enhanced frame, encoder open and every write) ends
 * it with {@link CancelledException} before another stage starts on that thread, writes no video, and leaves the
 * pipeline usable.
 */
class PipelineCancellationTest {
    private static final int FRAMES = 3;

    static GenerationRequest request(CancellationToken token, long seed, Path output) {
        return GenerationRequest.builder().portrait(Path.of("portrait.png")).audio(Path.of("speech.wav"))
                .refPose(Path.of("ref-pose.mp4")).output(output).seed(seed).cancellation(token).build();
    }

    @Test
    void aCancelDuringAnyStageEndsTheRunBeforeTheNextStage() {
        StubStages whole = new StubStages(FRAMES);
        try (TalkingHeadPipeline pipeline = whole.builder().build()) {
            pipeline.generate(request(new CancellationToken(), 1, Path.of("whole.mp4")), ProgressListener.NONE);
        }
        List<String> names = whole.events().stream().map(StubStages.Event::name).toList();
        assertThat(names).contains("decode portrait.png 0", "landmarks", "crop", "3dmm", "audio decode", "mel",
                "decode ref-pose.mp4 1", "audio2coeff", "render 2", "enhance", "encode open", "encode 2", "commit");
        assertThat(names.get(names.size() - 1)).isEqualTo("commit");
        for (int k = 0; k < names.size() - 1; k++) { // a cancel during the final commit comes too late
            StubStages stages = new StubStages(FRAMES);
            CancellationToken token = new CancellationToken();
            stages.cancelDuring(k, token);
            try (TalkingHeadPipeline pipeline = stages.builder().build()) {
                assertThatThrownBy(() -> pipeline.generate(request(token, 1, Path.of("cancelled.mp4")),
                        ProgressListener.NONE)).as("cancel during event %d", k).isInstanceOf(CancelledException.class)
                        .hasMessage("generation cancelled");
                List<StubStages.Event> events = stages.events();
                StubStages.Event during = events.get(k);
                List<StubStages.Event> after = events.subList(k + 1, events.size());
                assertThat(after).as("events after a cancel during %s", during.name())
                        .noneMatch(e -> e.thread() == during.thread());
                // another thread (render/enhance worker or encoder) may have passed its check just before the cancel
                Map<Thread, Long> perThread = after.stream()
                        .collect(Collectors.groupingBy(StubStages.Event::thread, Collectors.counting()));
                assertThat(perThread.values()).as("events after a cancel during %s", during.name())
                        .allMatch(n -> n <= 1);
                assertThat(stages.encoded).isEmpty();

                stages.cancelDuring(-1, token);
                Path again = Path.of("again.mp4");
                pipeline.generate(request(new CancellationToken(), 1, again), ProgressListener.NONE);
                assertThat(stages.encoded.get(again)).as("a run after the cancelled one").hasSize(FRAMES);
            }
        }
    }

    @Test
    void aCancelledTokenStopsTheBuild() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        assertThatThrownBy(() -> new StubStages(FRAMES).builder().cancellation(token).build())
                .isInstanceOf(CancelledException.class);
    }

    @Test
    void aChildTokenIsCancelledWithItsParentOrAlone() {
        CancellationToken parent = new CancellationToken();
        CancellationToken child = parent.child();
        CancellationToken sibling = parent.child();
        child.cancel("closed");
        assertThat(child.isCancelled()).isTrue();
        assertThat(parent.isCancelled()).isFalse();
        assertThat(sibling.isCancelled()).isFalse();
        parent.cancel();
        assertThat(sibling.isCancelled()).isTrue();
        assertThatThrownBy(sibling::throwIfCancelled).isInstanceOf(CancelledException.class)
                .hasMessage("generation cancelled");
        assertThatThrownBy(child::throwIfCancelled).hasMessage("closed");
    }
}
