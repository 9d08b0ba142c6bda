package dev.segmentation.lifetime;

import java.util.Arrays;

/**
 * The sufficient-statistic compression of a customer summary: the distinct rows of a few columns (e.g. (x, tx, T)
 * for BG/NBD and Pareto/NBD, (x, T) for the NBD, (x, mean spend) for Gamma-Gamma) with the number of customers
 * holding each. A customer's likelihood depends only on its row, so every likelihood, gradient and Hessian pass can
 * run over the distinct rows with integer weights instead of over the customers: the same sum reordered (so equal
 * to rounding, not bit for bit). The rows come out in lexicographic order of their values (Double.compare per
 * column), which does not depend on the order of the customers, so the compressed data and everything computed from
 * it are the same bits for any order of the same customers.
 *
 * <p>Grouping: each column is ranked, in O(n) with a presence table when every value is a whole number in [0,
 * 2^24) (summaries of transactions in whole days or weeks), else by sorting its values, O(n log n); the ranks are
 * combined into one mixed-radix long key per customer (re-ranking the partial key first whenever the product of
 * the distinct counts would pass 2^62) and the keys sorted, O(n log n), and counted. Memory O(n) during grouping, O(distinct rows)
 * after. Package-private; immutable.
 */
final class DistinctRows {
    private static final int WHOLE_LIMIT = 1 << 24;
    private static final long KEY_LIMIT = 1L << 62;

    private final double[][] columns;
    private final double[] weight;
    private final long customers;

    private DistinctRows(double[][] columns, double[] weight, long customers) {
        this.columns = columns;
        this.weight = weight;
        this.customers = customers;
    }

    /** The distinct rows of the given columns (all of the same length n >= 0) and their counts. */
    static DistinctRows of(double[]... cols) {
        int n = cols[0].length;
        int k = cols.length;
        double[][] values = new double[k][];
        int[] rc = new int[n];
        long[] key = new long[n];
        values[0] = rank(cols[0], rc);
        for (int i = 0; i < n; i++) {
            key[i] = rc[i];
        }
        long range = values[0].length;
        // reranked[c]: the sorted distinct keys the keys were re-ranked to before column c was appended, or null
        long[][] reranked = new long[k][];
        for (int c = 1; c < k; c++) {
            values[c] = rank(cols[c], rc);
            int kn = values[c].length;
            if (range > KEY_LIMIT / Math.max(1, kn)) {
                long[] sorted = distinctKeys(key.clone());
                for (int i = 0; i < n; i++) {
                    key[i] = Arrays.binarySearch(sorted, key[i]);
                }
                reranked[c] = sorted;
                range = sorted.length;
            }
            for (int i = 0; i < n; i++) {
                key[i] = key[i] * kn + rc[i];
            }
            range *= kn;
        }
        Arrays.sort(key);
        int groups = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || key[i] != key[i - 1]) {
                groups++;
            }
        }
        double[][] out = new double[k][groups];
        double[] w = new double[groups];
        int g = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || key[i] != key[i - 1]) {
                g++;
                long kk = key[i];
                for (int c = k - 1; c >= 1; c--) {
                    int kn = values[c].length;
                    out[c][g] = values[c][(int) (kk % kn)];
                    kk /= kn;
                    if (reranked[c] != null) {
                        kk = reranked[c][(int) kk];
                    }
                }
                out[0][g] = values[0][(int) kk];
            }
            w[g]++;
        }
        return new DistinctRows(out, w, n);
    }

    private static long[] distinctKeys(long[] keys) {
        Arrays.sort(keys);
        int m = 0;
        for (int i = 0; i < keys.length; i++) {
            if (m == 0 || keys[i] != keys[m - 1]) {
                keys[m++] = keys[i];
            }
        }
        return Arrays.copyOf(keys, m);
    }

    /**
     * The sorted distinct values of {@code v} (Double.compare order); {@code rank[i]} gets the position of v[i]
     * among them. O(n + 2^24 / 8) for whole numbers in [0, 2^24), else O(n log n).
     */
    static double[] rank(double[] v, int[] rank) {
        int n = v.length;
        int max = -1;
        for (int i = 0; i < n; i++) {
            double x = v[i];
            // -0.0 is excluded: Double.compare orders it before 0.0, a presence table would merge them
            if (!(x >= 0 && x < WHOLE_LIMIT) || x != Math.rint(x) || Double.doubleToRawLongBits(x) == Long.MIN_VALUE) {
                max = -2;
                break;
            }
            max = Math.max(max, (int) x);
        }
        if (max == -2) {
            return BgNbdLikelihood.distinct(v, rank);
        }
        int[] index = new int[max + 1];
        for (int i = 0; i < n; i++) {
            index[(int) v[i]] = 1;
        }
        int k = 0;
        for (int x = 0; x <= max; x++) {
            index[x] = index[x] != 0 ? k++ : -1;
        }
        double[] out = new double[k];
        for (int x = 0; x <= max; x++) {
            if (index[x] >= 0) {
                out[index[x]] = x;
            }
        }
        for (int i = 0; i < n; i++) {
            rank[i] = index[(int) v[i]];
        }
        return out;
    }

    /** The number of distinct rows. */
    int size() {
        return weight.length;
    }

    /** The values of column {@code c} per distinct row (the backing array: do not modify). */
    double[] column(int c) {
        return columns[c];
    }

    /** The number of customers per distinct row, as doubles (the backing array: do not modify). */
    double[] weights() {
        return weight;
    }

    /** The number of customers grouped. */
    long customers() {
        return customers;
    }
}
