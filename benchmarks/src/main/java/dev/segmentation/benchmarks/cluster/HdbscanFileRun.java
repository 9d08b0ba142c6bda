package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Our side of {@code benchmarks/scripts/hdbscan_vs_fast_hdbscan.sh}: fits HDBSCAN* through the public API to data
 * read from raw files (little-endian float64, {@code n x d} row-major, as numpy's {@code tofile} writes them),
 * after a warm-up fit on a smaller file (the JIT's first compilation, as a user running more than one fit sees
 * it), and prints one JSON object: fit wall and process CPU seconds (all threads, including GC and JIT) of each
 * data file, the peak heap in use during that fit (the sum of the heap pools' peaks, reset before the fit), the
 * process peak RSS ({@code VmHWM}) after the run, cluster and noise counts. Labels go to {@code <labelsPrefix>n.i32}
 * (little-endian int32) for the ARI computed by the script.
 *
 * <p>Usage: {@code HdbscanFileRun threads minClusterSize minSamples(0 = unset) warm.f64:n:d labelsPrefix
 * data.f64:n:d...}.
 */
public final class HdbscanFileRun {
    private HdbscanFileRun() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 6) {
            throw new IllegalArgumentException("usage: HdbscanFileRun threads minClusterSize minSamples "
                    + "warm.f64:n:d labelsPrefix data.f64:n:d...");
        }
        int threads = Integer.parseInt(args[0]);
        int minClusterSize = Integer.parseInt(args[1]);
        int minSamples = Integer.parseInt(args[2]);
        Hdbscan.Builder b = Hdbscan.builder().minClusterSize(minClusterSize);
        if (minSamples > 0) {
            b.minSamples(minSamples);
        }
        Hdbscan h = b.build();
        FitContext ctx = FitContext.seeded(0).withThreads(threads);
        DataMatrix warm = read(args[3]);
        long w0 = System.nanoTime();
        long wc0 = HdbscanPeers.processCpuNanos();
        h.fit(warm, ctx);
        double warmWall = (System.nanoTime() - w0) / 1e9;
        double warmCpu = (HdbscanPeers.processCpuNanos() - wc0) / 1e9;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "{\"java\": \"%s\", \"vm\": \"%s\", \"max_heap_bytes\": %d, "
                + "\"threads\": %d, \"min_cluster_size\": %d, \"min_samples\": %s, \"warmup\": {\"n\": %d, "
                + "\"wall_s\": %.3f, \"cpu_s\": %.3f}, \"runs\": [", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory(), threads, minClusterSize,
                minSamples > 0 ? String.valueOf(minSamples) : "null", warm.rows(), warmWall, warmCpu));
        String prefix = args[4];
        for (int a = 5; a < args.length; a++) {
            DataMatrix x = read(args[a]);
            System.gc();
            List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
            long before = 0;
            for (MemoryPoolMXBean p : pools) {
                if (p.getType() == MemoryType.HEAP) {
                    p.resetPeakUsage();
                    before += p.getUsage().getUsed();
                }
            }
            long c0 = HdbscanPeers.processCpuNanos();
            long t0 = System.nanoTime();
            HdbscanModel m = h.fit(x, ctx);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (HdbscanPeers.processCpuNanos() - c0) / 1e9;
            long peak = 0;
            for (MemoryPoolMXBean p : pools) {
                if (p.getType() == MemoryType.HEAP) {
                    peak += p.getPeakUsage().getUsed();
                }
            }
            int[] labels = m.labels();
            writeLabels(Paths.get(prefix + x.rows() + ".i32"), labels);
            out.append(String.format(Locale.ROOT, "%s{\"n\": %d, \"d\": %d, \"fit_wall_s\": %.3f, \"fit_cpu_s\": %.3f, "
                    + "\"heap_peak_bytes\": %d, \"heap_before_fit_bytes\": %d, \"clusters\": %d, \"noise\": %d}",
                    a == 5 ? "" : ", ", x.rows(), x.cols(), wall, cpu, peak, before, m.clusterCount(),
                    HdbscanPeers.countNoise(labels)));
        }
        out.append(String.format(Locale.ROOT, "], \"vm_hwm_bytes\": %d}", vmHwmBytes()));
        System.out.println(out);
    }

    /** Reads {@code file:n:d}: raw little-endian float64, row-major. */
    static DataMatrix read(String spec) throws IOException {
        String[] p = spec.split(":");
        if (p.length != 3) {
            throw new IllegalArgumentException("expected file:n:d but got " + spec);
        }
        int n = Integer.parseInt(p[1]);
        int d = Integer.parseInt(p[2]);
        Path path = Paths.get(p[0]);
        long bytes = Files.size(path);
        if (bytes != 8L * n * d) {
            throw new IllegalArgumentException(path + " holds " + bytes + " bytes, expected " + 8L * n * d
                    + " for " + n + " x " + d + " float64");
        }
        double[] v = new double[n * d];
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            int at = 0;
            while (at < v.length) {
                if (ch.read(buf) < 0) {
                    throw new IOException(path + " ended after " + at + " values");
                }
                buf.flip();
                while (buf.remaining() >= 8 && at < v.length) {
                    v[at++] = buf.getDouble();
                }
                buf.compact(); // a value split across reads keeps its first bytes
            }
        }
        return DataMatrix.wrap(n, d, v);
    }

    private static void writeLabels(Path path, int[] labels) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4 * labels.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int l : labels) {
            buf.putInt(l);
        }
        Files.write(path, buf.array());
    }

    /** The process's peak resident set ({@code VmHWM} of /proc/self/status), -1 where it is not available. */
    static long vmHwmBytes() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] f = line.trim().split("\\s+");
                    return Long.parseLong(f[1]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
