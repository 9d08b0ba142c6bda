package dev.segmentation.lifetime;

/**
 * The Gamma-Gamma log-likelihood and gradient of {@link GammaGammaModel#logLikelihood(double, double, double,
 * double[], double[], double[])} with the log-gamma, digamma and ln x terms computed once per distinct frequency and
 * ln m once per customer at construction, per evaluation only ln(x m + v) per customer. Every term is the same
 * expression and the customers are summed in the same order, so the result is bit for bit that of the per-customer
 * code (tested). Building is O(n log n); an evaluation O(n) logarithms plus O(distinct x) special functions.
 * Package-private; not thread-safe.
 */
final class GammaGammaLikelihood {
    private final int n;
    private final double[] x;
    private final double[] m;
    private final double[] lnM;
    private final double[] xs;
    private final int[] xOf;
    private final double[] lnX;
    private final double[] lgPxq;
    private final double[] lgPx;
    private final double[] psiPxq;
    private final double[] psiPx;

    GammaGammaLikelihood(double[] x, double[] m) {
        n = x.length;
        this.x = x;
        this.m = m;
        lnM = new double[n];
        for (int i = 0; i < n; i++) {
            lnM[i] = Math.log(m[i]);
        }
        xOf = new int[n];
        xs = BgNbdLikelihood.distinct(x, xOf);
        lnX = new double[xs.length];
        for (int k = 0; k < xs.length; k++) {
            lnX[k] = Math.log(xs[k]);
        }
        lgPxq = new double[xs.length];
        lgPx = new double[xs.length];
        psiPxq = new double[xs.length];
        psiPx = new double[xs.length];
    }

    double evaluate(double p, double q, double v, double[] grad) {
        double lnGammaQ = Special.lnGamma(q);
        double lnV = Math.log(v);
        double psiQ = grad == null ? 0 : Special.digamma(q);
        for (int k = 0; k < xs.length; k++) {
            double px = p * xs[k];
            lgPxq[k] = Special.lnGamma(px + q);
            lgPx[k] = Special.lnGamma(px);
            if (grad != null) {
                psiPxq[k] = Special.digamma(px + q);
                psiPx[k] = Special.digamma(px);
            }
        }
        double sum = 0;
        double gp = 0;
        double gq = 0;
        double gv = 0;
        for (int i = 0; i < n; i++) {
            int k = xOf[i];
            double xi = x[i];
            double px = p * xi;
            double lnMi = lnM[i];
            double lnXi = lnX[k];
            double lnXmv = Math.log(xi * m[i] + v);
            sum += lgPxq[k] - lgPx[k] - lnGammaQ + q * lnV + (px - 1) * lnMi + px * lnXi - (px + q) * lnXmv;
            if (grad != null) {
                gp += xi * (psiPxq[k] - psiPx[k] + lnMi + lnXi - lnXmv);
                gq += psiPxq[k] - psiQ + lnV - lnXmv;
                gv += q / v - (px + q) / (xi * m[i] + v);
            }
        }
        if (grad != null) {
            grad[0] = gp;
            grad[1] = gq;
            grad[2] = gv;
        }
        return sum;
    }
}
