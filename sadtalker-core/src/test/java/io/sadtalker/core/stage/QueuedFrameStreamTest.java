package io.sadtalker.core.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.CancelledException;
import io.sadtalker.core.image.RgbImage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing a stream waits until its worker has stopped and cleaned up, even from an interrupted thread (a pipeline
 * worker being cancelled) and while the worker is in a call that ignores interrupts (a native forward pass); a reader
 * waiting for a frame notices a cancellation without waiting for the worker.
 */
class QueuedFrameStreamTest {
    @Test
    void closeFromAnInterruptedThreadWaitsForTheWorkersCleanup() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        AtomicBoolean cleanedUp = new AtomicBoolean();
        QueuedFrameStream stream = new QueuedFrameStream(2, 1, "test-worker", sink -> {
            working.countDown();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // like a native call: does not look at the interrupt flag
            }
            sink.put(RgbImage.wrap(1, 1, new byte[3]));
        }, () -> cleanedUp.set(true));
        assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.currentThread().interrupt();
        stream.close();
        boolean stillInterrupted = Thread.interrupted();
        assertThat(cleanedUp).as("the worker's cleanup ran before close() returned").isTrue();
        assertThat(stillInterrupted).as("the caller's interrupt is kept").isTrue();
    }

    @Test
    @Timeout(30)
    void aReaderWaitingForAFrameGivesUpSoonAfterACancel() throws Exception {
        CancellationToken token = new CancellationToken();
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean cleanedUp = new AtomicBoolean();
        QueuedFrameStream stream = new QueuedFrameStream(1, 1, "test-worker", token, sink -> {
            release.await(); // a long batch: no frame for now
            sink.put(RgbImage.wrap(1, 1, new byte[3]));
        }, () -> cleanedUp.set(true));
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            token.cancel("stopped by the test");
        });
        canceller.start();
        // the worker never delivers: only the cancel can end the wait (the timeout fails the test otherwise)
        assertThatThrownBy(stream::hasNext).isInstanceOf(CancelledException.class)
                .hasMessage("stopped by the test");
        stream.close();
        assertThat(cleanedUp).as("closing stopped the worker").isTrue();
        canceller.join();
    }
}
