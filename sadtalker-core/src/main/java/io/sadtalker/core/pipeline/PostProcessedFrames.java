package io.sadtalker.core.pipeline;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.GradMode;
import io.sadtalker.core.ProgressListener;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FrameStream;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.UnaryOperator;

/**
 * Applies paste-back and enhancement to rendered frames on a worker thread of its own, handing them over
 * through a small bounded queue, so rendering, post-processing and encoding overlap and memory stays flat.
 */
final class PostProcessedFrames implements FrameStream {
    private static final int QUEUE_CAPACITY = 4;
    private static final Object END = new Object();

    private final FrameStream source;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread worker;
    private final CancellationToken cancellation;
    private Object next;

    PostProcessedFrames(FrameStream source, UnaryOperator<RgbImage> step, CancellationToken cancellation,
                        ProgressListener listener) {
        this.source = source;
        this.cancellation = cancellation;
        int total = source.frameCount();
        this.worker = new Thread(() -> run(step, listener, total), "sadtalker-postprocess");
        worker.setDaemon(true);
        worker.start();
    }

    private void run(UnaryOperator<RgbImage> step, ProgressListener listener, int total) {
        GradMode.disableForThisThread();
        try {
            int done = 0;
            while (source.hasNext()) {
                cancellation.throwIfCancelled();
                queue.put(step.apply(source.next()));
                listener.progress("Face Renderer", ++done, total);
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            queue.clear();
            queue.offer(e);
        }
    }

    @Override
    public int frameCount() {
        return source.frameCount();
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SadTalkerException("interrupted while waiting for frames", e);
            }
        }
        if (next instanceof RuntimeException e) {
            throw e;
        }
        return next != END;
    }

    @Override
    public RgbImage next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RgbImage frame = (RgbImage) next;
        next = null;
        return frame;
    }

    @Override
    public void close() {
        worker.interrupt();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            source.close();
        }
    }
}
