package io.sadtalker.render;

import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FrameRange;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.core.stage.QueuedFrameStream;
import java.util.List;

/**
 * Rendered frames as a {@link QueuedFrameStream}: a worker renders batch after batch into a queue of about two
 * batches, so at most a couple of batches exist at any time, however long the video.
 */
final class RenderedFrames {
    /** Renders the frames {@code from .. from+count-1}, in order. */
    @FunctionalInterface
    interface BatchRenderer {
        List<RgbImage> render(int from, int count);
    }

    private RenderedFrames() {
    }

    /**
     * Starts rendering the frames of {@code range} out of {@code frameCount}: the batches of the whole video's
     * {@code batchSize} grid that overlap the range, so every frame comes from the same batch as in a whole render,
     * keeping only the range's frames.
     */
    static FrameStream start(int frameCount, FrameRange range, int batchSize, BatchRenderer renderer,
                             Runnable cleanup) {
        range.checkWithin(frameCount);
        return new QueuedFrameStream(range.count(), 2 * batchSize + 1, "sadtalker-face-renderer", sink -> {
            for (int from = range.from() - range.from() % batchSize; from < range.to(); from += batchSize) {
                List<RgbImage> batch = renderer.render(from, Math.min(batchSize, frameCount - from));
                for (int i = Math.max(0, range.from() - from); i < Math.min(batch.size(), range.to() - from); i++) {
                    sink.put(batch.get(i));
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
            }
        }, cleanup);
    }
}
