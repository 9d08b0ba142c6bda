package dev.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.embedding.Pca;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.Features;
import dev.segmentation.features.Rfm;
import dev.segmentation.scaling.Scaling;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SegmenterTest {
    static final long DAY = 86_400L;
    static final long START = LocalDate.of(2011, 1, 1).toEpochDay() * DAY;

    /** Three customer groups: frequent big spenders, occasional buyers, lapsed one-off buyers. */
    static List<Object[]> rows(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Object[]> rows = new ArrayList<>();
        int order = 0;
        for (int c = 0; c < 90; c++) {
            int group = c % 3;
            int orders = group == 0 ? 20 + rnd.nextInt(5) : group == 1 ? 4 + rnd.nextInt(2) : 1;
            for (int o = 0; o < orders; o++) {
                long day = group == 2 ? rnd.nextInt(30) : 300 - rnd.nextInt(group == 0 ? 60 : 200);
                double amount = group == 0 ? 500 + rnd.nextInt(100) : group == 1 ? 60 + rnd.nextInt(20) : 20;
                rows.add(new Object[] {"c" + c, START + day * DAY + rnd.nextInt(80_000), "o" + (order++), 1.0,
                    amount});
            }
        }
        return rows;
    }

    static Transactions build(List<Object[]> rows) {
        Transactions.Builder b = Transactions.builder();
        for (Object[] r : rows) {
            b.add((String) r[0], (Long) r[1], (String) r[2], (Double) r[3], (Double) r[4]);
        }
        return b.build();
    }

    static Segmenter.Builder segmenter() {
        return Segmenter.builder()
                .features(Features.rfm())
                .scaling(Scaling.robust().log1p("monetary", "avg_order_value"))
                .clusterer(KMeans.builder().k(3).nInit(4))
                .seed(7);
    }

    @Test
    void segmentsTransactionsEndToEnd() {
        Transactions tx = build(rows(1));
        SegmentationModel model = segmenter().build().fit(tx);
        assertEquals(90, model.entityIds().size());
        assertEquals(3, model.segmentCount());
        int[] labels = model.labels();
        // the three behaviour groups are recovered exactly
        for (int c = 0; c < 90; c++) {
            int first = model.label("c" + (c % 3)).getAsInt();
            assertEquals(first, model.label("c" + c).getAsInt(), "customer c" + c);
        }
        double share = 0;
        double valueShare = 0;
        int size = 0;
        for (SegmentProfile p : model.profiles()) {
            share += p.share();
            valueShare += p.valueShare().getAsDouble();
            size += p.size();
            assertEquals(30, p.size());
        }
        assertEquals(1.0, share, 1e-12);
        assertEquals(1.0, valueShare, 1e-12);
        assertEquals(labels.length, size);
        SegmentProfile top = model.profile(model.label("c0").getAsInt());
        assertTrue(top.mean("frequency_orders") >= 20, top.toString());
        assertEquals(Rfm.defaults().featureNames(), model.features().featureNames());
        assertEquals(7L, model.diagnostics().seed());
        assertEquals(tx.size(), model.diagnostics().transactionRows());
    }

    @Test
    void predictOnTrainingTransactionsGivesTheTrainingLabels() {
        Transactions tx = build(rows(2));
        SegmentationModel model = segmenter().build().fit(tx);
        SegmentAssignments again = model.predict(tx);
        assertEquals(model.entityIds(), again.entityIds());
        assertArrayEquals(model.labels(), again.labels());
    }

    @Test
    void sameSeedAnyThreadCountAndAnyRowOrderGiveTheSameModel() {
        List<Object[]> rows = rows(3);
        SegmentationModel a = segmenter().threads(1).build().fit(build(rows));
        List<Object[]> shuffled = new ArrayList<>(rows);
        java.util.Collections.shuffle(shuffled, new java.util.Random(11));
        SegmentationModel b = segmenter().threads(3).build().fit(build(shuffled));
        assertEquals(a.entityIds(), b.entityIds());
        assertArrayEquals(a.labels(), b.labels());
        for (int i = 0; i < a.profiles().size(); i++) {
            assertArrayEquals(a.profiles().get(i).means(), b.profiles().get(i).means());
        }
    }

    @Test
    void fitsAFeatureTableWithAnEmbedding() {
        SegmentationModel base = segmenter().build().fit(build(rows(4)));
        FeatureTable features = base.features();
        SegmentationModel model = Segmenter.builder().scaling(Scaling.standard()).embedding(Pca.components(2))
                .clusterer(KMeans.builder().k(3)).seed(5).build().fit(features);
        assertEquals(2, model.embedding().get().outputDimension());
        assertArrayEquals(model.labels(), model.predict(features).labels());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.predict(build(rows(4))));
        assertTrue(e.getMessage().startsWith("this model was fitted on a feature table"), e.getMessage());
    }

    @Test
    void entitiesThatNoExtractorCanDescribeAreCounted() {
        List<Object[]> rows = rows(5);
        rows.add(new Object[] {"returner", START + 10 * DAY, "r1", -1.0, -20.0});
        SegmentationModel model = segmenter().build().fit(build(rows));
        assertEquals(1, model.diagnostics().entitiesNotDescribed());
        assertEquals(91, model.diagnostics().entitiesIn());
        assertTrue(model.label("returner").isEmpty());
    }

    @Test
    void eligibilityFiltersAtFitAndPredictReportsIneligibleEntities() {
        Transactions tx = build(rows(8));
        SegmentationModel model = segmenter().eligibility(Eligibility.none().minOrders(2))
                .clusterer(KMeans.builder().k(2)).build().fit(tx);
        assertEquals(60, model.entityIds().size());
        assertEquals(30, model.diagnostics().entitiesIneligible());
        assertEquals(java.util.Map.of("MIN_ORDERS", 30), model.diagnostics().ineligibleByRule());
        SegmentAssignments predicted = model.predict(tx);
        assertEquals(60, predicted.size());
        assertEquals(SegmentAssignments.Status.NOT_ELIGIBLE, predicted.status("c2"));
        assertEquals("MIN_ORDERS", predicted.notEligible().get("c2"));
        assertTrue(predicted.label("c2").isEmpty());
        assertEquals(SegmentAssignments.Status.ASSIGNED, predicted.status("c0"));
        assertEquals(SegmentAssignments.Status.UNKNOWN, predicted.status("nobody"));
        assertArrayEquals(model.labels(), predicted.labels());
    }

    @Test
    void eligibilityThatRemovesEveryoneFailsWithCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> segmenter().eligibility(Eligibility.none().minOrders(1000)).build().fit(build(rows(1))));
        assertTrue(e.getMessage().startsWith("no entity passed the eligibility filter"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(90 entities examined, removed per rule {MIN_ORDERS=90})"),
                e.getMessage());
    }

    @Test
    void undescribedEntitiesAreReportedAtPredict() {
        List<Object[]> rows = rows(9);
        SegmentationModel model = segmenter().build().fit(build(rows));
        rows.add(new Object[] {"returner", START + 10 * DAY, "r1", -1.0, -20.0});
        SegmentAssignments p = model.predict(build(rows));
        assertEquals(List.of("returner"), p.notDescribed());
        assertEquals(SegmentAssignments.Status.NOT_DESCRIBED, p.status("returner"));
    }

    @Test
    void emptyTransactionsFailAtFitWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> segmenter().build().fit(Transactions.builder().build()));
        assertEquals("cannot fit on empty transactions: there are no rows", e.getMessage());
        Transactions allBad = Transactions.builder().onInvalidRow(dev.segmentation.data.InvalidRowPolicy.SKIP)
                .add("", START, "o", 1, 1).build();
        e = assertThrows(IllegalArgumentException.class, () -> segmenter().build().fit(allBad));
        assertEquals("cannot fit on empty transactions: there are no rows (1 rows were rejected: "
                + "{BLANK_ENTITY=1})", e.getMessage());
    }

    @Test
    void emptyFeatureTableFails() {
        FeatureTable empty = FeatureTable.of(List.of(), List.of("x"), new double[0]);
        assertEquals("cannot fit on an empty feature table: it has no entities",
                assertThrows(IllegalArgumentException.class, () -> segmenter().build().fit(empty)).getMessage());
    }

    @Test
    void nonFiniteFeatureNamesEntityAndFeature() {
        FeatureTable bad = FeatureTable.of(List.of("a", "b", "c", "d"), List.of("x", "y"),
                new double[] {1, 2, 3, 4, 5, Double.NaN, 7, 8});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> segmenter().build().fit(bad));
        assertEquals("feature value of entity 'c', feature 'y' is NaN; clustering needs finite values "
                + "(check the extractor's missing-value policy)", e.getMessage());
    }

    @Test
    void builderValidatesEagerly() {
        assertEquals("threads must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Segmenter.builder().threads(0)).getMessage());
        assertEquals("no clusterer configured: call clusterer(...), e.g. clusterer(KMeans.builder().k(5))",
                assertThrows(IllegalStateException.class, () -> Segmenter.builder().build()).getMessage());
        assertEquals("feature 'recency_days' is produced by two extractors", assertThrows(
                IllegalArgumentException.class, () -> Segmenter.builder().features(Features.rfm(), Features.rfm()))
                .getMessage());
        assertEquals("value feature name must not be blank", assertThrows(IllegalArgumentException.class,
                () -> Segmenter.builder().valueFeature(" ")).getMessage());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Segmenter.builder().clusterer(KMeans.builder().k(2)).build().fit(build(rows(1))));
        assertEquals("no feature extractor configured: call features(...) before fitting transactions, "
                + "or fit a FeatureTable", e.getMessage());
    }

    @Test
    void unknownValueFeatureIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> segmenter().valueFeature("revenue").build().fit(build(rows(1))));
        assertEquals("value feature 'revenue' is not among the features [recency_days, frequency_orders, "
                + "monetary, avg_order_value, tenure_days]", e.getMessage());
    }

    @Test
    void namerNamesSegmentsFromProfiles() {
        SegmentationModel model = segmenter().namer((segment, profiles) -> {
            double best = -1;
            int top = -1;
            for (SegmentProfile p : profiles) {
                if (p.mean("monetary") > best) {
                    best = p.mean("monetary");
                    top = p.segment();
                }
            }
            return segment == top ? "High Value" : "Other " + segment;
        }).build().fit(build(rows(6)));
        assertEquals("High Value", model.profile(model.label("c0").getAsInt()).name());
    }
}
