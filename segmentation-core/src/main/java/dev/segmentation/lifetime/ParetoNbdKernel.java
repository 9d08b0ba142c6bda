package dev.segmentation.lifetime;

import java.util.HashMap;
import java.util.Map;

/**
 * The Pareto/NBD log-likelihood of a fixed set of customers, for the fit: the two hypergeometric terms of A_0
 * depend on (x, tx) and (x, T) only, so each distinct pair is evaluated once per call (on retail data most
 * one-time buyers share (0, 0)), and lnGamma(r + x) once per distinct x. During the fit a term whose series would
 * need more than {@link #FIT_MAX_TERMS} terms (|alpha - beta| / (max(alpha, beta) + time) within about 1e-4 of 1)
 * rejects the point. The kernel runs over rows standing for {@code weight[i]} customers each: the fit passes the
 * distinct (x, tx, T) triples with their counts ({@link DistinctRows}), so the per-row part costs O(distinct
 * triples), not O(customers). Package-private; not thread-safe.
 */
final class ParetoNbdKernel implements MaximumLikelihood.Kernel {
    static final int FIT_MAX_TERMS = 20_000;
    /** The interior search stops when s falls below this: the optimum is then on the s = 0 boundary. */
    static final double BOUNDARY_S = 1e-8;

    private final int n;
    private final double[] ux; // distinct x values
    private final int[] xIndex;
    private final double[] p1x;
    private final double[] p1t;
    private final int[] p1Index;
    private final double[] p2x;
    private final double[] p2t;
    private final int[] p2Index;
    private final double[] age;
    private final double[] xs;
    private final double[] lnG;
    private final double[] l1;
    private final double[] l2;
    private final double[] weight; // customers per row; null: one each

    ParetoNbdKernel(double[] x, double[] tx, double[] age) {
        this(x, tx, age, null);
    }

    ParetoNbdKernel(double[] x, double[] tx, double[] age, double[] weight) {
        this.n = x.length;
        this.weight = weight;
        this.xs = x;
        this.age = age;
        Map<Double, Integer> xm = new HashMap<>();
        xIndex = new int[n];
        for (int i = 0; i < n; i++) {
            xIndex[i] = xm.computeIfAbsent(x[i], k -> xm.size());
        }
        ux = new double[xm.size()];
        for (Map.Entry<Double, Integer> e : xm.entrySet()) {
            ux[e.getValue()] = e.getKey();
        }
        p1Index = new int[n];
        p2Index = new int[n];
        double[][] p1 = pairs(x, tx, p1Index);
        double[][] p2 = pairs(x, age, p2Index);
        p1x = p1[0];
        p1t = p1[1];
        p2x = p2[0];
        p2t = p2[1];
        lnG = new double[ux.length];
        l1 = new double[p1x.length];
        l2 = new double[p2x.length];
    }

    private static double[][] pairs(double[] x, double[] t, int[] index) {
        double[] px = new double[x.length];
        double[] pt = new double[x.length];
        Map<String, Integer> exact = new HashMap<>();
        for (int i = 0; i < x.length; i++) {
            String key = Double.doubleToLongBits(x[i]) + ":" + Double.doubleToLongBits(t[i]);
            Integer k = exact.get(key);
            if (k == null) {
                k = exact.size();
                exact.put(key, k);
                px[k] = x[i];
                pt[k] = t[i];
            }
            index[i] = k;
        }
        return new double[][] {java.util.Arrays.copyOf(px, exact.size()), java.util.Arrays.copyOf(pt, exact.size())};
    }

    @Override
    public double logLikelihood(double[] th) {
        double r = th[0];
        double alpha = th[1];
        double s = th[2];
        double beta = th[3];
        if (s < BOUNDARY_S) {
            throw new BoundaryReached("s = " + s + " < " + BOUNDARY_S);
        }
        try {
            for (int k = 0; k < p1x.length; k++) {
                l1[k] = ParetoNbdModel.lnTerm(r, alpha, s, beta, p1x[k], p1t[k], FIT_MAX_TERMS);
            }
            for (int k = 0; k < p2x.length; k++) {
                l2[k] = ParetoNbdModel.lnTerm(r, alpha, s, beta, p2x[k], p2t[k], FIT_MAX_TERMS);
            }
        } catch (ArithmeticException e) {
            return Double.NaN;
        }
        double lnGammaR = Special.lnGamma(r);
        for (int k = 0; k < ux.length; k++) {
            lnG[k] = Special.lnGamma(r + ux[k]) - lnGammaR;
        }
        double lnAlpha = Math.log(alpha);
        double lnBeta = Math.log(beta);
        double lnS = Math.log(s);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = xs[i];
            double lnA0 = Special.logSubExp(l1[p1Index[i]], l2[p2Index[i]]);
            double a1 = lnG[xIndex[i]] + r * lnAlpha + s * lnBeta;
            double a2 = Special.logAddExp(-(r + x) * Math.log(alpha + age[i]) - s * Math.log(beta + age[i]),
                    lnS + lnA0 - Math.log(r + s + x));
            sum += weight == null ? a1 + a2 : weight[i] * (a1 + a2);
        }
        return sum;
    }
}
