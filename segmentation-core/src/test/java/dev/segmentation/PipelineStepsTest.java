package dev.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.FeatureFilter;
import dev.segmentation.features.Features;
import dev.segmentation.features.Period;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.pipeline.PipelineStep;
import dev.segmentation.scaling.FittedScaler;
import dev.segmentation.state.Steps;
import dev.segmentation.testing.SyntheticRetail;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The step pipeline of issue 12: one loop, feature filters, the scoring date, saveability at build time. */
class PipelineStepsTest {
    private static final Transactions TX = SyntheticRetail.transactions(60, 3);

    @Test
    void theSegmenterListsItsStepsInPipelineOrderAndTheModelKeepsTheFittedOnes() {
        Segmenter s = Segmenter.builder().features(Features.rfm(), Features.activity(Period.MONTH))
                .filter(FeatureFilter.atLeast("frequency_orders", 2)).clusterer(KMeans.builder().k(3)).seed(4).build();
        List<PipelineStep> steps = s.steps();
        assertEquals(List.of("features", "features", "filter", "scale", "cluster"),
                steps.stream().map(PipelineStep::stage).toList());
        SegmentationModel m = s.fit(TX);
        assertEquals(List.of("features", "features", "filter", "scale", "cluster"),
                m.steps().stream().map(FittedStep::stage).toList());
        assertTrue(m.steps().get(3) instanceof FittedScaler);
        assertEquals(List.of("fit", "features/0", "features/1", "filter", "scale", "cluster"),
                List.copyOf(m.provenance().stageSeeds().keySet()));
        assertEquals(5, m.provenance().settings().size());
        assertTrue(m.provenance().settings().get(4).startsWith("KMeans[k=3, nInit=10, maxIter=300"),
                m.provenance().settings().get(4));
        assertFalse(m.provenance().jvm().isBlank());
    }

    @Test
    void aFeatureFilterRemovesEntitiesAndPredictReportsThemAsFiltered() {
        Segmenter s = Segmenter.builder().features(Features.rfm())
                .filter(FeatureFilter.atLeast("frequency_orders", 3).andAtMost("recency_days", 400))
                .clusterer(KMeans.builder().k(2)).seed(4).build();
        SegmentationModel m = s.fit(TX);
        FeatureTable raw = Features.rfm().extract(TX, FitContext.seeded(1));
        int kept = 0;
        for (int r = 0; r < raw.rows(); r++) {
            if (raw.get(r, "frequency_orders") >= 3 && raw.get(r, "recency_days") <= 400) {
                kept++;
            }
        }
        assertEquals(kept, m.labels().length);
        assertEquals(raw.rows() - kept, m.diagnostics().filteredByRule().values().stream().mapToInt(i -> i).sum());
        SegmentAssignments a = m.predict(TX);
        assertEquals(kept, a.size());
        for (int r = 0; r < raw.rows(); r++) {
            String id = raw.entityId(r);
            if (raw.get(r, "frequency_orders") < 3) {
                assertEquals(SegmentAssignments.Status.FILTERED, a.status(id));
                assertEquals("frequency_orders >= 3.0", a.filtered().get(id));
            }
        }
        // the filter also applies when scoring a feature table
        assertEquals(kept, m.predict(raw).size());
    }

    @Test
    void aFeatureFilterIsOneSpecOneFittedClassAndOneFactory() {
        FeatureFilter f = FeatureFilter.atLeast("mean", 1.5).andAtMost("cv", 2);
        assertEquals(f, Steps.restore(Steps.state(f)));
        assertEquals(List.of("mean >= 1.5", "cv <= 2.0"), f.rules());
        assertEquals("feature filter on 'x': the bound must be finite but was NaN",
                assertThrows(IllegalArgumentException.class, () -> FeatureFilter.atLeast("x", Double.NaN))
                        .getMessage());
        assertEquals("feature filter: the feature name must not be blank",
                assertThrows(IllegalArgumentException.class, () -> FeatureFilter.atMost(" ", 1)).getMessage());
        Segmenter s = Segmenter.builder().features(Features.rfm()).filter(FeatureFilter.atLeast("nope", 1))
                .clusterer(KMeans.builder().k(2)).build();
        assertEquals("feature filter rule 'nope >= 1.0' names no feature of [recency_days, frequency_orders,"
                + " monetary, avg_order_value, tenure_days]",
                assertThrows(IllegalArgumentException.class, () -> s.fit(TX)).getMessage());
        Segmenter none = Segmenter.builder().features(Features.rfm())
                .filter(FeatureFilter.atLeast("frequency_orders", 1e9)).clusterer(KMeans.builder().k(2)).build();
        assertEquals("no entity passed the feature filter [frequency_orders >= 1.0E9] (" + TX.entityCount()
                + " entities examined)", assertThrows(IllegalArgumentException.class, () -> none.fit(TX)).getMessage());
    }

    @Test
    void aModelFittedWithAFixedAsOfScoresLaterData() {
        LocalDate end = LocalDate.ofEpochDay(Math.floorDiv(TX.maxEpochSecond(), 86_400L) + 1);
        SegmentationModel m = Segmenter.builder().features(Rfm.builder().asOf(end).build())
                .clusterer(KMeans.builder().k(3)).seed(9).build().fit(TX);
        // the same customers, every row shifted 200 days later: before issue 12, predict threw on any purchase
        // after the fixed as-of date
        Transactions later = shift(TX, 200);
        SegmentAssignments shifted = m.predict(later);
        assertArrayEquals(m.predict(TX).labels(), shifted.labels(),
                "recency is measured at the new data's day after last date, so a pure shift changes nothing");
        // an explicit scoring date: recency grows by the extra days
        SegmentAssignments at = m.predict(later, end.plusDays(200 + 30));
        FeatureTable f = at.features();
        FeatureTable g = shifted.features();
        for (int r = 0; r < f.rows(); r++) {
            assertEquals(g.get(r, "recency_days") + 30, f.get(r, "recency_days"), 0.0);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.predict(later, end)).getMessage()
                .contains("after the as-of date"));
    }

    @Test
    void anUnsaveableStepIsRefusedAtBuildTimeUnlessAllowed() {
        Segmenter.Builder b = Segmenter.builder().features(Rfm.builder().cancelledOrders(id -> id.endsWith("7"))
                .build()).clusterer(KMeans.builder().k(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().startsWith("the model would not be saveable: this Rfm flags cancelled orders with"
                + " an arbitrary predicate"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(call allowUnsaveableSteps() to fit such a model anyway)"));
        assertEquals(2, b.allowUnsaveableSteps().build().fit(TX).segmentCount());
        FeatureExtractor custom = new FeatureExtractor() {
            @Override
            public List<String> featureNames() {
                return List.of("one");
            }

            @Override
            public FeatureTable extract(Transactions t, FitContext c) {
                return FeatureTable.wrap(t.entityIds().toArray(new String[0]), new String[] {"one"},
                        new double[t.entityCount()]);
            }
        };
        assertTrue(assertThrows(IllegalStateException.class, () -> Segmenter.builder().features(custom)
                .clusterer(KMeans.builder().k(2)).build()).getMessage().contains("no StepFactory on the class path"
                        + " describes it"));
    }

    @Test
    void declarativeCancelledOrderRulesRoundTripAndMatchThePredicate() {
        Rfm pattern = Rfm.builder().cancelledOrderPattern("C[0-9]*7").build();
        Rfm ids = Rfm.builder().cancelledOrderIds(List.of("C7", "17")).build();
        Rfm predicate = Rfm.builder().cancelledOrders(id -> id.matches("C[0-9]*7")).build();
        FitContext c = FitContext.seeded(1);
        assertEquals(predicate.extract(TX, c), pattern.extract(TX, c));
        assertEquals(pattern.extract(TX, c), ((Rfm) Steps.restore(Steps.state(pattern))).extract(TX, c));
        assertEquals(ids.extract(TX, c), ((Rfm) Steps.restore(Steps.state(ids))).extract(TX, c));
        assertEquals("cancelledOrderPattern 'a*' matches the empty string", assertThrows(
                IllegalArgumentException.class, () -> Rfm.builder().cancelledOrderPattern("a*")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rfm.builder().cancelledOrderPattern("("))
                .getMessage().startsWith("cancelledOrderPattern '(' is not a regular expression"));
        assertEquals("cancelledOrderIds must not be empty", assertThrows(IllegalArgumentException.class,
                () -> Rfm.builder().cancelledOrderIds(List.of())).getMessage());
    }

    @Test
    void everyBuiltInExtractorSavesAndRestoresToTheSameFeatures() {
        FitContext c = FitContext.seeded(1);
        Transactions tx = dev.segmentation.sim.RetailSimulator.builder().seed(1).entities(40).weeks(60).build()
                .simulate(1).transactions();
        for (FeatureExtractor e : List.of(Features.demandStats(Period.WEEK), Features.trend(Period.MONTH),
                Features.seasonality(Period.MONTH), Features.stlStrengths(Period.MONTH).withShortSeriesValue(Double.NaN),
                Features.monthlyProfile(), Features.stability(Period.WEEK),
                Features.entropy(dev.segmentation.features.Entropy.Over.ITEM), Features.growth(),
                Features.demandClass(Period.WEEK), Features.activity(Period.MONTH), Features.assortment(),
                Features.distinctCategories(), Features.categoryFocus())) {
            FeatureExtractor back = (FeatureExtractor) Steps.restore(Steps.state(e));
            assertEquals(e.toString(), back.toString());
            assertEquals(e.extract(tx, c), back.extract(tx, c), e.toString());
        }
    }

    /** {@code t} with every row {@code days} later. */
    static Transactions shift(Transactions t, int days) {
        int n = t.size();
        String[] ids = new String[n];
        long[] sec = new long[n];
        String[] orders = new String[n];
        double[] q = new double[n];
        double[] a = new double[n];
        for (int r = 0; r < n; r++) {
            ids[r] = t.entityId(t.entityOf(r));
            sec[r] = t.epochSecond(r) + days * 86_400L;
            orders[r] = t.orderId(r);
            q[r] = t.quantity(r);
            a[r] = t.amount(r);
        }
        return Transactions.ofColumns(ids, sec, orders, q, a, null, null);
    }

    @Test
    void aSegmenterFitIsCancelledByItsTokenBetweenOrWithinSteps() {
        dev.segmentation.fit.CancellationToken token = new dev.segmentation.fit.CancellationToken();
        token.cancel();
        Segmenter s = Segmenter.builder().features(Features.rfm()).clusterer(KMeans.builder().k(2))
                .cancellation(token).build();
        assertThrows(dev.segmentation.fit.FitCancelledException.class, () -> s.fit(TX));
        dev.segmentation.fit.CancellationToken late = new dev.segmentation.fit.CancellationToken();
        Segmenter t = Segmenter.builder().features(Features.rfm()).clusterer(KMeans.builder().k(2))
                .cancellation(late).listener((stage, done, total) -> {
                    if (stage.equals("scale") && done == 1) {
                        late.cancel();
                    }
                }).build();
        assertThrows(dev.segmentation.fit.FitCancelledException.class, () -> t.fit(TX));
    }
}
