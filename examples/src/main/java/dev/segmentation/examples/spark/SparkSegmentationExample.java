package dev.segmentation.examples.spark;

import static org.apache.spark.sql.functions.col;

import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Features;
import dev.segmentation.features.Rfm;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.RetailSimulator;
import dev.segmentation.spark.ColumnMapping;
import dev.segmentation.spark.SparkFeatures;
import dev.segmentation.spark.SparkScorer;
import dev.segmentation.spark.SparkSegmentation;
import dev.segmentation.spark.SparkTransactions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The customer segmentation on Spark {@code local[*]}: transaction lines in a DataFrame, RFM features on the
 * executors (core's extractor, the same numbers as core), a K-Means model fitted on the driver with core, and every
 * described customer scored into the feature-store table (Parquet) with its status, model id and version and scoring
 * time. (A model fitted by core on transactions, or read from a file, scores lines directly with
 * {@code SparkScorer.assignments(transactions)}, which also reports not-eligible and not-described entities.)
 *
 * <p>{@code online-retail [csv]}: the bundled UCI Online Retail file ({@code examples/data/online_retail.csv.gz});
 * {@code simulated [customers]}: customers simulated inside Spark (core's simulator per partition, seed 42 +
 * partition). Output: {@code target/spark-segmentation/<mode>/segments.parquet}. Spark in {@code provided} scope:
 * run with the module's class path and Spark's {@code --add-opens} flags (see the segmentation-spark README).
 * Spark's INFO logging is turned down to WARN here (slf4j-simple) before Spark starts.
 */
public final class SparkSegmentationExample {
    private SparkSegmentationExample() {
    }

    public static void main(String[] args) {
        // examples log through slf4j-simple; keep Spark's (and its shaded libraries') INFO lines off the console
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.spark", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.hadoop", "error");
        // a start-up note on a machine whose host name resolves to loopback: not actionable for a local run
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.spark.util.Utils", "error");
        System.setProperty("org.slf4j.simpleLogger.log.org.sparkproject", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.parquet", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.dev.segmentation.features", "warn");
        String mode = args.length > 0 ? args[0] : "online-retail";
        SparkSession spark = SparkSession.builder().master("local[*]").appName("spark-segmentation-example")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "8").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            SparkTransactions tx;
            if (mode.equals("online-retail")) {
                String csv = args.length > 1 ? args[1] : "examples/data/online_retail.csv.gz";
                Dataset<Row> raw = spark.read().option("header", "true").option("escape", "\"").csv(csv);
                tx = SparkTransactions.read(raw, ColumnMapping.onlineRetail().build());
            } else if (mode.equals("simulated")) {
                int customers = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
                tx = SparkTransactions.read(simulate(spark, customers), ColumnMapping.builder().entity("customer")
                        .timestamp("ts").order("invoice").quantity("qty").amount("value").build());
            } else {
                throw new IllegalArgumentException("mode must be online-retail or simulated but was " + mode);
            }
            System.out.printf(Locale.ROOT, "%s: %,d good lines, rejected %s%n", mode, tx.size(), tx.rejectedCounts());

            LocalDate asOf = LocalDate.ofEpochDay(Math.floorDiv(tx.maxEpochSecond(), 86_400L) + 1);
            Dataset<Row> features = SparkFeatures.builder(() -> List.of(Features.rfm(
                    Rfm.builder().cancelledOrderPrefix("C").asOf(asOf)))).build().extract(tx)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            SegmentationModel model = SparkSegmentation.fit(Segmenter.builder()
                    .scaling(Scaling.robust().log1p("frequency_orders", "monetary", "avg_order_value"))
                    .clusterer(KMeans.builder().k(5).nInit(10)).seed(42).build(), features);
            System.out.printf(Locale.ROOT, "fitted on %,d customers:%n", model.entityIds().size());
            for (SegmentProfile p : model.profiles()) {
                System.out.printf(Locale.ROOT, "  %-28s %7d customers (%.1f %%)%n", p.name(), p.size(),
                        100 * p.share());
            }

            Path out = Path.of("target/spark-segmentation", mode, "segments.parquet");
            SparkScorer scorer = SparkScorer.of(spark, model).withModelVersion("example-1");
            // the model was fitted on Spark's feature table (it holds no extractors): score those feature rows
            scorer.assignments(features).write().mode(SaveMode.Overwrite).parquet(out.toString());
            Dataset<Row> table = spark.read().parquet(out.toString());
            System.out.println("scored table " + out + " (" + table.count() + " rows):");
            for (Row r : table.groupBy(col("status"), col("segment_name")).count()
                    .orderBy(col("status"), col("segment_name")).collectAsList()) {
                System.out.printf(Locale.ROOT, "  %-14s %-28s %7d%n", r.getString(0),
                        r.isNullAt(1) ? "-" : r.getString(1), r.getLong(2));
            }
            features.unpersist();
        } finally {
            spark.stop();
        }
    }

    private static final StructType LINES = new StructType().add("customer", DataTypes.StringType, false)
            .add("ts", DataTypes.LongType, false).add("invoice", DataTypes.StringType, false)
            .add("qty", DataTypes.DoubleType, false).add("value", DataTypes.DoubleType, false);

    /** Customers simulated inside Spark: each partition simulates its own block of 20,000 with core's simulator. */
    static Dataset<Row> simulate(SparkSession spark, int customers) {
        int per = 20_000;
        int parts = Math.max(1, (customers + per - 1) / per);
        return spark.range(0, parts, 1, parts).as(Encoders.LONG()).mapPartitions(
                (MapPartitionsFunction<Long, Row>) it -> {
                    List<Row> out = new ArrayList<>();
                    while (it.hasNext()) {
                        long p = it.next();
                        int n = (int) Math.min(per, customers - p * per);
                        Transactions t = RetailSimulator.builder().seed(42 + p).entities(n).weeks(104)
                                .activityScale(0.1).build().simulate(1).transactions();
                        for (int r = 0; r < t.size(); r++) {
                            out.add(RowFactory.create("P" + p + "-" + t.entityId(t.entityOf(r)), t.epochSecond(r),
                                    "P" + p + "-" + t.orderId(r), t.quantity(r), t.amount(r)));
                        }
                    }
                    return out.iterator();
                }, Encoders.row(LINES));
    }
}
