package dev.segmentation.refresh;

import dev.segmentation.data.DataMatrix;
import java.util.Objects;

/**
 * Sticky assignment to fixed centres: an entity keeps its previous segment unless moving to the nearest centre
 * lowers its squared Euclidean distance by more than {@code minGain}; entities without a previous segment (new
 * ones, or previously noise: {@code -1}) go to the nearest centre.
 *
 * <p><b>Effect on inertia.</b> With centres held fixed, every kept entity adds at most {@code minGain} to the
 * inertia of nearest-centre assignment, so {@code inertia <= nearestInertia + kept * minGain}, where {@code kept}
 * is {@link Result#keptAgainstNearest()}; both figures are returned so a caller can report the cost.
 * {@code minGain = 0} is nearest-centre assignment (ties keep the previous segment).
 *
 * <p><b>Sticky Lloyd</b> ({@link #refine}): alternates the sticky assignment with recomputing each centre as the
 * mean of its rows, from given centres until the labels stop changing (or {@code maxIter} rounds). Anchored on
 * the saved model's prediction for the new window, this is a warm refit whose model change is limited to the
 * entities the refit gains more than {@code minGain} on. The sticky assignment minimises, row by row,
 * {@code ||x - c_l||^2 + minGain [l != anchor]}, and the mean step minimises the squared distances for fixed
 * labels, so that potential never rises and the loop ends at a fixed point (Lloyd's argument with a penalty).
 *
 * <p>Complexity O(n k d) per assignment. Deterministic (ties to the lowest centre index). Stateless and
 * thread-safe.
 */
public final class Hysteresis {
    private Hysteresis() {
    }

    /**
     * The sticky assignment.
     *
     * @param labels the segment of each row (its previous one where kept, else the nearest centre)
     * @param inertia the sum of squared distances of the rows to their assigned centres
     * @param nearestInertia the same sum under nearest-centre assignment
     * @param keptAgainstNearest rows that kept a previous segment other than their nearest centre
     */
    public record Result(int[] labels, double inertia, double nearestInertia, int keptAgainstNearest) {
        /** {@code inertia / nearestInertia - 1} (0 when both are 0). */
        public double inertiaIncrease() {
            return nearestInertia == 0 ? 0.0 : inertia / nearestInertia - 1.0;
        }
    }

    /**
     * The result of {@link #refine}: the last sticky assignment, the centres (the means of its segments; a centre
     * left without rows keeps its position) and the rounds run.
     *
     * @param assignment the last sticky assignment, to {@code centres}
     * @param centres {@code k x d}
     * @param rounds assignment rounds run
     * @param converged whether the labels stopped changing within {@code maxIter} rounds
     */
    public record Refined(Result assignment, DataMatrix centres, int rounds, boolean converged) {
    }

    /**
     * Sticky Lloyd iterations from {@code centres} (see the class comment).
     *
     * @param x the rows
     * @param centres the starting centres, {@code k x d} (for example {@link WarmStart#centres})
     * @param anchor per row, the segment it keeps unless a move gains more than {@code minGain} (-1: none)
     * @param minGain the squared-distance gain a move must exceed (>= 0)
     * @param maxIter the most assignment rounds (>= 1)
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #assign}, or when {@code maxIter < 1}
     */
    public static Refined refine(DataMatrix x, DataMatrix centres, int[] anchor, double minGain, int maxIter) {
        if (maxIter < 1) {
            throw new IllegalArgumentException("maxIter must be >= 1 but was " + maxIter);
        }
        DataMatrix c = Objects.requireNonNull(centres, "centres");
        Result r = null;
        int rounds = 0;
        boolean converged = false;
        while (rounds < maxIter) {
            Result next = assign(x, c, anchor, minGain);
            rounds++;
            if (r != null && java.util.Arrays.equals(next.labels(), r.labels())) {
                r = next;
                converged = true;
                break;
            }
            r = next;
            c = means(x, r.labels(), c);
        }
        if (!converged) {
            r = assign(x, c, anchor, minGain);
        }
        return new Refined(r, c, rounds, converged);
    }

    private static DataMatrix means(DataMatrix x, int[] labels, DataMatrix old) {
        int k = old.rows();
        int d = x.cols();
        double[] v = x.toArray();
        double[] s = new double[k * d];
        long[] n = new long[k];
        for (int i = 0; i < labels.length; i++) {
            n[labels[i]]++;
            for (int j = 0; j < d; j++) {
                s[labels[i] * d + j] += v[i * d + j];
            }
        }
        double[] o = old.toArray();
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                s[c * d + j] = n[c] == 0 ? o[c * d + j] : s[c * d + j] / n[c];
            }
        }
        return DataMatrix.of(k, d, s);
    }

    /**
     * Assigns the rows of {@code x} to {@code centres} with hysteresis.
     *
     * @param x the rows, in the centres' space
     * @param centres {@code k x d}
     * @param previous per row, its previous segment (an index into the centres) or -1 for none
     * @param minGain the squared-distance gain a move must exceed (>= 0)
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when dimensions or lengths differ, {@code minGain} is negative or not
     *     finite, or a previous segment is outside [-1, k) (naming the row)
     */
    public static Result assign(DataMatrix x, DataMatrix centres, int[] previous, double minGain) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(centres, "centres");
        Objects.requireNonNull(previous, "previous");
        if (!(minGain >= 0) || Double.isInfinite(minGain)) {
            throw new IllegalArgumentException("minGain must be >= 0 and finite but was " + minGain);
        }
        if (x.cols() != centres.cols()) {
            throw new IllegalArgumentException("x has " + x.cols() + " columns but the centres have "
                    + centres.cols());
        }
        if (previous.length != x.rows()) {
            throw new IllegalArgumentException("previous has " + previous.length + " entries but x has " + x.rows()
                    + " rows");
        }
        final int n = x.rows();
        final int d = x.cols();
        final int k = centres.rows();
        final double[] v = x.toArray();
        final double[] c = centres.toArray();
        int[] labels = new int[n];
        double inertia = 0;
        double nearest = 0;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int p = previous[i];
            if (p < -1 || p >= k) {
                throw new IllegalArgumentException("previous segment of row " + i + " is " + p + "; it must be in "
                        + "[-1, " + k + ")");
            }
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            double prevD = Double.NaN;
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double df = v[i * d + t] - c[j * d + t];
                    s += df * df;
                }
                if (s < bestD) {
                    bestD = s;
                    best = j;
                }
                if (j == p) {
                    prevD = s;
                }
            }
            nearest += bestD;
            if (p >= 0 && prevD - bestD <= minGain) {
                labels[i] = p;
                inertia += prevD;
                if (p != best && prevD != bestD) {
                    kept++;
                }
            } else {
                labels[i] = best;
                inertia += bestD;
            }
        }
        return new Result(labels, inertia, nearest, kept);
    }
}
