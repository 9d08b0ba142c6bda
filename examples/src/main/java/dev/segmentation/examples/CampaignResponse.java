package dev.segmentation.examples;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.RetailSimulator;
import dev.segmentation.sim.Simulation;
import dev.segmentation.supervised.ClassificationMetrics;
import dev.segmentation.supervised.ClassificationReport;
import dev.segmentation.supervised.Classifier;
import dev.segmentation.supervised.CrossValidation;
import dev.segmentation.supervised.SegmentMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 16, task (c): campaign response on simulated customers with a known response mechanism, so the predicted
 * probabilities can be checked against the true ones. Customers come from the retail simulator; each one's true
 * response probability is a logistic function of its RFM features ({@link #trueProbability}); responses are drawn
 * from it. A gradient-boosted classifier's out-of-fold probabilities (stratified k-fold) are compared with the true
 * probabilities: mean absolute error, and the calibration error against the truth (over 10 bins of the prediction,
 * the row-weighted |mean predicted - mean true probability|), beside the base rate, the segment rates (RFM K-Means;
 * in-sample rates, which favours that baseline) and the oracle that knows the true probabilities.
 */
@Command(name = "campaign-response", mixinStandardHelpOptions = true,
        description = "Campaign response on simulated customers, calibration checked against the true probabilities.")
public final class CampaignResponse implements Callable<Integer> {
    @Option(names = "--customers", description = "Simulated customers. Default: ${DEFAULT-VALUE}")
    int customers = 3000;

    @Option(names = "--weeks", description = "Simulated weeks. Default: ${DEFAULT-VALUE}")
    int weeks = 52;

    @Option(names = {"-k", "--segments"}, description = "Segments of the segment baseline. Default: ${DEFAULT-VALUE}")
    int k = 5;

    @Option(names = "--folds", description = "Cross-validation folds. Default: ${DEFAULT-VALUE}")
    int folds = 5;

    @Option(names = "--threads", description = "XGBoost threads. Default: ${DEFAULT-VALUE}")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-o", "--output"}, description = "Output folder. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("target/campaign-response");

    @Option(names = "--seed", description = "Seed. Default: ${DEFAULT-VALUE}")
    long seed = 16;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CampaignResponse()).execute(args));
    }

    /** The known mechanism: logit = -3.0 + 0.8 ln(1 + orders) - recency / 40 + 0.4 (ln(1 + order value) - 3). */
    static double trueProbability(double recency, double orders, double orderValue) {
        double logit = -3.0 + 0.8 * Math.log1p(orders) - recency / 40 + 0.4 * (Math.log1p(orderValue) - 3);
        return 1 / (1 + Math.exp(-logit));
    }

    /** The row-weighted |mean predicted - mean true probability| over 10 equal-width bins of the prediction. */
    static double calibrationErrorVsTruth(double[] q, double[] p) {
        double[] sumQ = new double[10];
        double[] sumP = new double[10];
        for (int i = 0; i < q.length; i++) {
            int b = 0;
            while (b < 9 && (b + 1) * 0.1 < q[i]) {
                b++;
            }
            sumQ[b] += q[i];
            sumP[b] += p[i];
        }
        double e = 0;
        for (int b = 0; b < 10; b++) {
            e += Math.abs(sumQ[b] - sumP[b]) / q.length;
        }
        return e;
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Simulation sim = RetailSimulator.builder().seed(seed).entities(customers).weeks(weeks).build().simulate(1);
        FeatureTable x = Rfm.builder().build().extract(sim.transactions(), FitContext.seeded(seed).withThreads(1));
        int n = x.rows();
        double[] p = new double[n];
        int[] y = new int[n];
        SplittableRandom rnd = new SplittableRandom(seed * 10);
        for (int i = 0; i < n; i++) {
            p[i] = trueProbability(x.get(i, Rfm.RECENCY_DAYS), x.get(i, Rfm.FREQUENCY_ORDERS),
                    x.get(i, Rfm.AVG_ORDER_VALUE));
            y[i] = rnd.nextDouble() < p[i] ? 1 : 0;
        }
        Classifier c = Classifier.gradientBoosting().nRounds(300).eta(0.05).maxDepth(3).minChildWeight(5)
                .earlyStoppingRounds(20).seed(1).nThread(threads).build();
        CrossValidation.Result cv = CrossValidation.stratifiedKFold(c, x, y, folds, seed);
        double[] q = new double[n];
        double rate = 0;
        for (int i = 0; i < n; i++) {
            q[i] = cv.probabilities().get(i, 1);
            rate += (double) y[i] / n;
        }
        SegmentationModel seg = Segmenter.builder().scaling(Scaling.robust().log1p("frequency_orders", "monetary",
                "avg_order_value")).clusterer(KMeans.builder().k(k).nInit(10)).seed(seed).build().fit(x);
        SegmentAssignments a = seg.predict(x);
        int[] segOf = new int[n];
        for (int i = 0; i < n; i++) {
            OptionalInt l = a.label(x.entityId(i));
            segOf[i] = l.isPresent() ? l.getAsInt() : -1;
        }
        double[] segRate = new double[n];
        SegmentMetrics bySegment = SegmentMetrics.of(y, cv.probabilities(), segOf, y, segOf);
        for (int i = 0; i < n; i++) {
            for (SegmentMetrics.Group g : bySegment.segments()) {
                if (g.segment() == segOf[i]) {
                    long[] cc = g.classCounts();
                    segRate[i] = (double) cc[1] / g.rows();
                }
            }
        }
        double[] base = new double[n];
        java.util.Arrays.fill(base, rate);
        ClassificationReport m = cv.report();
        System.out.printf(Locale.ROOT, "%d simulated customers over %d weeks; true response mechanism known; response"
                + " rate %.4f (%.1f s)%n%n", n, weeks, rate, (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "%-30s %9s %11s %8s %8s %8s%n", "predicted vs true probability", "MAE",
                "calib.error", "ROC AUC", "Brier", "logloss");
        row("gradient boosting (out of fold)", q, p, y);
        row("baseline: base rate", base, p, y);
        row("baseline: segment rate (k=" + k + ")", segRate, p, y);
        row("oracle: true probability", p, p, y);
        System.out.printf(Locale.ROOT, "ECE against the outcomes: model %.4f, oracle %.4f%n",
                ClassificationMetrics.expectedCalibrationError(y, q, 10),
                ClassificationMetrics.expectedCalibrationError(y, p, 10));
        double maeModel = mae(q, p);
        double maeSeg = mae(segRate, p);
        System.out.printf(Locale.ROOT, "  %-40s %s%n", "MAE vs the base rate:", maeModel < mae(base, p)
                ? "model better" : "model NOT better");
        System.out.printf(Locale.ROOT, "  %-40s %s%n", "MAE vs the segment rate:", maeModel < maeSeg
                ? "model better" : "model NOT better");
        System.out.printf(Locale.ROOT, "  %-40s %s%n", "log loss vs the segment rate:",
                m.logLoss() < bySegment.overall().segmentRate().logLoss() ? "model better" : "model NOT better");
        System.out.printf(Locale.ROOT, "%nPer segment (segment baseline in-sample):%n%s%n", bySegment);
        ClassifierOutputs.confusion(output, "confusion", m.confusion(), List.of("no_response", "response"));
        ClassifierOutputs.calibration(output, "calibration", y, q, p, "gradient boosting, out of fold");
        ClassifierOutputs.segments(output, "segments", bySegment);
        System.out.printf(Locale.ROOT, "%nWrote confusion.csv, confusion.png, calibration.png (with the true"
                + " probability per bin) and segments.csv to %s (%.1f s in all)%n", output,
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static void row(String name, double[] q, double[] p, int[] y) {
        System.out.printf(Locale.ROOT, "%-30s %9.4f %11.4f %8.4f %8.4f %8.4f%n", name, mae(q, p),
                calibrationErrorVsTruth(q, p), ClassificationMetrics.rocAuc(y, q), ClassificationMetrics.brier(y, q),
                ClassificationMetrics.logLoss(y, q));
    }

    private static double mae(double[] q, double[] p) {
        double s = 0;
        for (int i = 0; i < q.length; i++) {
            s += Math.abs(q[i] - p[i]) / q.length;
        }
        return s;
    }
}
