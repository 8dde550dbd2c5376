package io.sadtalker.core.pipeline;

import io.sadtalker.core.CancellationToken;
import java.util.HashSet;
import java.util.Set;

/**
 * The calls running on a {@link TalkingHeadPipeline}, so that closing it cancels them and waits until they have
 * returned before the stages' native memory is freed.
 */
final class OpenCalls {
    private final Set<Call> running = new HashSet<>();
    private boolean closed;

    /** One running call: its own token (cancelled with the request's, or by {@link #closeAndAwait}). */
    final class Call implements AutoCloseable {
        private final CancellationToken token;

        private Call(CancellationToken request) {
            this.token = request.child();
        }

        CancellationToken token() {
            return token;
        }

        @Override
        public void close() {
            synchronized (OpenCalls.this) {
                running.remove(this);
                OpenCalls.this.notifyAll();
            }
        }
    }

    /** Registers a call cancelled with {@code request}; fails once the pipeline is closed. */
    synchronized Call open(CancellationToken request) {
        if (closed) {
            throw new IllegalStateException("the pipeline is closed");
        }
        Call call = new Call(request);
        running.add(call);
        return call;
    }

    /** Refuses new calls, cancels the running ones and waits until every one has been closed. */
    synchronized void closeAndAwait() {
        closed = true;
        running.forEach(c -> c.token.cancel("the pipeline was closed while the generation ran"));
        boolean interrupted = false;
        while (!running.isEmpty()) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // the stages must not be freed under a running call
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
