package io.sadtalker.core;

/** Lets a caller cancel a running generation from any thread; the generation then throws {@link CancelledException}. */
public final class CancellationToken {
    private volatile boolean cancelled;

    /** Requests cancellation. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancelledException} when cancellation was requested. */
    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancelledException("generation cancelled");
        }
    }
}
