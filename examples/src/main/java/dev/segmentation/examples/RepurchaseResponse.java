package dev.segmentation.examples;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.supervised.ClassificationMetrics;
import dev.segmentation.supervised.ClassificationReport;
import dev.segmentation.supervised.Classifier;
import dev.segmentation.supervised.ClassifierModel;
import dev.segmentation.supervised.ClassifierPipeline;
import dev.segmentation.supervised.CrossValidation;
import dev.segmentation.supervised.SegmentMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 16, task (b): who buys again? On UCI Online Retail, RFM features of a calibration window (every purchase
 * before a cut-off, as of the cut-off) predict "buys again in the next {@code horizon} days", a real label taken from
 * the window after the cut-off.
 *
 * <p>The main figure is out of time: the model is trained on the previous window (features as of {@code cut-off -
 * horizon}, label from {@code [cut-off - horizon, cut-off)}) and tested on the last one (features as of the cut-off,
 * label from {@code [cut-off, end)}), as it would be used. It stands beside three baselines: the training window's
 * base rate (majority class), the RFM rule "more recent buyers buy again" (score = -recency, for the ranking
 * metrics) and each customer's segment (RFM K-Means fitted on the training window; its training repurchase rate),
 * overall and per segment. A stratified k-fold cross-validation on the last window is printed for comparison. The
 * RFM extractor and the classifier are saved as one classifier-pipeline file and re-read to score the raw
 * transactions; the example checks the re-read file gives the same bits.
 */
@Command(name = "repurchase-response", mixinStandardHelpOptions = true,
        description = "Predicts who buys again in the next days from a calibration window (Online Retail).")
public final class RepurchaseResponse implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, description = "Online Retail CSV (gzip allowed). Default: ${DEFAULT-VALUE}")
    Path input = Path.of("examples/data/online_retail.csv.gz");

    @Option(names = "--horizon", description = "Days after the cut-off in which a purchase counts. Default:"
            + " ${DEFAULT-VALUE}")
    int horizon = 90;

    @Option(names = {"-k", "--segments"}, description = "Segments of the segment baseline. Default: ${DEFAULT-VALUE}")
    int k = 5;

    @Option(names = "--folds", description = "Cross-validation folds. Default: ${DEFAULT-VALUE}")
    int folds = 5;

    @Option(names = "--rounds", description = "Most boosting rounds (early stopping on 20). Default: ${DEFAULT-VALUE}")
    int rounds = 300;

    @Option(names = "--threads", description = "XGBoost threads. Default: ${DEFAULT-VALUE}")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-o", "--output"}, description = "Output folder. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("target/repurchase-response");

    @Option(names = "--seed", description = "Seed. Default: ${DEFAULT-VALUE}")
    long seed = 1;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RepurchaseResponse()).execute(args));
    }

    /** RFM of the purchases before {@code cut}, as of {@code cut}, and whether each customer buys in the next days. */
    private record Window(LocalDate cutoff, FeatureTable x, int[] y) {
    }

    private static Rfm rfm() {
        return Rfm.builder().cancelledOrderPrefix("C").build();
    }

    private Window window(Transactions tx, LocalDate cutoff) {
        Instant start = Instant.ofEpochSecond(tx.minEpochSecond());
        Instant cut = cutoff.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = cutoff.plusDays(horizon).atStartOfDay().toInstant(ZoneOffset.UTC);
        FeatureTable x = rfm().extract(tx.between(start, cut), FitContext.seeded(seed).withThreads(1)
                .withAsOf(cutoff));
        Transactions after = tx.between(cut, end);
        Set<String> buyers = new HashSet<>();
        for (int r = 0; r < after.size(); r++) {
            if (after.quantity(r) > 0 && after.amount(r) > 0 && !after.orderId(r).startsWith("C")) {
                buyers.add(after.entityId(after.entityOf(r)));
            }
        }
        int[] y = new int[x.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = buyers.contains(x.entityId(i)) ? 1 : 0;
        }
        return new Window(cutoff, x, y);
    }

    private Classifier classifier() {
        return Classifier.gradientBoosting().nRounds(rounds).eta(0.05).maxDepth(3).minChildWeight(5)
                .earlyStoppingRounds(20).seed(seed).nThread(threads).build();
    }

    @Override
    public Integer call() throws Exception {
        if (horizon < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--horizon must be >= 1 but was "
                    + horizon);
        }
        long t0 = System.nanoTime();
        Transactions tx = CsvPresets.onlineRetail().build().read(input);
        long lastDay = Math.floorDiv(tx.maxEpochSecond(), 86_400L);
        LocalDate cutoff = LocalDate.ofEpochDay(lastDay + 1 - horizon);
        Window train = window(tx, cutoff.minusDays(horizon));
        Window test = window(tx, cutoff);
        System.out.printf(Locale.ROOT, "Loaded %,d rows, %,d customers (%.1f s)%n", tx.size(), tx.entityCount(),
                (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "Training window: RFM as of %s, label = buys in [%s, %s): %d customers, rate"
                + " %.4f%n", train.cutoff(), train.cutoff(), cutoff, train.x().rows(), mean(train.y()));
        System.out.printf(Locale.ROOT, "Test window:     RFM as of %s, label = buys in [%s, %s): %d customers, rate"
                + " %.4f%n%n", cutoff, cutoff, cutoff.plusDays(horizon), test.x().rows(), mean(test.y()));

        // out of time: train on the previous window, test on the last one
        ClassifierModel model = classifier().fit(train.x(), train.y());
        DataMatrix p = model.probabilities(test.x());
        double[] q = column1(p);
        int[] y = test.y();
        ClassificationReport m = ClassificationReport.of(y, p);
        ClassificationReport base = ClassificationReport.majorityBaseline(train.y(), y, 2);
        double[] negRecency = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            negRecency[i] = -test.x().get(i, Rfm.RECENCY_DAYS);
        }
        double aucRule = ClassificationMetrics.rocAuc(y, negRecency);
        double apRule = ClassificationMetrics.averagePrecision(y, negRecency);

        // segment baseline: RFM K-Means fitted on the training window's features, its segments' training rates
        SegmentationModel seg = Segmenter.builder().scaling(Scaling.robust().log1p("frequency_orders", "monetary",
                "avg_order_value")).clusterer(KMeans.builder().k(k).nInit(10)).seed(seed).build().fit(train.x());
        int[] trainSeg = labels(seg.predict(train.x()), train.x());
        int[] testSeg = labels(seg.predict(test.x()), test.x());
        SegmentMetrics bySegment = SegmentMetrics.of(y, p, testSeg, train.y(), trainSeg);
        SegmentMetrics.Group all = bySegment.overall();

        System.out.printf(Locale.ROOT, "Out of time (%d rounds kept): trained on %d customers, tested on %d later%n",
                model.rounds(), train.x().rows(), y.length);
        System.out.printf(Locale.ROOT, "%-26s %8s %8s %8s %8s %8s %8s%n", "", "ROC AUC", "PR AUC", "Brier", "logloss",
                "accuracy", "ECE");
        System.out.printf(Locale.ROOT, "%-26s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f%n", "gradient boosting",
                m.rocAuc().getAsDouble(), m.averagePrecision().getAsDouble(), m.brier().getAsDouble(), m.logLoss(),
                m.accuracy(), ClassificationMetrics.expectedCalibrationError(y, q, 10));
        System.out.printf(Locale.ROOT, "%-26s %8s %8s %8.4f %8.4f %8.4f%n", "baseline: base rate", "0.5000",
                String.format(Locale.ROOT, "%.4f", mean(y)), base.brier().getAsDouble(), base.logLoss(),
                base.accuracy());
        System.out.printf(Locale.ROOT, "%-26s %8.4f %8.4f%n", "baseline: recency rule", aucRule, apRule);
        System.out.printf(Locale.ROOT, "%-26s %8.4f %8.4f %8.4f %8.4f %8.4f%n", "baseline: segment rate (k=" + k + ")",
                all.segmentRate().rocAuc().getAsDouble(), all.segmentRate().averagePrecision().getAsDouble(),
                all.segmentRate().brier().getAsDouble(), all.segmentRate().logLoss(), all.segmentRate().accuracy());
        List<ClassificationMetrics.GainsBin> gains = ClassificationMetrics.gains(y, q, 10);
        System.out.printf(Locale.ROOT, "Lift by decile:");
        for (ClassificationMetrics.GainsBin g : gains) {
            System.out.printf(Locale.ROOT, " %.2f", g.lift());
        }
        System.out.printf(Locale.ROOT, "%nCumulative gain, top 3 deciles: %.4f (random: 0.30)%n",
                gains.get(2).cumulativeGain());
        verdict("ROC AUC vs the recency rule", m.rocAuc().getAsDouble() > aucRule);
        verdict("ROC AUC vs the segment rate", m.rocAuc().getAsDouble() > all.segmentRate().rocAuc().getAsDouble());
        verdict("log loss vs the base rate", m.logLoss() < base.logLoss());
        verdict("log loss vs the segment rate", m.logLoss() < all.segmentRate().logLoss());
        verdict("accuracy vs the majority class", m.accuracy() > base.accuracy());
        System.out.printf(Locale.ROOT, "%nPer segment (out of time; baselines learnt on the training window):%n%s%n",
                bySegment);

        // the same window, stratified k-fold, for comparison
        CrossValidation.Result cv = CrossValidation.stratifiedKFold(classifier(), test.x(), y, folds, seed);
        System.out.printf(Locale.ROOT, "%nStratified %d-fold CV on the test window: ROC AUC %.4f, Brier %.4f, log loss"
                + " %.4f (base rate log loss %.4f)%n", folds, cv.report().rocAuc().getAsDouble(),
                cv.report().brier().getAsDouble(), cv.report().logLoss(), cv.baseline().logLoss());

        // outputs: confusion matrix (threshold 0.5), calibration curve, per-segment table, the model file
        ClassifierOutputs.confusion(output, "confusion", m.confusion(), List.of("no_repurchase", "repurchase"));
        ClassifierOutputs.calibration(output, "calibration", y, q, null, "gradient boosting, out of time");
        ClassifierOutputs.segments(output, "segments", bySegment);
        ClassifierPipeline pipeline = ClassifierPipeline.of(List.of(rfm()), model, seed);
        Path file = output.resolve("repurchase.pipeline.json");
        pipeline.write(file);
        Instant start = Instant.ofEpochSecond(tx.minEpochSecond());
        ClassifierPipeline.Scores s = ClassifierPipeline.read(file).score(tx.between(start,
                cutoff.atStartOfDay().toInstant(ZoneOffset.UTC)), cutoff);
        boolean same = s.entityIds().equals(test.x().entityIds()) && Arrays.equals(s.probabilities().toArray(),
                p.toArray());
        System.out.printf(Locale.ROOT, "%nWrote confusion.csv, confusion.png, calibration.png, segments.csv and %s"
                + " (%,d bytes) to %s; the re-read pipeline scores the raw transactions %s (%.1f s in all)%n",
                file.getFileName(), Files.size(file), output, same ? "with identical bits" : "DIFFERENTLY",
                (System.nanoTime() - t0) / 1e9);
        return same ? 0 : 4;
    }

    private static void verdict(String what, boolean beats) {
        System.out.printf(Locale.ROOT, "  %-34s %s%n", what + ":", beats ? "model better" : "model NOT better");
    }

    private static int[] labels(dev.segmentation.SegmentAssignments a, FeatureTable x) {
        int[] out = new int[x.rows()];
        for (int i = 0; i < out.length; i++) {
            OptionalInt l = a.label(x.entityId(i));
            out[i] = l.isPresent() ? l.getAsInt() : -1;
        }
        return out;
    }

    private static double[] column1(DataMatrix p) {
        double[] q = new double[p.rows()];
        for (int i = 0; i < q.length; i++) {
            q[i] = p.get(i, 1);
        }
        return q;
    }

    static double mean(int[] y) {
        double s = 0;
        for (int v : y) {
            s += v;
        }
        return s / y.length;
    }
}
