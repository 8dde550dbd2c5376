package io.sadtalker.core.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FrameRangeTest {
    @Test
    void takesTheRangesFramesOutOfAWholeStreamAndClosesIt() {
        AtomicBoolean closed = new AtomicBoolean();
        List<Integer> seen = new ArrayList<>();
        try (FrameStream frames = new FrameRange(2, 5).of(numbered(7, closed))) {
            assertThat(frames.frameCount()).isEqualTo(3);
            frames.forEachRemaining(f -> seen.add(f.get(0, 0, 0)));
        }
        assertThat(seen).containsExactly(2, 3, 4);
        assertThat(closed).isTrue();
    }

    @Test
    void rejectsRangesOutsideTheVideo() {
        assertThatThrownBy(() -> new FrameRange(3, 3)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("0 <= from < to");
        AtomicBoolean closed = new AtomicBoolean();
        assertThatThrownBy(() -> new FrameRange(5, 9).of(numbered(7, closed)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("past the video's 7 frames");
        assertThat(closed).isTrue();
    }

    private static FrameStream numbered(int count, AtomicBoolean closed) {
        return new QueuedFrameStream(count, 2, "numbered", sink -> {
            for (int i = 0; i < count; i++) {
                sink.put(RgbImage.of(1, 1, new byte[] {(byte) i, 0, 0}));
            }
        }, () -> closed.set(true));
    }
}
