package dev.segmentation.quality;

import java.util.Arrays;
import java.util.Objects;

/**
 * The contingency table of two labellings of the same items: {@code count(r, c)} is the number of items with the
 * {@code r}-th distinct value of the first labelling and the {@code c}-th distinct value of the second. Distinct
 * values are sorted ascending; every value, {@code -1} included, is an ordinary class here (as in scikit-learn's
 * {@code contingency_matrix}), so noise forms its own row or column.
 *
 * <p>Complexity: O(n log n) time (sorting the distinct values) and O(n + R C) memory. Deterministic. Immutable
 * and thread-safe; accessors return copies.
 */
public final class Contingency {
    private final int[] rowValues;
    private final int[] colValues;
    private final long[] counts;
    private final long[] rowSums;
    private final long[] colSums;
    private final long n;

    private Contingency(int[] rowValues, int[] colValues, long[] counts) {
        this.rowValues = rowValues;
        this.colValues = colValues;
        this.counts = counts;
        int r = rowValues.length;
        int c = colValues.length;
        this.rowSums = new long[r];
        this.colSums = new long[c];
        long total = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                long v = counts[i * c + j];
                rowSums[i] += v;
                colSums[j] += v;
                total += v;
            }
        }
        this.n = total;
    }

    /**
     * The table of {@code a} (rows) against {@code b} (columns).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the lengths differ
     */
    public static Contingency of(int[] a, int[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException("labellings differ in length: " + a.length + " and " + b.length);
        }
        int[] rv = distinct(a);
        int[] cv = distinct(b);
        int[] ra = codes(a, rv);
        int[] cb = codes(b, cv);
        long[] counts = new long[Math.multiplyExact(rv.length, cv.length)];
        int c = cv.length;
        for (int i = 0; i < a.length; i++) {
            counts[ra[i] * c + cb[i]]++;
        }
        return new Contingency(rv, cv, counts);
    }

    /** Sorted distinct values of {@code labels}. */
    static int[] distinct(int[] labels) {
        int[] s = labels.clone();
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
                s[m++] = s[i];
            }
        }
        return Arrays.copyOf(s, m);
    }

    /** The position of each label in the sorted distinct values {@code values}. */
    static int[] codes(int[] labels, int[] values) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = Arrays.binarySearch(values, labels[i]);
        }
        return out;
    }

    /** Number of rows (distinct values of the first labelling). */
    public int rows() {
        return rowValues.length;
    }

    /** Number of columns (distinct values of the second labelling). */
    public int cols() {
        return colValues.length;
    }

    /** The distinct values of the first labelling, ascending (a copy). */
    public int[] rowValues() {
        return rowValues.clone();
    }

    /** The distinct values of the second labelling, ascending (a copy). */
    public int[] colValues() {
        return colValues.clone();
    }

    /** The count in row {@code r}, column {@code c} (positions, not label values). */
    public long count(int r, int c) {
        Objects.checkIndex(r, rowValues.length);
        Objects.checkIndex(c, colValues.length);
        return counts[r * colValues.length + c];
    }

    /** The counts, row-major {@code rows() x cols()} (a copy). */
    public long[] counts() {
        return counts.clone();
    }

    /** Row totals (a copy). */
    public long[] rowSums() {
        return rowSums.clone();
    }

    /** Column totals (a copy). */
    public long[] colSums() {
        return colSums.clone();
    }

    /** Number of items. */
    public long total() {
        return n;
    }

    long[] countsRef() {
        return counts;
    }

    long[] rowSumsRef() {
        return rowSums;
    }

    long[] colSumsRef() {
        return colSums;
    }

    @Override
    public String toString() {
        return "Contingency[" + rowValues.length + " x " + colValues.length + ", n=" + n + "]";
    }
}
