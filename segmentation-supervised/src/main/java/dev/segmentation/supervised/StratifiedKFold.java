package dev.segmentation.supervised;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Stratified k-fold splits: every fold holds each class in about the proportion of the whole (within one row per
 * class), and fold sizes differ by at most one row when classes are dealt in turn.
 *
 * <p>Algorithm: the rows of each class are shuffled with a {@link SplittableRandom} seeded by {@code seed}, then dealt
 * to the folds in turn, continuing from the fold where the previous class stopped (classes in increasing order). The
 * same labels and seed give the same folds on every JVM. O(n). Stateless and thread-safe. Rows of one class are
 * never all in one fold when the class has at least k rows; a class with fewer rows than k is absent from some folds
 * (allowed, as in scikit-learn, which only warns).
 */
public final class StratifiedKFold {
    private StratifiedKFold() {
    }

    /**
     * The fold (0..k-1) of each row.
     *
     * @param labels class of each row, each >= 0
     * @throws IllegalArgumentException when k is below 2 or above the number of rows, or a label is negative
     *     (naming the row)
     */
    public static int[] folds(int[] labels, int k, long seed) {
        Objects.requireNonNull(labels, "labels");
        if (k < 2) {
            throw new IllegalArgumentException("k must be >= 2 but was " + k);
        }
        if (k > labels.length) {
            throw new IllegalArgumentException("k = " + k + " folds need at least " + k + " rows but there are "
                    + labels.length);
        }
        int[][] byClass = rowsByClass(labels);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] fold = new int[labels.length];
        int next = 0;
        for (int[] rows : byClass) {
            shuffle(rows, rnd);
            for (int r : rows) {
                fold[r] = next;
                next = next + 1 == k ? 0 : next + 1;
            }
        }
        return fold;
    }

    /**
     * The rows of fold {@code f} (test rows) or of all other folds (training rows), in increasing order.
     *
     * @throws IllegalArgumentException when {@code f} is negative
     */
    public static int[] rows(int[] folds, int f, boolean inFold) {
        Objects.requireNonNull(folds, "folds");
        if (f < 0) {
            throw new IllegalArgumentException("fold must be >= 0 but was " + f);
        }
        int count = 0;
        for (int x : folds) {
            if ((x == f) == inFold) {
                count++;
            }
        }
        int[] out = new int[count];
        int c = 0;
        for (int i = 0; i < folds.length; i++) {
            if ((folds[i] == f) == inFold) {
                out[c++] = i;
            }
        }
        return out;
    }

    /**
     * A stratified hold-out: {@code true} for the rows held out, about {@code fraction} of each class (rounded), but
     * never all rows of a class. Used for the early-stopping validation fold.
     */
    static boolean[] holdout(int[] labels, double fraction, long seed) {
        int[][] byClass = rowsByClass(labels);
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] out = new boolean[labels.length];
        for (int[] rows : byClass) {
            shuffle(rows, rnd);
            int take = (int) Math.min(rows.length - 1L, Math.round(fraction * rows.length));
            for (int t = 0; t < take; t++) {
                out[rows[t]] = true;
            }
        }
        return out;
    }

    static int[][] rowsByClass(int[] labels) {
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels[" + i + "] must be >= 0 but was " + labels[i]);
            }
            max = Math.max(max, labels[i]);
        }
        int[] count = new int[max + 1];
        for (int y : labels) {
            count[y]++;
        }
        int[][] rows = new int[max + 1][];
        for (int c = 0; c <= max; c++) {
            rows[c] = new int[count[c]];
        }
        Arrays.fill(count, 0);
        for (int i = 0; i < labels.length; i++) {
            rows[labels[i]][count[labels[i]]++] = i;
        }
        return rows;
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
