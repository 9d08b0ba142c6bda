package dev.segmentation.supervised;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Stratified k-fold cross-validation of a {@link Classifier}: each fold's rows are predicted by a model trained on
 * the other folds ({@link StratifiedKFold}), giving out-of-fold probabilities for every row, a report over all rows,
 * one report per fold, and the majority-class baseline (training shares of each fold) beside them.
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

    static int[] pick(int[] a, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }
}
