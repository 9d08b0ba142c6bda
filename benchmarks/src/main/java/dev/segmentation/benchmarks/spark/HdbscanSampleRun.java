package dev.segmentation.benchmarks.spark;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.embedding.Pca;
import dev.segmentation.quality.ExternalIndices;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.RetailSimulator;
import dev.segmentation.spark.SparkScorer;
import dev.segmentation.spark.SparkSegmentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * HDBSCAN at scale, measured (a program, not a test): simulated customers (core's {@link RetailSimulator}, seed 42,
 * about 50 lines each), core's features (as {@code PipelineScaleRun}: RFM, monthly demand statistics, calendar-month
 * entropy, monthly activity), then (1) the full fit with core on every customer (robust scaling, PCA to 5
 * dimensions, HDBSCAN minClusterSize 500, minSamples 20) and (2) for each sample size, a fit on a deterministic
 * entity-hash sample ({@link SparkSegmentation#sample}) with the minimum cluster size scaled by the sampling
 * fraction, then the approximate prediction of every customer in Spark {@code local[2]}
 * ({@link SparkScorer#assignments}). Prints and writes the ARI between the sample-fitted and the full-fit labels
 * (noise as its own label), the noise shares and the times.
 *
 * <p>Run: {@code java <Spark's --add-opens flags> -Xmx10g -cp <class path>
 * dev.segmentation.benchmarks.spark.HdbscanSampleRun out.json 1000000 50000,100000,200000}.
 */
public final class HdbscanSampleRun {
    private static final int MIN_CLUSTER_SIZE = 500;
    private static final int MIN_SAMPLES = 20;

    private HdbscanSampleRun() {
    }

    private static Segmenter segmenter(int minClusterSize) {
        return Segmenter.builder().scaling(Scaling.robust()).embedding(Pca.components(5))
                .clusterer(Hdbscan.builder().minClusterSize(minClusterSize).minSamples(MIN_SAMPLES)).seed(42)
                .threads(2).build();
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "hdbscan-sample.json");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String[] samples = (args.length > 2 ? args[2] : "100000").split(",");
        long t0 = System.nanoTime();
        int pilot = 5_000;
        long pilotRows = RetailSimulator.builder().seed(7).entities(pilot).weeks(104).activityScale(0.1).build()
                .simulate(1).transactions().size();
        double scale = 0.1 * 50 / (pilotRows / (double) pilot);
        Transactions tx = RetailSimulator.builder().seed(42).entities(n).weeks(104).activityScale(scale).build()
                .simulate(2).transactions();
        FeatureTable features = Segmenter.builder().features(SparkScaleRun.extractors()).scaling(Scaling.robust())
                .clusterer(dev.segmentation.cluster.KMeans.builder().k(2).nInit(1).maxIter(1)).seed(1).threads(2)
                .build().fit(tx).features();
        long lines = tx.size();
        tx = null;
        System.out.printf(Locale.ROOT, "%d customers, %d lines, %d features; simulated and extracted in %.1f s, load %s%n",
                features.rows(), lines, features.cols(), (System.nanoTime() - t0) / 1e9, SparkMeter.loadAverage());

        double c0 = SparkMeter.processCpuSeconds();
        t0 = System.nanoTime();
        SegmentationModel full = segmenter(MIN_CLUSTER_SIZE).fit(features);
        double fullWall = (System.nanoTime() - t0) / 1e9;
        double fullCpu = SparkMeter.processCpuSeconds() - c0;
        int[] fullLabels = full.labels();
        System.out.printf(Locale.ROOT, "full fit: %d segments, noise %.2f %%, %.1f s (cpu %.1f s), load %s%n",
                full.segmentCount(), 100 * noise(fullLabels), fullWall, fullCpu, SparkMeter.loadAverage());

        SparkSession spark = SparkSession.builder().master("local[2]").appName("segmentation-hdbscan-sample")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "8").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        List<Row> rows = new ArrayList<>(features.rows());
        for (int r = 0; r < features.rows(); r++) {
            Object[] o = new Object[features.cols() + 1];
            o[0] = features.entityId(r);
            for (int c = 0; c < features.cols(); c++) {
                o[c + 1] = features.get(r, c);
            }
            rows.add(RowFactory.create(o));
        }
        Dataset<Row> df = spark.createDataFrame(rows, schema(features.featureNames())).repartition(8)
                .persist(StorageLevel.MEMORY_AND_DISK());
        df.count();
        rows = null;
        Map<String, Integer> rowOf = new HashMap<>();
        for (int r = 0; r < features.rows(); r++) {
            rowOf.put(features.entityId(r), r);
        }
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT, "{\n  \"customers\": %d, \"lines\": %d, "
                + "\"features\": %d, \"settings\": \"robust scaling, PCA 5, HDBSCAN minClusterSize %d, minSamples %d\","
                + "\n  \"full_fit\": {\"segments\": %d, \"noise_share\": %.4f, \"wall_s\": %.1f, \"cpu_s\": %.1f},\n"
                + "  \"samples\": [\n", features.rows(), lines, features.cols(), MIN_CLUSTER_SIZE, MIN_SAMPLES,
                full.segmentCount(), noise(fullLabels), fullWall, fullCpu));
        for (int i = 0; i < samples.length; i++) {
            int target = Integer.parseInt(samples[i].trim());
            c0 = SparkMeter.processCpuSeconds();
            t0 = System.nanoTime();
            SparkSegmentation.Sample s = SparkSegmentation.sample(df, target, 42);
            int mcs = s.scaledMinClusterSize(MIN_CLUSTER_SIZE);
            SegmentationModel sampled = segmenter(mcs).fit(s.table());
            double fitWall = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            int[] predicted = new int[features.rows()];
            for (Row r : SparkScorer.of(spark, sampled).assignments(df).select("entity", "segment")
                    .collectAsList()) {
                predicted[rowOf.get(r.getString(0))] = r.getInt(1);
            }
            double predictWall = (System.nanoTime() - t0) / 1e9;
            double cpu = SparkMeter.processCpuSeconds() - c0;
            double ari = ExternalIndices.adjustedRandIndex(fullLabels, predicted);
            System.out.printf(Locale.ROOT, "sample %d rows (fraction %.4f), minClusterSize %d: %d segments, "
                    + "sample noise %.2f %%, predicted noise %.2f %%, ARI vs full fit %.4f; sample + fit %.1f s, "
                    + "predict all %.1f s, cpu %.1f s, load %s%n", s.table().rows(), s.fraction(), mcs,
                    sampled.segmentCount(), 100 * noise(sampled.labels()), 100 * noise(predicted), ari, fitWall,
                    predictWall, cpu, SparkMeter.loadAverage());
            json.append(String.format(Locale.ROOT, "    {\"sample_rows\": %d, \"fraction\": %.5f, "
                    + "\"min_cluster_size\": %d, \"segments\": %d, \"predicted_noise_share\": %.4f, \"ari\": %.5f, "
                    + "\"sample_and_fit_wall_s\": %.1f, \"predict_all_wall_s\": %.1f, \"cpu_s\": %.1f, "
                    + "\"load\": \"%s\"}%s\n", s.table().rows(), s.fraction(), mcs, sampled.segmentCount(),
                    noise(predicted), ari, fitWall, predictWall, cpu, SparkMeter.loadAverage(),
                    i + 1 < samples.length ? "," : ""));
        }
        json.append("  ]\n}\n");
        Files.writeString(out, json.toString());
        System.out.println("wrote " + out);
        spark.stop();
    }

    private static StructType schema(List<String> names) {
        StructType t = new StructType().add("entity", DataTypes.StringType, false);
        for (String n : names) {
            t = t.add(n, DataTypes.DoubleType, false);
        }
        return t;
    }

    private static double noise(int[] labels) {
        int c = 0;
        for (int l : labels) {
            if (l < 0) {
                c++;
            }
        }
        return c / (double) labels.length;
    }
}
