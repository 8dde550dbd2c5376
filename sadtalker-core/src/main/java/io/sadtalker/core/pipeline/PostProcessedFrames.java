package io.sadtalker.core.pipeline;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FrameStream;
import io.sadtalker.core.stage.QueuedFrameStream;
import java.util.function.UnaryOperator;

/**
 * Paste-back and enhancement of rendered frames on a worker thread of their own, handed over through a small
 * bounded queue, so rendering, post-processing and encoding overlap and memory stays flat.
 */
final class PostProcessedFrames {
    private static final int QUEUE_CAPACITY = 4;

    private PostProcessedFrames() {
    }

    /**
     * {@code step} applied to every frame of {@code source}; once the worker stops (all frames processed, a failure,
     * or the result closed) it closes {@code source}, then runs {@code onEnd}.
     */
    static FrameStream of(FrameStream source, UnaryOperator<RgbImage> step, CancellationToken cancellation,
                          ProgressListener listener, Runnable onEnd) {
        int total = source.frameCount();
        return new QueuedFrameStream(total, QUEUE_CAPACITY, "sadtalker-postprocess", cancellation, sink -> {
            int done = 0;
            while (source.hasNext()) {
                cancellation.throwIfCancelled();
                RgbImage rendered = source.next();
                cancellation.throwIfCancelled();
                sink.put(step.apply(rendered));
                listener.progress("Face Renderer", ++done, total);
            }
        }, () -> {
            try {
                source.close();
            } finally {
                onEnd.run();
            }
        });
    }
}
