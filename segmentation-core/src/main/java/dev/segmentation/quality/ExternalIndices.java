package dev.segmentation.quality;

import java.util.Objects;
import org.apache.commons.math3.special.Gamma;

/**
 * External indices comparing two labellings of the same items: adjusted Rand index (Hubert and Arabie 1985),
 * mutual information, normalised mutual information and adjusted mutual information (Vinh, Epps and Bailey 2010),
 * with scikit-learn's definitions and defaults (arithmetic-mean normalisation, natural logarithms).
 *
 * <p><b>Noise.</b> As in scikit-learn, every label value is an ordinary class: {@code -1} is compared like any
 * other label. To leave noise out, drop those items from both arrays first.
 *
 * <p>Complexity: O(n log n + R C) for ARI, MI and NMI; AMI adds the expected mutual information, which costs
 * O(R C min(n, max class size)) evaluations of the hypergeometric probability. Deterministic; stateless and
 * thread-safe.
 */
public final class ExternalIndices {
    private static final double EPS = Math.ulp(1.0);

    private ExternalIndices() {
    }

    /**
     * The adjusted Rand index: 1 for identical partitions (up to relabelling), about 0 for independent ones,
     * symmetric. Computed from the pair confusion matrix as scikit-learn 1.2 does; 1 when no pair is split
     * differently (for example both labellings put every item alone, or every item together).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double adjustedRandIndex(int[] a, int[] b) {
        return adjustedRandIndex(Contingency.of(a, b));
    }

    /** The adjusted Rand index of a contingency table; see {@link #adjustedRandIndex(int[], int[])}. */
    public static double adjustedRandIndex(Contingency t) {
        Objects.requireNonNull(t, "t");
        long[] m = t.countsRef();
        long[] rs = t.rowSumsRef();
        long[] cs = t.colSumsRef();
        long n = t.total();
        int r = t.rows();
        int c = t.cols();
        double sumSquares = 0;
        for (long v : m) {
            sumSquares += (double) v * v;
        }
        // contingency . colSums summed, and its transpose . rowSums
        double byCols = 0;
        double byRows = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                long v = m[i * c + j];
                byCols += (double) v * cs[j];
                byRows += (double) v * rs[i];
            }
        }
        double tp = sumSquares - n;
        double fp = byCols - sumSquares;
        double fn = byRows - sumSquares;
        double tn = (double) n * n - fp - fn - sumSquares;
        if (fn == 0 && fp == 0) {
            return 1.0;
        }
        return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
    }

    /**
     * The mutual information (natural logarithm) between the two labellings; 0 when either has one class.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double mutualInformation(int[] a, int[] b) {
        return mutualInformation(Contingency.of(a, b));
    }

    /** The mutual information of a contingency table; see {@link #mutualInformation(int[], int[])}. */
    public static double mutualInformation(Contingency t) {
        Objects.requireNonNull(t, "t");
        int r = t.rows();
        int c = t.cols();
        if (r == 1 || c == 1) {
            return 0.0;
        }
        long[] m = t.countsRef();
        long[] rs = t.rowSumsRef();
        long[] cs = t.colSumsRef();
        double n = t.total();
        double logN = Math.log(n);
        double mi = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                long v = m[i * c + j];
                if (v == 0) {
                    continue;
                }
                double p = v / n;
                double logOuter = -Math.log((double) rs[i] * cs[j]) + logN + logN;
                double term = p * (Math.log(v) - logN) + p * logOuter;
                if (Math.abs(term) < EPS) {
                    term = 0;
                }
                mi += term;
            }
        }
        return Math.max(mi, 0.0);
    }

    /**
     * The entropy (natural logarithm) of a labelling; 0 for a single class and for an empty array
     * (scikit-learn's {@code entropy} returns 1 for an empty array; the indices here treat empty input as
     * scikit-learn does: ARI, NMI and AMI are 1).
     *
     * @throws NullPointerException when {@code labels} is null
     */
    public static double entropy(int[] labels) {
        Objects.requireNonNull(labels, "labels");
        if (labels.length == 0) {
            return 0.0;
        }
        Contingency t = Contingency.of(labels, new int[labels.length]);
        return entropyOf(t.rowSumsRef(), t.total());
    }

    static double entropyOf(long[] sizes, long n) {
        if (sizes.length <= 1) {
            return 0.0;
        }
        double logN = Math.log(n);
        double h = 0;
        for (long s : sizes) {
            if (s > 0) {
                h -= (s / (double) n) * (Math.log(s) - logN);
            }
        }
        return h;
    }

    /**
     * Normalised mutual information with the arithmetic mean of the two entropies (scikit-learn's default): 1 for
     * identical partitions; 1 when both labellings have a single class; 0 when the mutual information is 0.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double normalizedMutualInformation(int[] a, int[] b) {
        Contingency t = Contingency.of(a, b);
        if (t.rows() == t.cols() && t.rows() <= 1) {
            return 1.0;
        }
        double mi = mutualInformation(t);
        if (mi == 0) {
            return 0.0;
        }
        double norm = 0.5 * (entropyOf(t.rowSumsRef(), t.total()) + entropyOf(t.colSumsRef(), t.total()));
        return mi / Math.max(norm, EPS);
    }

    /**
     * Adjusted mutual information with arithmetic-mean normalisation (scikit-learn's default):
     * {@code (MI - E[MI]) / (mean(H(a), H(b)) - E[MI])}, where {@code E[MI]} is the expected mutual information
     * under the hypergeometric model of random labellings with the same class sizes. 1 for identical partitions
     * (and when both labellings have a single class), about 0 for independent ones, symmetric. When every item is
     * alone in its class, every labelling with those class sizes has the same MI, so MI equals its expectation and
     * the index is 0/0 up to rounding (any value may come out; scikit-learn has the same degeneracy).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double adjustedMutualInformation(int[] a, int[] b) {
        Contingency t = Contingency.of(a, b);
        if (t.rows() == t.cols() && t.rows() <= 1) {
            return 1.0;
        }
        double mi = mutualInformation(t);
        double emi = expectedMutualInformation(t);
        double hA = entropyOf(t.rowSumsRef(), t.total());
        double hB = entropyOf(t.colSumsRef(), t.total());
        double denominator = 0.5 * (hA + hB) - emi;
        if (denominator < 0) {
            denominator = Math.min(denominator, -EPS);
        } else {
            denominator = Math.max(denominator, EPS);
        }
        return (mi - emi) / denominator;
    }

    /**
     * The expected mutual information of two random labellings with the row and column totals of {@code t}
     * (Vinh, Epps and Bailey 2010, eq. 24a); 0 when either labelling has a single class.
     *
     * @throws NullPointerException when {@code t} is null
     */
    public static double expectedMutualInformation(Contingency t) {
        Objects.requireNonNull(t, "t");
        long[] a = t.rowSumsRef();
        long[] b = t.colSumsRef();
        if (a.length == 1 || b.length == 1) {
            return 0.0;
        }
        long n = t.total();
        double logN = Math.log(n);
        double glnNPlus1 = Gamma.logGamma(n + 1.0);
        double emi = 0;
        for (int i = 0; i < a.length; i++) {
            double logA = Math.log(a[i]);
            double glnA = Gamma.logGamma(a[i] + 1.0) + Gamma.logGamma(n - a[i] + 1.0);
            for (int j = 0; j < b.length; j++) {
                double logB = Math.log(b[j]);
                double glnAB = glnA + Gamma.logGamma(b[j] + 1.0) + Gamma.logGamma(n - b[j] + 1.0) - glnNPlus1;
                long start = Math.max(1, a[i] + b[j] - n);
                long end = Math.min(a[i], b[j]);
                for (long nij = start; nij <= end; nij++) {
                    double term2 = logN + Math.log(nij) - logA - logB;
                    double gln = glnAB - Gamma.logGamma(nij + 1.0) - Gamma.logGamma(a[i] - nij + 1.0)
                            - Gamma.logGamma(b[j] - nij + 1.0) - Gamma.logGamma(n - a[i] - b[j] + nij + 1.0);
                    emi += (nij / (double) n) * term2 * Math.exp(gln);
                }
            }
        }
        return emi;
    }
}
