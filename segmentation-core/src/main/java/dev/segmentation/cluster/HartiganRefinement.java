package dev.segmentation.cluster;

import dev.segmentation.internal.Cancel;

/**
 * Hartigan refinement of a converged Lloyd run: single-row moves that lower the inertia, alternated with Lloyd
 * iterations until neither changes anything. Package-private; used by {@link KMeans} at the end of each restart.
 *
 * <p><b>Move rule</b> (Hartigan and Wong 1979, "Algorithm AS 136"; Telgarsky and Vattani 2010, "Hartigan's method:
 * k-means clustering without Voronoi"). Moving row {@code x} from cluster {@code a} (size {@code n_a > 1}, mean
 * {@code c_a}) to cluster {@code b} changes the inertia by exactly
 * {@code n_b / (n_b + 1) |x - c_b|^2 - n_a / (n_a - 1) |x - c_a|^2}. A sweep visits the rows in fitted order and
 * moves each row to the cluster with the smallest added cost when that is below its removal cost by more than a
 * relative margin of {@link #MARGIN} (so rounding can never make a move that does not lower the inertia), updating
 * both means incrementally; a cluster is never emptied. Means are recomputed exactly (row-order sums) before every
 * sweep. Sweeps repeat until one makes no move.
 *
 * <p><b>Alternation.</b> A Hartigan partition need not be a Voronoi partition of its means, so after moves Lloyd
 * iterations run again from the refined means; then Hartigan again, until a Hartigan check of a Lloyd result
 * makes no move. The final state is therefore a Lloyd result (labels = closest centre, as {@code predict} gives
 * them) at which no single-row move lowers the inertia. Every step lowers the inertia, so the result is at or below
 * the plain Lloyd result of the same restart.
 *
 * <p><b>Budget.</b> Lloyd iterations of all rounds together are at most {@code maxIter}; refinement only starts
 * from a converged Lloyd run (a run cut by {@code maxIter} is returned as it is). If moves are found when no Lloyd
 * iteration is left, they are discarded and the run is reported as not converged.
 *
 * <p><b>Complexity.</b> O(n k d) per sweep plus O(n d) for the means; scalar, sequential, in fitted row order, so
 * the result is the same for any thread count. Not thread-safe (one instance per restart).
 */
final class HartiganRefinement {
    /** The relative margin a move must gain (of the removal cost). */
    static final double MARGIN = 1e-12;

    /** The relative safety margin on the skip bound of {@link #separations()}. */
    static final double PRUNE_MARGIN = 1e-9;

    /** What a refined restart did. */
    static final class Outcome {
        final KMeansRun.Result result;
        final int sweeps;
        final long moves;

        Outcome(KMeansRun.Result result, int sweeps, long moves) {
            this.result = result;
            this.sweeps = sweeps;
            this.moves = moves;
        }
    }

    /** Checked once per sweep (set by the fit). */
    Cancel cancel = Cancel.NEVER;
    private final KMeansData data;
    private final int k;
    private final int d;
    private final double[] means;
    private final long[] counts;
    private final double[] row;
    /** {@code sep[c]} = distance from mean {@code c} to the closest other mean. */
    private final double[] sep;
    private int sweeps;
    private long moves;

    HartiganRefinement(KMeansData data, int k) {
        this.data = data;
        this.k = k;
        this.d = data.d;
        this.means = new double[k * d];
        this.counts = new long[k];
        this.row = new double[d];
        this.sep = new double[k];
    }

    /**
     * Refines {@code lloyd}, the result of {@code run.run(...)} with {@code maxIter} and {@code tol} ({@code run}'s
     * labels are that result's labels). On return {@code run.labels()} are the labels of the returned centres.
     */
    Outcome refine(KMeansRun run, KMeansRun.Result lloyd, int maxIter, double tol) {
        sweeps = 0;
        moves = 0;
        KMeansRun.Result cur = lloyd;
        int iterations = lloyd.iterations;
        boolean converged = lloyd.converged;
        if (k < 2 || !converged) {
            return new Outcome(lloyd, 0, 0);
        }
        while (true) {
            int[] labels = run.labels();
            long before = moves;
            // the Lloyd labels are kept in run until a further Lloyd run replaces them: refine a copy
            int[] work = labels.clone();
            refinePartition(work);
            if (moves == before) {
                break; // a Lloyd result at which no single move helps
            }
            if (iterations >= maxIter) {
                converged = false; // moves found, but no Lloyd iteration left to follow them: keep the Lloyd result
                break;
            }
            KMeansRun.Result next = run.run(means.clone(), maxIter - iterations, tol);
            iterations += next.iterations;
            cur = next;
            if (!next.converged) {
                converged = false;
                break;
            }
        }
        return new Outcome(new KMeansRun.Result(cur.centres, cur.inertia, iterations, converged), sweeps, moves);
    }

    /** Hartigan sweeps on {@code labels} until one makes no move; leaves the partition's means in {@link #means}. */
    void refinePartition(int[] labels) {
        while (true) {
            cancel.check();
            computeMeans(labels);
            sweeps++;
            if (sweep(labels) == 0) {
                computeMeans(labels);
                return;
            }
        }
    }

    /** The means of the last refined partition (the backing array). */
    double[] means() {
        return means;
    }

    int sweeps() {
        return sweeps;
    }

    long moves() {
        return moves;
    }

    private void computeMeans(int[] labels) {
        final double[] m = means;
        final long[] cnt = counts;
        final int dd = d;
        java.util.Arrays.fill(m, 0.0);
        java.util.Arrays.fill(cnt, 0L);
        final double[][][] x = data.tiles;
        for (int t = 0; t < data.nTiles; t++) {
            final double[][] xt = x[t];
            final int len = data.tileLen(t);
            final int row0 = t * KMeansData.TILE;
            for (int r = 0; r < len; r++) {
                final int o = labels[row0 + r] * dd;
                for (int j = 0; j < dd; j++) {
                    m[o + j] += xt[j][r];
                }
                cnt[labels[row0 + r]]++;
            }
        }
        for (int c = 0; c < k; c++) {
            if (cnt[c] > 0) {
                final double inv = cnt[c];
                for (int j = 0; j < dd; j++) {
                    m[c * dd + j] /= inv;
                }
            }
        }
    }

    /**
     * {@link #sep} for every mean, and the smallest add factor {@code n_b / (n_b + 1)} over the clusters: with
     * {@code |x - c_b| >= sep[a] - |x - c_a|} (triangle inequality), a row of {@code a} for which
     * {@code minFactor (sep[a] - |x - c_a|)^2} is at least its removal cost has no improving move, so it is skipped
     * without computing its other distances.
     */
    private double separations() {
        final double[] m = means;
        final int dd = d;
        double minFactor = 1;
        for (int c = 0; c < k; c++) {
            double best = Double.POSITIVE_INFINITY;
            for (int o = 0; o < k; o++) {
                if (o != c) {
                    best = Math.min(best, KMeansKernels.dist(m, c * dd, m, o * dd, dd));
                }
            }
            sep[c] = Math.sqrt(best);
            minFactor = Math.min(minFactor, (double) counts[c] / (double) (counts[c] + 1));
        }
        return minFactor;
    }

    /** One sweep in fitted row order; returns the number of moves. */
    private long sweep(int[] labels) {
        final double[] m = means;
        final long[] cnt = counts;
        final double[] xr = row;
        final double[] sp = sep;
        final int dd = d;
        final int kk = k;
        final double[][][] x = data.tiles;
        double minFactor = separations();
        long moved = 0;
        for (int t = 0; t < data.nTiles; t++) {
            final double[][] xt = x[t];
            final int len = data.tileLen(t);
            final int row0 = t * KMeansData.TILE;
            for (int r = 0; r < len; r++) {
                final int a = labels[row0 + r];
                final long na = cnt[a];
                if (na <= 1) {
                    continue;
                }
                for (int j = 0; j < dd; j++) {
                    xr[j] = xt[j][r];
                }
                final double da = dist(xr, m, a * dd, dd);
                final double remove = da * ((double) na / (double) (na - 1));
                final double gap = sp[a] - Math.sqrt(da);
                // the bound is used with a relative margin far above rounding error
                if (gap > 0 && minFactor * gap * gap * (1 - PRUNE_MARGIN) >= remove) {
                    continue;
                }
                double bestCost = remove * (1 - MARGIN);
                int b = -1;
                for (int c = 0; c < kk; c++) {
                    if (c == a) {
                        continue;
                    }
                    final long nc = cnt[c];
                    final double add = dist(xr, m, c * dd, dd) * ((double) nc / (double) (nc + 1));
                    if (add < bestCost) {
                        bestCost = add;
                        b = c;
                    }
                }
                if (b < 0) {
                    continue;
                }
                // c_a <- c_a + (c_a - x) / (n_a - 1); c_b <- c_b + (x - c_b) / (n_b + 1)
                final double ia = 1.0 / (na - 1);
                final double ib = 1.0 / (cnt[b] + 1);
                final int oa = a * dd;
                final int ob = b * dd;
                for (int j = 0; j < dd; j++) {
                    m[oa + j] += (m[oa + j] - xr[j]) * ia;
                    m[ob + j] += (xr[j] - m[ob + j]) * ib;
                }
                cnt[a] = na - 1;
                cnt[b]++;
                labels[row0 + r] = b;
                moved++;
                minFactor = separations();
            }
        }
        moves += moved;
        return moved;
    }

    private static double dist(double[] xr, double[] m, int off, int dd) {
        double s = 0;
        for (int j = 0; j < dd; j++) {
            final double t = xr[j] - m[off + j];
            s += t * t;
        }
        return s;
    }
}
