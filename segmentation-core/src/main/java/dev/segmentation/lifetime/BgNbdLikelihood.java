package dev.segmentation.lifetime;

import dev.segmentation.internal.Parallel;
import java.util.Arrays;

/**
 * The BG/NBD log-likelihood of {@link BgNbdModel#logLikelihood(double, double, double, double, double[], double[],
 * double[], double[])}, its gradient and its analytic Hessian, over a fixed set of customers compressed to their
 * sufficient statistic: a customer's likelihood depends only on (x, tx, T), so the customers are grouped once into the
 * distinct triples with their counts ({@link DistinctRows}; O(n log n), O(n) for whole-number data) and every pass
 * runs over the distinct triples with integer weights. The terms of x alone (log-gamma, digamma, trigamma) are
 * computed once per distinct x and summed with the number of customers holding that x; the logarithms once per
 * distinct T and tx; per triple remain one log1p, one exponential and a few multiply-adds. The triples are summed per
 * fixed block of {@link Parallel#ROWS_PER_BLOCK} on up to {@code threads} threads and the block sums added in block
 * order, so the result depends neither on the thread count nor on the order of the customers. It equals the
 * per-customer sum to rounding (the same terms, reordered and multiplied by counts; tested to 1e-12 relative). An
 * evaluation costs O(distinct triples) plus O(distinct x) special functions.
 *
 * <p>Hessian: with A3 = -(r + x) ln(alpha + T), A4 = ln a - ln(b + x - 1) - (r + x) ln(alpha + tx) and w3, w4 their
 * softmax weights, the second derivative of ln(e^A3 + e^A4) is w3 A3'' + w4 A4'' + w3 w4 (A3' - A4')(A3' - A4')^T;
 * the log-gamma terms give trigamma values. Package-private; an instance reuses its buffers and is not thread-safe.
 */
final class BgNbdLikelihood {
    /** Entries of the symmetric 4 x 4 Hessian in the per-block buffer, (r, alpha, a, b) order. */
    private static final int[][] H = {{5, 6, 7, 8}, {6, 9, 10, 11}, {7, 10, 12, 13}, {8, 11, 13, 14}};
    private static final int SLOTS = 15; // sum, 4 gradient entries, 10 Hessian entries

    private final int m; // distinct triples
    private final long customers;
    private final double[] weight; // per triple
    private final int[] xOf; // per triple: index of its x among xs
    private final int[] ageOf;
    private final int[] txOf;
    private final boolean[] repeat; // per triple: x > 0
    private final double[] xs; // distinct frequencies
    private final double[] xWeight; // customers per distinct frequency
    private final double[] ages; // distinct T
    private final double[] recencies; // distinct tx
    // per distinct value, refreshed at each evaluation
    private final double[] rx;
    private final double[] lnB1;
    private final double[] invB1;
    private final double[] lnAT;
    private final double[] invAT;
    private final double[] lnAtx;
    private final double[] invAtx;

    private final int threads;
    private final double[][] partial;

    /** Groups the customers (x, tx, T) into distinct triples; see the class doc. */
    BgNbdLikelihood(double[] x, double[] tx, double[] age, int threads) {
        this(DistinctRows.of(x, tx, age), threads);
    }

    /** Over already grouped customers: {@code rows} has the columns x, tx, T. */
    BgNbdLikelihood(DistinctRows rows, int threads) {
        this.threads = threads;
        m = rows.size();
        customers = rows.customers();
        weight = rows.weights();
        double[] x = rows.column(0);
        xOf = new int[m];
        ageOf = new int[m];
        txOf = new int[m];
        xs = distinct(x, xOf);
        recencies = distinct(rows.column(1), txOf);
        ages = distinct(rows.column(2), ageOf);
        repeat = new boolean[m];
        xWeight = new double[xs.length];
        for (int i = 0; i < m; i++) {
            repeat[i] = x[i] > 0;
            xWeight[xOf[i]] += weight[i];
        }
        rx = new double[xs.length];
        lnB1 = new double[xs.length];
        invB1 = new double[xs.length];
        lnAT = new double[ages.length];
        invAT = new double[ages.length];
        lnAtx = new double[recencies.length];
        invAtx = new double[recencies.length];
        partial = new double[Parallel.blocks(m, Parallel.ROWS_PER_BLOCK)][SLOTS];
    }

    /** The number of distinct (x, tx, T) triples. */
    int distinctRows() {
        return m;
    }

    /** The number of customers. */
    long customers() {
        return customers;
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
        return evaluate(r, alpha, a, b, grad, null);
    }

    /**
     * The summed log-likelihood at (r, alpha, a, b); the gradient into {@code grad} when it is not null, and the
     * Hessian (4 x 4, parameters in that order) into {@code hess} when it is not null (then {@code grad} must not
     * be null either).
     */
    double evaluate(double r, double alpha, double a, double b, double[] grad, double[][] hess) {
        boolean withGradient = grad != null;
        boolean withHessian = hess != null;
        double lnAlpha = Math.log(alpha);
        double lnGammaR = Special.lnGamma(r);
        double lnA = Math.log(a);
        double lnGammaAb = Special.lnGamma(a + b);
        double lnGammaB = Special.lnGamma(b);
        double psiR = withGradient ? Special.digamma(r) : 0;
        double psiAb = withGradient ? Special.digamma(a + b) : 0;
        double psiB = withGradient ? Special.digamma(b) : 0;
        double triR = withHessian ? Special.trigamma(r) : 0;
        double triAb = withHessian ? Special.trigamma(a + b) : 0;
        double triB = withHessian ? Special.trigamma(b) : 0;
        // the terms of x alone, weighted by the customers per x
        double sumX = 0;
        double gr = 0;
        double gAlpha = 0;
        double ga = 0;
        double gb = 0;
        double hrr = 0;
        double haa = 0;
        double hab = 0;
        double hbb = 0;
        double total = 0;
        for (int k = 0; k < xs.length; k++) {
            double xi = xs[k];
            double w = xWeight[k];
            total += w;
            rx[k] = r + xi;
            double a1 = Special.lnGamma(rx[k]) - lnGammaR + r * lnAlpha;
            double a2 = lnGammaAb + Special.lnGamma(b + xi) - lnGammaB - Special.lnGamma(a + b + xi);
            sumX += w * (a1 + a2);
            lnB1[k] = xi > 0 ? Math.log(b + xi - 1) : 0;
            invB1[k] = xi > 0 ? 1 / (b + xi - 1) : 0;
            if (withGradient) {
                double psiAbx = Special.digamma(a + b + xi);
                gr += w * (Special.digamma(rx[k]) - psiR + lnAlpha);
                ga += w * (psiAb - psiAbx);
                gb += w * (psiAb + Special.digamma(b + xi) - psiB - psiAbx);
            }
            if (withHessian) {
                double triAbx = Special.trigamma(a + b + xi);
                hrr += w * (Special.trigamma(rx[k]) - triR);
                haa += w * (triAb - triAbx);
                hab += w * (triAb - triAbx);
                hbb += w * (triAb + Special.trigamma(b + xi) - triB - triAbx);
            }
        }
        for (int k = 0; k < ages.length; k++) {
            lnAT[k] = Math.log(alpha + ages[k]);
            invAT[k] = 1 / (alpha + ages[k]);
        }
        for (int k = 0; k < recencies.length; k++) {
            lnAtx[k] = Math.log(alpha + recencies[k]);
            invAtx[k] = 1 / (alpha + recencies[k]);
        }
        final double fLnA = lnA;
        final double fInvA = 1 / a;
        Parallel.forEachBlock(partial.length, threads, blk -> block(blk, fLnA, fInvA, withGradient, withHessian));
        double[] acc = new double[SLOTS];
        for (double[] p : partial) {
            for (int s = 0; s < SLOTS; s++) {
                acc[s] += p[s];
            }
        }
        if (withGradient) {
            grad[0] = gr + acc[1];
            grad[1] = total * r / alpha + acc[2];
            grad[2] = ga + acc[3];
            grad[3] = gb + acc[4];
        }
        if (withHessian) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    hess[i][j] = acc[H[i][j]];
                }
            }
            hess[0][0] += hrr;
            hess[0][1] += total / alpha;
            hess[1][0] += total / alpha;
            hess[1][1] += -total * r / (alpha * alpha);
            hess[2][2] += haa;
            hess[2][3] += hab;
            hess[3][2] += hab;
            hess[3][3] += hbb;
        }
        return sumX + acc[0];
    }

    /**
     * Sums block {@code blk} of the triples into {@code partial[blk]}, in triple order: the ln(e^A3 + e^A4) term,
     * its derivatives with respect to (r, alpha, a, b), and their second derivatives.
     */
    private void block(int blk, double lnA, double invA, boolean withGradient, boolean withHessian) {
        final int[] xOfF = xOf;
        final int[] ageOfF = ageOf;
        final int[] txOfF = txOf;
        final double[] wF = weight;
        final boolean[] repeatF = repeat;
        int from = blk * Parallel.ROWS_PER_BLOCK;
        int to = Math.min(m, from + Parallel.ROWS_PER_BLOCK);
        double sum = 0;
        double gr = 0;
        double gAlpha = 0;
        double ga = 0;
        double gb = 0;
        double hrr = 0;
        double hra = 0;
        double hrA = 0;
        double hrB = 0;
        double haa = 0;
        double haA = 0;
        double haB = 0;
        double hAA = 0;
        double hAB = 0;
        double hBB = 0;
        for (int i = from; i < to; i++) {
            int kx = xOfF[i];
            int kt = ageOfF[i];
            double w = wF[i];
            double rxi = rx[kx];
            double lnATi = lnAT[kt];
            double a3 = -rxi * lnATi;
            if (!repeatF[i]) {
                sum += w * a3;
                if (withGradient) {
                    double invATi = invAT[kt];
                    gr -= w * lnATi;
                    gAlpha -= w * rxi * invATi;
                    if (withHessian) {
                        hra -= w * invATi;
                        haa += w * rxi * invATi * invATi;
                    }
                }
                continue;
            }
            int ktx = txOfF[i];
            double lnAtxi = lnAtx[ktx];
            double a4 = lnA - lnB1[kx] - rxi * lnAtxi;
            double e = Math.exp(-Math.abs(a3 - a4));
            double lse = Math.max(a3, a4) + Math.log1p(e);
            double w4 = a4 >= a3 ? 1 / (1 + e) : e / (1 + e);
            double w3 = 1 - w4;
            sum += w * lse;
            if (withGradient) {
                double invATi = invAT[kt];
                double invAtxi = invAtx[ktx];
                double invB1i = invB1[kx];
                gr -= w * (w3 * lnATi + w4 * lnAtxi);
                gAlpha -= w * rxi * (w3 * invATi + w4 * invAtxi);
                ga += w * w4 * invA;
                gb -= w * w4 * invB1i;
                if (withHessian) {
                    // A3' - A4' over (r, alpha, a, b)
                    double d0 = lnAtxi - lnATi;
                    double d1 = rxi * (invAtxi - invATi);
                    double d2 = -invA;
                    double d3 = invB1i;
                    double c = w * w3 * w4;
                    hrr += c * d0 * d0;
                    hra += c * d0 * d1 - w * (w3 * invATi + w4 * invAtxi);
                    hrA += c * d0 * d2;
                    hrB += c * d0 * d3;
                    haa += c * d1 * d1 + w * rxi * (w3 * invATi * invATi + w4 * invAtxi * invAtxi);
                    haA += c * d1 * d2;
                    haB += c * d1 * d3;
                    hAA += c * d2 * d2 - w * w4 * invA * invA;
                    hAB += c * d2 * d3;
                    hBB += c * d3 * d3 + w * w4 * invB1i * invB1i;
                }
            }
        }
        double[] p = partial[blk];
        p[0] = sum;
        p[1] = gr;
        p[2] = gAlpha;
        p[3] = ga;
        p[4] = gb;
        p[5] = hrr;
        p[6] = hra;
        p[7] = hrA;
        p[8] = hrB;
        p[9] = haa;
        p[10] = haA;
        p[11] = haB;
        p[12] = hAA;
        p[13] = hAB;
        p[14] = hBB;
    }
}
