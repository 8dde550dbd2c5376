package io.sadtalker.core.pipeline;

import io.sadtalker.core.CancellationToken;
import io.sadtalker.core.CancelledException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many frame streams (render, paste-back, enhancement) of one pipeline run at once; each holds the
 * renderer's working set (about 1 GB of native memory at 256). Waiting callers are served in order and stay
 * cancellable.
 */
final class RenderSlots {
    private static final long POLL_MILLIS = 50;
    private final Semaphore slots;

    RenderSlots(int max) {
        slots = new Semaphore(max, true);
    }

    /** Waits for a free slot; throws {@link CancelledException} when {@code token} is cancelled meanwhile. */
    void acquire(CancellationToken token) {
        try {
            while (!slots.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                token.throwIfCancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted while waiting for a render slot");
        }
    }

    void release() {
        slots.release();
    }
}
