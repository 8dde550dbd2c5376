package io.sadtalker.cli;

import io.sadtalker.core.CancellationToken;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) during a generation: a shutdown hook cancels the run's {@link CancellationToken} and holds
 * the JVM's exit until the run has stopped and closed the pipeline, so the partial output is removed and native
 * memory is released before the native libraries unload — instead of the process dying inside a libtorch call. The
 * pipeline checks the token between stages, chunks and frames, so the run stops within about one render batch;
 * {@link #GRACE_SECONDS} only bounds the wait should a single native call take longer. Cleanups given to
 * {@link #onExit} run in the hook after that wait, so they happen even when the run did not stop in time.
 */
final class Interruption implements AutoCloseable {
    static final long GRACE_SECONDS = 60;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;
    private final List<Runnable> cleanups = new CopyOnWriteArrayList<>();

    private Interruption(CancellationToken token, PrintWriter err) {
        hook = new Thread(() -> {
            token.cancel();
            err.println("interrupted: stopping the generation (no partial video is kept)");
            err.flush();
            try {
                if (!stopped.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
                    err.println("the generation did not stop within " + GRACE_SECONDS + " s: exiting anyway");
                    err.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cleanups.forEach(Runnable::run);
        }, "sadtalker-interrupt");
    }

    /** Installs the hook for the duration of one run; {@link #close()} (end of the run) removes or releases it. */
    static Interruption cancelOnShutdown(CancellationToken token, PrintWriter err) {
        Interruption interruption = new Interruption(token, err);
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    /** Runs {@code cleanup} when the process is stopped by a signal, after the run stopped or the grace ran out. */
    void onExit(Runnable cleanup) {
        cleanups.add(cleanup);
    }

    @Override
    public void close() {
        stopped.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: countDown above lets it return
        }
    }
}
