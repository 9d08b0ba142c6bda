package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.quality.ExternalIndices;
import elki.clustering.hierarchical.HDBSCANLinearMemory;
import elki.clustering.hierarchical.extraction.HDBSCANHierarchyExtraction;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.model.DendrogramModel;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.ids.DBIDIter;
import elki.database.ids.DBIDRange;
import elki.database.relation.Relation;
import elki.data.NumberVector;
import elki.data.type.TypeUtil;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.EuclideanDistance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.hdbscan.HdbscanTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.DistanceType;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * HDBSCAN* side by side: ours, Tribuo 4.3.2 ({@code HdbscanTrainer}, KD-tree neighbour queries) and ELKI 0.8.0
 * ({@code HDBSCANLinearMemory} + {@code HDBSCANHierarchyExtraction}) on the same 5-dimensional blobs (10 centres,
 * seed 42), minClusterSize 50 and minSamples 50. The core distance is the same in all three: ours counts
 * minSamples neighbours besides the point itself (hdbscan-py's convention), Tribuo's {@code k} and ELKI's
 * {@code minPts} count the point itself, so they get minSamples + 1. Reports wall and process CPU time (ours: best
 * of three; the peers: one run; all after a warm-up on 3,000 rows), the ARI of each peer's partition against ours
 * (noise as one more label), and a growth exponent per library fitted on log CPU time against log n, used to
 * extrapolate to 100,000 rows (an extrapolation, not a measurement). Writes JSON.
 *
 * <p>Usage: {@code HdbscanPeers [out.json] [threads] [n...]} (default {@code benchmarks/results/hdbscan-peers.json
 * 2 10000 20000}). Peers live in the benchmarks module only (ELKI is AGPL).
 */
public final class HdbscanPeers {
    static final int MIN_CLUSTER_SIZE = 50;
    static final int MIN_SAMPLES = 50;

    private HdbscanPeers() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args.length > 0 ? args[0] : "benchmarks/results/hdbscan-peers.json");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int[] sizes = {10_000, 20_000};
        if (args.length > 2) {
            sizes = new int[args.length - 2];
            for (int i = 2; i < args.length; i++) {
                sizes[i - 2] = Integer.parseInt(args[i]);
            }
        }
        Hdbscan ours = Hdbscan.builder().minClusterSize(MIN_CLUSTER_SIZE).minSamples(MIN_SAMPLES).build();
        FitContext ctx = FitContext.seeded(0).withThreads(threads);
        // warm-up of all three on a small set
        DataMatrix warm = HdbscanBenchmark.blobs(3000, 5, 10, 1);
        ours.fit(warm, ctx);
        tribuo(warm, threads);
        elki(warm);
        List<String> rows = new ArrayList<>();
        double[] lx = new double[sizes.length];
        double[][] ly = new double[3][sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            int n = sizes[s];
            DataMatrix x = HdbscanBenchmark.blobs(n, 5, 10, 42);
            double oursSec = Double.POSITIVE_INFINITY;
            double oursCpu = Double.POSITIVE_INFINITY;
            HdbscanModel m = null;
            for (int r = 0; r < 3; r++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                m = ours.fit(x, ctx);
                oursSec = Math.min(oursSec, (System.nanoTime() - t0) / 1e9);
                oursCpu = Math.min(oursCpu, (processCpuNanos() - c0) / 1e9);
            }
            int[] ourLabels = m.labels();
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            int[] tribuoLabels = tribuo(x, threads);
            double tribuoSec = (System.nanoTime() - t0) / 1e9;
            double tribuoCpu = (processCpuNanos() - c0) / 1e9;
            c0 = processCpuNanos();
            t0 = System.nanoTime();
            int[] elkiLabels = elki(x);
            double elkiSec = (System.nanoTime() - t0) / 1e9;
            double elkiCpu = (processCpuNanos() - c0) / 1e9;
            double ariTribuo = ExternalIndices.adjustedRandIndex(ourLabels, tribuoLabels);
            double ariElki = ExternalIndices.adjustedRandIndex(ourLabels, elkiLabels);
            String row = String.format(Locale.ROOT,
                    "    {\"n\": %d, \"ours_s\": %.4f, \"ours_cpu_s\": %.4f, \"ours_clusters\": %d, "
                            + "\"ours_noise\": %d, \"tribuo_s\": %.3f, \"tribuo_cpu_s\": %.3f, \"tribuo_clusters\": %d, "
                            + "\"tribuo_ari_vs_ours\": %.6f, \"elki_s\": %.3f, \"elki_cpu_s\": %.3f, "
                            + "\"elki_clusters\": %d, \"elki_ari_vs_ours\": %.6f, \"tribuo_over_ours_wall\": %.1f, "
                            + "\"elki_over_ours_wall\": %.1f, \"tribuo_over_ours_cpu\": %.1f, "
                            + "\"elki_over_ours_cpu\": %.1f}",
                    n, oursSec, oursCpu, m.clusterCount(), countNoise(ourLabels), tribuoSec, tribuoCpu,
                    distinctNonNoise(tribuoLabels, 0), ariTribuo, elkiSec, elkiCpu, distinctNonNoise(elkiLabels, -1),
                    ariElki, tribuoSec / oursSec, elkiSec / oursSec, tribuoCpu / oursCpu, elkiCpu / oursCpu);
            System.out.println(row.trim());
            rows.add(row);
            lx[s] = Math.log(n);
            ly[0][s] = Math.log(oursCpu);
            ly[1][s] = Math.log(tribuoCpu);
            ly[2][s] = Math.log(elkiCpu);
        }
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"benchmark\": \"HDBSCAN* fit, ours vs Tribuo 4.3.2 vs ELKI 0.8.0\",\n");
        json.append("  \"data\": \"Gaussian blobs, 5 dimensions, 10 centres uniform in [-10,10]^5, unit sd, seed 42\",\n");
        json.append(String.format(Locale.ROOT, "  \"min_cluster_size\": %d,%n  \"min_samples\": %d,%n",
                MIN_CLUSTER_SIZE, MIN_SAMPLES));
        json.append("  \"core_distance\": \"same in all: Tribuo k and ELKI minPts = min_samples + 1 (they count the "
                + "point itself)\",\n");
        json.append(String.format(Locale.ROOT, "  \"threads_ours\": %d,%n  \"threads_tribuo\": %d,%n"
                + "  \"threads_elki\": 1,%n", threads, threads));
        json.append(String.format(Locale.ROOT, "  \"machine\": \"%d logical cores shared with other builds "
                + "(wall times are noisy)\",%n  \"jdk\": \"%s\",%n  \"date\": \"%s\",%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                java.time.LocalDate.now()));
        json.append("  \"timing\": \"wall seconds and process CPU seconds (all threads, incl. GC and JIT); ours best "
                + "of 3, peers one run, all after a warm-up; exponents and extrapolation from CPU seconds\",\n");
        json.append("  \"runs\": [\n").append(String.join(",\n", rows)).append("\n  ]");
        if (sizes.length > 1) {
            String[] names = {"ours", "tribuo", "elki"};
            double[] at100k = new double[3];
            json.append(",\n  \"growth_exponent\": {");
            for (int lib = 0; lib < 3; lib++) {
                double[] fit = fitLine(lx, ly[lib]);
                at100k[lib] = Math.exp(fit[0] + fit[1] * Math.log(100_000));
                json.append(String.format(Locale.ROOT, "%s\"%s\": %.3f", lib == 0 ? "" : ", ", names[lib],
                        fit[1]));
                System.out.printf(Locale.ROOT, "%s: growth exponent %.3f, extrapolated to 100k: %.1f CPU s%n",
                        names[lib], fit[1], at100k[lib]);
            }
            // ours is fast enough to measure at 100k; its small-n exponent is dominated by fixed costs
            DataMatrix x100k = HdbscanBenchmark.blobs(100_000, 5, 10, 42);
            double ours100kCpu = Double.POSITIVE_INFINITY;
            double ours100kWall = Double.POSITIVE_INFINITY;
            for (int r = 0; r < 3; r++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                ours.fit(x100k, ctx);
                ours100kWall = Math.min(ours100kWall, (System.nanoTime() - t0) / 1e9);
                ours100kCpu = Math.min(ours100kCpu, (processCpuNanos() - c0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "ours measured at 100k: %.2f s wall, %.2f CPU s; Tribuo/ours %.0fx, "
                    + "ELKI/ours %.0fx (peers extrapolated)%n", ours100kWall, ours100kCpu, at100k[1] / ours100kCpu,
                    at100k[2] / ours100kCpu);
            json.append(String.format(Locale.ROOT, "},%n  \"ours_100k_measured\": {\"wall_s\": %.3f, \"cpu_s\": "
                    + "%.3f},%n", ours100kWall, ours100kCpu));
            json.append(String.format(Locale.ROOT, "  \"peers_extrapolated_100k_cpu_s\": {\"tribuo\": %.1f, "
                    + "\"elki\": %.1f},%n", at100k[1], at100k[2]));
            json.append(String.format(Locale.ROOT, "  \"ratio_at_100k_cpu\": {\"tribuo_over_ours\": %.0f, "
                    + "\"elki_over_ours\": %.0f},%n", at100k[1] / ours100kCpu, at100k[2] / ours100kCpu));
            json.append("  \"extrapolation_note\": \"peers: power law fitted on their CPU seconds at the measured "
                    + "sizes, an extrapolation, not measured at 100k; ours measured at 100k\"");
        }
        json.append("\n}\n");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, json.toString().getBytes(StandardCharsets.UTF_8));
        System.out.println("wrote " + out);
    }

    /** Tribuo's labels in row order (0 = noise in Tribuo). */
    static int[] tribuo(DataMatrix x, int threads) {
        ClusteringFactory factory = new ClusteringFactory();
        MutableDataset<ClusterID> ds = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", factory),
                factory);
        int d = x.cols();
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = "x" + j;
        }
        double[] row = new double[d];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < d; j++) {
                row[j] = x.get(i, j);
            }
            ds.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, row.clone()));
        }
        HdbscanTrainer trainer = new HdbscanTrainer(MIN_CLUSTER_SIZE, DistanceType.L2.getDistance(),
                MIN_SAMPLES + 1, threads, NeighboursQueryFactoryType.KD_TREE);
        List<Integer> labels = trainer.train(ds).getClusterLabels();
        int[] out = new int[labels.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels.get(i);
        }
        return out;
    }

    /** ELKI's labels in row order (-1 = noise). */
    static int[] elki(DataMatrix x) {
        double[][] rows = new double[x.rows()][];
        for (int i = 0; i < x.rows(); i++) {
            rows[i] = x.row(i);
        }
        Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(rows));
        db.initialize();
        Relation<NumberVector> rel = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
        DBIDRange ids = (DBIDRange) rel.getDBIDs();
        HDBSCANLinearMemory<NumberVector> hdbscan = new HDBSCANLinearMemory<>(EuclideanDistance.STATIC,
                MIN_SAMPLES + 1);
        Clustering<DendrogramModel> c = new HDBSCANHierarchyExtraction(hdbscan, MIN_CLUSTER_SIZE, false)
                .autorun(db);
        int[] out = new int[x.rows()];
        java.util.Arrays.fill(out, -1);
        int label = 0;
        for (Cluster<DendrogramModel> cl : c.getAllClusters()) {
            if (cl.isNoise()) {
                continue;
            }
            for (DBIDIter it = cl.getIDs().iter(); it.valid(); it.advance()) {
                out[ids.getOffset(it)] = label;
            }
            label++;
        }
        return out;
    }

    static int countNoise(int[] labels) {
        int c = 0;
        for (int l : labels) {
            c += l < 0 ? 1 : 0;
        }
        return c;
    }

    static int distinctNonNoise(int[] labels, int noise) {
        java.util.BitSet seen = new java.util.BitSet();
        for (int l : labels) {
            if (l != noise) {
                seen.set(l - Math.min(0, noise) + 1);
            }
        }
        return seen.cardinality();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Least squares of y on x: {intercept, slope}. */
    static double[] fitLine(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxy / sxx;
        return new double[] {my - slope * mx, slope};
    }
}
