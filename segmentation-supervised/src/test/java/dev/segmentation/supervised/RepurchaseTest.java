package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.testing.OnlineRetailFixture;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, task (b) on UCI Online Retail: RFM features of a calibration window (all purchases before a cut-off 90
 * days before the end of the data) predict "buys again in the next 90 days", a real label taken from the window after
 * the cut-off (a time-based split: nothing after the cut-off enters the features). Stratified 5-fold cross-validation
 * over customers; baselines: the base rate (Brier, log loss, majority accuracy) and the RFM rule "more recent buyers
 * buy again" (score = -recency, ROC AUC and PR AUC).
 */
class RepurchaseTest {
    @Test
    void calibrationWindowPredictsRepurchase() {
        Transactions tx = OnlineRetailFixture.require().transactions;
        long lastDay = Math.floorDiv(tx.maxEpochSecond(), 86_400L);
        LocalDate cutoff = LocalDate.ofEpochDay(lastDay + 1 - 90);
        Instant cut = cutoff.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant start = Instant.ofEpochSecond(tx.minEpochSecond());
        FeatureTable x = Rfm.builder().cancelledOrderPrefix("C").asOf(cutoff).build()
                .extract(tx.between(start, cut), FitContext.seeded(1).withThreads(1));
        Transactions after = tx.between(cut, Instant.ofEpochSecond(tx.maxEpochSecond() + 1));
        Set<String> buyers = new HashSet<>();
        for (int r = 0; r < after.size(); r++) {
            if (after.quantity(r) > 0 && after.amount(r) > 0 && !after.orderId(r).startsWith("C")) {
                buyers.add(after.entityId(after.entityOf(r)));
            }
        }
        int n = x.rows();
        int[] y = new int[n];
        double[] negRecency = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = buyers.contains(x.entityId(i)) ? 1 : 0;
            negRecency[i] = -x.get(i, Rfm.RECENCY_DAYS);
        }
        Classifier c = Classifier.gradientBoosting().nRounds(300).eta(0.05).maxDepth(3).minChildWeight(5)
                .earlyStoppingRounds(20).seed(1).build();
        CrossValidation.Result cv = CrossValidation.stratifiedKFold(c, x, y, 5, 42);
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = cv.probabilities().get(i, 1);
        }
        ClassificationReport m = cv.report();
        ClassificationReport base = cv.baseline();
        double aucRule = ClassificationMetrics.rocAuc(y, negRecency);
        double apRule = ClassificationMetrics.averagePrecision(y, negRecency);
        List<ClassificationMetrics.GainsBin> gains = ClassificationMetrics.gains(y, q, 10);
        System.out.printf(Locale.ROOT, "[task b] cut-off %s: %d customers, %.4f buy again in 90 days; model ROC AUC"
                + " %.4f, PR AUC %.4f, Brier %.4f, log loss %.4f, accuracy %.4f, ECE %.4f; baselines: recency rule"
                + " ROC AUC %.4f, PR AUC %.4f, base rate Brier %.4f, log loss %.4f, majority accuracy %.4f; top decile"
                + " lift %.2f, top 3 deciles gain %.4f%n", cutoff, n, base.brier().isPresent() ? mean(y) : 0,
                m.rocAuc().getAsDouble(), m.averagePrecision().getAsDouble(), m.brier().getAsDouble(), m.logLoss(),
                m.accuracy(), ClassificationMetrics.expectedCalibrationError(y, q, 10), aucRule, apRule,
                base.brier().getAsDouble(), base.logLoss(), base.accuracy(), gains.get(0).lift(),
                gains.get(2).cumulativeGain());
        assertTrue(m.rocAuc().getAsDouble() > aucRule, "model AUC vs the recency rule");
        assertTrue(m.brier().getAsDouble() < base.brier().getAsDouble(), "Brier vs the base rate");
        assertTrue(m.logLoss() < base.logLoss(), "log loss vs the base rate");
        assertTrue(gains.get(0).lift() > 1.5, "top-decile lift " + gains.get(0).lift());
    }

    private static double mean(int[] y) {
        double s = 0;
        for (int v : y) {
            s += v;
        }
        return s / y.length;
    }
}
