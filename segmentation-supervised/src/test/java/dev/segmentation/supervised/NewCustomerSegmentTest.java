package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Rfm;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.testing.OnlineRetailFixture;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, task (a) on UCI Online Retail: each customer's first 30, 60 and 90 days predict the segment that the
 * full-history RFM K-Means model (as in OnlineRetailSegmentation) gives. Checks, with 5-fold stratified
 * cross-validation, that the classifier beats both baselines (the majority segment, and the full-history model applied
 * to the early window itself), and that accuracy grows with the days observed. The figures are printed for the README.
 */
class NewCustomerSegmentTest {
    private static Transactions tx;
    private static SegmentationModel segments;

    @BeforeAll
    static void load() {
        long t0 = System.nanoTime();
        tx = OnlineRetailFixture.require().transactions;
        System.out.printf(Locale.ROOT, "[task a] load %.1f s%n", (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        LocalDate asOf = LocalDate.ofEpochDay(Math.floorDiv(tx.maxEpochSecond(), 86_400L) + 1);
        segments = Segmenter.builder()
                .features(Rfm.builder().cancelledOrderPrefix("C").asOf(asOf).build())
                .scaling(Scaling.robust().log1p("frequency_orders", "monetary", "avg_order_value"))
                .clusterer(KMeans.builder().k(5).nInit(10))
                .seed(42)
                .build()
                .fit(tx);
        System.out.printf(Locale.ROOT, "[task a] segmentation %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private record Row(int days, int customers, ClassificationReport model, ClassificationReport majority,
            ClassificationReport segmentOfWindow) {
    }

    private static Row run(int days) {
        EarlyBehaviour early = EarlyBehaviour.firstDays(days, "C");
        FeatureTable x = early.extract(tx);
        int[] y = new int[x.rows()];
        for (int i = 0; i < y.length; i++) {
            OptionalInt s = segments.label(x.entityId(i));
            assertTrue(s.isPresent(), "customer " + x.entityId(i) + " has a purchase but no segment");
            y[i] = s.getAsInt();
        }
        long t0 = System.nanoTime();
        Classifier c = Classifier.gradientBoosting().nRounds(60).eta(0.1).maxDepth(4).seed(42).build();
        CrossValidation.Result cv = CrossValidation.stratifiedKFold(c, x, y, 3, 42);
        System.out.printf(Locale.ROOT, "[task a] cv %.1f s%n", (System.nanoTime() - t0) / 1e9);
        // the naive baseline: the full-history model applied to the early window, as of the window's end
        SegmentAssignments a = segments.predict(early.alignedWindows(tx));
        int k = segments.segmentCount();
        int[] naive = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            OptionalInt s = a.label(x.entityId(i));
            naive[i] = s.isPresent() && s.getAsInt() >= 0 ? s.getAsInt() : 0;
        }
        return new Row(days, x.rows(), cv.report(), cv.baseline(), ClassificationReport.ofPredictions(y, naive, k));
    }

    @Test
    void earlyBehaviourPredictsTheFullHistorySegment() {
        Map<Integer, Row> rows = new LinkedHashMap<>();
        for (int days : new int[] {30, 60, 90}) {
            Row r = run(days);
            rows.put(days, r);
            System.out.printf(Locale.ROOT, "[task a] first %d days: %d customers; model accuracy %.4f, balanced %.4f,"
                    + " macro F1 %.4f, log loss %.4f; majority baseline accuracy %.4f; full-history model on the"
                    + " window accuracy %.4f, macro F1 %.4f%n", days, r.customers(), r.model().accuracy(),
                    r.model().balancedAccuracy(), r.model().macroF1(), r.model().logLoss(), r.majority().accuracy(),
                    r.segmentOfWindow().accuracy(), r.segmentOfWindow().macroF1());
            assertTrue(r.model().accuracy() > r.majority().accuracy() + 0.1, days + " days: " + r.model());
            assertTrue(r.model().accuracy() > r.segmentOfWindow().accuracy(), days + " days: " + r.model());
            assertTrue(r.model().logLoss() < r.majority().logLoss());
        }
        assertTrue(rows.get(90).model().accuracy() > rows.get(30).model().accuracy(),
                "accuracy grows from 30 to 90 days");
        assertEquals(5, rows.get(30).model().classCount());
    }
}
