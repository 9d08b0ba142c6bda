package dev.segmentation.lifetime;

import dev.segmentation.internal.Parallel;
import java.util.Arrays;

/**
 * The BG/NBD log-likelihood and gradient of {@link BgNbdModel#logLikelihood(double, double, double, double,
 * double[], double[], double[], double[])} over a fixed set of customers, with every term that depends on one of x,
 * tx or T alone (the log-gamma and digamma values, the logarithms) computed once per distinct value and per
 * evaluation instead of once per customer: customers share few distinct frequencies and ages. Each term is the same
 * expression in the same order and the customers are summed in the same order, so the result is bit for bit that of
 * the per-customer code (tested) while the customers fit in one block of {@link Parallel#ROWS_PER_BLOCK}. Larger
 * sets are summed per fixed block, the blocks on up to {@code threads} threads and their sums added in block order,
 * so the result does not depend on the thread count. Building is O(n log n) (sorting the distinct values); an
 * evaluation is O(n) with two exponentials and one logarithm per repeat customer plus O(distinct values) special
 * functions. Package-private; an instance reuses its buffers and is not thread-safe.
 */
final class BgNbdLikelihood {
    private final int n;
    private final double[] xs; // distinct frequencies
    private final double[] ages; // distinct T
    private final double[] recencies; // distinct tx
    private final int[] xOf;
    private final int[] ageOf;
    private final int[] txOf;
    private final boolean[] repeat; // x > 0 per customer
    // per distinct value, refreshed at each evaluation
    private final double[] a1;
    private final double[] a2;
    private final double[] rx;
    private final double[] lnB1;
    private final double[] psiRx;
    private final double[] psiAbx;
    private final double[] psiBx;
    private final double[] b1;
    private final double[] lnAT;
    private final double[] alphaT;
    private final double[] lnAtx;
    private final double[] alphaTx;

    private final int threads;
    private final double[][] partial; // per block: sum, gr, gAlpha, ga, gb

    BgNbdLikelihood(double[] x, double[] tx, double[] age, int threads) {
        n = x.length;
        this.threads = threads;
        this.partial = new double[Parallel.blocks(n, Parallel.ROWS_PER_BLOCK)][5];
        xOf = new int[n];
        ageOf = new int[n];
        txOf = new int[n];
        xs = distinct(x, xOf);
        ages = distinct(age, ageOf);
        recencies = distinct(tx, txOf);
        repeat = new boolean[n];
        for (int i = 0; i < n; i++) {
            repeat[i] = x[i] > 0;
        }
        int kx = xs.length;
        a1 = new double[kx];
        a2 = new double[kx];
        rx = new double[kx];
        lnB1 = new double[kx];
        psiRx = new double[kx];
        psiAbx = new double[kx];
        psiBx = new double[kx];
        b1 = new double[kx];
        lnAT = new double[ages.length];
        alphaT = new double[ages.length];
        lnAtx = new double[recencies.length];
        alphaTx = new double[recencies.length];
    }

    /** Sorted distinct values of {@code v}; {@code index[i]} gets the position of v[i] among them. */
    static double[] distinct(double[] v, int[] index) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (k == 0 || Double.compare(sorted[i], sorted[k - 1]) != 0) {
                sorted[k++] = sorted[i];
            }
        }
        double[] out = Arrays.copyOf(sorted, k);
        for (int i = 0; i < v.length; i++) {
            index[i] = Arrays.binarySearch(out, v[i]);
        }
        return out;
    }

    /** The summed log-likelihood at (r, alpha, a, b); the gradient into {@code grad} when it is not null. */
    double evaluate(double r, double alpha, double a, double b, double[] grad) {
        double lnAlpha = Math.log(alpha);
        double lnGammaR = Special.lnGamma(r);
        double lnA = Math.log(a);
        double lnGammaAb = Special.lnGamma(a + b);
        double lnGammaB = Special.lnGamma(b);
        double psiR = grad == null ? 0 : Special.digamma(r);
        double psiAb = grad == null ? 0 : Special.digamma(a + b);
        double psiB = grad == null ? 0 : Special.digamma(b);
        for (int k = 0; k < xs.length; k++) {
            double xi = xs[k];
            rx[k] = r + xi;
            a1[k] = Special.lnGamma(rx[k]) - lnGammaR + r * lnAlpha;
            a2[k] = lnGammaAb + Special.lnGamma(b + xi) - lnGammaB - Special.lnGamma(a + b + xi);
            lnB1[k] = xi > 0 ? Math.log(b + xi - 1) : 0;
            if (grad != null) {
                psiRx[k] = Special.digamma(rx[k]);
                psiAbx[k] = Special.digamma(a + b + xi);
                psiBx[k] = Special.digamma(b + xi);
                b1[k] = b + xi - 1;
            }
        }
        for (int k = 0; k < ages.length; k++) {
            lnAT[k] = Math.log(alpha + ages[k]);
        }
        for (int k = 0; k < recencies.length; k++) {
            lnAtx[k] = Math.log(alpha + recencies[k]);
        }
        if (grad != null) {
            for (int k = 0; k < ages.length; k++) {
                alphaT[k] = alpha + ages[k];
            }
            for (int k = 0; k < recencies.length; k++) {
                alphaTx[k] = alpha + recencies[k];
            }
        }
        final double fr = r;
        final double fAlpha = alpha;
        final double fa = a;
        final double fLnA = lnA;
        final double fLnAlpha = lnAlpha;
        final double fPsiR = psiR;
        final double fPsiAb = psiAb;
        final double fPsiB = psiB;
        final boolean withGradient = grad != null;
        int blocks = partial.length;
        Parallel.forEachBlock(blocks, threads, blk -> block(blk, fr, fAlpha, fa, fLnA, fLnAlpha, fPsiR, fPsiAb, fPsiB,
                withGradient));
        double sum = 0;
        double gr = 0;
        double gAlpha = 0;
        double ga = 0;
        double gb = 0;
        for (int blk = 0; blk < blocks; blk++) {
            double[] p = partial[blk];
            sum += p[0];
            gr += p[1];
            gAlpha += p[2];
            ga += p[3];
            gb += p[4];
        }
        if (grad != null) {
            grad[0] = gr;
            grad[1] = gAlpha;
            grad[2] = ga;
            grad[3] = gb;
        }
        return sum;
    }

    /** Sums block {@code blk} of the customers into {@code partial[blk]}, in customer order. */
    private void block(int blk, double r, double alpha, double a, double lnA, double lnAlpha, double psiR,
            double psiAb, double psiB, boolean withGradient) {
        final int[] xOfF = xOf;
        final int[] ageOfF = ageOf;
        final int[] txOfF = txOf;
        int from = blk * Parallel.ROWS_PER_BLOCK;
        int to = Math.min(n, from + Parallel.ROWS_PER_BLOCK);
        double sum = 0;
        double gr = 0;
        double gAlpha = 0;
        double ga = 0;
        double gb = 0;
        for (int i = from; i < to; i++) {
            int kx = xOfF[i];
            int kt = ageOfF[i];
            double rxi = rx[kx];
            double lnATi = lnAT[kt];
            double a3 = -rxi * lnATi;
            double ll;
            double w4 = 0;
            double lnAtxi = 0;
            boolean rep = repeat[i];
            if (rep) {
                lnAtxi = lnAtx[txOfF[i]];
                double a4 = lnA - lnB1[kx] - rxi * lnAtxi;
                double m = Special.logAddExp(a3, a4);
                w4 = Math.exp(a4 - m);
                ll = a1[kx] + a2[kx] + m;
            } else {
                ll = a1[kx] + a2[kx] + a3;
            }
            sum += ll;
            if (withGradient) {
                double w3 = 1 - w4;
                gr += psiRx[kx] - psiR + lnAlpha - w3 * lnATi - (rep ? w4 * lnAtxi : 0);
                gAlpha += r / alpha - w3 * rxi / alphaT[kt] - (rep ? w4 * rxi / alphaTx[txOfF[i]] : 0);
                ga += psiAb - psiAbx[kx] + w4 / a;
                gb += psiAb + psiBx[kx] - psiB - psiAbx[kx] - (rep ? w4 / b1[kx] : 0);
            }
        }
        double[] p = partial[blk];
        p[0] = sum;
        p[1] = gr;
        p[2] = gAlpha;
        p[3] = ga;
        p[4] = gb;
    }
}
