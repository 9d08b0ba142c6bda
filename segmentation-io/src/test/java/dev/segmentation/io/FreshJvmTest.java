package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.SegmentationModel;
import dev.segmentation.data.FeatureTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model saved here predicts the same labels when loaded by another JVM. */
class FreshJvmTest {
    @TempDir
    Path dir;

    @Test
    void aForkedJvmPredictsTheSameLabels() throws Exception {
        assertForkedJvmPredictsTheSameLabels(ModelFixtures.hdbscanModel(), dir);
    }

    /**
     * Saves {@code m} in {@code dir}, has a forked JVM load it and label the features of {@link ModelFixtures#next()},
     * and asserts the child's labels equal {@code m}'s.
     */
    static void assertForkedJvmPredictsTheSameLabels(SegmentationModel m, Path dir) throws Exception {
        FeatureTable probe = m.predict(ModelFixtures.next()).features();
        Path model = dir.resolve("m.json");
        Path in = dir.resolve("probe.txt");
        Path out = dir.resolve("labels.txt");
        SegmentationModels.write(m, model);
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < probe.rows(); r++) {
            lines.add(FreshJvmPredict.line(probe, r));
        }
        Files.write(in, lines);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", cp, FreshJvmPredict.class.getName(), model.toString(), in.toString(),
                out.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertEquals(0, done ? p.exitValue() : -1, () -> "child failed: " + read(dir.resolve("child.log")));
        int[] expected = m.predict(probe).labels();
        List<String> got = Files.readAllLines(out);
        assertEquals(expected.length, got.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], Integer.parseInt(got.get(i)), "row " + i);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
