package dev.segmentation.supervised;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.supervised.ClassificationMetrics.Average;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The metrics of class probabilities against the truth in one object: accuracy, balanced accuracy, macro and
 * weighted F1, log loss, the confusion matrix, per-class precision, recall, F1 and support (per segment, when the
 * classes are segments), and for two classes ROC AUC, average precision and the Brier score. Predictions are the
 * most probable class (the lowest on ties). Definitions are scikit-learn's (see {@link ClassificationMetrics}).
 *
 * <p>{@link #majorityBaseline(int[], int[], int)} gives the same report for the baseline that predicts the training
 * class shares for every row, so a model's figures stand next to it. Immutable; O(n log n + k^2).
 */
public final class ClassificationReport {
    private final int k;
    private final double accuracy;
    private final double balancedAccuracy;
    private final double macroF1;
    private final double weightedF1;
    private final double logLoss;
    private final ConfusionMatrix confusion;
    private final double[] precision;
    private final double[] recall;
    private final double[] f1;
    private final double rocAuc;
    private final double averagePrecision;
    private final double brier;

    private ClassificationReport(int[] truth, DataMatrix p) {
        this.k = p.cols();
        int[] pred = argmax(p);
        this.accuracy = ClassificationMetrics.accuracy(truth, pred);
        this.balancedAccuracy = ClassificationMetrics.balancedAccuracy(truth, pred);
        this.macroF1 = ClassificationMetrics.f1(truth, pred, Average.MACRO);
        this.weightedF1 = ClassificationMetrics.f1(truth, pred, Average.WEIGHTED);
        this.logLoss = ClassificationMetrics.logLoss(truth, p);
        this.confusion = ConfusionMatrix.of(truth, pred, k);
        this.precision = new double[k];
        this.recall = new double[k];
        this.f1 = new double[k];
        for (int c = 0; c < k; c++) {
            precision[c] = ClassificationMetrics.precision(confusion, c);
            recall[c] = ClassificationMetrics.recall(confusion, c);
            f1[c] = ClassificationMetrics.f1(confusion, c);
        }
        if (k == 2) {
            double[] p1 = new double[truth.length];
            for (int i = 0; i < p1.length; i++) {
                p1[i] = p.get(i, 1);
            }
            boolean both = confusion.support(0) > 0 && confusion.support(1) > 0;
            this.rocAuc = both ? ClassificationMetrics.rocAuc(truth, p1) : Double.NaN;
            this.averagePrecision = confusion.support(1) > 0 ? ClassificationMetrics.averagePrecision(truth, p1)
                    : Double.NaN;
            this.brier = ClassificationMetrics.brier(truth, p1);
        } else {
            this.rocAuc = Double.NaN;
            this.averagePrecision = Double.NaN;
            this.brier = Double.NaN;
        }
    }

    /**
     * The report of {@code probabilities} (rows x k) against {@code truth}.
     *
     * @throws IllegalArgumentException when the rows differ, there are none, a truth label is not a column (an
     *     unseen class), or a probability is not in [0, 1]
     */
    public static ClassificationReport of(int[] truth, DataMatrix probabilities) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(probabilities, "probabilities");
        return new ClassificationReport(truth, probabilities);
    }

    /**
     * The report of the majority-class baseline: every row gets the class shares of {@code trainingLabels} as its
     * probabilities (so it predicts the majority class).
     *
     * @throws IllegalArgumentException when a label is outside {@code 0..k-1}
     */
    public static ClassificationReport majorityBaseline(int[] trainingLabels, int[] truth, int k) {
        Objects.requireNonNull(trainingLabels, "trainingLabels");
        double[] share = new double[k];
        for (int i = 0; i < trainingLabels.length; i++) {
            ClassificationMetrics.checkLabel("trainingLabels", i, trainingLabels[i], k);
            share[trainingLabels[i]] += 1.0 / trainingLabels.length;
        }
        double[] v = new double[truth.length * k];
        for (int i = 0; i < truth.length; i++) {
            System.arraycopy(share, 0, v, i * k, k);
        }
        return of(truth, DataMatrix.wrap(truth.length, k, v));
    }

    /**
     * The report of hard predictions as one-hot probabilities (e.g. a rule such as "the segment stays the same"); its
     * log loss is that of probabilities 0 and 1, clipped, so it is large whenever a prediction is wrong.
     */
    public static ClassificationReport ofPredictions(int[] truth, int[] predicted, int k) {
        ClassificationMetrics.checkPair(truth, predicted);
        double[] v = new double[truth.length * k];
        for (int i = 0; i < truth.length; i++) {
            ClassificationMetrics.checkLabel("predicted", i, predicted[i], k);
            v[i * k + predicted[i]] = 1;
        }
        return of(truth, DataMatrix.wrap(truth.length, k, v));
    }

    static int[] argmax(DataMatrix p) {
        int n = p.rows();
        int k = p.cols();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (p.get(i, c) > p.get(i, best)) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** The number of classes. */
    public int classCount() {
        return k;
    }

    /** Share of rows whose most probable class is the true one. */
    public double accuracy() {
        return accuracy;
    }

    /** Mean recall over the classes present in truth. */
    public double balancedAccuracy() {
        return balancedAccuracy;
    }

    /** Unweighted mean F1 over classes present in truth or predictions. */
    public double macroF1() {
        return macroF1;
    }

    /** Support-weighted mean F1. */
    public double weightedF1() {
        return weightedF1;
    }

    /** Mean negative log-likelihood of the true class. */
    public double logLoss() {
        return logLoss;
    }

    /** True class against predicted class. */
    public ConfusionMatrix confusion() {
        return confusion;
    }

    /** Precision of each class (a copy). */
    public double[] precision() {
        return precision.clone();
    }

    /** Recall of each class (a copy). */
    public double[] recall() {
        return recall.clone();
    }

    /** F1 of each class (a copy). */
    public double[] f1() {
        return f1.clone();
    }

    /** ROC AUC of class 1's probability; empty for more than two classes or when truth holds one class. */
    public OptionalDouble rocAuc() {
        return Double.isNaN(rocAuc) ? OptionalDouble.empty() : OptionalDouble.of(rocAuc);
    }

    /** Average precision (PR AUC) of class 1; empty for more than two classes or without positives. */
    public OptionalDouble averagePrecision() {
        return Double.isNaN(averagePrecision) ? OptionalDouble.empty() : OptionalDouble.of(averagePrecision);
    }

    /** Brier score of class 1's probability; empty for more than two classes. */
    public OptionalDouble brier() {
        return Double.isNaN(brier) ? OptionalDouble.empty() : OptionalDouble.of(brier);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
                "accuracy %.4f, balanced accuracy %.4f, macro F1 %.4f, weighted F1 %.4f, log loss %.4f", accuracy,
                balancedAccuracy, macroF1, weightedF1, logLoss));
        if (k == 2) {
            b.append(String.format(java.util.Locale.ROOT, ", ROC AUC %.4f, PR AUC %.4f, Brier %.4f", rocAuc,
                    averagePrecision, brier));
        }
        return b.toString();
    }
}
