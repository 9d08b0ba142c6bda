package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.sim.RetailSimulator;
import dev.segmentation.sim.Simulation;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, task (c): campaign response on simulator data with a known response mechanism. Customers come from the
 * retail simulator; their true response probability is a logistic function of their RFM features (below); responses
 * are drawn from it. Out-of-fold predicted probabilities of a gradient-boosted classifier are compared with the true
 * probabilities (mean absolute error, and calibration error by bins of the prediction), next to the constant base-rate
 * baseline and the oracle that knows the true probabilities.
 */
class CampaignResponseTest {
    /** The known mechanism: logit = -3.0 + 0.8 ln(1 + orders) - recency / 40 + 0.4 (ln(1 + order value) - 3). */
    static double trueProbability(double recency, double orders, double orderValue) {
        double logit = -3.0 + 0.8 * Math.log1p(orders) - recency / 40 + 0.4 * (Math.log1p(orderValue) - 3);
        return 1 / (1 + Math.exp(-logit));
    }

    @Test
    void predictedProbabilitiesMatchTheTrueOnes() {
        Simulation sim = RetailSimulator.builder().seed(16).entities(3000).weeks(52).build().simulate(1);
        FeatureTable x = Rfm.builder().build().extract(sim.transactions(), FitContext.seeded(1).withThreads(1));
        int n = x.rows();
        double[] p = new double[n];
        int[] y = new int[n];
        SplittableRandom rnd = new SplittableRandom(160);
        for (int i = 0; i < n; i++) {
            p[i] = trueProbability(x.get(i, Rfm.RECENCY_DAYS), x.get(i, Rfm.FREQUENCY_ORDERS),
                    x.get(i, Rfm.AVG_ORDER_VALUE));
            y[i] = rnd.nextDouble() < p[i] ? 1 : 0;
        }
        Classifier c = Classifier.gradientBoosting().nRounds(300).eta(0.05).maxDepth(3).minChildWeight(5)
                .earlyStoppingRounds(20).seed(1).build();
        CrossValidation.Result cv = CrossValidation.stratifiedKFold(c, x, y, 5, 7);
        double[] q = new double[n];
        double rate = 0;
        for (int i = 0; i < n; i++) {
            q[i] = cv.probabilities().get(i, 1);
            rate += (double) y[i] / n;
        }
        double maeModel = 0;
        double maeBase = 0;
        for (int i = 0; i < n; i++) {
            maeModel += Math.abs(q[i] - p[i]) / n;
            maeBase += Math.abs(rate - p[i]) / n;
        }
        // calibration against the truth: bins of the predicted probability, |mean predicted - mean true probability|
        double[] sumQ = new double[10];
        double[] sumP = new double[10];
        int[] cnt = new int[10];
        for (int i = 0; i < n; i++) {
            int b = Math.min(9, (int) (q[i] * 10));
            sumQ[b] += q[i];
            sumP[b] += p[i];
            cnt[b]++;
        }
        double eceTrue = 0;
        for (int b = 0; b < 10; b++) {
            eceTrue += cnt[b] == 0 ? 0 : Math.abs(sumQ[b] - sumP[b]) / n;
        }
        double aucModel = ClassificationMetrics.rocAuc(y, q);
        double aucOracle = ClassificationMetrics.rocAuc(y, p);
        double brierModel = ClassificationMetrics.brier(y, q);
        double brierOracle = ClassificationMetrics.brier(y, p);
        double eceObserved = ClassificationMetrics.expectedCalibrationError(y, q, 10);
        System.out.printf(Locale.ROOT, "[task c] %d customers, response rate %.4f; predicted vs true probability:"
                + " MAE %.4f (base-rate baseline %.4f), calibration error vs truth %.4f, ECE vs outcomes %.4f;"
                + " ROC AUC %.4f (oracle %.4f); Brier %.4f (oracle %.4f)%n", n, rate, maeModel, maeBase, eceTrue,
                eceObserved, aucModel, aucOracle, brierModel, brierOracle);
        assertTrue(maeModel < maeBase / 2, "MAE " + maeModel + " vs base rate " + maeBase);
        assertTrue(eceTrue < 0.03, "calibration error vs the true probability " + eceTrue);
        assertTrue(aucModel > aucOracle - 0.03, "AUC " + aucModel + " vs oracle " + aucOracle);
    }
}
