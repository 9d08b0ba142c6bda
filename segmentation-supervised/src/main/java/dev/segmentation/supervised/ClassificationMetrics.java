package dev.segmentation.supervised;

import dev.segmentation.data.DataMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Classification metrics with scikit-learn's definitions (version 1.2.1), checked against its outputs to 1e-12
 * (see ClassificationMetricsTest): accuracy, balanced accuracy, precision, recall and F1 (per class, macro and
 * weighted), ROC curve and ROC AUC (ties grouped, intermediate collinear points dropped, trapezoidal area),
 * average precision (PR AUC as scikit-learn's step sum), log loss (probabilities clipped to [eps, 1 - eps] with
 * eps = 2^-52 and renormalised), Brier score, one-vs-rest macro ROC AUC, plus the calibration curve and the
 * cumulative gains and lift by decile of marketing.
 *
 * <p>Labels are class indices {@code >= 0}; binary metrics want 0/1 truth and a score for class 1. Where scikit-learn
 * divides by zero (no row predicted or true for a class) the value is 0, as its {@code zero_division} default.
 * Sums run in row order in double precision. Each method is O(n) or O(n log n) (sorting scores) plus O(k^2).
 * Stateless and thread-safe.
 */
public final class ClassificationMetrics {
    private ClassificationMetrics() {
    }

    /** How per-class scores combine into one: unweighted mean, or mean weighted by each class's true rows. */
    public enum Average {
        /** The unweighted mean over the classes that occur in truth or predictions. */
        MACRO,
        /** The mean weighted by support (rows of the true class). */
        WEIGHTED
    }

    /** A curve as x and y arrays of equal length, with the threshold of each point. */
    public record Curve(double[] x, double[] y, double[] thresholds) {
    }

    /**
     * One quantile bin of rows ranked by decreasing score (bin 0 holds the highest scores).
     *
     * @param rows rows in the bin
     * @param positives positive rows in the bin
     * @param responseRate positives / rows
     * @param cumulativeGain share of all positives found in bins 0..this
     * @param lift responseRate / overall positive rate
     * @param cumulativeLift cumulative response rate / overall positive rate
     */
    public record GainsBin(int bin, int rows, long positives, double responseRate, double cumulativeGain,
            double lift, double cumulativeLift) {
    }

    /** Share of rows predicted right. @throws IllegalArgumentException when the lengths differ or are 0 */
    public static double accuracy(int[] truth, int[] predicted) {
        checkPair(truth, predicted);
        long ok = 0;
        for (int i = 0; i < truth.length; i++) {
            ok += truth[i] == predicted[i] ? 1 : 0;
        }
        return (double) ok / truth.length;
    }

    /**
     * The mean recall over the classes that occur in truth (scikit-learn's {@code balanced_accuracy_score}).
     *
     * @throws IllegalArgumentException when the lengths differ or are 0, or a label is negative
     */
    public static double balancedAccuracy(int[] truth, int[] predicted) {
        ConfusionMatrix c = ConfusionMatrix.of(truth, predicted, classCount(truth, predicted));
        double sum = 0;
        int present = 0;
        for (int t = 0; t < c.classCount(); t++) {
            long s = c.support(t);
            if (s > 0) {
                sum += (double) c.count(t, t) / s;
                present++;
            }
        }
        return sum / present;
    }

    /** Precision of class {@code positive}: true positives / rows predicted positive (0 when none). */
    public static double precision(int[] truth, int[] predicted, int positive) {
        ConfusionMatrix c = ConfusionMatrix.of(truth, predicted, Math.max(positive + 1, classCount(truth, predicted)));
        return precision(c, positive);
    }

    /** Recall of class {@code positive}: true positives / rows of that class (0 when none). */
    public static double recall(int[] truth, int[] predicted, int positive) {
        ConfusionMatrix c = ConfusionMatrix.of(truth, predicted, Math.max(positive + 1, classCount(truth, predicted)));
        return recall(c, positive);
    }

    /** F1 of class {@code positive} (scikit-learn's {@code f1_score} with {@code pos_label}). */
    public static double f1(int[] truth, int[] predicted, int positive) {
        ConfusionMatrix c = ConfusionMatrix.of(truth, predicted, Math.max(positive + 1, classCount(truth, predicted)));
        return f1(c, positive);
    }

    /** Precision averaged over classes. */
    public static double precision(int[] truth, int[] predicted, Average average) {
        return averaged(truth, predicted, average, 0);
    }

    /** Recall averaged over classes. */
    public static double recall(int[] truth, int[] predicted, Average average) {
        return averaged(truth, predicted, average, 1);
    }

    /**
     * F1 averaged over the classes that occur in truth or predictions ({@code f1_score(average="macro"|"weighted")}).
     *
     * @throws IllegalArgumentException when the lengths differ or are 0, or a label is negative
     */
    public static double f1(int[] truth, int[] predicted, Average average) {
        return averaged(truth, predicted, average, 2);
    }

    private static double averaged(int[] truth, int[] predicted, Average average, int what) {
        Objects.requireNonNull(average, "average");
        ConfusionMatrix c = ConfusionMatrix.of(truth, predicted, classCount(truth, predicted));
        double sum = 0;
        double weights = 0;
        for (int t = 0; t < c.classCount(); t++) {
            long s = c.support(t);
            if (s == 0 && c.predictedCount(t) == 0) {
                continue;
            }
            double v = what == 0 ? precision(c, t) : what == 1 ? recall(c, t) : f1(c, t);
            double w = average == Average.MACRO ? 1 : s;
            sum += v * w;
            weights += w;
        }
        return weights == 0 ? 0 : sum / weights;
    }

    static double precision(ConfusionMatrix c, int p) {
        long pred = c.predictedCount(p);
        return pred == 0 ? 0 : (double) c.count(p, p) / pred;
    }

    static double recall(ConfusionMatrix c, int p) {
        long s = c.support(p);
        return s == 0 ? 0 : (double) c.count(p, p) / s;
    }

    static double f1(ConfusionMatrix c, int p) {
        double pr = precision(c, p);
        double re = recall(c, p);
        double denom = pr + re;
        return denom == 0 ? 0 : 2 * pr * re / denom;
    }

    /**
     * The ROC curve (false positive rate, true positive rate, threshold) as scikit-learn's {@code roc_curve} with
     * {@code drop_intermediate=True}: one point per distinct score, collinear points dropped, and a first point
     * (0, 0) with threshold {@code max score + 1}.
     *
     * @throws IllegalArgumentException when truth is not 0/1, a score is not finite, the lengths differ, or one
     *     class is absent (the curve is undefined)
     */
    public static Curve rocCurve(int[] truth, double[] score) {
        double[][] c = binaryCurve(truth, score);
        double[] fps = c[0];
        double[] tps = c[1];
        double[] thr = c[2];
        int m = fps.length;
        if (tps[m - 1] == 0 || fps[m - 1] == 0) {
            throw new IllegalArgumentException("the ROC curve needs both classes in truth but only class "
                    + (tps[m - 1] == 0 ? 0 : 1) + " occurs");
        }
        int[] keep = new int[m];
        int kept = 0;
        for (int i = 0; i < m; i++) {
            if (i == 0 || i == m - 1 || fps[i + 1] - 2 * fps[i] + fps[i - 1] != 0
                    || tps[i + 1] - 2 * tps[i] + tps[i - 1] != 0) {
                keep[kept++] = i;
            }
        }
        if (m <= 2) {
            kept = 0;
            for (int i = 0; i < m; i++) {
                keep[kept++] = i;
            }
        }
        double[] fpr = new double[kept + 1];
        double[] tpr = new double[kept + 1];
        double[] th = new double[kept + 1];
        double fn = fps[m - 1];
        double tn = tps[m - 1];
        th[0] = thr[0] + 1;
        for (int j = 0; j < kept; j++) {
            fpr[j + 1] = fps[keep[j]] / fn;
            tpr[j + 1] = tps[keep[j]] / tn;
            th[j + 1] = thr[keep[j]];
        }
        return new Curve(fpr, tpr, th);
    }

    /**
     * Area under the ROC curve (scikit-learn's {@code roc_auc_score} for binary truth): the trapezoidal area under
     * {@link #rocCurve}; tied scores count half. Equals the probability that a random positive scores above a random
     * negative (Hanley and McNeil 1982).
     *
     * @throws IllegalArgumentException as {@link #rocCurve}
     */
    public static double rocAuc(int[] truth, double[] score) {
        Curve c = rocCurve(truth, score);
        double[] x = c.x();
        double[] y = c.y();
        double area = 0;
        for (int i = 1; i < x.length; i++) {
            area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
        }
        return area;
    }

    /**
     * One-vs-rest ROC AUC averaged over the classes without weights ({@code roc_auc_score(multi_class="ovr",
     * average="macro")}): column c of {@code probabilities} scores class c against the rest.
     *
     * @throws IllegalArgumentException when a truth label is not a column, or a class has no row (its AUC is
     *     undefined)
     */
    public static double rocAucOvr(int[] truth, DataMatrix probabilities) {
        int k = checkProbabilities(truth, probabilities);
        double sum = 0;
        int[] y = new int[truth.length];
        double[] s = new double[truth.length];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < truth.length; i++) {
                y[i] = truth[i] == c ? 1 : 0;
                s[i] = probabilities.get(i, c);
            }
            try {
                sum += rocAuc(y, s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("class " + c + ": " + e.getMessage(), e);
            }
        }
        return sum / k;
    }

    /**
     * Average precision, the area under the precision-recall curve as scikit-learn's step sum
     * {@code sum_t (R_t - R_(t-1)) P_t} over distinct thresholds ({@code average_precision_score}); with no
     * positive row scikit-learn gives a meaningless value, so this refuses.
     *
     * @throws IllegalArgumentException when truth is not 0/1, a score is not finite, the lengths differ, or there is
     *     no positive row
     */
    public static double averagePrecision(int[] truth, double[] score) {
        double[][] c = binaryCurve(truth, score);
        double[] fps = c[0];
        double[] tps = c[1];
        int m = fps.length;
        double pos = tps[m - 1];
        if (pos == 0) {
            throw new IllegalArgumentException("average precision needs a positive row in truth but there is none");
        }
        double sum = 0;
        for (int t = m - 1; t >= 0; t--) {
            double recall = tps[t] / pos;
            double prevRecall = t == 0 ? 0 : tps[t - 1] / pos;
            double ps = tps[t] + fps[t];
            double precision = ps == 0 ? 0 : tps[t] / ps;
            sum += -((prevRecall - recall) * precision);
        }
        return sum;
    }

    /**
     * Binary log loss of the probability of class 1 ({@code log_loss}); see {@link #logLoss(int[], DataMatrix)}.
     *
     * @throws IllegalArgumentException when truth is not 0/1, a probability is not in [0, 1], or the lengths differ
     */
    public static double logLoss(int[] truth, double[] p1) {
        checkBinary(truth, p1);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            checkProbability(p1[i], i, 1);
            double a = clip(1 - p1[i]);
            double b = clip(p1[i]);
            double s = a + b;
            sum += -Math.log((truth[i] == 1 ? b : a) / s);
        }
        return sum / truth.length;
    }

    /**
     * Mean negative log-likelihood of the true class, {@code -mean(log p[i][truth[i]])}, with scikit-learn 1.2.1's
     * treatment: probabilities clipped to [eps, 1 - eps] (eps = 2^-52) and each row divided by its sum.
     *
     * @throws IllegalArgumentException when a truth label is not a column (an unseen class), a probability is not in
     *     [0, 1], or the rows differ from the labels
     */
    public static double logLoss(int[] truth, DataMatrix probabilities) {
        int k = checkProbabilities(truth, probabilities);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double s = 0;
            double own = 0;
            for (int c = 0; c < k; c++) {
                double p = probabilities.get(i, c);
                checkProbability(p, i, c);
                double q = clip(p);
                s += q;
                if (c == truth[i]) {
                    own = q;
                }
            }
            sum += -Math.log(own / s);
        }
        return sum / truth.length;
    }

    /**
     * Brier score, the mean squared difference of the probability of class 1 and the 0/1 truth
     * ({@code brier_score_loss}).
     *
     * @throws IllegalArgumentException when truth is not 0/1, a probability is not in [0, 1], or the lengths differ
     */
    public static double brier(int[] truth, double[] p1) {
        checkBinary(truth, p1);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            checkProbability(p1[i], i, 1);
            double e = truth[i] - p1[i];
            sum += e * e;
        }
        return sum / truth.length;
    }

    /**
     * The reliability curve with {@code bins} equal-width probability bins (scikit-learn's {@code calibration_curve},
     * strategy "uniform"): for each non-empty bin, x = mean predicted probability, y = share of positives; the
     * thresholds hold the bins' upper edges.
     *
     * @throws IllegalArgumentException when bins is below 1, truth is not 0/1, or a probability is not in [0, 1]
     */
    public static Curve calibrationCurve(int[] truth, double[] p1, int bins) {
        checkBinary(truth, p1);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1 but was " + bins);
        }
        double step = 1.0 / bins;
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        long[] count = new long[bins];
        for (int i = 0; i < truth.length; i++) {
            checkProbability(p1[i], i, 1);
            int b = 0;
            while (b < bins - 1 && (b + 1) * step < p1[i]) {
                b++;
            }
            sumP[b] += p1[i];
            sumY[b] += truth[i];
            count[b]++;
        }
        List<double[]> pts = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                pts.add(new double[] {sumP[b] / count[b], sumY[b] / count[b], b == bins - 1 ? 1 : (b + 1) * step});
            }
        }
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        double[] t = new double[pts.size()];
        for (int j = 0; j < x.length; j++) {
            x[j] = pts.get(j)[0];
            y[j] = pts.get(j)[1];
            t[j] = pts.get(j)[2];
        }
        return new Curve(x, y, t);
    }

    /**
     * Expected calibration error (Naeini et al. 2015): over the equal-width bins of {@link #calibrationCurve}, the
     * row-weighted mean of |mean predicted probability - share of positives|. 0 for a perfectly calibrated model.
     *
     * @throws IllegalArgumentException as {@link #calibrationCurve}
     */
    public static double expectedCalibrationError(int[] truth, double[] p1, int bins) {
        Curve c = calibrationCurve(truth, p1, bins);
        double step = 1.0 / bins;
        long[] count = new long[bins];
        for (double p : p1) {
            int b = 0;
            while (b < bins - 1 && (b + 1) * step < p) {
                b++;
            }
            count[b]++;
        }
        double sum = 0;
        int j = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                sum += count[b] * Math.abs(c.x()[j] - c.y()[j]);
                j++;
            }
        }
        return sum / p1.length;
    }

    /**
     * Cumulative gains and lift by quantile bin of decreasing score (deciles for {@code bins = 10}), the marketing
     * table: bin b holds ranks {@code [b n / bins, (b + 1) n / bins)}. Tied scores keep row order, so a tie across a
     * bin edge splits by row order.
     *
     * @throws IllegalArgumentException when bins is not in [1, n], truth is not 0/1, a score is not finite, or there
     *     is no positive row
     */
    public static List<GainsBin> gains(int[] truth, double[] score, int bins) {
        checkBinary(truth, score);
        int n = truth.length;
        if (bins < 1 || bins > n) {
            throw new IllegalArgumentException("bins must be in [1, " + n + "] but was " + bins);
        }
        Integer[] order = sortedByDecreasingScore(score);
        long positives = 0;
        for (int y : truth) {
            positives += y;
        }
        if (positives == 0) {
            throw new IllegalArgumentException("gains need a positive row in truth but there is none");
        }
        double rate = (double) positives / n;
        List<GainsBin> out = new ArrayList<>(bins);
        long cumPos = 0;
        long cumRows = 0;
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) b * n / bins);
            int to = (int) ((long) (b + 1) * n / bins);
            long pos = 0;
            for (int r = from; r < to; r++) {
                pos += truth[order[r]];
            }
            cumPos += pos;
            cumRows += to - from;
            double rr = to == from ? 0 : (double) pos / (to - from);
            out.add(new GainsBin(b, to - from, pos, rr, (double) cumPos / positives, rr / rate,
                    ((double) cumPos / cumRows) / rate));
        }
        return out;
    }

    private static Integer[] sortedByDecreasingScore(double[] score) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        return order;
    }

    /**
     * scikit-learn's {@code _binary_clf_curve}: for each distinct score in decreasing order, the false and true
     * positives at or above it, and the score.
     */
    private static double[][] binaryCurve(int[] truth, double[] score) {
        checkBinary(truth, score);
        int n = truth.length;
        Integer[] order = sortedByDecreasingScore(score);
        double[] fps = new double[n];
        double[] tps = new double[n];
        double[] thr = new double[n];
        int m = 0;
        long tp = 0;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            tp += truth[i];
            if (r == n - 1 || score[order[r + 1]] != score[i]) {
                tps[m] = tp;
                fps[m] = r + 1 - tp;
                thr[m] = score[i];
                m++;
            }
        }
        return new double[][] {java.util.Arrays.copyOf(fps, m), java.util.Arrays.copyOf(tps, m),
            java.util.Arrays.copyOf(thr, m)};
    }

    private static final double EPS = Math.ulp(1.0);

    private static double clip(double p) {
        return Math.min(Math.max(p, EPS), 1 - EPS);
    }

    static void checkPair(int[] truth, int[] predicted) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(predicted, "predicted");
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " rows but predicted has "
                    + predicted.length);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no rows to evaluate");
        }
    }

    static void checkLabel(String what, int row, int label, int k) {
        if (label < 0 || label >= k) {
            throw new IllegalArgumentException(what + "[" + row + "] is " + label + ", not a class in 0.." + (k - 1));
        }
    }

    private static int classCount(int[] truth, int[] predicted) {
        checkPair(truth, predicted);
        int max = 1;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0) {
                throw new IllegalArgumentException("truth[" + i + "] must be >= 0 but was " + truth[i]);
            }
            if (predicted[i] < 0) {
                throw new IllegalArgumentException("predicted[" + i + "] must be >= 0 but was " + predicted[i]);
            }
            max = Math.max(max, Math.max(truth[i], predicted[i]));
        }
        return max + 1;
    }

    private static void checkBinary(int[] truth, double[] score) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(score, "score");
        if (truth.length != score.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " rows but the scores have "
                    + score.length);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no rows to evaluate");
        }
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] != 0 && truth[i] != 1) {
                throw new IllegalArgumentException("truth[" + i + "] is " + truth[i] + " but a binary metric needs 0 or 1");
            }
            if (!Double.isFinite(score[i])) {
                throw new IllegalArgumentException("score[" + i + "] is " + score[i]);
            }
        }
    }

    private static int checkProbabilities(int[] truth, DataMatrix p) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(p, "probabilities");
        if (p.rows() != truth.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " rows but the probabilities have "
                    + p.rows());
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no rows to evaluate");
        }
        int k = p.cols();
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= k) {
                throw new IllegalArgumentException("truth[" + i + "] is class " + truth[i]
                        + " but the probabilities have columns for classes 0.." + (k - 1) + " only");
            }
        }
        return k;
    }

    private static void checkProbability(double p, int row, int col) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability at row " + row + ", class " + col + " is " + p
                    + ", not in [0, 1]");
        }
    }
}
