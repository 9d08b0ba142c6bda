package dev.segmentation.supervised;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Stratified k-fold cross-validation of a {@link Classifier}: each fold's rows are predicted by a model trained on
 * the other folds ({@link StratifiedKFold}), giving out-of-fold probabilities for every row, a report over all rows,
 * one report per fold, and the majority-class baseline (training shares of each fold) beside them. Time-based
 * evaluation ({@link #timeSplit}, {@link #timeSplits}) trains on the rows before a cut-off ({@link TimeSplit}) and
 * reports on the later ones, beside the baseline.
 *
 * <p>Costs k trainings on (k-1)/k of the rows. Deterministic for fixed settings, labels and seed. Stateless and
 * thread-safe.
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    /**
     * The result of a cross-validation.
     *
     * @param folds the fold of each row
     * @param probabilities out-of-fold probabilities, rows x k
     * @param report the metrics of the out-of-fold probabilities over all rows
     * @param foldReports the metrics of each fold
     * @param baseline the majority-class baseline's metrics over all rows (each fold predicted by its training
     *     shares)
     */
    public record Result(int[] folds, DataMatrix probabilities, ClassificationReport report,
            List<ClassificationReport> foldReports, ClassificationReport baseline) {
        /** The most probable class of each row, out of fold. */
        public int[] predicted() {
            return ClassificationReport.argmax(probabilities);
        }
    }

    /**
     * Cross-validates {@code classifier} on {@code x} and {@code labels} with {@code k} stratified folds.
     *
     * @throws IllegalArgumentException when k is below 2 or above the rows, a class has fewer than k rows (some fold
     *     would train without it), or as {@link Classifier#fit(FeatureTable, int[])}
     */
    public static Result stratifiedKFold(Classifier classifier, FeatureTable x, int[] labels, int k, long seed) {
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries but there are " + x.rows()
                    + " rows");
        }
        int[][] byClass = StratifiedKFold.rowsByClass(labels);
        for (int c = 0; c < byClass.length; c++) {
            if (byClass[c].length < k) {
                throw new IllegalArgumentException("class " + c + " has " + byClass[c].length + " rows, fewer than k = "
                        + k + " folds");
            }
        }
        int classes = byClass.length;
        int[] folds = StratifiedKFold.folds(labels, k, seed);
        double[] oof = new double[x.rows() * classes];
        double[] base = new double[x.rows() * classes];
        List<ClassificationReport> reports = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] tr = StratifiedKFold.rows(folds, f, false);
            int[] te = StratifiedKFold.rows(folds, f, true);
            int[] ytr = pick(labels, tr);
            int[] yte = pick(labels, te);
            ClassifierModel m = classifier.fit(x.selectRows(tr), ytr);
            if (m.classCount() != classes) {
                throw new IllegalStateException("fold " + f + " trained " + m.classCount() + " classes, not "
                        + classes + " (set nClasses)");
            }
            DataMatrix p = m.probabilities(x.selectRows(te));
            double[] share = new double[classes];
            for (int y : ytr) {
                share[y] += 1.0 / ytr.length;
            }
            for (int r = 0; r < te.length; r++) {
                for (int c = 0; c < classes; c++) {
                    oof[te[r] * classes + c] = p.get(r, c);
                    base[te[r] * classes + c] = share[c];
                }
            }
            reports.add(ClassificationReport.of(yte, p));
        }
        DataMatrix probabilities = DataMatrix.wrap(x.rows(), classes, oof);
        return new Result(folds, probabilities, ClassificationReport.of(labels, probabilities), List.copyOf(reports),
                ClassificationReport.of(labels, DataMatrix.wrap(x.rows(), classes, base)));
    }

    /**
     * The result of one time-based split.
     *
     * @param split the split
     * @param probabilities the test rows' probabilities, test rows x k, in the split's test-row order
     * @param truth the test rows' labels
     * @param report the metrics on the test rows
     * @param baseline the majority-class baseline's metrics on the test rows (the training rows' class shares)
     */
    public record HoldoutResult(TimeSplit.Split split, DataMatrix probabilities, int[] truth,
            ClassificationReport report, ClassificationReport baseline) {
        /** The most probable class of each test row. */
        public int[] predicted() {
            return ClassificationReport.argmax(probabilities);
        }
    }

    /**
     * Trains {@code classifier} on the split's training rows (the past) and evaluates it on its test rows (the
     * future), beside the majority-class baseline learnt from the training rows.
     *
     * @throws IllegalArgumentException when the labels' length differs from the rows, a split row is outside the
     *     table, a class occurs in the test rows but not in the training rows (naming it and the cut-off), or as
     *     {@link Classifier#fit(FeatureTable, int[])}
     */
    public static HoldoutResult timeSplit(Classifier classifier, FeatureTable x, int[] labels, TimeSplit.Split split) {
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(split, "split");
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries but there are " + x.rows()
                    + " rows");
        }
        int[] tr = split.train();
        int[] te = split.test();
        for (int[] rows : new int[][] {tr, te}) {
            for (int r : rows) {
                if (r < 0 || r >= x.rows()) {
                    throw new IllegalArgumentException("split row " + r + " is outside the table's " + x.rows()
                            + " rows");
                }
            }
        }
        int[] ytr = pick(labels, tr);
        int[] yte = pick(labels, te);
        int maxTrain = -1;
        for (int y : ytr) {
            maxTrain = Math.max(maxTrain, y);
        }
        boolean[] seen = new boolean[Math.max(maxTrain + 1, 0)];
        for (int y : ytr) {
            if (y >= 0) {
                seen[y] = true;
            }
        }
        for (int i = 0; i < yte.length; i++) {
            int y = yte[i];
            if (y >= 0 && (y >= seen.length || !seen[y])) {
                throw new IllegalArgumentException("class " + y + " occurs in the test rows (row " + te[i]
                        + ", from the cut-off " + split.cutoff() + " on) but in no training row: the model could not"
                        + " predict it");
            }
        }
        ClassifierModel m = classifier.fit(x.selectRows(tr), ytr);
        DataMatrix p = m.probabilities(x.selectRows(te));
        return new HoldoutResult(split, p, yte, ClassificationReport.of(yte, p),
                ClassificationReport.majorityBaseline(ytr, yte, m.classCount()));
    }

    /**
     * {@link #timeSplit} on each split in turn (e.g. {@link TimeSplit#rolling}).
     *
     * @throws IllegalArgumentException as {@link #timeSplit}, naming the split
     */
    public static List<HoldoutResult> timeSplits(Classifier classifier, FeatureTable x, int[] labels,
            List<TimeSplit.Split> splits) {
        Objects.requireNonNull(splits, "splits");
        List<HoldoutResult> out = new ArrayList<>(splits.size());
        for (int i = 0; i < splits.size(); i++) {
            try {
                out.add(timeSplit(classifier, x, labels, splits.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("time split " + i + " (" + splits.get(i) + "): " + e.getMessage(),
                        e);
            }
        }
        return List.copyOf(out);
    }

    static int[] pick(int[] a, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }
}
