package io.sadtalker.render;

import io.sadtalker.core.GradMode;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.RgbImage;
import io.sadtalker.core.stage.FrameStream;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link FrameStream} fed by a worker thread that renders batch after batch into a bounded queue, so at most
 * a couple of batches exist at any time. Errors on the worker are re-thrown to the reader; closing the stream
 * stops the worker and releases its native memory.
 */
final class RenderedFrames implements FrameStream {
    /** Renders the frames {@code from .. from+count-1}, in order. */
    @FunctionalInterface
    interface BatchRenderer {
        List<RgbImage> render(int from, int count);
    }

    private static final Object END = new Object();

    private final int frameCount;
    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private Object next;

    /**
     * Starts rendering {@code frameCount} frames in batches of {@code batchSize}; {@code cleanup} runs on the
     * worker when it stops, whatever the reason.
     */
    RenderedFrames(int frameCount, int batchSize, BatchRenderer renderer, Runnable cleanup) {
        this.frameCount = frameCount;
        this.queue = new ArrayBlockingQueue<>(2 * batchSize + 1);
        this.worker = new Thread(() -> run(batchSize, renderer, cleanup), "sadtalker-face-renderer");
        worker.setDaemon(true);
        worker.start();
    }

    private void run(int batchSize, BatchRenderer renderer, Runnable cleanup) {
        try {
            GradMode.disableForThisThread();
            for (int from = 0; from < frameCount; from += batchSize) {
                for (RgbImage frame : renderer.render(from, Math.min(batchSize, frameCount - from))) {
                    queue.put(frame);
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            queue.clear();
            queue.offer(e);
        } finally {
            cleanup.run();
        }
    }

    @Override
    public int frameCount() {
        return frameCount;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SadTalkerException("interrupted while waiting for rendered frames", e);
            }
        }
        if (next instanceof RuntimeException e) {
            throw e;
        }
        if (next instanceof Error e) {
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
        }
    }
}
