package dev.segmentation.supervised;

/** Validation losses for early stopping, computed in double from XGBoost's float outputs (lower is better). */
final class Losses {
    private Losses() {
    }

    private static final double EPS = Math.ulp(1.0);

    /** Weighted mean log loss; {@code p} is n x 1 (binary, P(class 1)) or n x k. Probabilities clipped to [eps, 1-eps]. */
    static double logLoss(int[] y, float[][] p, int k, float[] w) {
        double sum = 0;
        double wsum = 0;
        for (int i = 0; i < y.length; i++) {
            double q;
            if (k == 2) {
                double p1 = p[i][0];
                q = y[i] == 1 ? p1 : 1 - p1;
            } else {
                q = p[i][y[i]];
            }
            q = Math.min(Math.max(q, EPS), 1 - EPS);
            double wi = w == null ? 1 : w[i];
            sum -= wi * Math.log(q);
            wsum += wi;
        }
        return sum / wsum;
    }

    /** Weighted mean of the objective's loss over outputs: squared error, pinball (quantiles) or pseudo-Huber. */
    static double regression(double[] y, float[][] p, float[] w, double[] quantiles, double huberSlope) {
        double sum = 0;
        double wsum = 0;
        for (int i = 0; i < y.length; i++) {
            double wi = w == null ? 1 : w[i];
            double l = 0;
            if (quantiles != null) {
                for (int q = 0; q < quantiles.length; q++) {
                    double e = y[i] - p[i][q];
                    l += e >= 0 ? quantiles[q] * e : (quantiles[q] - 1) * e;
                }
            } else if (huberSlope > 0) {
                double e = (y[i] - p[i][0]) / huberSlope;
                l = huberSlope * huberSlope * (Math.sqrt(1 + e * e) - 1);
            } else {
                double e = y[i] - p[i][0];
                l = e * e;
            }
            sum += wi * l;
            wsum += wi;
        }
        return sum / wsum;
    }
}
