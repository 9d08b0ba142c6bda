package dev.segmentation.examples.tool;

import dev.segmentation.fit.ProgressListener;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Progress as log lines: one per stage at every 10% or after 5 s, and one when it is done; never a
 * carriage-return bar, so a log file holds one line per step. Thread-safe.
 */
public final class LogProgress implements ProgressListener {
    private final PrintWriter err;
    private final boolean quiet;
    private final Map<String, long[]> last = new HashMap<>();

    /** Lines to {@code err}; none when {@code quiet}. */
    public LogProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public synchronized void progress(String stage, long done, long total) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        long[] prev = last.get(stage);
        int decile = total > 0 ? (int) Math.min(10, 10 * done / total) : 0;
        if (prev == null || decile > prev[0] || now - prev[1] > 5_000_000_000L || (done == total && prev[0] < 11)) {
            boolean finished = total > 0 && done >= total;
            last.put(stage, new long[] {finished ? 11 : decile, now});
            err.printf(Locale.ROOT, "[%s] %d / %d%s%n", stage, done, total, finished ? " done" : "");
            err.flush();
        }
    }

    void message(String text) {
        if (!quiet) {
            err.println(text);
            err.flush();
        }
    }
}
