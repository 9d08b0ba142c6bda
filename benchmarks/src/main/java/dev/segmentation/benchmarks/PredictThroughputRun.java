package dev.segmentation.benchmarks;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.embedding.FittedEmbedding;
import dev.segmentation.embedding.Pca;
import dev.segmentation.features.Entropy;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.Features;
import dev.segmentation.features.Period;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.RetailSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Issue 20, prediction throughput on new customers (a main program): entities per second for
 * <ol>
 *   <li>the whole pipeline through the public {@link SegmentationModel#predict(Transactions)} of a fitted K-Means
 *       model: features from the new customers' transactions (RFM, monthly demand statistics, calendar-month
 *       entropy, monthly activity), the training scaling, K-Means assignment;</li>
 *   <li>{@link SegmentationModel#predict(FeatureTable)} on the raw features (scaling and assignment);</li>
 *   <li>the K-Means assignment alone: {@link KMeansModel#predict(DataMatrix)} on the scaled matrix;</li>
 *   <li>HDBSCAN approximate prediction with a model fitted on a sample (robust scaling, PCA 5, HDBSCAN
 *       minClusterSize 50, minSamples 10): {@link SegmentationModel#predict(FeatureTable)} (scaling, PCA,
 *       prediction) and {@link HdbscanModel#predictWithStrength(DataMatrix, int)} on the embedded matrix.</li>
 * </ol>
 * The models are fitted on the simulator with seed 42; the new customers are a simulation with seed 43 (same
 * settings, different people). Each measurement is repeated and the best and median wall times reported beside the
 * process CPU time of the best repeat; labels of repeats must agree (checked). The machine is shared: CPU times and
 * the load average are recorded beside the wall times.
 *
 * <p>Usage: {@code java -Xmx6g -cp benchmarks/target/benchmarks.jar
 * dev.segmentation.benchmarks.PredictThroughputRun [out.json [newEntities [trainEntities [hdbscanSample [threads
 * [repeats]]]]]]}; defaults {@code benchmarks/results/predict-throughput-<date>.json}, 1000000, 200000, 100000,
 * 2, 3.
 */
public final class PredictThroughputRun {
    private static final double ACTIVITY_SCALE = 0.135; // about 50 transactions per customer, as PipelineScaleRun

    private PredictThroughputRun() {
    }

    /** One timed measurement. */
    private static final class Timing {
        final String name;
        final int entities;
        final double[] wall;
        final double cpu;

        Timing(String name, int entities, double[] wall, double cpu) {
            this.name = name;
            this.entities = entities;
            this.wall = wall;
            this.cpu = cpu;
        }

        double best() {
            return Arrays.stream(wall).min().getAsDouble();
        }

        double median() {
            double[] w = wall.clone();
            Arrays.sort(w);
            return w[w.length / 2];
        }

        String json() {
            return String.format(Locale.ROOT, "{\"what\": \"%s\", \"entities\": %d, \"best_wall_s\": %.4f, "
                    + "\"median_wall_s\": %.4f, \"cpu_process_s_best_repeat\": %.4f, \"entities_per_s_best\": %.0f, "
                    + "\"entities_per_s_median\": %.0f, \"walls_s\": %s}", name, entities, best(), median(), cpu,
                    entities / best(), entities / median(), Arrays.toString(wall));
        }
    }

    private static <T> Timing time(String name, int entities, int repeats, Supplier<T> run,
            java.util.function.Function<T, int[]> labels) {
        double[] wall = new double[repeats];
        double bestCpu = 0;
        double best = Double.MAX_VALUE;
        int[] first = null;
        for (int k = 0; k < repeats; k++) {
            long c0 = PipelineScaleRun.processCpuNanos();
            long t0 = System.nanoTime();
            T out = run.get();
            wall[k] = (System.nanoTime() - t0) / 1e9;
            double cpu = (PipelineScaleRun.processCpuNanos() - c0) / 1e9;
            int[] l = labels.apply(out);
            if (first == null) {
                first = l;
            } else if (!Arrays.equals(first, l)) {
                throw new IllegalStateException(name + ": repeat " + k + " gave other labels");
            }
            if (wall[k] < best) {
                best = wall[k];
                bestCpu = cpu;
            }
        }
        Timing t = new Timing(name, entities, wall, bestCpu);
        print("%-62s best %7.3f s  median %7.3f s  CPU %7.3f s  %,12.0f entities/s", name, t.best(), t.median(),
                t.cpu, entities / t.best());
        return t;
    }

    public static void main(String[] args) throws IOException {
        String out = args.length > 0 ? args[0]
                : "benchmarks/results/predict-throughput-" + LocalDate.now() + ".json";
        int newEntities = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int trainEntities = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        int sample = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int repeats = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        double loadBefore = PipelineScaleRun.loadAverage();
        print("JVM %s, max heap %.1f GB, %d processors visible, %d threads", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1e9, Runtime.getRuntime().availableProcessors(), threads);

        FeatureExtractor[] features = {Features.rfm(), Features.demandStats(Period.MONTH),
            Features.entropy(Entropy.Over.CALENDAR_MONTH), Features.activity(Period.MONTH)};
        long t0 = System.nanoTime();
        Transactions train = simulate(42, trainEntities, threads);
        SegmentationModel km = Segmenter.builder().features(features).scaling(Scaling.robust())
                .clusterer(KMeans.builder().k(8)).seed(42).threads(threads).build().fit(train);
        double kmFit = (System.nanoTime() - t0) / 1e9;
        print("K-Means model fitted on %,d customers (%,d transactions) in %.1f s (generation included)",
                train.entityCount(), train.size(), kmFit);
        train = null;
        t0 = System.nanoTime();
        Transactions hdTrain = simulate(44, sample, threads);
        SegmentationModel hd = Segmenter.builder().features(features).scaling(Scaling.robust())
                .embedding(Pca.components(5)).clusterer(Hdbscan.builder().minClusterSize(50).minSamples(10))
                .seed(42).threads(threads).build().fit(hdTrain);
        double hdFit = (System.nanoTime() - t0) / 1e9;
        HdbscanModel hdm = (HdbscanModel) hd.clusterModel();
        print("HDBSCAN model fitted on a sample of %,d customers in %.1f s: %d clusters", hdTrain.entityCount(), hdFit,
                hdm.clusterCount());
        hdTrain = null;

        t0 = System.nanoTime();
        Transactions fresh = simulate(43, newEntities, threads);
        double gen = (System.nanoTime() - t0) / 1e9;
        int n = fresh.entityCount();
        print("new customers: %,d with %,d transactions, generated in %.1f s (not part of any figure below)", n,
                fresh.size(), gen);

        List<Timing> timings = new ArrayList<>();
        // the raw features and matrices the narrower measurements start from (computed once, outside the timing)
        SegmentAssignments viaTx = km.predict(fresh);
        FeatureTable raw = viaTx.features();
        if (raw.rows() != n) {
            throw new IllegalStateException(raw.rows() + " of " + n + " new customers were described");
        }
        DataMatrix scaled = km.scaler().transform(raw).matrix();
        KMeansModel kmm = (KMeansModel) km.clusterModel();
        FittedEmbedding pca = hd.embedding().orElseThrow();
        DataMatrix embedded = pca.transform(hd.scaler().transform(raw).matrix());

        timings.add(time("K-Means pipeline: predict(Transactions): features + scaling + assignment", n, repeats,
                () -> km.predict(fresh), SegmentAssignments::labels));
        timings.add(time("K-Means pipeline: predict(FeatureTable): scaling + assignment", n, repeats,
                () -> km.predict(raw), SegmentAssignments::labels));
        timings.add(time("K-Means assignment alone: KMeansModel.predict(DataMatrix)", n, repeats,
                () -> kmm.predict(scaled), l -> l));
        timings.add(time("HDBSCAN pipeline: predict(FeatureTable): scaling + PCA 5 + approximate prediction", n,
                repeats, () -> hd.predict(raw), SegmentAssignments::labels));
        timings.add(time("HDBSCAN approximate prediction alone: predictWithStrength(DataMatrix, threads)", n,
                repeats, () -> hdm.predictWithStrength(embedded, threads), HdbscanModel.Prediction::labels));
        if (!Arrays.equals(viaTx.labels(), kmm.predict(scaled))) {
            throw new IllegalStateException("predict(Transactions) and the assignment of the scaled matrix differ");
        }
        double loadAfter = PipelineScaleRun.loadAverage();

        StringBuilder json = new StringBuilder();
        json.append("{\n  \"benchmark\": \"PredictThroughputRun: prediction throughput on new customers (issue 20)\",\n");
        json.append(String.format(Locale.ROOT, "  \"date\": \"%s\",%n  \"jdk\": \"%s\",%n  \"max_heap_gb\": %.2f,%n"
                + "  \"threads\": %d,%n  \"repeats\": %d,%n  \"machine\": \"%d logical cores shared with other "
                + "sessions: wall times are noisy, CPU times steadier\",%n  \"load_average_1min\": {\"before\": %.2f, "
                + "\"after\": %.2f},%n", LocalDate.now(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1e9, threads, repeats, Runtime.getRuntime().availableProcessors(),
                loadBefore, loadAfter));
        json.append(String.format(Locale.ROOT, "  \"data\": {\"simulator\": \"RetailSimulator 104 weeks, activity "
                + "scale %.3f\", \"kmeans_training\": {\"seed\": 42, \"entities\": %d}, \"hdbscan_training_sample\": "
                + "{\"seed\": 44, \"entities\": %d}, \"new\": {\"seed\": 43, \"entities\": %d, \"transactions\": %d, "
                + "\"generation_s\": %.2f}},%n", ACTIVITY_SCALE, trainEntities, sample, n, fresh.size(), gen));
        json.append(String.format(Locale.ROOT, "  \"models\": {\"kmeans\": \"4 extractors (%d features), robust "
                + "scaling, KMeans k=8, seed 42\", \"kmeans_fit_s_incl_generation\": %.2f, \"hdbscan\": \"same "
                + "features, robust scaling, PCA 5, HDBSCAN minClusterSize 50 minSamples 10, seed 42: %d clusters\", "
                + "\"hdbscan_fit_s_incl_generation\": %.2f},%n", raw.cols(), kmFit, hdm.clusterCount(), hdFit));
        json.append("  \"results\": [\n");
        for (int i = 0; i < timings.size(); i++) {
            json.append("    ").append(timings.get(i).json()).append(i + 1 < timings.size() ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        if (!out.equals("-")) {
            Path p = Paths.get(out);
            if (p.toAbsolutePath().getParent() != null) {
                Files.createDirectories(p.toAbsolutePath().getParent());
            }
            Files.write(p, json.toString().getBytes(StandardCharsets.UTF_8));
            print("wrote %s", p);
        } else {
            System.out.print(json);
        }
    }

    private static Transactions simulate(long seed, int entities, int threads) {
        return RetailSimulator.builder().seed(seed).entities(entities).weeks(104).activityScale(ACTIVITY_SCALE).build()
                .simulate(threads).transactions();
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
