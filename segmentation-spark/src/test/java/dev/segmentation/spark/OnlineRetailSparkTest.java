package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.scala.DefaultScalaModule$;
import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.Features;
import dev.segmentation.features.Rfm;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.io.SegmentationModels;
import dev.segmentation.scaling.Scaling;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UCI Online Retail (bundled with the examples) through Spark local[2] against core: every feature bit for bit, the
 * fitted model (labels, centres, profiles) and the broadcast scoring. The CSV is read by Spark once per class.
 */
class OnlineRetailSparkTest {
    private static Dataset<Row> csv;
    private static Transactions coreTx;
    private static SparkTransactions tx;
    private static LocalDate asOf;

    @BeforeAll
    static void read() throws IOException {
        Path file = SparkTesting.onlineRetail();
        coreTx = CsvPresets.onlineRetail().category("Country").build().read(file);
        // the gzip file is one input split: spread the rows over both local cores once, so the jobs that re-read
        // the cached rows run two tasks, not one
        csv = SparkTesting.csv(file).repartition(2).persist(StorageLevel.MEMORY_ONLY());
        tx = SparkTransactions.read(csv, ColumnMapping.onlineRetail().category("Country").build());
        // the brief's recipe for RFM at scale: the global last date first, then an explicit as-of date
        asOf = LocalDate.ofEpochDay(Math.floorDiv(tx.maxEpochSecond(), 86_400L) + 1);
    }

    @AfterAll
    static void release() {
        if (csv != null) {
            csv.unpersist();
        }
    }

    static Rfm rfm(LocalDate asOf) {
        return Features.rfm(Rfm.builder().cancelledOrderPrefix("C").asOf(asOf));
    }

    @Test
    void readingCountsTheSameRowsAndRejectionsAsCoresCsvReader() {
        assertEquals(coreTx.size(), tx.size());
        assertEquals(coreTx.rejected().total(), tx.rejectedTotal());
        assertEquals(coreTx.rejected().count(RowProblem.BLANK_ENTITY),
                tx.rejectedCounts().get(RowProblem.BLANK_ENTITY));
        assertTrue(tx.rejectedExamples().get(0).endsWith(", column entity: entity id is null or blank, value null"),
                tx.rejectedExamples().get(0));
        assertEquals(coreTx.minEpochSecond(), tx.minEpochSecond());
        assertEquals(coreTx.maxEpochSecond(), tx.maxEpochSecond());
        assertTrue(tx.hasItems());
        assertTrue(tx.hasCategories());
    }

    @Test
    void everyExtractorMatchesCoreBitForBit() {
        LocalDate a = asOf;
        SparkFeatures features = SparkFeatures.builder(() -> FeaturesDifferentialTest.retailExtractors(a)).build();
        Map<String, double[]> spark = SparkTesting.collect(features.extract(tx));
        long compared = SparkTesting.assertSameBits(
                FeaturesDifferentialTest.core(coreTx, FeaturesDifferentialTest.retailExtractors(a)), spark);
        assertEquals(4338, spark.size());
        assertEquals(spark.size() * (long) features.featureNames().size(), compared);
    }

    private static Segmenter.Builder settings() {
        return Segmenter.builder()
                .scaling(Scaling.robust().log1p("frequency_orders", "monetary", "avg_order_value"))
                .clusterer(KMeans.builder().k(5).nInit(4)).seed(42).threads(1);
    }

    @Test
    void collectedFitIsCoresModelAndBroadcastScoringIsCoresPredict(@TempDir Path dir) throws IOException {
        LocalDate a = asOf;
        SegmentationModel core = settings().features(rfm(a)).build().fit(coreTx);
        Dataset<Row> features = SparkFeatures.builder(() -> List.of(rfm(a))).build().extract(tx)
                .persist(StorageLevel.MEMORY_ONLY());
        SegmentationModel spark = SparkSegmentation.fit(settings().build(), features);

        assertEquals(core.entityIds(), spark.entityIds());
        assertArrayEquals(core.labels(), spark.labels());
        KMeansModel kc = (KMeansModel) core.clusterModel();
        KMeansModel ks = (KMeansModel) spark.clusterModel();
        assertArrayEquals(kc.centreRows(), ks.centreRows());
        assertEquals(Double.doubleToLongBits(kc.inertia()), Double.doubleToLongBits(ks.inertia()));
        for (int s = 0; s < core.segmentCount(); s++) {
            assertArrayEquals(core.profile(s).means(), spark.profile(s).means());
            assertEquals(core.profile(s).size(), spark.profile(s).size());
        }

        // scoring: the model broadcast as its file bytes, applied per partition, equals core's predict
        SegmentAssignments expected = core.predict(coreTx);
        Map<String, Integer> want = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            want.put(expected.entityIds().get(i), expected.labels()[i]);
        }
        SparkScorer scorer = SparkScorer.of(SparkTesting.spark(), spark);
        Map<String, Integer> got = labels(scorer.score(features));
        assertEquals(want, got);

        // the same from a model file written by segmentation-io (Jackson) and read on the executors, and as a
        // Spark ML Transformer inside a Pipeline
        Path file = dir.resolve("model.json");
        SegmentationModels.write(core, file);
        SegmentTransformer transformer = new SegmentTransformer(SparkScorer.read(SparkTesting.spark(), file));
        PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {transformer}).fit(features);
        assertEquals(want, labels(pipeline.transform(features)));
        features.unpersist();

        // scoring raw lines: the core model's own extractors on the executors, at the lines' scoring date
        Map<String, Integer> fromLines = labels(SparkScorer.of(SparkTesting.spark(), core).scoreTransactions(tx));
        assertEquals(want, fromLines);
    }

    private static Map<String, Integer> labels(Dataset<Row> scored) {
        Map<String, Integer> out = new HashMap<>();
        for (Row r : scored.select("entity", SparkScorer.SEGMENT, SparkScorer.STATUS, SparkScorer.SEGMENT_NAME)
                .collectAsList()) {
            assertEquals("assigned", r.getString(2));
            assertTrue(!r.getString(3).isBlank());
            out.put(r.getString(0), r.getInt(1));
        }
        return out;
    }

    @Test
    void assignmentTableEqualsCorePredictForEveryEntity() {
        LocalDate a = asOf;
        // minOrders(2) removes one-order customers; RFM leaves customers with only cancellations undescribed
        SegmentationModel core = settings().eligibility(Eligibility.none().minOrders(2)).features(rfm(a)).build()
                .fit(coreTx);
        SegmentAssignments expected = core.predict(coreTx);
        assertTrue(!expected.notEligible().isEmpty() && !expected.notDescribed().isEmpty(),
                "the case must exercise both exclusions");
        Instant at = Instant.parse("2026-12-06T10:15:30.123Z");
        SparkScorer scorer = SparkScorer.of(SparkTesting.spark(), core).withScoredAt(at).withModelVersion("2026-12");
        Dataset<Row> table = scorer.assignments(tx).persist(StorageLevel.MEMORY_ONLY());
        assertEquals(List.of("entity", "segment", "segment_name", "strength", "outlier_score", "status",
                "eligibility_rule", "model_id", "model_version", "scored_at"), List.of(table.schema().fieldNames()));
        Map<Integer, String> names = new HashMap<>();
        core.profiles().forEach(p -> names.put(p.segment(), p.name()));
        List<Row> rows = table.collectAsList();
        assertEquals(coreTx.entityCount(), rows.size(), "one row per entity of the lines");
        Map<String, Row> byEntity = new HashMap<>();
        for (Row r : rows) {
            assertTrue(byEntity.put(r.getString(0), r) == null, "entity " + r.getString(0) + " twice");
        }
        int assigned = 0;
        for (String id : coreTx.entityIds()) {
            Row r = byEntity.get(id);
            SegmentAssignments.Status st = expected.status(id);
            switch (st) {
                case ASSIGNED:
                    int label = expected.label(id).getAsInt();
                    assertEquals(label, r.getInt(1), id);
                    assertEquals(names.get(label), r.getString(2), id);
                    assertEquals(label < 0 ? "noise" : "assigned", r.getString(5), id);
                    assertTrue(r.isNullAt(6), id);
                    assigned++;
                    break;
                case NOT_ELIGIBLE:
                    assertEquals("not_eligible", r.getString(5), id);
                    assertEquals(expected.notEligible().get(id), r.getString(6), id);
                    assertTrue(r.isNullAt(1) && r.isNullAt(2), id);
                    break;
                case NOT_DESCRIBED:
                    assertEquals("not_described", r.getString(5), id);
                    assertTrue(r.isNullAt(1) && r.isNullAt(6), id);
                    break;
                default:
                    throw new AssertionError(id + ": unexpected core status " + st);
            }
            assertTrue(r.isNullAt(3) && r.isNullAt(4), id + ": K-Means gives no strength, predict no outlier score");
            assertEquals(scorer.modelId(), r.getString(7));
            assertEquals("2026-12", r.getString(8));
            assertEquals(at.toEpochMilli(), ((java.sql.Timestamp) r.get(9)).getTime());
        }
        assertEquals(expected.size(), assigned);

        table.unpersist();
    }

    @Test
    void jacksonModuleScalaAcceptsTheJacksonVersionIoUses() throws Exception {
        // jackson-module-scala refuses a jackson-databind of another minor version when it is registered; Spark
        // registers it for its own JSON (plans, event logs). Both must work in one JVM.
        ObjectMapper mapper = new ObjectMapper().registerModule(DefaultScalaModule$.MODULE$);
        assertEquals("{\"a\":1}", mapper.writeValueAsString(Map.of("a", 1)));
        assertEquals(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(),
                DefaultScalaModule$.MODULE$.version().toString());
        List<String> json = csv.limit(2).toJSON().collectAsList();
        assertEquals(2, json.size());
        assertTrue(json.get(0).contains("\"InvoiceNo\""));
    }

    @Test
    void scoringRefusesFeaturesWithoutATrainingColumn() {
        LocalDate a = asOf;
        SegmentationModel model = settings().features(rfm(a)).build().fit(coreTx);
        SparkScorer scorer = SparkScorer.of(SparkTesting.spark(), model);
        Dataset<Row> features = SparkFeatures.builder(() -> List.of(rfm(a))).build().extract(tx).drop("monetary");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scorer.score(features));
        assertTrue(e.getMessage().startsWith("the training feature column 'monetary' is not in the input; its "
                + "columns are [entity, recency_days"), e.getMessage());
    }
}
