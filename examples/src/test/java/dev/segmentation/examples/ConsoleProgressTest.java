package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress on a stderr that is not a terminal: log lines at each 10%, no carriage returns. */
class ConsoleProgressTest {
    @Test
    void withoutATerminalProgressIsOneLogLinePerTenPercent() {
        StringWriter text = new StringWriter();
        try (ConsoleProgress p = new ConsoleProgress(false, new PrintWriter(text, true))) {
            assertFalse(p.bars());
            for (int done = 0; done <= 1_000; done++) {
                p.progress("kmeans", done, 1_000);
            }
        }
        String out = text.toString();
        assertFalse(out.contains("\r"), "no carriage return");
        List<String> lines = out.lines().toList();
        // 0%, 10%, ..., 90%, then done
        assertEquals(11, lines.size(), out);
        assertEquals("[kmeans] 0 / 1000", lines.get(0));
        assertEquals("[kmeans] 100 / 1000", lines.get(1));
        assertEquals("[kmeans] 1000 / 1000 done", lines.get(10));
    }

    @Test
    void surefireStderrIsNotATerminal() {
        // surefire redirects the forked JVM's stderr to a pipe: the examples then log lines
        assertFalse(ConsoleProgress.stderrIsTerminal());
        assertFalse(new ConsoleProgress().bars());
    }
}
