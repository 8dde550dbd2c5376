package io.sadtalker.core.stage;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.GradMode;
import io.sadtalker.core.SadTalkerException;
import io.sadtalker.core.image.RgbImage;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FrameStream} fed by a worker thread of its own through a bounded queue, so producing and consuming
 * overlap and at most {@code capacity} frames wait in memory. An error on the worker is re-thrown to the reader;
 * closing the stream interrupts the worker and waits until it has stopped and run its {@code cleanup} (a native call
 * under way finishes first), also when the closing thread is itself interrupted, so nothing the worker uses is
 * freed under it. Given a {@link CancellationToken}, a reader waiting for a frame gives up with
 * {@link io.sadtalker.core.CancelledException} within {@value #POLL_MILLIS} ms of its cancellation, instead of when
 * the worker next delivers (a whole render batch later); closing the stream then stops the worker.
 */
public final class QueuedFrameStream implements FrameStream {
    /** Produces the frames in order into {@code sink}. */
    @FunctionalInterface
    public interface Producer {
        void produce(Sink sink) throws InterruptedException;
    }

    /** Where a {@link Producer} puts frames; blocks while the queue is full. */
    @FunctionalInterface
    public interface Sink {
        void put(RgbImage frame) throws InterruptedException;
    }

    private static final Object END = new Object();
    private static final long POLL_MILLIS = 100;

    private final int frameCount;
    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private final CancellationToken cancellation;
    private Object next;

    /** Starts {@code producer} on a daemon thread named {@code threadName}. */
    public QueuedFrameStream(int frameCount, int capacity, String threadName, Producer producer, Runnable cleanup) {
        this(frameCount, capacity, threadName, null, producer, cleanup);
    }

    /**
     * Starts {@code producer} on a daemon thread named {@code threadName}; a reader waiting for a frame checks
     * {@code cancellation} (null: never) every {@value #POLL_MILLIS} ms.
     */
    public QueuedFrameStream(int frameCount, int capacity, String threadName, CancellationToken cancellation,
                             Producer producer, Runnable cleanup) {
        this.frameCount = frameCount;
        this.cancellation = cancellation;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.worker = new Thread(() -> run(producer, cleanup), threadName);
        worker.setDaemon(true);
        worker.start();
    }

    private void run(Producer producer, Runnable cleanup) {
        try {
            GradMode.disableForThisThread();
            producer.produce(queue::put);
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
                next = take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SadTalkerException("interrupted while waiting for frames", e);
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

    private Object take() throws InterruptedException {
        if (cancellation == null) {
            return queue.take();
        }
        Object item;
        while ((item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
            cancellation.throwIfCancelled();
        }
        return item;
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
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
