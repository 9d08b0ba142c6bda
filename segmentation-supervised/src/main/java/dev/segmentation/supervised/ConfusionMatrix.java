package dev.segmentation.supervised;

import java.util.List;
import java.util.Objects;

/**
 * Counts of true class (rows) against predicted class (columns) over classes {@code 0..k-1}, as scikit-learn's
 * {@code confusion_matrix} (for two classes {@code [[tn, fp], [fn, tp]]}). Immutable and thread-safe; O(n + k^2).
 */
public final class ConfusionMatrix {
    private final int k;
    private final long[] counts;

    private ConfusionMatrix(int k, long[] counts) {
        this.k = k;
        this.counts = counts;
    }

    /**
     * The matrix of {@code truth} against {@code predicted} over {@code k} classes.
     *
     * @throws IllegalArgumentException when the lengths differ, k is below 2 or a label is outside {@code 0..k-1}
     *     (naming the array, row and value)
     */
    public static ConfusionMatrix of(int[] truth, int[] predicted, int k) {
        ClassificationMetrics.checkPair(truth, predicted);
        if (k < 2) {
            throw new IllegalArgumentException("k must be >= 2 but was " + k);
        }
        long[] c = new long[k * k];
        for (int i = 0; i < truth.length; i++) {
            ClassificationMetrics.checkLabel("truth", i, truth[i], k);
            ClassificationMetrics.checkLabel("predicted", i, predicted[i], k);
            c[truth[i] * k + predicted[i]]++;
        }
        return new ConfusionMatrix(k, c);
    }

    /** The number of classes. */
    public int classCount() {
        return k;
    }

    /** Rows of true class {@code t} predicted as {@code p}. */
    public long count(int t, int p) {
        Objects.checkIndex(t, k);
        Objects.checkIndex(p, k);
        return counts[t * k + p];
    }

    /** The counts as rows (true class) of columns (predicted class); a copy. */
    public long[][] toArray() {
        long[][] out = new long[k][k];
        for (int t = 0; t < k; t++) {
            System.arraycopy(counts, t * k, out[t], 0, k);
        }
        return out;
    }

    /** Rows of true class {@code t} (the support). */
    public long support(int t) {
        long s = 0;
        for (int p = 0; p < k; p++) {
            s += count(t, p);
        }
        return s;
    }

    /** Rows predicted as {@code p}. */
    public long predictedCount(int p) {
        long s = 0;
        for (int t = 0; t < k; t++) {
            s += count(t, p);
        }
        return s;
    }

    /** All rows. */
    public long total() {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    /**
     * The matrix as CSV: a header {@code true\predicted,<names>} and one line per true class.
     *
     * @throws IllegalArgumentException when the names are not k, or a name holds a comma, quote or line break
     */
    public String toCsv(List<String> classNames) {
        Objects.requireNonNull(classNames, "classNames");
        if (classNames.size() != k) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + k + " classes");
        }
        for (String s : classNames) {
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                throw new IllegalArgumentException("class name '" + s + "' holds a comma, quote or line break");
            }
        }
        StringBuilder b = new StringBuilder("true\\predicted");
        for (String s : classNames) {
            b.append(',').append(s);
        }
        b.append('\n');
        for (int t = 0; t < k; t++) {
            b.append(classNames.get(t));
            for (int p = 0; p < k; p++) {
                b.append(',').append(count(t, p));
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix && java.util.Arrays.equals(counts, ((ConfusionMatrix) o).counts)
                && k == ((ConfusionMatrix) o).k;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + java.util.Arrays.deepToString(toArray());
    }
}
