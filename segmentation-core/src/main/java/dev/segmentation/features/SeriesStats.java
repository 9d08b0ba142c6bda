package dev.segmentation.features;

import java.util.Arrays;

/** Closed-form statistics on a slice of a double array (package-private kernels; allocation-free). */
final class SeriesStats {
    private SeriesStats() {
    }

    static double mean(double[] x, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return 0;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / n;
    }

    /** Sum of squared deviations from {@code mean}. */
    static double ssd(double[] x, int from, int to, double mean) {
        double s = 0;
        for (int i = from; i < to; i++) {
            double d = x[i] - mean;
            s += d * d;
        }
        return s;
    }

    /** Sample standard deviation (ddof 1); 0 with fewer than 2 values. */
    static double sampleStd(double[] x, int from, int to, double mean) {
        int n = to - from;
        return n < 2 ? 0 : Math.sqrt(ssd(x, from, to, mean) / (n - 1));
    }

    /** Population variance (ddof 0); 0 when empty. */
    static double popVar(double[] x, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return 0;
        }
        return ssd(x, from, to, mean(x, from, to)) / n;
    }

    /** std / mean with ddof 1: 0 with fewer than 2 values or a zero mean; negative when the mean is. */
    static double cv(double[] x, int from, int to) {
        int n = to - from;
        if (n < 2) {
            return 0;
        }
        double m = mean(x, from, to);
        if (m == 0) {
            return 0;
        }
        return sampleStd(x, from, to, m) / m;
    }

    /** Median of the slice, sorting the scratch copy {@code tmp}. */
    static double median(double[] x, int from, int to, double[] tmp) {
        int n = to - from;
        if (n == 0) {
            return 0;
        }
        System.arraycopy(x, from, tmp, 0, n);
        Arrays.sort(tmp, 0, n);
        return n % 2 == 1 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
    }

    /** -sum p ln p / ln m over max(w, 0) normalised, clamped to [0, 1]; 0 when m <= 1 or the total is 0. */
    static double entropy(double[] w, int from, int to, long m) {
        if (m <= 1) {
            return 0;
        }
        double total = 0;
        for (int i = from; i < to; i++) {
            if (w[i] > 0) {
                total += w[i];
            }
        }
        if (!(total > 0)) {
            return 0;
        }
        double h = 0;
        for (int i = from; i < to; i++) {
            if (w[i] > 0) {
                double p = w[i] / total;
                h -= p * Math.log(p);
            }
        }
        double e = h / Math.log(m);
        return e < 0 ? 0 : (e > 1 ? 1 : e);
    }
}
