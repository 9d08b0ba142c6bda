package dev.segmentation.examples;

import dev.segmentation.examples.tool.LogProgress;
import dev.segmentation.fit.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Renders the library's progress events on stderr: one console progress bar per stage when stderr is a terminal,
 * and otherwise (redirected to a file or a pipe, as in CI and cron logs) plain log lines, one per stage at every
 * 10% or after 5 s ({@link LogProgress}), never carriage-return bars.
 */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
    private final Map<String, ProgressBar> bars = new HashMap<>();
    private final LogProgress lines;

    ConsoleProgress() {
        this(stderrIsTerminal());
    }

    /** Bars when {@code terminal}, log lines on stderr otherwise. */
    ConsoleProgress(boolean terminal) {
        this(terminal, new PrintWriter(System.err, true, Charset.defaultCharset()));
    }

    ConsoleProgress(boolean terminal, PrintWriter err) {
        this.lines = terminal ? null : new LogProgress(err, false);
    }

    /** Whether progress is drawn as bars (stderr is a terminal). */
    boolean bars() {
        return lines == null;
    }

    /**
     * Whether stderr is a terminal: on Linux, whether file descriptor 2 is a tty device ({@code /proc/self/fd/2}
     * names {@code /dev/pts/N} or {@code /dev/ttyN}); elsewhere, whether the JVM has a console.
     */
    static boolean stderrIsTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.exists(fd2, LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    @Override
    public synchronized void progress(String stage, long done, long total) {
        if (lines != null) {
            lines.progress(stage, done, total);
            return;
        }
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
