package io.sadtalker.cli;

import io.sadtalker.core.ProgressListener;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows each stage's progress as a console progress bar (one bar per stage name, as the original's tqdm bars). */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
    private final PrintWriter err;
    private final Map<String, ProgressBar> bars = new LinkedHashMap<>();

    ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void progress(String stage, long done, long total) {
        ProgressBar bar = bars.computeIfAbsent(stage, s -> new ProgressBarBuilder().setTaskName(s)
                .setInitialMax(Math.max(total, 1)).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build());
        if (total > 0) {
            bar.maxHint(total);
        }
        bar.stepTo(done);
        if (total > 0 && done >= total) {
            bar.close();
        }
    }

    /** Prints the notice on its own line, as the original prints it between its progress bars. */
    @Override
    public synchronized void notice(String message) {
        err.println(message);
        err.flush();
    }

    @Override
    public synchronized void close() {
        bars.values().forEach(ProgressBar::close);
        err.flush();
    }
}
