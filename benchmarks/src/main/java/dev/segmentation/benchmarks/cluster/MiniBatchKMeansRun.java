package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.cluster.MiniBatchKMeans;
import dev.segmentation.cluster.RowChunks;
import dev.segmentation.cluster.RowFile;
import dev.segmentation.cluster.TransactionFeatureChunks;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Entropy;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.Features;
import dev.segmentation.features.Period;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.FittedScaler;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.RetailSimulator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Our side of {@code benchmarks/scripts/minibatch_vs_sklearn.sh} (a main program, not JMH): simulates customers with
 * the retail simulator, extracts their features and writes the scaled matrix once to a {@link RowFile} (the peers
 * read the same file). Data "rfm" (default): the five RFM features, log1p on frequency, monetary and average order
 * value, then robust scaling. Data "wide": RFM, monthly demand statistics, calendar-month entropy and monthly
 * activity (17 columns), robust scaling only (heavy tails). Then it times, on that data,
 * <ol>
 *   <li>the full K-Means fit ({@code KMeans.builder().k(8)}: k-means++ with nInit 10, maxIter 300, tol 1e-4);</li>
 *   <li>{@link MiniBatchKMeans} with scikit-learn's defaults (batch 1024, nInit 3, maxIter 100,
 *       maxNoImprovement 10, reassignment 0.01) on the in-memory matrix, for several seeds;</li>
 *   <li>the same streamed from the row file ({@link RowChunks#file}); the model must equal the in-memory one;</li>
 *   <li>the same streamed from the transaction store ({@link TransactionFeatureChunks}, 50,000 entities per chunk,
 *       features recomputed on every pass); the model must equal the in-memory one.</li>
 * </ol>
 * Writes a JSON with the centres of every fit, our inertia, wall time and process CPU time (all threads, GC and JIT
 * included). The script computes every inertia again the same way for all sides.
 *
 * <p>Usage: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar
 * dev.segmentation.benchmarks.cluster.MiniBatchKMeansRun <dir> [entities [transactions [threads [seeds [rfm|wide]]]]]};
 * defaults 1000000, 10000000, 2, 5, rfm. Writes {@code <dir>/features.rows} and {@code <dir>/ours.json}.
 */
public final class MiniBatchKMeansRun {
    /** The heavy-tailed RFM features, log1p-transformed before robust scaling in the default ("rfm") data. */
    static final String[] LOG1P = {"frequency_orders", "monetary", "avg_order_value"};

    private MiniBatchKMeansRun() {
    }

    private static final class Timed {
        final String name;
        final KMeansModel model;
        final double wall;
        final double cpu;
        final long seed;

        Timed(String name, long seed, Supplier<KMeansModel> fit) {
            double c0 = cpu();
            long t0 = System.nanoTime();
            this.model = fit.get();
            this.wall = (System.nanoTime() - t0) / 1e9;
            this.cpu = cpu() - c0;
            this.name = name;
            this.seed = seed;
            print("%-28s seed %d: wall %.3f s, CPU %.3f s, inertia %.6f, epochs %d, stopped early %s", name, seed,
                    wall, cpu, model.inertia(), model.iterations(), model.converged());
        }

        String json() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "{\"name\": \"%s\", \"seed\": %d, \"wall_s\": %.4f, \"cpu_s\": %.4f, "
                    + "\"inertia_ours\": %.17g, \"iterations\": %d, \"stopped_early\": %s, \"centres\": [", name, seed,
                    wall, cpu, model.inertia(), model.iterations(), model.converged()));
            double[][] c = model.centreRows();
            for (int i = 0; i < c.length; i++) {
                b.append(i == 0 ? "[" : ", [");
                for (int j = 0; j < c[i].length; j++) {
                    b.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.17g", c[i][j]));
                }
                b.append(']');
            }
            return b.append("]}").toString();
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "benchmarks/target/minibatch");
        int entities = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        long target = args.length > 2 ? Long.parseLong(args[2]) : 10_000_000L;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int seeds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        boolean wide = args.length > 5 && args[5].equals("wide");
        Files.createDirectories(dir);
        print("JVM %s, max heap %.1f GB, %d processors visible, %d worker threads", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1e9, Runtime.getRuntime().availableProcessors(), threads);

        double pilotScale = 0.1;
        int pilot = 20_000;
        long pilotRows = simulator(pilot, pilotScale).simulate(threads).transactions().size();
        double scale = pilotScale * (target / (double) entities) / (pilotRows / (double) pilot);
        long t0 = System.nanoTime();
        Transactions tx = simulator(entities, scale).simulate(threads).transactions();
        print("simulated %,d transactions of %,d entities in %.1f s", tx.size(), tx.entityCount(),
                (System.nanoTime() - t0) / 1e9);

        List<FeatureExtractor> extractors = wide ? List.of(Features.rfm(), Features.demandStats(Period.MONTH),
                Features.entropy(Entropy.Over.CALENDAR_MONTH), Features.activity(Period.MONTH))
                : List.of(Features.rfm());
        Scaling scaling = wide ? Scaling.robust() : Scaling.robust().log1p(LOG1P);
        FitContext fc = FitContext.seeded(42).withThreads(threads);
        t0 = System.nanoTime();
        FeatureTable raw = null;
        for (FeatureExtractor e : extractors) {
            FeatureTable f = e.extract(tx, fc);
            raw = raw == null ? f : raw.join(f);
        }
        FittedScaler scaler = scaling.fit(raw);
        DataMatrix x = scaler.transform(raw).matrix();
        raw = null;
        Path file = dir.resolve("features.rows");
        RowFile.write(file, x);
        print("features %s: %,d x %d, extracted, scaled and written in %.1f s to %s (%,d bytes)",
                scaler.featureNames(), x.rows(), x.cols(), (System.nanoTime() - t0) / 1e9, file, Files.size(file));

        List<Timed> runs = new ArrayList<>();
        FitContext ctx = FitContext.seeded(0).withThreads(threads);
        // warm-up on a slice (JIT) through the memory and file paths, not recorded
        DataMatrix warm = x.selectRows(java.util.stream.IntStream.range(0, Math.min(x.rows(), 50_000)).toArray());
        KMeans.builder().k(8).build().fit(warm, ctx);
        MiniBatchKMeans.builder().k(8).build().fit(warm, ctx);
        Path warmFile = dir.resolve("warm.rows");
        RowFile.write(warmFile, warm);
        try (RowChunks rows = RowChunks.file(warmFile)) {
            MiniBatchKMeans.builder().k(8).build().fit(rows, ctx);
            MiniBatchKMeans.builder().k(8).runs(2).lloydPasses(3).build().fit(rows, ctx);
        }
        Files.delete(warmFile);

        runs.add(new Timed("kmeans_full", 0, () -> KMeans.builder().k(8).build().fit(x, ctx)));
        MiniBatchKMeans mb = MiniBatchKMeans.builder().k(8).build();
        for (int s = 0; s < seeds; s++) {
            final long seed = s;
            runs.add(new Timed("minibatch_memory", seed, () -> mb.fit(x, ctx.withSeed(seed))));
        }
        Timed fromFile = new Timed("minibatch_file", 0, () -> {
            try (RowChunks rows = RowChunks.file(file)) {
                return mb.fit(rows, ctx.withSeed(0));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        runs.add(fromFile);
        Timed fromStore = new Timed("minibatch_store", 0, () -> {
            try (TransactionFeatureChunks src = new TransactionFeatureChunks(tx, extractors, scaler, 50_000, fc)) {
                return mb.fit(src, ctx.withSeed(0));
            }
        });
        runs.add(fromStore);
        MiniBatchKMeans refined = MiniBatchKMeans.builder().k(8).runs(10).lloydPasses(100).build();
        for (int s = 0; s < Math.min(seeds, 3); s++) {
            final long seed = s;
            runs.add(new Timed("minibatch_refined_file", seed, () -> {
                try (RowChunks rows = RowChunks.file(file)) {
                    return refined.fit(rows, ctx.withSeed(seed));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        Timed memory0 = runs.get(1);
        boolean fileSame = memory0.model.centres().equals(fromFile.model.centres());
        boolean storeSame = memory0.model.centres().equals(fromStore.model.centres());
        print("streamed models equal the in-memory one: file %s, store %s", fileSame, storeSame);

        StringBuilder json = new StringBuilder("{\n");
        json.append(String.format(Locale.ROOT, "  \"jdk\": \"%s\",\n  \"max_heap_gb\": %.2f,\n  \"threads\": %d,\n",
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / 1e9, threads));
        json.append(String.format(Locale.ROOT, "  \"data\": {\"simulator\": \"RetailSimulator seed 42, 104 weeks, "
                + "activity scale %.4f\", \"features_set\": \"%s\", \"entities\": %d, \"transactions\": %d, "
                + "\"rows\": %d, \"cols\": %d, \"features\": \"%s\", \"file\": \"%s\"},\n", scale,
                wide ? "wide" : "rfm", tx.entityCount(),
                tx.size(), x.rows(), x.cols(), scaler.featureNames(), file.getFileName()));
        json.append(String.format(Locale.ROOT, "  \"scaling\": \"%s\",\n", scaling));
        json.append(String.format(Locale.ROOT, "  \"streamed_equal_in_memory\": {\"file\": %s, \"store\": %s},\n",
                fileSame, storeSame));
        json.append("  \"runs\": [\n");
        for (int i = 0; i < runs.size(); i++) {
            json.append("    ").append(runs.get(i).json()).append(i + 1 < runs.size() ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        Files.write(dir.resolve("ours.json"), json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static RetailSimulator simulator(int entities, double scale) {
        return RetailSimulator.builder().seed(42).entities(entities).weeks(104).activityScale(scale).build();
    }

    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
