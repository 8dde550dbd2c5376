package io.sadtalker.render.nets;

import io.sadtalker.core.CancelledException;

/**
 * Lets a frame's forward pass stop between its blocks when its thread is interrupted (the renderer's worker is
 * interrupted when its frame stream is closed, e.g. on cancellation), so a cancel waits for one block, not for the
 * whole batch. The interrupt flag is kept.
 */
final class Interruption {
    private Interruption() {
    }

    /** Throws {@link CancelledException} when the current thread is interrupted. */
    static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancelledException("rendering stopped: the frame stream was closed");
        }
    }
}
