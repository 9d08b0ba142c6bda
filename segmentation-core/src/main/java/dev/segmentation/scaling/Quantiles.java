package dev.segmentation.scaling;

/**
 * Order statistics on sorted arrays, with numpy's definitions (numpy 1.22+ {@code percentile(..., method="linear")}
 * and {@code median}), which scikit-learn's RobustScaler uses. Internal.
 */
final class Quantiles {
    private Quantiles() {
    }

    /**
     * The {@code percent}-th percentile (0..100) of {@code sorted[0..n)} (ascending, n &gt;= 1) by linear
     * interpolation between the order statistics at virtual index {@code (n - 1) * percent / 100}, computed as numpy's
     * {@code _lerp} does (from the upper neighbour when the fraction is at least one half).
     */
    static double percentile(double[] sorted, int n, double percent) {
        double virtual = (n - 1) * (percent / 100.0);
        if (virtual <= 0) {
            return sorted[0];
        }
        int lo = (int) Math.floor(virtual);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        double a = sorted[lo];
        double b = sorted[lo + 1];
        double t = virtual - lo;
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /** The median of {@code sorted[0..n)}: the middle value, or the mean {@code (a + b) / 2} of the two middle ones. */
    static double median(double[] sorted, int n) {
        int h = n >>> 1;
        return (n & 1) == 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2.0;
    }
}
