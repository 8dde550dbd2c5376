package io.sadtalker.render;

import io.sadtalker.core.image.RgbImage;
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
     * Starts rendering {@code frameCount} frames in batches of {@code batchSize}; {@code cleanup} runs on the
     * worker when it stops, whatever the reason.
     */
    static FrameStream start(int frameCount, int batchSize, BatchRenderer renderer, Runnable cleanup) {
        return new QueuedFrameStream(frameCount, 2 * batchSize + 1, "sadtalker-face-renderer", sink -> {
            for (int from = 0; from < frameCount; from += batchSize) {
                for (RgbImage frame : renderer.render(from, Math.min(batchSize, frameCount - from))) {
                    sink.put(frame);
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
            }
        }, cleanup);
    }
}
