package dev.segmentation.benchmarks.cluster;

import dev.segmentation.benchmarks.cluster.KMeansPeersLibraries.Library;
import dev.segmentation.benchmarks.cluster.KMeansPeersLibraries.Peer;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * K-Means against the peer libraries in one run, as a program (a full fit of a slow peer takes far longer than a
 * JMH iteration should): for every size and library, (1) a fixed number of Lloyd iterations from the same initial
 * centres (the protocol of {@link KMeansPeersBenchmark}) and (2) a full fit with the library's own k-means++ and
 * restarts, each timed (wall clock and CPU time of all threads, best of {@code reps} after three warm-up runs for (1); {@code fullReps} runs for
 * (2)) and scored by the inertia of its final centres (every row to its nearest centre, computed here the same way
 * for all). Writes a JSON file and prints a Markdown table.
 *
 * <pre>
 * java -Xmx8g -cp benchmarks/target/benchmarks.jar dev.segmentation.benchmarks.cluster.KMeansPeers \
 *     out=benchmarks/results/kmeans-peers-2026-11-22.json sizes=100000,1000000 iterations=10 reps=3 fullReps=1
 * </pre>
 */
public final class KMeansPeers {
    /** Held so that the level sticks: Tribuo logs every iteration at INFO through java.util.logging. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    private KMeansPeers() {
    }

    public static void main(String[] args) throws IOException {
        String out = "benchmarks/results/kmeans-peers.json";
        int[] sizes = {100_000, 1_000_000};
        int d = 8;
        int k = 8;
        int iterations = 10;
        int reps = 3;
        int fullReps = 1;
        int restarts = 10;
        int fullMaxN = Integer.MAX_VALUE;
        List<Library> libraries = new ArrayList<>(List.of(Library.values()));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "out": out = kv[1]; break;
                case "sizes": sizes = parseInts(kv[1]); break;
                case "iterations": iterations = Integer.parseInt(kv[1]); break;
                case "reps": reps = Integer.parseInt(kv[1]); break;
                case "fullReps": fullReps = Integer.parseInt(kv[1]); break;
                case "restarts": restarts = Integer.parseInt(kv[1]); break;
                case "fullMaxN": fullMaxN = Integer.parseInt(kv[1]); break;
                case "libraries":
                    libraries.clear();
                    for (String s : kv[1].split(",")) {
                        libraries.add(Library.valueOf(s));
                    }
                    break;
                default: throw new IllegalArgumentException("unknown option " + a);
            }
        }
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        int threads = Runtime.getRuntime().availableProcessors();
        PrintStream o = System.out;
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"jdk\": \"").append(System.getProperty("java.vm.version")).append("\",\n")
                .append("  \"threads\": ").append(threads).append(",\n")
                .append("  \"d\": ").append(d).append(", \"k\": ").append(k).append(", \"iterations\": ")
                .append(iterations).append(", \"restarts\": ").append(restarts).append(",\n  \"runs\": [\n");
        boolean firstRow = true;
        o.println("| n | library | fixed " + iterations + " it. ms (best) | ms per it. | inertia | full fit ms "
                + "| full inertia | notes |");
        o.println("| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |");
        for (int n : sizes) {
            double[][] rows = KMeansPeersLibraries.blobs(n, d, k, 20_240_601L);
            double[][] init = KMeansPeersLibraries.spreadRows(rows, k);
            for (Library lib : libraries) {
                Peer p = KMeansPeersLibraries.create(lib, threads);
                p.prepare(rows);
                for (int w = 0; w < 3; w++) {
                    p.fixedIterations(init, iterations); // warm-up
                }
                long best = Long.MAX_VALUE;
                long bestCpu = Long.MAX_VALUE;
                double[][] centres = null;
                for (int r = 0; r < reps; r++) {
                    long cpu0 = allThreadsCpu();
                    long t0 = System.nanoTime();
                    centres = p.fixedIterations(init, iterations);
                    long t = System.nanoTime() - t0;
                    long cpu = allThreadsCpu() - cpu0;
                    best = Math.min(best, t);
                    bestCpu = Math.min(bestCpu, cpu);
                }
                double inertia = KMeansPeersLibraries.inertia(rows, centres);
                long fullBest = -1;
                double fullInertia = Double.NaN;
                if (n <= fullMaxN && fullReps > 0) {
                    fullBest = Long.MAX_VALUE;
                    for (int r = 0; r < fullReps; r++) {
                        long t0 = System.nanoTime();
                        double[][] c = p.fullFit(k, restarts, 300, 42L + r);
                        fullBest = Math.min(fullBest, System.nanoTime() - t0);
                        fullInertia = KMeansPeersLibraries.inertia(rows, c);
                    }
                }
                o.printf(Locale.ROOT, "| %,d | %s | %.1f | %.2f | %.6g | %s | %s | %s |%n", n, lib, best / 1e6,
                        best / 1e6 / iterations, inertia, fullBest < 0 ? "-" : String.format(Locale.ROOT, "%.0f",
                                fullBest / 1e6), Double.isNaN(fullInertia) ? "-" : String.format(Locale.ROOT,
                                        "%.6g", fullInertia), p.fixedIterationsNote());
                json.append(firstRow ? "" : ",\n").append(String.format(Locale.ROOT,
                        "    {\"n\": %d, \"library\": \"%s\", \"fixedMs\": %.3f, \"fixedCpuMs\": %.3f, "
                                + "\"fixedInertia\": %.17g, \"fullMs\": %s, \"fullInertia\": %s, "
                                + "\"fixedNote\": \"%s\", \"fullNote\": \"%s\"}",
                        n, lib, best / 1e6, bestCpu / 1e6, inertia, fullBest < 0 ? "null"
                                : String.format(Locale.ROOT, "%.3f", fullBest / 1e6),
                        Double.isNaN(fullInertia) ? "null" : String.format(Locale.ROOT, "%.17g", fullInertia),
                        p.fixedIterationsNote(), p.fullFitNote()));
                firstRow = false;
                p = null;
                System.gc();
            }
        }
        json.append("\n  ]\n}\n");
        Path path = Path.of(out);
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.writeString(path, json.toString(), StandardCharsets.UTF_8);
        o.println("wrote " + path);
    }

    private static long allThreadsCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long s = 0;
        for (long id : mx.getAllThreadIds()) {
            long c = mx.getThreadCpuTime(id);
            if (c > 0) {
                s += c;
            }
        }
        return s;
    }

    private static int[] parseInts(String s) {
        String[] parts = s.split(",");
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Integer.parseInt(parts[i].trim());
        }
        return v;
    }
}
