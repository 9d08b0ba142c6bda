package dev.segmentation.examples;

import dev.segmentation.fit.ProgressListener;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Renders the library's progress events as one console progress bar per stage. */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
    private final Map<String, ProgressBar> bars = new HashMap<>();

    @Override
    public synchronized void progress(String stage, long done, long total) {
        ProgressBar bar = bars.computeIfAbsent(stage, s -> new ProgressBarBuilder().setTaskName(pad(s))
                .setInitialMax(Math.max(total, 1)).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100)
                .continuousUpdate().build());
        if (total > 0) {
            bar.maxHint(total);
        }
        bar.stepTo(done);
        if (total > 0 && done >= total) {
            bar.close();
        }
    }

    private static String pad(String s) {
        return String.format("%-10s", s);
    }

    @Override
    public synchronized void close() {
        for (ProgressBar b : bars.values()) {
            b.close();
        }
        bars.clear();
    }
}
