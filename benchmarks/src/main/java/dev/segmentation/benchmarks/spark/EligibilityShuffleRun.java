package dev.segmentation.benchmarks.spark;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.features.Eligibility;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.RetailSimulator;
import dev.segmentation.spark.ColumnMapping;
import dev.segmentation.spark.SparkScorer;
import dev.segmentation.spark.SparkTransactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Shuffle bytes of scoring transaction lines with a model that has an eligibility filter
 * ({@link SparkScorer#assignments(SparkTransactions)}), for comparing the module before and after the eligibility
 * pass shares the extraction's shuffle (issue 14). A core model (eligibility: at least 2 orders; the 4 extractors of
 * {@link SparkScaleRun}; robust scaling, K-Means k = 8) is fitted on 5,000 simulated customers, then the lines of
 * {@code customers} customers simulated inside Spark are scored and the table's rows counted by status. Records the
 * shuffle bytes, jobs' wall and CPU time and the status counts.
 *
 * <p>Run: {@code java <Spark's --add-opens flags> -Xmx2g -cp <class path> ...EligibilityShuffleRun out.json 50000 label}.
 */
public final class EligibilityShuffleRun {
    private EligibilityShuffleRun() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        String label = args.length > 2 ? args[2] : "run";
        int pilot = 5_000;
        long pilotRows = RetailSimulator.builder().seed(7).entities(pilot).weeks(104).activityScale(0.1).build()
                .simulate(1).transactions().size();
        double scale = 0.1 * 50 / (pilotRows / (double) pilot);
        SegmentationModel model = Segmenter.builder().eligibility(Eligibility.none().minOrders(2))
                .features(SparkScaleRun.extractors()).scaling(Scaling.robust()).clusterer(KMeans.builder().k(8))
                .seed(42).threads(1).build()
                .fit(RetailSimulator.builder().seed(3).entities(pilot).weeks(104).activityScale(scale).build()
                        .simulate(1).transactions());
        SparkSession spark = SparkSession.builder().master("local[2]").appName("eligibility-shuffle")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "8").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        SparkMeter meter = SparkMeter.attach(spark);
        int per = 25_000;
        int parts = Math.max(2, (n + per - 1) / per);
        Dataset<Row> raw = spark.range(0, parts, 1, parts).as(Encoders.LONG())
                .mapPartitions(new SparkScaleRun.Simulate(per, n, scale), Encoders.row(SparkScaleRun.LINES));
        SparkTransactions tx = SparkTransactions.read(raw, ColumnMapping.builder().entity("customer")
                .timestamp("ts").order("invoice").quantity("qty").amount("value").item("sku").category("group")
                .build());
        SparkMeter.Phase ph = meter.start("score lines with eligibility (assignments)");
        Dataset<Row> table = SparkScorer.of(spark, model).withScoredAt(Instant.parse("2026-12-06T00:00:00Z"))
                .assignments(tx);
        List<Row> counts = table.groupBy("status").count().orderBy("status").collectAsList();
        ph.end();
        System.out.println(ph + "  " + counts);
        StringBuilder c = new StringBuilder();
        for (Row r : counts) {
            c.append(c.length() == 0 ? "" : ", ").append('"').append(r.getString(0)).append("\": ").append(r.getLong(1));
        }
        Files.writeString(out, String.format(Locale.ROOT, "{\"label\": \"%s\", \"spark\": \"%s\", \"customers\": %d, "
                + "\"lines\": %d, \"status_counts\": {%s}, \"tasks\": %d, \"phase\": %s}%n", label, spark.version(), n,
                tx.size(), c, meter.tasks.get(), ph.json()));
        spark.stop();
    }
}
