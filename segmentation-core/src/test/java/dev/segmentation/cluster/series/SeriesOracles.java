package dev.segmentation.cluster.series;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Brute-force oracles and test data for the series kernels. */
final class SeriesOracles {
    private SeriesOracles() {
    }

    /** max over shifts s in (-t, t) of sum_i r[i + s] x[i], directly in O(t^2). */
    static double bruteCrossCorrelation(double[] r, double[] x) {
        int t = r.length;
        double best = Double.NEGATIVE_INFINITY;
        for (int s = -(t - 1); s < t; s++) {
            double c = 0;
            for (int i = 0; i < t; i++) {
                int j = i + s;
                if (j >= 0 && j < t) {
                    c += r[j] * x[i];
                }
            }
            best = Math.max(best, c);
        }
        return best;
    }

    static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** SBD from the O(t^2) cross-correlation; 1 when a norm is 0. */
    static double bruteSbd(double[] r, double[] x) {
        double nr = norm(r);
        double nx = norm(x);
        if (nr == 0 || nx == 0) {
            return 1.0;
        }
        return 1.0 - bruteCrossCorrelation(r, x) / (nr * nx);
    }

    /** DTW cost by the textbook recursion, memoised; cells outside |i - j| <= radius are forbidden. */
    static double bruteDtw(double[] a, double[] b, int radius) {
        int t = a.length;
        double[][] memo = new double[t][t];
        for (double[] row : memo) {
            Arrays.fill(row, Double.NaN);
        }
        return rec(a, b, t - 1, t - 1, radius, memo);
    }

    private static double rec(double[] a, double[] b, int i, int j, int radius, double[][] memo) {
        if (i < 0 || j < 0 || Math.abs(i - j) > radius) {
            return Double.POSITIVE_INFINITY;
        }
        if (!Double.isNaN(memo[i][j])) {
            return memo[i][j];
        }
        double c = (a[i] - b[j]) * (a[i] - b[j]);
        double v;
        if (i == 0 && j == 0) {
            v = c;
        } else {
            v = c + Math.min(rec(a, b, i - 1, j - 1, radius, memo), Math.min(rec(a, b, i - 1, j, radius, memo),
                    rec(a, b, i, j - 1, radius, memo)));
        }
        memo[i][j] = v;
        return v;
    }

    static double[] gaussian(int t, SplittableRandom rng) {
        double[] x = new double[t];
        for (int i = 0; i < t; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    static double[] z(double[] x) {
        double[] out = new double[x.length];
        SeriesKernels.zNormalize(x, 0, x.length, out, 0);
        return out;
    }

    /**
     * {@code n} series of length t: row i is shape {@code i % shapes} (a bump, a step, a sine, a ramp...) circularly
     * shifted by up to {@code maxShift} periods, scaled and offset at random, plus noise of sd {@code noise}.
     */
    static double[] shiftedShapes(int n, int t, int shapes, int maxShift, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * t];
        for (int i = 0; i < n; i++) {
            int s = i % shapes;
            int shift = maxShift == 0 ? 0 : rng.nextInt(2 * maxShift + 1) - maxShift;
            double scale = 0.5 + 2 * rng.nextDouble();
            double offset = 10 * rng.nextDouble();
            for (int p = 0; p < t; p++) {
                int q = Math.floorMod(p - shift, t);
                v[i * t + p] = offset + scale * shape(s, q, t) + noise * rng.nextGaussian();
            }
        }
        return v;
    }

    static double shape(int s, int q, int t) {
        double u = (double) q / t;
        switch (s % 4) {
            case 0:
                return Math.exp(-Math.pow((u - 0.5) / 0.06, 2)); // a bump (a promotion week)
            case 1:
                return u < 0.5 ? 0 : 1; // a step (a launch)
            case 2:
                return Math.sin(4 * Math.PI * u); // two seasons
            default:
                return u * u; // accelerating growth
        }
    }
}
