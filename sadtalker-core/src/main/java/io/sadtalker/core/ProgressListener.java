package io.sadtalker.core;

/**
 * Receives progress of a long-running stage. Stage names follow the original's logs: {@code landmark Det},
 * {@code 3DMM Extraction}, {@code mel}, {@code audio2exp}, {@code Face Renderer}, {@code seamlessClone},
 * {@code Face Enhancer}. Implementations must be cheap and thread-safe; they may be called from worker threads.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (stage, done, total) -> { };

    /** {@code done} of {@code total} units of {@code stage} are finished ({@code total} may be -1 if unknown). */
    void progress(String stage, long done, long total);

    /**
     * A notice for the user where the original prints one and goes on, e.g. that no face was found and the
     * standard landmarks were used. Ignored by default.
     */
    default void notice(String message) {
    }
}
