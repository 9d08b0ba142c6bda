package dev.segmentation.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Locates ../shared (datasets and reference outputs) for differential tests. Tests call {@link #require(String)},
 * which skips the test with a visible reason when the folder or file is absent, so the suite passes on a clean
 * clone without it.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared folder: system property {@code shared.dir} (set by the build), else ../shared, ../../shared. */
    public static Path root() {
        String p = System.getProperty("shared.dir");
        if (p != null && Files.isDirectory(Paths.get(p))) {
            return Paths.get(p).normalize();
        }
        for (String c : new String[] {"../shared", "../../shared", "../../../shared"}) {
            if (Files.isDirectory(Paths.get(c))) {
                return Paths.get(c).toAbsolutePath().normalize();
            }
        }
        return Paths.get(p == null ? "../shared" : p);
    }

    private static final java.util.Set<Path> REPORTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The file {@code relative} under the shared folder; skips the calling test when it is absent. The reason is
     * also printed once per file, because a skip inside {@code @BeforeAll} or a {@code @MethodSource} aborts the
     * whole class and the build's summary would otherwise show "Tests run: 0" without saying why.
     */
    public static Path require(String relative) {
        Path f = root().resolve(relative);
        String reason = "skipped: shared data not found at " + f.toAbsolutePath()
                + " (set -Dshared.dir to the folder holding data/reference)";
        if (!Files.exists(f) && REPORTED.add(f)) {
            System.err.println("[shared data] " + reason);
        }
        assumeTrue(Files.exists(f), reason);
        return f;
    }

    /** Opens a file, transparently gunzipping names ending in .gz. */
    public static BufferedReader open(Path f) {
        try {
            InputStream in = Files.newInputStream(f);
            if (f.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whitespace-separated numeric matrix (Gagolewski benchmark {@code .data.gz} format), as rows. */
    public static double[][] readMatrix(Path f) {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = open(f)) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.trim();
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                double[] v = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    v[i] = Double.parseDouble(parts[i]);
                }
                rows.add(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows.toArray(new double[0][]);
    }

    /** A whitespace-separated integer vector (Gagolewski {@code .labels0.gz} format). */
    public static int[] readLabels(Path f) {
        List<Integer> out = new ArrayList<>();
        try (BufferedReader r = open(f)) {
            String line;
            while ((line = r.readLine()) != null) {
                for (String s : line.trim().split("\\s+")) {
                    if (!s.isEmpty()) {
                        out.add(Integer.parseInt(s));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] a = new int[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    /** All lines of a (possibly gzipped) text file. */
    public static List<String> lines(Path f) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = open(f)) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
