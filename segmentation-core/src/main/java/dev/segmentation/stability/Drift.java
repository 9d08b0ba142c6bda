package dev.segmentation.stability;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Feature drift between the training data and new data: per feature, the population stability index (PSI) and
 * the two-sample Kolmogorov-Smirnov statistic, with the usual PSI reading (below 0.1 stable, 0.1 to 0.25
 * moderate shift, 0.25 and above significant shift), summarised in a {@link DriftReport}.
 *
 * <p><b>PSI.</b> Bins are the deciles of the training values: edges at the 10%, ..., 90% quantiles (linear
 * interpolation between order statistics, numpy's default), duplicates removed, so a feature with ties may get
 * fewer than 10 bins; bins are right-closed, {@code (-inf, q10], (q10, q20], ..., (q90, inf)}. With training share
 * {@code e} and new share {@code a} per bin, {@code PSI = sum (a - e) ln(a / e)}. <b>Empty bins</b>: a share of 0
 * (in either sample) is replaced by {@value #EMPTY_BIN_SHARE} before the sum (the shares are not renormalised),
 * which keeps the logarithm finite and makes an emptied or newly filled bin cost about
 * {@code share * ln(share / 0.0001)}.
 *
 * <p><b>KS.</b> {@code D = sup |F_train(v) - F_new(v)|} over all values, the largest gap between the two
 * empirical distribution functions; it lies in [0, 1].
 *
 * <p>Complexity: O((n + m) log(n + m)) per feature. Deterministic; stateless and thread-safe.
 */
public final class Drift {
    /** PSI from which a shift is moderate. */
    public static final double PSI_MODERATE = 0.1;
    /** PSI from which a shift is significant. */
    public static final double PSI_SIGNIFICANT = 0.25;
    /** The share that stands in for an empty bin. */
    public static final double EMPTY_BIN_SHARE = 1e-4;

    /** The PSI reading. */
    public enum Level {
        /** PSI below 0.1. */
        STABLE,
        /** PSI in [0.1, 0.25). */
        MODERATE,
        /** PSI at least 0.25. */
        SIGNIFICANT;

        /** The level of {@code psi}. */
        public static Level of(double psi) {
            return psi >= PSI_SIGNIFICANT ? SIGNIFICANT : psi >= PSI_MODERATE ? MODERATE : STABLE;
        }
    }

    private Drift() {
    }

    /**
     * The PSI of {@code actual} against decile bins of {@code expected}.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when an array is empty or holds a non-finite value
     */
    public static double psi(double[] expected, double[] actual) {
        check(expected, "expected");
        check(actual, "actual");
        double[] e = expected.clone();
        Arrays.sort(e);
        double[] edges = decileEdges(e);
        int bins = edges.length + 1;
        long[] ce = new long[bins];
        long[] ca = new long[bins];
        for (double v : expected) {
            ce[bin(edges, v)]++;
        }
        for (double v : actual) {
            ca[bin(edges, v)]++;
        }
        double psi = 0;
        for (int b = 0; b < bins; b++) {
            double pe = Math.max(ce[b] / (double) expected.length, EMPTY_BIN_SHARE);
            double pa = Math.max(ca[b] / (double) actual.length, EMPTY_BIN_SHARE);
            psi += (pa - pe) * Math.log(pa / pe);
        }
        return psi;
    }

    /**
     * The two-sample Kolmogorov-Smirnov statistic of {@code a} and {@code b}.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when an array is empty or holds a non-finite value
     */
    public static double ks(double[] a, double[] b) {
        check(a, "a");
        check(b, "b");
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs(i / (double) x.length - j / (double) y.length));
        }
        return d;
    }

    /**
     * Drift of every column of {@code current} against the same column of {@code train}.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the column counts differ from the number of names, a matrix has no
     *     rows, or a value is not finite (naming the feature and row)
     */
    public static DriftReport compare(List<String> featureNames, DataMatrix train, DataMatrix current) {
        Objects.requireNonNull(featureNames, "featureNames");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(current, "current");
        if (train.cols() != featureNames.size() || current.cols() != featureNames.size()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names but train has "
                    + train.cols() + " columns and current has " + current.cols());
        }
        List<DriftReport.FeatureDrift> out = new ArrayList<>();
        for (int c = 0; c < featureNames.size(); c++) {
            String name = featureNames.get(c);
            double[] a = column(train, c, name, "train");
            double[] b = column(current, c, name, "current");
            double p = psi(a, b);
            out.add(new DriftReport.FeatureDrift(name, p, ks(a, b), Level.of(p)));
        }
        return new DriftReport(out);
    }

    /**
     * Drift of every feature of {@code train} (by name) in {@code current}.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code current} lacks a feature of {@code train}, a table has no
     *     rows, or a value is not finite
     */
    public static DriftReport compare(FeatureTable train, FeatureTable current) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(current, "current");
        List<DriftReport.FeatureDrift> out = new ArrayList<>();
        for (int c = 0; c < train.cols(); c++) {
            String name = train.featureName(c);
            double[] a = train.column(c);
            double[] b = current.column(current.columnIndex(name));
            checkColumn(a, name, "train");
            checkColumn(b, name, "current");
            double p = psi(a, b);
            out.add(new DriftReport.FeatureDrift(name, p, ks(a, b), Level.of(p)));
        }
        return new DriftReport(out);
    }

    private static double[] column(DataMatrix m, int c, String name, String which) {
        double[] v = new double[m.rows()];
        for (int i = 0; i < v.length; i++) {
            v[i] = m.get(i, c);
        }
        checkColumn(v, name, which);
        return v;
    }

    private static void checkColumn(double[] v, String name, String which) {
        if (v.length == 0) {
            throw new IllegalArgumentException(which + " has no rows");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(which + " feature '" + name + "' has a non-finite value " + v[i]
                        + " at row " + i);
            }
        }
    }

    private static void check(double[] v, String name) {
        Objects.requireNonNull(v, name);
        if (v.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + " has a non-finite value " + v[i] + " at index " + i);
            }
        }
    }

    /** Distinct decile edges of sorted values, numpy's linear interpolation. */
    static double[] decileEdges(double[] sorted) {
        int n = sorted.length;
        double[] edges = new double[9];
        int m = 0;
        for (int q = 1; q <= 9; q++) {
            double h = (n - 1) * (q / 10.0);
            int lo = (int) Math.floor(h);
            int hi = Math.min(n - 1, lo + 1);
            double v = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
            if (m == 0 || v > edges[m - 1]) {
                edges[m++] = v;
            }
        }
        return Arrays.copyOf(edges, m);
    }

    /** The right-closed bin of {@code v}: the number of edges strictly below it. */
    static int bin(double[] edges, double v) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
