package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.ModelParts;
import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.Events;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.FittedScaler;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import dev.segmentation.testing.SyntheticRetail;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engagement extractor reading the event table given to fit and predict ({@link Features#engagement()}): same
 * numbers as the fixed-table form, saved and restored as plain data, and a clear error when the events are missing.
 */
class EngagementFromEventsTest {
    private static final long DAY = 86_400L;
    private static final long START = java.time.LocalDate.of(2011, 1, 1).toEpochDay() * DAY;

    /** Events for customers c0..c(n-1) (some have none) plus a stranger absent from the transactions. */
    private static Events events(int customers, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Events.Builder b = Events.builder();
        for (int c = 0; c < customers; c++) {
            if (c % 7 == 3) {
                continue;
            }
            int n = 1 + rnd.nextInt(30);
            for (int i = 0; i < n; i++) {
                b.add("c" + c, START + rnd.nextInt(300) * DAY + rnd.nextInt(80_000), i % 3 == 0 ? "cart" : "view");
            }
        }
        b.add("stranger", START, "view");
        return b.build();
    }

    private static Segmenter segmenter() {
        return Segmenter.builder().features(Rfm.builder().cancelledOrderPrefix("C").build(), Features.engagement())
                .scaling(Scaling.robust().log1p("monetary")).clusterer(KMeans.builder().k(4)).seed(11).build();
    }

    @Test
    void readsTheFramesEventsAndGivesTheFixedTablesNumbers() {
        Transactions tx = SyntheticRetail.transactions(150, 5);
        Events ev = events(150, 1);
        SegmentationModel model = segmenter().fit(tx, ev);
        FeatureTable fixed = Features.engagement(ev).extract(tx, FitContext.seeded(1));
        FeatureTable fitted = model.features();
        for (int r = 0; r < fitted.rows(); r++) {
            int row = fixed.entityIds().indexOf(fitted.entityId(r));
            for (String col : List.of(Engagement.EVENTS_PER_ACTIVE_DAY, Engagement.EVENTS_PER_ORDER)) {
                assertEquals(fixed.get(row, fixed.findColumn(col).orElseThrow()),
                        fitted.get(r, fitted.findColumn(col).orElseThrow()), 0, col + " of " + fitted.entityId(r));
            }
        }
    }

    @Test
    void aModelWithEngagementIsSavedAndRestoredAndScoresTheSame() {
        Transactions tx = SyntheticRetail.transactions(150, 5);
        Transactions next = SyntheticRetail.transactions(60, 6);
        SegmentationModel model = segmenter().fit(tx, events(150, 1));
        StepState state = Steps.state(model.extractors().get(1));
        assertEquals("engagement", state.type());
        FeatureExtractor back = Steps.restore(state, FeatureExtractor.class);
        assertNull(((Engagement) back).events());
        SegmentationModel rebuilt = ModelParts.builder()
                .extractors(List.of(Steps.restore(Steps.state(model.extractors().get(0)), Rfm.class), back))
                .featureNames(model.features().featureNames())
                .scaler(Steps.restore(Steps.state(model.scaler()), FittedScaler.class))
                .clusterModel(Steps.restore(Steps.state(model.clusterModel()), KMeansModel.class))
                .profiles(model.profiles()).seed(model.diagnostics().seed()).build();
        Events nextEvents = events(60, 2);
        SegmentAssignments a = model.predict(next, nextEvents);
        SegmentAssignments b = rebuilt.predict(next, nextEvents);
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.entityIds(), b.entityIds());
        // the model reads the events it is given: the same as scoring features computed with those events
        FitContext one = FitContext.seeded(1);
        FeatureTable raw = model.extractors().get(0).extract(next, one)
                .join(Features.engagement(nextEvents).extract(next, one));
        assertArrayEquals(a.labels(), model.predict(raw).labels());
    }

    @Test
    void missingEventsAreAnErrorNamingTheCalls() {
        Transactions tx = SyntheticRetail.transactions(80, 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> segmenter().fit(tx));
        assertEquals("Engagement[events_per_active_day, events_per_order] needs an event table, but none was given: "
                + "fit with Segmenter.fit(transactions, events) and score with SegmentationModel.predict("
                + "transactions, events)", e.getMessage());
        SegmentationModel model = segmenter().fit(tx, events(80, 1));
        assertEquals(e.getMessage(), assertThrows(IllegalStateException.class, () -> model.predict(tx))
                .getMessage());
        assertEquals("Features.engagement() reads the event table given to the fit or predict call "
                + "(Segmenter.fit(transactions, events), SegmentationModel.predict(transactions, events)); to extract "
                + "directly, use Features.engagement(events)", assertThrows(IllegalStateException.class,
                        () -> Features.engagement().extract(tx, FitContext.seeded(1))).getMessage());
        assertEquals("events", assertThrows(NullPointerException.class, () -> segmenter().fit(tx, null))
                .getMessage());
    }

    @Test
    void aFixedEventTableIsStillRefusedAtBuildTimeWithTheCure() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Segmenter.builder()
                .features(Features.engagement(events(10, 1))).clusterer(KMeans.builder().k(2)).build());
        assertEquals("the model would not be saveable: the engagement extractor holds an events table, which a model "
                + "file does not store; use Features.engagement() and give the events to Segmenter.fit(transactions, "
                + "events) and SegmentationModel.predict(transactions, events), or compute engagement features and fit "
                + "a FeatureTable (call allowUnsaveableSteps() to fit such a model anyway)", e.getMessage());
    }
}
