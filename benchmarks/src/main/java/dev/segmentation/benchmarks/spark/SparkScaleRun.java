package dev.segmentation.benchmarks.spark;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Entropy;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.Features;
import dev.segmentation.features.Period;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.RetailSimulator;
import dev.segmentation.spark.ColumnMapping;
import dev.segmentation.spark.SparkFeatures;
import dev.segmentation.spark.SparkScorer;
import dev.segmentation.spark.SparkSegmentation;
import dev.segmentation.spark.SparkTransactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Scale run of segmentation-spark on Spark {@code local[2]} (a program, not a test): for each size, retail
 * customers are simulated inside Spark (each input partition runs core's {@link RetailSimulator} for its own block
 * of customers, seed 42 + partition), then read and validated ({@link SparkTransactions}), features extracted
 * ({@link SparkFeatures}: RFM, monthly demand statistics, calendar-month entropy, monthly activity, as
 * {@code PipelineScaleRun}), the feature table collected and fitted with core (robust scaling, K-Means k = 8), and
 * every customer scored ({@link SparkScorer#assignments}) into Parquet. Each phase records wall time, process CPU,
 * executor CPU, shuffle bytes written and read (a SparkListener over task metrics) and the load average. With
 * {@code core} as the last argument, the same pipeline also runs on core alone for the largest size, on core's own
 * simulation of that many customers with the same settings (same distribution, other draws).
 *
 * <p>Run: {@code java <Spark's --add-opens flags> -Xmx8g -cp <class path> dev.segmentation.benchmarks.spark.SparkScaleRun
 * out.json 50000,100000,200000 [core]}.
 */
public final class SparkScaleRun {
    private static final int WEEKS = 104;
    /** Lines per customer aimed at (500M lines for 10M customers, the goal). */
    private static final double LINES_PER_CUSTOMER = 50;
    private static final int CUSTOMERS_PER_PARTITION = 25_000;

    private SparkScaleRun() {
    }

    static FeatureExtractor[] extractors() {
        return new FeatureExtractor[] {Features.rfm(), Features.demandStats(Period.MONTH),
            Features.entropy(Entropy.Over.CALENDAR_MONTH), Features.activity(Period.MONTH)};
    }

    static final StructType LINES = new StructType().add("customer", DataTypes.StringType, false)
            .add("ts", DataTypes.LongType, false).add("invoice", DataTypes.StringType, false)
            .add("qty", DataTypes.DoubleType, false).add("value", DataTypes.DoubleType, false)
            .add("sku", DataTypes.StringType, true).add("group", DataTypes.StringType, true);

    /** One input partition's customers, simulated by core inside the task. */
    static final class Simulate implements MapPartitionsFunction<Long, Row> {
        private static final long serialVersionUID = 1L;
        private final int perPartition;
        private final int total;
        private final double scale;

        Simulate(int perPartition, int total, double scale) {
            this.perPartition = perPartition;
            this.total = total;
            this.scale = scale;
        }

        @Override
        public Iterator<Row> call(Iterator<Long> parts) {
            // streaming: one block of customers is simulated at a time (its columnar Transactions, about 40 bytes a
            // line) and its lines are handed to Spark one row at a time, never held as a list of rows
            return new Iterator<Row>() {
                Transactions t;
                String prefix;
                int r;

                @Override
                public boolean hasNext() {
                    while (t == null || r >= t.size()) {
                        if (!parts.hasNext()) {
                            t = null;
                            return false;
                        }
                        long p = parts.next();
                        int n = (int) Math.min(perPartition, total - p * perPartition);
                        if (n <= 0) {
                            continue;
                        }
                        t = RetailSimulator.builder().seed(42 + p).entities(n).weeks(WEEKS).activityScale(scale)
                                .build().simulate(1).transactions();
                        prefix = "P" + p + "-";
                        r = 0;
                    }
                    return true;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    int i = r++;
                    return RowFactory.create(prefix + t.entityId(t.entityOf(i)), t.epochSecond(i),
                            prefix + t.orderId(i), t.quantity(i), t.amount(i), t.itemId(i), t.category(i));
                }
            };
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "spark-scale.json");
        String[] sizes = (args.length > 1 ? args[1] : "50000,100000").split(",");
        boolean core = args.length > 2 && args[2].equals("core");
        // pilot (as PipelineScaleRun): the activity scale that gives about 50 lines per customer
        int pilot = 5_000;
        long pilotRows = RetailSimulator.builder().seed(7).entities(pilot).weeks(WEEKS).activityScale(0.1).build()
                .simulate(1).transactions().size();
        final double scale = 0.1 * LINES_PER_CUSTOMER / (pilotRows / (double) pilot);
        // shuffle files and spills go to spark.local.dir (the script sets it under /tmp)
        String localDir = System.getProperty("spark.local.dir", System.getProperty("java.io.tmpdir"));
        SparkSession spark = SparkSession.builder().master("local[2]").appName("segmentation-spark-scale")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.local.dir", localDir)
                .config("spark.sql.shuffle.partitions", "8").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        SparkMeter meter = SparkMeter.attach(spark);
        StringBuilder json = new StringBuilder("{\n  \"machine\": \"" + Runtime.getRuntime().availableProcessors()
                + " cores, 24 GB, shared with other sessions' builds\",\n  \"jvm\": \""
                + System.getProperty("java.version") + "\",\n  \"spark\": \"" + spark.version()
                + "\",\n  \"master\": \"local[2]\",\n  \"max_heap_gb\": "
                + String.format(Locale.ROOT, "%.1f", Runtime.getRuntime().maxMemory() / 1e9)
                + ",\n  \"spark_local_dir\": \"" + localDir + "\",\n  \"customers_per_input_partition\": "
                + CUSTOMERS_PER_PARTITION + ",\n  \"activity_scale\": " + String.format(Locale.ROOT, "%.6f", scale)
                + ",\n  \"load_at_start\": \"" + SparkMeter.loadAverage() + "\",\n  \"runs\": [\n");
        Path tmp = Files.createTempDirectory(Path.of(localDir), "spark-scale-out");
        long runT0 = System.nanoTime();
        double runC0 = SparkMeter.processCpuSeconds();
        int last = 0;
        for (int s = 0; s < sizes.length; s++) {
            int n = Integer.parseInt(sizes[s].trim());
            last = n;
            int parts = Math.max(2, (n + CUSTOMERS_PER_PARTITION - 1) / CUSTOMERS_PER_PARTITION);
            // about 5M lines (100,000 customers) per shuffle partition, at least 8
            int shufflePartitions = Math.max(8, n / 100_000);
            spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
            List<SparkMeter.Phase> phases = new ArrayList<>();
            Dataset<Row> raw = spark.range(0, parts, 1, parts).as(Encoders.LONG())
                    .mapPartitions(new Simulate(CUSTOMERS_PER_PARTITION, n, scale), Encoders.row(LINES));

            SparkMeter.Phase ph = meter.start("simulate + read + validate");
            SparkTransactions tx = SparkTransactions.read(raw, ColumnMapping.builder().entity("customer")
                    .timestamp("ts").order("invoice").quantity("qty").amount("value").item("sku").category("group")
                    .build());
            long lines = tx.size();
            phases.add(ph.end());
            System.out.println(ph + "  (" + lines + " lines)");

            ph = meter.start("features (4 extractors)");
            Dataset<Row> features = SparkFeatures.builder(() -> List.of(extractors())).build().extract(tx)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            long described = features.count();
            phases.add(ph.end());
            System.out.println(ph + "  (" + described + " customers)");

            ph = meter.start("fit (collect + core K-Means)");
            SegmentationModel model = SparkSegmentation.fit(Segmenter.builder().scaling(Scaling.robust())
                    .clusterer(KMeans.builder().k(8)).seed(42).build(), features);
            phases.add(ph.end());
            System.out.println(ph);

            ph = meter.start("score to Parquet");
            SparkScorer.of(spark, model).assignments(features).write().parquet(tmp.resolve("scored-" + n).toString());
            phases.add(ph.end());
            System.out.println(ph);
            features.unpersist();
            deleteTree(tmp.resolve("scored-" + n));

            json.append(String.format(Locale.ROOT, "    {\"customers\": %d, \"lines\": %d, \"described\": %d, "
                    + "\"input_partitions\": %d, \"shuffle_partitions\": %d, \"phases\": [\n", n, lines, described,
                    parts, shufflePartitions));
            for (int i = 0; i < phases.size(); i++) {
                json.append("      ").append(phases.get(i).json()).append(i + 1 < phases.size() ? ",\n" : "\n");
            }
            json.append("    ]}").append(s + 1 < sizes.length || core ? ",\n" : "\n");
        }
        if (core) {
            // the same pipeline on core alone, 2 threads, core's own simulation of as many customers
            double c0 = SparkMeter.processCpuSeconds();
            long t0 = System.nanoTime();
            String l0 = SparkMeter.loadAverage();
            Transactions t = RetailSimulator.builder().seed(42).entities(last).weeks(WEEKS).activityScale(scale)
                    .build().simulate(2).transactions();
            double simWall = (System.nanoTime() - t0) / 1e9;
            double simCpu = SparkMeter.processCpuSeconds() - c0;
            c0 = SparkMeter.processCpuSeconds();
            t0 = System.nanoTime();
            SegmentationModel m = Segmenter.builder().features(extractors()).scaling(Scaling.robust())
                    .clusterer(KMeans.builder().k(8)).seed(42).threads(2).build().fit(t);
            double fitWall = (System.nanoTime() - t0) / 1e9;
            double fitCpu = SparkMeter.processCpuSeconds() - c0;
            c0 = SparkMeter.processCpuSeconds();
            t0 = System.nanoTime();
            SegmentAssignments a = m.predict(t);
            double predWall = (System.nanoTime() - t0) / 1e9;
            double predCpu = SparkMeter.processCpuSeconds() - c0;
            String l1 = SparkMeter.loadAverage();
            System.out.printf(Locale.ROOT, "core: %d customers, %d lines; simulate %.2f s (cpu %.2f); features + "
                    + "scaling + K-Means %.2f s (cpu %.2f); predict %.2f s (cpu %.2f, %d assigned); load %s -> %s%n",
                    last, t.size(), simWall, simCpu, fitWall, fitCpu, predWall, predCpu, a.size(), l0, l1);
            json.append(String.format(Locale.ROOT, "    {\"engine\": \"core, 2 threads\", \"customers\": %d, "
                    + "\"lines\": %d, \"simulate_wall_s\": %.2f, \"fit_from_lines_wall_s\": %.2f, "
                    + "\"fit_from_lines_cpu_s\": %.2f, \"predict_wall_s\": %.2f, \"predict_cpu_s\": %.2f, "
                    + "\"load_before\": \"%s\", \"load_after\": \"%s\"}\n", last, t.size(), simWall, fitWall, fitCpu,
                    predWall, predCpu, l0, l1));
        }
        json.append(String.format(Locale.ROOT, "  ],\n  \"total_wall_s\": %.2f,\n  \"total_process_cpu_s\": %.2f,\n"
                + "  \"gc_s\": %.2f,\n  \"load_at_end\": \"%s\"\n}\n", (System.nanoTime() - runT0) / 1e9,
                SparkMeter.processCpuSeconds() - runC0, gcSeconds(), SparkMeter.loadAverage()));
        Files.writeString(out, json.toString());
        System.out.println("wrote " + out);
        spark.stop();
        deleteTree(tmp);
    }

    static double gcSeconds() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean g
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, g.getCollectionTime());
        }
        return ms / 1e3;
    }

    static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (java.util.stream.Stream<Path> w = Files.walk(p)) {
            for (Path f : (Iterable<Path>) w.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
