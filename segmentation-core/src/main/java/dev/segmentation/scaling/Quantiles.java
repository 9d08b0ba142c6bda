package dev.segmentation.scaling;

import java.util.Arrays;

/**
 * Order statistics with numpy's definitions (numpy 1.22+ {@code percentile(..., method="linear")} and
 * {@code median}), which scikit-learn's RobustScaler uses, found by selection rather than a full sort. Internal.
 */
final class Quantiles {
    private static final int SMALL = 16;

    private Quantiles() {
    }

    /**
     * Virtual index of the {@code percent}-th percentile (0..100) among n values: {@code (n - 1) * percent / 100}.
     */
    static double virtualIndex(int n, double percent) {
        return (n - 1) * (percent / 100.0);
    }

    /**
     * Linear interpolation between the order statistics {@code a = x(lo)} and {@code b = x(lo + 1)} at fraction
     * {@code t}, as numpy's {@code _lerp} computes it (from the upper neighbour when {@code t >= 0.5}).
     */
    static double lerp(double a, double b, double t) {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /**
     * The {@code percent}-th percentile of {@code sorted[0..n)} (ascending, n &gt;= 1), numpy's linear method.
     */
    static double percentile(double[] sorted, int n, double percent) {
        double virtual = virtualIndex(n, percent);
        if (virtual <= 0) {
            return sorted[0];
        }
        int lo = (int) Math.floor(virtual);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        return lerp(sorted[lo], sorted[lo + 1], virtual - lo);
    }

    /** The median of {@code sorted[0..n)}: the middle value, or {@code (a + b) / 2} of the two middle ones. */
    static double median(double[] sorted, int n) {
        int h = n >>> 1;
        return (n & 1) == 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2.0;
    }

    /**
     * Median and the two percentiles of {@code x} (finite values, reordered in place), as
     * {@code {median, percentile(lower), percentile(upper)}}; identical to sorting and calling {@link #median} and
     * {@link #percentile}. Expected O(n): one recursive partitioning that descends only into the parts holding one
     * of the at most six order statistics needed (introselect: a range that does not shrink fast enough is sorted,
     * so the worst case is O(n log n)).
     */
    static double[] medianAndPercentiles(double[] x, double lower, double upper) {
        int n = x.length;
        int h = n >>> 1;
        double vl = virtualIndex(n, lower);
        double vu = virtualIndex(n, upper);
        int[] need = {
            (n & 1) == 1 ? h : h - 1, h,
            clampLow(vl, n), Math.min(n - 1, clampLow(vl, n) + 1),
            clampLow(vu, n), Math.min(n - 1, clampLow(vu, n) + 1)};
        int[] ks = need.clone();
        Arrays.sort(ks);
        int m = 0;
        for (int i = 0; i < ks.length; i++) {
            if (i == 0 || ks[i] != ks[i - 1]) {
                ks[m++] = ks[i];
            }
        }
        multiSelect(x, 0, n - 1, ks, 0, m, 2 * (32 - Integer.numberOfLeadingZeros(Math.max(1, n))) + 4);
        double median = (n & 1) == 1 ? x[h] : (x[h - 1] + x[h]) / 2.0;
        return new double[] {median, fromSelected(x, n, vl), fromSelected(x, n, vu)};
    }

    private static int clampLow(double virtual, int n) {
        if (virtual <= 0) {
            return 0;
        }
        return (int) Math.min(n - 1, Math.floor(virtual));
    }

    private static double fromSelected(double[] x, int n, double virtual) {
        if (virtual <= 0) {
            return x[0];
        }
        int lo = (int) Math.floor(virtual);
        if (lo >= n - 1) {
            return x[n - 1];
        }
        return lerp(x[lo], x[lo + 1], virtual - lo);
    }

    /**
     * Places the sorted-order values at the ascending indices {@code ks[kFrom..kTo)} (all within [lo, hi]) into
     * their positions in {@code x[lo..hi]}.
     */
    private static void multiSelect(double[] x, int lo, int hi, int[] ks, int kFrom, int kTo, int budget) {
        while (kFrom < kTo) {
            if (hi - lo < SMALL || budget-- == 0) {
                Arrays.sort(x, lo, hi + 1);
                return;
            }
            int mid = (lo + hi) >>> 1;
            if (x[mid] < x[lo]) {
                swap(x, mid, lo);
            }
            if (x[hi] < x[lo]) {
                swap(x, hi, lo);
            }
            if (x[hi] < x[mid]) {
                swap(x, hi, mid);
            }
            swap(x, lo, mid);
            double pivot = x[lo];
            int lt = lo;
            int gt = hi;
            int i = lo + 1;
            while (i <= gt) {
                double v = x[i];
                if (v < pivot) {
                    x[i] = x[lt];
                    x[lt] = v;
                    lt++;
                    i++;
                } else if (v > pivot) {
                    x[i] = x[gt];
                    x[gt] = v;
                    gt--;
                } else {
                    i++;
                }
            }
            // ks below lt go left, ks above gt go right, the others sit in the block equal to the pivot
            int a = kFrom;
            while (a < kTo && ks[a] < lt) {
                a++;
            }
            int b = a;
            while (b < kTo && ks[b] <= gt) {
                b++;
            }
            if (a > kFrom) {
                multiSelect(x, lo, lt - 1, ks, kFrom, a, budget);
            }
            kFrom = b;
            lo = gt + 1;
        }
    }

    /**
     * Reorders {@code x[from..to)} so that {@code x[k]} holds the value it would have if that range were sorted,
     * with no smaller value after it and no larger value before it (within the range).
     */
    static void select(double[] x, int from, int to, int k) {
        multiSelect(x, from, to - 1, new int[] {k}, 0, 1,
                2 * (32 - Integer.numberOfLeadingZeros(Math.max(1, to - from))) + 4);
    }

    private static void swap(double[] x, int i, int j) {
        double t = x[i];
        x[i] = x[j];
        x[j] = t;
    }
}
