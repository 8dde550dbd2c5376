package io.sadtalker.core;

/**
 * Lets a caller cancel a running generation from any thread; the generation then throws {@link CancelledException}
 * at its next check (every stage boundary, chunk, batch and frame). A {@link #child()} token is cancelled with its
 * parent or on its own.
 */
public final class CancellationToken {
    private final CancellationToken parent;
    private volatile String reason;

    public CancellationToken() {
        this(null);
    }

    private CancellationToken(CancellationToken parent) {
        this.parent = parent;
    }

    /** A token that is cancelled when this one is, and can also be cancelled alone. */
    public CancellationToken child() {
        return new CancellationToken(this);
    }

    /** Requests cancellation. */
    public void cancel() {
        cancel("generation cancelled");
    }

    /** Requests cancellation; {@code why} becomes the {@link CancelledException}'s message. */
    public void cancel(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    public boolean isCancelled() {
        return reason() != null;
    }

    /** Throws {@link CancelledException} when cancellation was requested. */
    public void throwIfCancelled() {
        String why = reason();
        if (why != null) {
            throw new CancelledException(why);
        }
    }

    private String reason() {
        String why = reason;
        return why != null || parent == null ? why : parent.reason();
    }
}
