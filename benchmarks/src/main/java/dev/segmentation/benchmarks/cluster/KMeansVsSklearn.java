package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansBenchmarkAccess;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Our side of {@code benchmarks/scripts/kmeans_vs_sklearn.sh}: whole fits through the public API on a data file that
 * scikit-learn reads too (raw little-endian float64, row-major, no header), timed by wall clock and by the CPU time of
 * the whole process. Prints one JSON object to standard output.
 *
 * <p>Cases, each after {@code warmup} untimed fits of the same kind (the JIT compiles the kernels; scikit-learn's are
 * compiled ahead of time): {@code fixed} ({@code KMeans.builder().initialCentres(c).nInit(1).maxIter(iter).tol(0)},
 * canonical order on, the default), {@code fixedNoCanonical} (the same with {@code canonicalOrder(false)}), and
 * {@code default} ({@code KMeans.builder().k(k).build()}: k-means++, nInit 10, maxIter 300, tol 1e-4, seeds
 * 0..reps-1), and {@code defaultNoCanonical} (the same with {@code canonicalOrder(false)}: the canonical sort's share
 * of a default fit). Since session 6 a fit from given centres skips the sort (its sums are exact), so
 * {@code fixed} and {@code fixedNoCanonical} run the same code.
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.segmentation.benchmarks.cluster.KMeansVsSklearn \
 *     data=x.f64 centres=c.f64 n=1000000 d=8 k=8 iter=20 threads=2 reps=7 defaultReps=3 warmup=2
 * </pre>
 */
public final class KMeansVsSklearn {
    private KMeansVsSklearn() {
    }

    public static void main(String[] args) throws IOException {
        String data = null;
        String centresFile = null;
        int n = 1_000_000;
        int d = 8;
        int k = 8;
        int iter = 20;
        int threads = Runtime.getRuntime().availableProcessors();
        int reps = 7;
        int defaultReps = 3;
        int warmup = 2;
        String cases = "fixed,fixedNoCanonical,default,defaultNoCanonical";
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "data": data = kv[1]; break;
                case "centres": centresFile = kv[1]; break;
                case "n": n = Integer.parseInt(kv[1]); break;
                case "d": d = Integer.parseInt(kv[1]); break;
                case "k": k = Integer.parseInt(kv[1]); break;
                case "iter": iter = Integer.parseInt(kv[1]); break;
                case "threads": threads = Integer.parseInt(kv[1]); break;
                case "reps": reps = Integer.parseInt(kv[1]); break;
                case "defaultReps": defaultReps = Integer.parseInt(kv[1]); break;
                case "warmup": warmup = Integer.parseInt(kv[1]); break;
                case "cases": cases = kv[1]; break;
                default: throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (data == null || centresFile == null) {
            throw new IllegalArgumentException("data=... and centres=... are required");
        }
        DataMatrix x = DataMatrix.wrap(n, d, read(Path.of(data), n * d));
        DataMatrix c = DataMatrix.wrap(k, d, read(Path.of(centresFile), k * d));
        List<String> out = new ArrayList<>();
        for (String cs : cases.split(",")) {
            KMeans km;
            int r = reps;
            switch (cs) {
                case "fixed":
                    km = KMeans.builder().initialCentres(c).nInit(1).maxIter(iter).tol(0).build();
                    break;
                case "fixedNoCanonical":
                    km = KMeans.builder().initialCentres(c).nInit(1).maxIter(iter).tol(0).canonicalOrder(false)
                            .build();
                    break;
                case "default":
                    km = KMeans.builder().k(k).build();
                    r = defaultReps;
                    break;
                case "defaultNoCanonical":
                    km = KMeans.builder().k(k).canonicalOrder(false).build();
                    r = defaultReps;
                    break;
                default:
                    throw new IllegalArgumentException("unknown case " + cs);
            }
            out.add(time(cs, km, x, threads, r, cs.startsWith("default") ? Math.min(warmup, 1) : warmup));
        }
        System.out.println("{\"java\": \"" + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + "\", \"vector_api\": " + KMeansBenchmarkAccess.vectorApi()
                + ", \"threads\": " + threads + ", \"cases\": {"
                + String.join(", ", out) + "}}");
    }

    private static String time(String name, KMeans km, DataMatrix x, int threads, int reps, int warmup) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int w = 0; w < warmup; w++) {
            km.fit(x, FitContext.seeded(1000 + w).withThreads(threads));
        }
        double[] wall = new double[reps];
        double[] cpu = new double[reps];
        double[] inertia = new double[reps];
        int[] iterations = new int[reps];
        for (int r = 0; r < reps; r++) {
            System.gc();
            long c0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            KMeansModel m = km.fit(x, FitContext.seeded(r).withThreads(threads));
            long w1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            wall[r] = (w1 - w0) / 1e6;
            cpu[r] = (c1 - c0) / 1e6;
            inertia[r] = m.inertia();
            iterations[r] = m.iterations();
        }
        return String.format(Locale.ROOT, "\"%s\": {\"wall_ms\": %s, \"cpu_ms\": %s, \"best_wall_ms\": %.2f, "
                + "\"median_wall_ms\": %.2f, \"median_cpu_ms\": %.2f, \"inertia\": %s, \"iterations\": %s, "
                + "\"warmup_fits\": %d}", name, json(wall), json(cpu), min(wall), median(wall), median(cpu),
                jsonFull(inertia), Arrays.toString(iterations), warmup);
    }

    private static double[] read(Path p, int count) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            if (ch.size() != 8L * count) {
                throw new IllegalArgumentException(p + " has " + ch.size() + " bytes, expected " + 8L * count);
            }
            ByteBuffer buf = ByteBuffer.allocateDirect(8 * count).order(ByteOrder.LITTLE_ENDIAN);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read all
            }
            buf.flip();
            double[] v = new double[count];
            buf.asDoubleBuffer().get(v);
            return v;
        }
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    private static String json(double[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.2f", a[i]));
        }
        return sb.append(']').toString();
    }

    private static String jsonFull(double[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            sb.append(i > 0 ? ", " : "").append(Double.toString(a[i]));
        }
        return sb.append(']').toString();
    }
}
