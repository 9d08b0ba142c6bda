package dev.segmentation.spark;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.io.CsvPresets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * A measurement, not a test: feature extraction throughput on UCI Online Retail, core against Spark local[2]. Run
 * with the module's test class path and the --add-opens flags (see README.md).
 */
public final class OnlineRetailThroughput {
    private OnlineRetailThroughput() {
    }

    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        Path file = SparkTesting.onlineRetail();
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            Transactions coreTx = CsvPresets.onlineRetail().category("Country").build().read(file);
            long t1 = System.nanoTime();
            LocalDate asOf = LocalDate.ofEpochDay(Math.floorDiv(coreTx.maxEpochSecond(), 86_400L) + 1);
            List<FeatureExtractor> ex = FeaturesDifferentialTest.retailExtractors(asOf);
            List<FeatureTable> core = FeaturesDifferentialTest.core(coreTx, ex);
            long t2 = System.nanoTime();

            Dataset<Row> csv = SparkTesting.csv(file).persist(StorageLevel.MEMORY_ONLY());
            csv.count();
            long t3 = System.nanoTime();
            double c3 = cpu();
            SparkTransactions tx = SparkTransactions.read(csv, ColumnMapping.onlineRetail().category("Country")
                    .build());
            long t4 = System.nanoTime();
            double c4 = cpu();
            List<FeatureExtractor> rfmOnly = List.of(ex.get(0));
            long n1 = SparkFeatures.builder(() -> List.of(FeaturesDifferentialTest.retailExtractors(asOf).get(0)))
                    .build().extract(tx).count();
            long t5 = System.nanoTime();
            double c5 = cpu();
            long n = SparkFeatures.builder(() -> FeaturesDifferentialTest.retailExtractors(asOf)).build()
                    .extract(tx).count();
            long t6 = System.nanoTime();
            double c6 = cpu();
            csv.unpersist();
            System.out.printf(Locale.ROOT, "rep %d process CPU: read+validate %.2f s, RFM %.2f s (%,.0f lines per "
                    + "CPU-second), 14 extractors %.2f s (%,.0f lines per CPU-second)%n", rep, c4 - c3, c5 - c4,
                    tx.size() / (c5 - c4), c6 - c5, tx.size() / (c6 - c5));
            System.out.printf(Locale.ROOT, "rep %d: %,d lines; core: read %.2f s, %d extractors %.2f s (%d tables, "
                    + "%d rfm cols); Spark local[2]: csv cached %.2f s, read+validate %.2f s, RFM only %.2f s "
                    + "(%,d entities, %,.0f lines/s), all %d extractors %.2f s (%,d entities, %,.0f lines/s)%n",
                    rep, tx.size(), (t1 - t0) / 1e9, ex.size(), (t2 - t1) / 1e9, core.size(),
                    rfmOnly.get(0).featureNames().size(), (t3 - t2) / 1e9, (t4 - t3) / 1e9, (t5 - t4) / 1e9, n1,
                    tx.size() / ((t5 - t4) / 1e9), ex.size(), (t6 - t5) / 1e9, n, tx.size() / ((t6 - t5) / 1e9));
        }
        SparkTesting.spark().stop();
    }
}
