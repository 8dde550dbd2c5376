package io.sadtalker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.InvalidInputException;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FrameRange;
import io.sadtalker.core.stage.FrameStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderedFramesTest {
    @Test
    void yieldsEveryFrameInOrderAndCleansUp() throws InterruptedException {
        CountDownLatch cleaned = new CountDownLatch(1);
        List<Integer> seen = new ArrayList<>();
        try (FrameStream frames = RenderedFrames.start(7, FrameRange.all(7), 3, RenderedFramesTest::numbered,
                cleaned::countDown)) {
            assertThat(frames.frameCount()).isEqualTo(7);
            while (frames.hasNext()) {
                seen.add(frames.next().get(0, 0, 0));
            }
        }
        assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(cleaned.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void rangeRendersOnlyTheGridBatchesThatHoldItsFrames() throws InterruptedException {
        List<Integer> batchStarts = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        try (FrameStream frames = RenderedFrames.start(7, new FrameRange(3, 6), 2, (from, count) -> {
            batchStarts.add(from);
            return numbered(from, count);
        }, () -> { })) {
            assertThat(frames.frameCount()).isEqualTo(3);
            frames.forEachRemaining(f -> seen.add(f.get(0, 0, 0)));
        }
        assertThat(seen).containsExactly(3, 4, 5);
        assertThat(batchStarts).containsExactly(2, 4);
        assertThatThrownBy(() -> RenderedFrames.start(7, new FrameRange(6, 8), 2, RenderedFramesTest::numbered,
                () -> { })).isInstanceOf(InvalidInputException.class).hasMessageContaining("past the video's 7");
    }

    @Test
    void workerStaysAFewBatchesAhead() throws InterruptedException {
        AtomicInteger rendered = new AtomicInteger();
        CountDownLatch cleaned = new CountDownLatch(1);
        FrameStream frames = RenderedFrames.start(1000, FrameRange.all(1000), 2, (from, count) -> {
            rendered.addAndGet(count);
            return numbered(from, count);
        }, cleaned::countDown);
        frames.next();
        Thread.sleep(200);
        assertThat(rendered.get()).isLessThanOrEqualTo(2 * 2 + 1 + 2 + 2);
        frames.close();
        assertThat(cleaned.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void workerErrorsReachTheReader() {
        try (FrameStream frames = RenderedFrames.start(4, FrameRange.all(4), 2, (from, count) -> {
            if (from > 0) {
                throw new SadTalkerException("boom at " + from);
            }
            return numbered(from, count);
        }, () -> { })) {
            assertThatThrownBy(() -> {
                while (frames.hasNext()) {
                    frames.next();
                }
            }).isInstanceOf(SadTalkerException.class).hasMessageContaining("boom at 2");
        }
    }

    private static List<RgbImage> numbered(int from, int count) {
        List<RgbImage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(RgbImage.of(1, 1, new byte[] {(byte) (from + i), 0, 0}));
        }
        return out;
    }
}
