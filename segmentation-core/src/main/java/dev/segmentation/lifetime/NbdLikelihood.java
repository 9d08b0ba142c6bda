package dev.segmentation.lifetime;

import dev.segmentation.internal.Parallel;

/**
 * The NBD log-likelihood and gradient of {@link ParetoNbdModel#nbdLogLikelihood} (the no-drop-out boundary of both
 * purchase models) with the log-gamma and digamma terms computed once per distinct frequency and the logarithms once
 * per distinct age, per evaluation; summed per fixed block of {@link Parallel#ROWS_PER_BLOCK} customers in block
 * order on up to {@code threads} threads. Within one block the terms and their order are those of the per-customer
 * code, so up to 4,096 customers it gives the same bits (tested); any thread count gives the same bits. Building is
 * O(n log n); an evaluation O(n) multiply-adds plus O(distinct values) special functions. Package-private; not
 * thread-safe.
 */
final class NbdLikelihood {
    private final int n;
    private final double[] xs;
    private final double[] ages;
    private final int[] xOf;
    private final int[] ageOf;
    private final int threads;
    private final double[] lgRx;
    private final double[] psiRx;
    private final double[] rx;
    private final double[] lnAT;
    private final double[] alphaT;
    private final double[][] partial;

    NbdLikelihood(double[] x, double[] age, int threads) {
        n = x.length;
        xOf = new int[n];
        ageOf = new int[n];
        xs = BgNbdLikelihood.distinct(x, xOf);
        ages = BgNbdLikelihood.distinct(age, ageOf);
        this.threads = threads;
        lgRx = new double[xs.length];
        psiRx = new double[xs.length];
        rx = new double[xs.length];
        lnAT = new double[ages.length];
        alphaT = new double[ages.length];
        partial = new double[Parallel.blocks(n, Parallel.ROWS_PER_BLOCK)][3];
    }

    double evaluate(double r, double alpha, double[] grad) {
        double lnGammaR = Special.lnGamma(r);
        double lnAlpha = Math.log(alpha);
        double psiR = grad == null ? 0 : Special.digamma(r);
        for (int k = 0; k < xs.length; k++) {
            rx[k] = r + xs[k];
            lgRx[k] = Special.lnGamma(rx[k]);
            if (grad != null) {
                psiRx[k] = Special.digamma(rx[k]);
            }
        }
        for (int k = 0; k < ages.length; k++) {
            alphaT[k] = alpha + ages[k];
            lnAT[k] = Math.log(alphaT[k]);
        }
        boolean withGradient = grad != null;
        Parallel.forEachBlock(partial.length, threads, blk -> {
            int from = blk * Parallel.ROWS_PER_BLOCK;
            int to = Math.min(n, from + Parallel.ROWS_PER_BLOCK);
            double sum = 0;
            double gr = 0;
            double ga = 0;
            for (int i = from; i < to; i++) {
                int kx = xOf[i];
                int kt = ageOf[i];
                double rxi = rx[kx];
                double lnATi = lnAT[kt];
                sum += lgRx[kx] - lnGammaR + r * lnAlpha - rxi * lnATi;
                if (withGradient) {
                    gr += psiRx[kx] - psiR + lnAlpha - lnATi;
                    ga += r / alpha - rxi / alphaT[kt];
                }
            }
            partial[blk][0] = sum;
            partial[blk][1] = gr;
            partial[blk][2] = ga;
        });
        double sum = 0;
        double gr = 0;
        double ga = 0;
        for (double[] p : partial) {
            sum += p[0];
            gr += p[1];
            ga += p[2];
        }
        if (grad != null) {
            grad[0] = gr;
            grad[1] = ga;
        }
        return sum;
    }
}
