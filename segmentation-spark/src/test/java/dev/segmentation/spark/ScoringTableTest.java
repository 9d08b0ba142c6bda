package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.Features;
import dev.segmentation.features.Rfm;
import dev.segmentation.scaling.Scaling;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scored table of an HDBSCAN model (strengths, noise) against core's predict, across partitionings, with the
 * SKU feature-store naming ({@code sku_cluster}); and the errors of the table's settings.
 */
class ScoringTableTest {
    private static final List<String> NAMES = List.of("trend", "cv");
    private static SegmentationModel model;
    private static FeatureTable fresh;
    private static List<Row> rows;

    @BeforeAll
    static void fit() {
        SplittableRandom rnd = new SplittableRandom(11);
        double[][] centre = {{0, 0}, {6, 0}, {0, 6}};
        int n = 450;
        String[] ids = new String[n];
        double[] x = new double[n * 2];
        for (int i = 0; i < n; i++) {
            ids[i] = String.format("sku%04d", i);
            for (int c = 0; c < 2; c++) {
                x[i * 2 + c] = centre[i % 3][c] + 0.5 * rnd.nextGaussian();
            }
        }
        model = Segmenter.builder().scaling(Scaling.standard()).clusterer(Hdbscan.builder().minClusterSize(20))
                .seed(1).threads(1).build().fit(FeatureTable.wrap(ids, NAMES.toArray(new String[0]), x));
        // new SKUs: near the blobs, between them and far away (noise)
        int m = 120;
        String[] nid = new String[m];
        double[] nx = new double[m * 2];
        rows = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            nid[i] = String.format("new%04d", i);
            double a = i % 4 == 3 ? 20 + rnd.nextDouble() * 10 : centre[i % 3][0] + rnd.nextGaussian();
            double b = i % 4 == 3 ? -15 : centre[i % 3][1] + rnd.nextGaussian();
            nx[i * 2] = a;
            nx[i * 2 + 1] = b;
            rows.add(RowFactory.create(nid[i], a, b));
        }
        fresh = FeatureTable.wrap(nid, NAMES.toArray(new String[0]), nx);
    }

    private static Dataset<Row> features(int partitions) {
        return SparkTesting.spark().createDataFrame(rows, SparkFeatures.schema(NAMES)).repartition(partitions);
    }

    @Test
    void hdbscanTableEqualsCorePredictWithStrengthsAndNoiseForAnyPartitioning(@TempDir Path dir) {
        SegmentAssignments expected = model.predict(fresh);
        assertTrue(expected.counts().get(0)[0] == -1, "the case must have noise rows");
        Instant at = Instant.parse("2026-01-31T23:00:00Z");
        SparkScorer scorer = SparkScorer.of(SparkTesting.spark(), model).withSegmentColumn("sku_cluster")
                .withModelVersion("v7").withScoredAt(at);
        for (int p : new int[] {1, 3, 7}) {
            Dataset<Row> table = scorer.assignments(features(p));
            assertEquals(List.of("entity", "sku_cluster", "segment_name", "strength", "outlier_score", "status",
                    "eligibility_rule", "model_id", "model_version", "scored_at"),
                    List.of(table.schema().fieldNames()));
            Map<String, Row> got = new HashMap<>();
            for (Row r : table.collectAsList()) {
                got.put(r.getString(0), r);
            }
            assertEquals(fresh.rows(), got.size());
            double[] strengths = expected.strengths().orElseThrow();
            double[] outliers = expected.outlierScores().orElseThrow();
            int[] labels = expected.labels();
            for (int i = 0; i < labels.length; i++) {
                String id = expected.entityIds().get(i);
                Row r = got.get(id);
                assertEquals(labels[i], r.getInt(1), id + ", " + p + " partitions");
                assertEquals(Double.doubleToLongBits(strengths[i]), Double.doubleToLongBits(r.getDouble(3)), id);
                assertEquals(labels[i] < 0 ? "noise" : "assigned", r.getString(5), id);
                assertEquals(labels[i] < 0 ? "Noise" : model.profile(labels[i]).name(), r.getString(2), id);
                // approximate GLOSH, for assigned and noise rows, the bits of core's predict
                assertEquals(Double.doubleToLongBits(outliers[i]), Double.doubleToLongBits(r.getDouble(4)), id);
                assertTrue(r.isNullAt(6), id);
                assertEquals("v7", r.getString(8));
                assertEquals(Timestamp.from(at), r.get(9));
            }
        }
        // the feature-store table written as Parquet reads back the same
        Dataset<Row> table = scorer.assignments(features(3));
        String out = dir.resolve("sku_segments.parquet").toString();
        table.write().parquet(out);
        Dataset<Row> back = SparkTesting.spark().read().parquet(out);
        assertEquals(List.of(table.schema().fieldNames()), List.of(back.schema().fieldNames()));
        assertEquals(fresh.rows(), back.count());
        assertEquals(0, back.exceptAll(table).count());

        // score() keeps the input columns and adds the same columns
        Dataset<Row> scored = scorer.score(features(2));
        assertEquals(List.of("entity", "trend", "cv", "sku_cluster", "segment_name", "strength", "outlier_score",
                "status", "model_id", "model_version", "scored_at"), List.of(scored.schema().fieldNames()));
        double[] outliers = expected.outlierScores().orElseThrow();
        double noiseMin = 1;
        double assignedMin = 1;
        for (Row r : scored.select("entity", "sku_cluster", "outlier_score").collectAsList()) {
            int i = expected.entityIds().indexOf(r.getString(0));
            assertEquals(Double.doubleToLongBits(outliers[i]), Double.doubleToLongBits(r.getDouble(2)),
                    r.getString(0));
            if (r.getInt(1) < 0) {
                noiseMin = Math.min(noiseMin, r.getDouble(2));
            } else {
                assignedMin = Math.min(assignedMin, r.getDouble(2));
            }
        }
        // the far SKUs are noise and score near 1, SKUs at the blobs' heart near 0
        assertTrue(noiseMin > 0.5 && assignedMin < 0.2, "noise from " + noiseMin + ", assigned from " + assignedMin);
    }

    /**
     * The lines path (features extracted in Spark, then scored) with an HDBSCAN model: every entity's row equals
     * core's predict, the outlier score of assigned and noise rows included, null for the excluded ones.
     */
    @Test
    void hdbscanLinesTableCarriesCoresOutlierScoresForAssignedAndNoiseRows() {
        SplittableRandom rnd = new SplittableRandom(5);
        Transactions.Builder b = Transactions.builder();
        long t0 = LocalDate.of(2021, 1, 4).toEpochDay() * 86_400;
        for (int e = 0; e < 240; e++) {
            int orders = e % 40 == 0 ? 1 : 2 + (e % 3) * 3 + rnd.nextInt(2);
            double spend = e % 3 == 0 ? 15 : e % 3 == 1 ? 60 : 240;
            for (int o = 0; o < orders; o++) {
                long ts = t0 + (long) rnd.nextInt(360) * 86_400L;
                b.add("c" + e, ts, "o" + e + "-" + o, 1 + rnd.nextInt(3), spend * (0.8 + 0.4 * rnd.nextDouble()),
                        "i" + rnd.nextInt(30), "g" + (e % 2));
            }
        }
        // an entity with a return only: not described by RFM
        for (int o = 0; o < 3; o++) {
            b.add("returner", t0 + (o + 1) * 86_400L, "C-r" + o, 1, 10.0, "i1", "g0");
        }
        Transactions coreTx = b.build();
        LocalDate asOf = LocalDate.of(2022, 1, 1);
        SegmentationModel core = Segmenter.builder().eligibility(Eligibility.none().minOrders(2))
                .features(Features.rfm(Rfm.builder().cancelledOrderPrefix("C").asOf(asOf)))
                .scaling(Scaling.robust().log1p("frequency_orders", "monetary"))
                .clusterer(Hdbscan.builder().minClusterSize(10)).seed(1).threads(1).build().fit(coreTx);
        SegmentAssignments expected = core.predict(coreTx, asOf);
        double[] outliers = expected.outlierScores().orElseThrow();
        assertTrue(!expected.notEligible().isEmpty() && !expected.notDescribed().isEmpty()
                && expected.counts().get(0)[0] == -1, "the case must have exclusions and noise: " + expected.counts());
        SparkTransactions tx = SparkTransactions.read(SparkTesting.toDataFrame(coreTx, 3),
                SparkTesting.txMapping().build());
        Map<String, Row> got = new HashMap<>();
        for (Row r : SparkScorer.of(SparkTesting.spark(), core).assignments(tx, asOf).collectAsList()) {
            got.put(r.getString(0), r);
        }
        assertEquals(coreTx.entityCount(), got.size());
        List<String> ids = expected.entityIds();
        for (int i = 0; i < ids.size(); i++) {
            Row r = got.get(ids.get(i));
            assertEquals(expected.labels()[i], r.getInt(1), ids.get(i));
            assertEquals(Double.doubleToLongBits(expected.strengths().orElseThrow()[i]),
                    Double.doubleToLongBits(r.getDouble(3)), ids.get(i));
            assertEquals(Double.doubleToLongBits(outliers[i]), Double.doubleToLongBits(r.getDouble(4)), ids.get(i));
        }
        for (String id : expected.notEligible().keySet()) {
            assertEquals("not_eligible", got.get(id).getString(5), id);
            assertTrue(got.get(id).isNullAt(4), id);
        }
        assertEquals("not_described", got.get("returner").getString(5));
        assertTrue(got.get("returner").isNullAt(4));
    }

    @Test
    void tableSettingsRefuseBadValues() {
        SparkScorer scorer = SparkScorer.of(SparkTesting.spark(), model);
        assertEquals("segment column 'status' is the name of another output column",
                assertThrows(IllegalArgumentException.class, () -> scorer.withSegmentColumn("status")).getMessage());
        assertEquals("segment column must be non-blank but was ' '",
                assertThrows(IllegalArgumentException.class, () -> scorer.withSegmentColumn(" ")).getMessage());
        assertEquals("model version must be non-blank but was null",
                assertThrows(IllegalArgumentException.class, () -> scorer.withModelVersion(null)).getMessage());
        assertEquals(model.provenance().fittedAt().toString(), scorer.modelVersion());
        Dataset<Row> taken = features(1).withColumn("scored_at", org.apache.spark.sql.functions.lit(1));
        assertEquals("the input already has a column 'scored_at', which scoring adds; rename or drop it",
                assertThrows(IllegalArgumentException.class, () -> scorer.score(taken)).getMessage());
        assertEquals("this model was fitted on a feature table: it has no extractors; score feature rows with "
                + "score(features)", assertThrows(IllegalStateException.class, () -> scorer.assignments(
                        SparkTransactions.read(SparkTesting.toDataFrame(
                                dev.segmentation.data.Transactions.builder().add("c", 0L, "o", 1, 1).build(), 1), SparkTesting.txMapping().build())))
                        .getMessage());
    }
}
