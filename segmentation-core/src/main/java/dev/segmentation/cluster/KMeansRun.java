package dev.segmentation.cluster;

import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.Parallel;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * One K-Means run from given initial centres: Lloyd iterations, optionally with Hamerly's bounds to skip distance
 * computations. Package-private.
 *
 * <p><b>Iteration</b> (as scikit-learn's {@code _kmeans_single_lloyd}): assign every row to its closest centre
 * (squared Euclidean distance, ties to the lowest centre index), recompute every centre as the mean of its rows,
 * re-seed empty clusters (below); stop when no label changed, or when the sum over centres of the squared centre
 * shift is at most {@code tol}, or after {@code maxIter} iterations. Unless the last assignment was already made
 * with the final centres, one more assignment step runs so that the labels are those of the final centres, as
 * {@code predict} would give them. The inertia is the sum of squared distances of rows to their centres.
 *
 * <p><b>Exact sums.</b> Centre sums are exact integer sums of quantised values ({@link ExactSums}, quantum
 * {@code 2^-45} of the column bound, see {@link KMeansData#scale}): each tile is quantised once per iteration by a
 * vectorised pass, the rows are gathered per label and summed in doubles (at most 256 integers below {@code 2^45}:
 * exact), and the tile sums go to per-block longs and a 128-bit total. The inertia is summed exactly too. So the
 * result depends neither on the row order nor on the blocks.
 *
 * <p><b>Empty clusters.</b> When a cluster receives no row, the rows farthest from the centre they were assigned
 * to are taken in decreasing order of that distance (ties: the lexicographically smallest row by value, which makes
 * the choice independent of the row order), one per empty cluster (in
 * increasing cluster index), skipping any row that is the last remaining member of its cluster. The taken row
 * becomes the empty cluster's centre and its contribution is removed from its former cluster's mean; labels are
 * updated by the next assignment step (scikit-learn's rule, made deterministic). If no row qualifies the centre
 * stays where it was.
 *
 * <p><b>Hamerly</b> (Hamerly 2010, "Making k-means even faster"): one upper bound per row on the distance to its
 * centre and one lower bound on the distance to any other centre. Rows whose bounds prove that their label cannot
 * change are skipped; every other row gets the exact squared distances, compared exactly as in Lloyd's step. The
 * bounds carry a safety margin proportional to the data diameter and the iteration, far above rounding error, so
 * a row is only skipped when its closest centre is certain: the labels, centres and inertia are bit for bit those
 * of plain Lloyd iterations.
 *
 * <p><b>Incremental sums.</b> After the first pass of a run, an iteration (Lloyd or Hamerly) adds to the block sums
 * only the rows whose label changes (their quantised values leave one cluster's sum and join the other's); the exact
 * sums of the current labels are kept between iterations. Integer sums make this the same as summing all rows again,
 * and late iterations, where few labels change, skip the label sort and the sums almost entirely.
 *
 * <p><b>Determinism.</b> Rows are processed in fixed blocks; all sums are exact. The result does not depend on the
 * thread count or the row order. Buffers are allocated once per instance (per block of 4096 rows,
 * scratch for up to {@link #GROUP} distance rows and the label sort of one tile: about 6 bytes per data row); an
 * iteration allocates nothing of its own. Not thread-safe.
 *
 * <p><b>Speed</b> (Lloyd, 1,000,000 x 8, k = 8, one thread, see benchmarks/README.md): the default path spends
 * about 11 ms on the distance arithmetic and streaming the data, 4-5 ms on the branch-free argmin passes and, in a
 * first pass, about 7 ms on the quantisation, the label sort and the centre sums; later passes move only the rows
 * whose label changed. The optional {@link VectorKernels} (with {@code --add-modules jdk.incubator.vector}, at most
 * eight columns) do the distances and the argmin in one pass with each row's columns in registers (about 11.5 ms
 * for both), the same bits.
 */
final class KMeansRun {
    /** The result of one run. */
    static final class Result {
        final double[] centres;
        final double inertia;
        final int iterations;
        final boolean converged;

        Result(double[] centres, double inertia, int iterations, boolean converged) {
            this.centres = centres;
            this.inertia = inertia;
            this.iterations = iterations;
            this.converged = converged;
        }
    }

    /** Centres per group in the Lloyd assignment (see {@link #lloydBlock}). */
    static final int GROUP = 8;

    /** Relative margin on Hamerly's bounds (times the data diameter and the iteration number). */
    private static final double SLACK = 1e-11;

    private final KMeansData data;
    private final int k;
    private final int d;
    private final int threads;
    private final boolean hamerly;
    private final int[] labels;
    private double[] centres;
    private double[] next;
    /** Per block, the exact quantised sums of each label's rows, {@code [b * k * d + c * d + j]}. */
    private final long[] partSums;
    private final int[] partCounts;
    private final int[] partChanged;
    /** Per block, the exact quantised sum of the rows' squared distances to their centres. */
    private final long[] partInertia;
    /** Per block, whether a squared distance to a centre overflowed to infinity. */
    private final boolean[] partInf;
    /** The scale of the quantised squared distances of the current inertia pass. */
    private double inertiaScale;
    /** The exact centre sums: {@code sumHi[q] * 2^32 + sumLo[q]} quanta of the column (see {@link ExactSums}). */
    private final long[] sumHi;
    private final long[] sumLo;
    /** Hamerly: the exact sums and counts of the current labels (sums before empty-cluster repairs). */
    private final long[] baseHi;
    private final long[] baseLo;
    private final long[] baseCounts;
    private final long[] counts;
    private final double[][] best;
    private final double[][] lab;
    private final double[][] groupLab;
    private final double[][][] pm;
    private final int[][] labInt;
    private final int[][] perm;
    /** Per block, one tile of quantised values ({@link ExactSums#quantise}), {@code [b][j][r]}. */
    private final double[][][] quantised;
    private final int[][] hist;
    private final int[][] bounds;
    private final double[] rowBuf;
    private double[] far;
    // Hamerly state
    private final double[] upper;
    /** Hamerly's tile scan: per block, the best and second best squared distances, the label, one distance row. */
    private final double[][] scanBest;
    private final double[][] scanSecond;
    private final double[][] scanLabel;
    private final double[][] scanDist;
    private final double[] lower;
    private final double[] half;
    private final double[] moved;
    private int movedArg;
    private double movedMax1;
    private double movedMax2;
    private double slack;
    private boolean firstPass;
    private boolean accumulate;

    /** Checked once per iteration (set by the fit; benchmarks leave it at {@link Cancel#NEVER}). */
    Cancel cancel = Cancel.NEVER;

    /**
     * Lloyd assignment by {@link VectorKernels} (Vector API available, at most eight columns): the width of the
     * padded column and centre layout (4, 6 or 8), else 0.
     */
    private final int vectorWidth;
    /** Centres padded to {@link #vectorWidth} coordinates with zeros, row-major. */
    private double[] centresPadded;
    /** Per block, the columns of the current tile padded with zero columns to {@link #vectorWidth}. */
    private final double[][][] paddedColumns;

    private final IntConsumer assignBody;
    private final IntConsumer inertiaBody = this::inertiaBlock;
    private final IntConsumer farBody = this::farBlock;

    KMeansRun(KMeansData data, int k, int threads, boolean hamerly) {
        this.data = data;
        this.k = k;
        this.d = data.d;
        this.threads = threads;
        this.hamerly = hamerly && k > 1;
        int nb = data.nBlocks;
        this.labels = new int[data.n];
        this.centres = new double[k * d];
        this.next = new double[k * d];
        this.partSums = new long[nb * k * d];
        this.partCounts = new int[nb * k];
        this.partChanged = new int[nb];
        this.partInertia = new long[nb];
        this.partInf = new boolean[nb];
        this.sumHi = new long[k * d];
        this.sumLo = new long[k * d];
        this.baseHi = new long[k * d];
        this.baseLo = new long[k * d];
        this.baseCounts = new long[k];
        this.counts = new long[k];
        this.rowBuf = new double[d];
        this.perm = new int[nb][KMeansData.TILE];
        this.quantised = new double[nb][d][KMeansData.TILE];
        this.hist = new int[nb][4 * k];
        this.bounds = new int[nb][k];
        if (this.hamerly) {
            this.upper = new double[data.n];
            this.scanBest = new double[nb][KMeansData.TILE];
            this.scanSecond = new double[nb][KMeansData.TILE];
            this.scanLabel = new double[nb][KMeansData.TILE];
            this.scanDist = new double[nb][KMeansData.TILE];
            this.lower = new double[data.n];
            this.half = new double[k];
            this.moved = new double[k];
            this.best = null;
            this.lab = null;
            this.groupLab = null;
            this.pm = null;
            this.labInt = null;
            this.assignBody = this::hamerlyBlock;
        } else {
            this.upper = null;
            this.scanBest = null;
            this.scanSecond = null;
            this.scanLabel = null;
            this.scanDist = null;
            this.lower = null;
            this.half = null;
            this.moved = null;
            this.best = new double[nb][KMeansData.TILE];
            this.lab = new double[nb][KMeansData.TILE];
            this.groupLab = k > GROUP ? new double[nb][KMeansData.TILE] : null;
            this.pm = new double[nb][Math.min(k, GROUP)][KMeansData.TILE];
            this.labInt = new int[nb][KMeansData.TILE];
            this.assignBody = this::lloydBlock;
        }
        this.vectorWidth = this.hamerly || d > 8 || !KMeansKernels.vectorEnabled ? 0 : VectorKernels.width(d);
        if (vectorWidth > 0) {
            this.centresPadded = new double[k * vectorWidth];
            this.paddedColumns = VectorKernels.paddedColumns(nb, vectorWidth);
        } else {
            this.paddedColumns = null;
        }
    }

    /** Runs from {@code init} ({@code k x d}, not modified). {@code tol} is absolute (already scaled). */
    Result run(double[] init, int maxIter, double tol) {
        System.arraycopy(init, 0, centres, 0, k * d);
        Arrays.fill(labels, -1);
        firstPass = true;
        int iterations = 0;
        boolean strict = false;
        double shift = Double.POSITIVE_INFINITY;
        while (iterations < maxIter) {
            cancel.check();
            iterations++;
            prepareAssign(iterations);
            accumulate = true;
            Parallel.forEachBlock(data.nBlocks, threads, assignBody);
            long changed = combine(!firstPass);
            firstPass = false;
            relocateEmpty();
            shift = update();
            if (changed == 0) {
                strict = true;
                break;
            }
            if (shift <= tol) {
                break;
            }
        }
        boolean converged = strict || shift <= tol;
        cancel.check();
        if (!(strict && Arrays.equals(centres, next))) {
            // labels from the final centres, as predict gives them
            prepareAssign(iterations + 1);
            prepareInertia();
            accumulate = false;
            Parallel.forEachBlock(data.nBlocks, threads, assignBody);
            if (!hamerly) {
                // the Lloyd pass left each block's sum of the rows' distances to their centres (see lloydBlock)
                return new Result(centres.clone(), sumInertia(), iterations, converged);
            }
        }
        return new Result(centres.clone(), inertia(), iterations, converged);
    }

    /**
     * One Lloyd iteration from centres {@code cen}: full assignment, centre sums, empty-cluster re-seeding and the
     * new centres (readable with {@link #centres()}); returns the total squared centre shift. Used by the
     * benchmarks to time one iteration.
     */
    double iterate(double[] cen) {
        System.arraycopy(cen, 0, centres, 0, k * d);
        firstPass = true;
        prepareAssign(1);
        accumulate = true;
        Parallel.forEachBlock(data.nBlocks, threads, assignBody);
        combine(false);
        firstPass = false;
        relocateEmpty();
        return update();
    }

    /**
     * One Lloyd iteration from centres {@code cen} after an earlier iteration of this instance (its labels and exact
     * sums kept): the assignment, the incremental sums (only rows whose label changes move), the update. Repeated
     * with the same centres no label changes, which is the cost of a fit's last iterations. Used by the benchmarks.
     */
    double iterateAgain(double[] cen) {
        System.arraycopy(cen, 0, centres, 0, k * d);
        prepareAssign(2);
        accumulate = true;
        Parallel.forEachBlock(data.nBlocks, threads, assignBody);
        combine(true);
        relocateEmpty();
        return update();
    }

    /**
     * The labels of the last assignment (the backing array): after {@link #run}, the assignment of every row to
     * the returned centres, the same as {@link #assign} of them.
     */
    int[] labels() {
        return labels;
    }

    /** The current centres (the backing array). */
    double[] centres() {
        return centres;
    }

    /** The labels of the fitted rows for {@code cen}: the same assignment step as the last one of a run. */
    int[] assign(double[] cen) {
        System.arraycopy(cen, 0, centres, 0, k * d);
        Arrays.fill(labels, -1);
        firstPass = true;
        prepareAssign(1);
        prepareInertia();
        accumulate = false;
        Parallel.forEachBlock(data.nBlocks, threads, assignBody);
        return labels.clone();
    }

    private void prepareAssign(int iteration) {
        if (vectorWidth > 0) {
            for (int c = 0; c < k; c++) {
                System.arraycopy(centres, c * d, centresPadded, c * vectorWidth, d);
            }
        }
        if (!hamerly) {
            return;
        }
        slack = SLACK * data.diameter * iteration;
        for (int c = 0; c < k; c++) {
            double m = Double.POSITIVE_INFINITY;
            for (int o = 0; o < k; o++) {
                if (o != c) {
                    m = Math.min(m, KMeansKernels.dist(centres, c * d, centres, o * d, d));
                }
            }
            half[c] = 0.5 * Math.sqrt(m);
        }
    }

    // ---------------------------------------------------------------- block kernels

    /**
     * Lloyd assignment of the rows of block {@code b}, tile by tile. Centres are taken in groups of up to
     * {@link #GROUP}: the group's distances go to {@code pm[0..g)}, each row turned into the running minimum over
     * the group's first centres; the group's argmin (first index attaining the minimum) is the number of prefix
     * minima above the group minimum ({@link KMeansKernels#countGreater}); groups after the first are merged into
     * the running minimum ({@link KMeansKernels#mergeCloser}). All of it is short branch-free loops that C2
     * vectorises, and the labels are exactly those of comparing the distances one centre after another (ties to the
     * lowest index). A tile where a distance overflowed to infinity is redone with plain comparisons.
     */
    private void lloydBlock(int b) {
        final double[][][] x = data.tiles;
        final double[] cen = centres;
        final double[][] pmb = pm[b];
        final double[] bst = best[b];
        final double[] lb = lab[b];
        final double[] gl = groupLab == null ? null : groupLab[b];
        final int[] li = labInt[b];
        final int[] labs = labels;
        final int kk = k;
        final int dd = d;
        final int group = Math.min(kk, GROUP);
        final boolean delta = accumulate && !firstPass;
        if (accumulate) {
            Arrays.fill(partSums, b * kk * dd, (b + 1) * kk * dd, 0L);
            Arrays.fill(partCounts, b * kk, (b + 1) * kk, 0);
        }
        int changed = 0;
        long inert = 0;
        double inertMax = 0;
        final double is = inertiaScale;
        int tEnd = Math.min(data.nTiles, (b + 1) * KMeansData.TILES_PER_BLOCK);
        for (int t = b * KMeansData.TILES_PER_BLOCK; t < tEnd; t++) {
            final int len = data.tileLen(t);
            final int row0 = t * KMeansData.TILE;
            final double[][] xt = x[t];
            double[] runMin = null;
            double[] runLab = null;
            if (vectorWidth > 0) {
                final double[][] xv = paddedColumns[b];
                System.arraycopy(xt, 0, xv, 0, dd);
                if (vectorWidth == 8) {
                    VectorKernels.assign8(xv, len, centresPadded, kk, bst, lb);
                } else if (vectorWidth == 6) {
                    VectorKernels.assign6(xv, len, centresPadded, kk, bst, lb);
                } else {
                    VectorKernels.assign4(xv, len, centresPadded, kk, bst, lb);
                }
                runMin = bst;
                runLab = lb;
            }
            for (int g0 = 0; vectorWidth == 0 && g0 < kk; g0 += group) {
                final int g = Math.min(group, kk - g0);
                KMeansKernels.distTile(xt, len, cen, g0 * dd, dd, pmb[0]);
                for (int q = 1; q < g; q++) {
                    KMeansKernels.distTile(xt, len, cen, (g0 + q) * dd, dd, pmb[q]);
                    KMeansKernels.minInto(pmb[q - 1], pmb[q], len);
                }
                final double[] m = pmb[g - 1];
                final double[] glab = g0 == 0 ? lb : gl;
                Arrays.fill(glab, 0, len, g0);
                for (int q = 0; q + 1 < g; q++) {
                    KMeansKernels.countGreater(pmb[q], m, glab, len);
                }
                if (g0 == 0) {
                    if (g == kk) {
                        runMin = m;
                    } else {
                        System.arraycopy(m, 0, bst, 0, len);
                        runMin = bst;
                    }
                    runLab = lb;
                } else {
                    KMeansKernels.mergeCloser(runMin, m, runLab, glab, len);
                }
            }
            boolean nan = false;
            int ch = 0;
            for (int r = 0; r < len; r++) {
                double v = runLab[r];
                nan |= v != v;
                int l = (int) v;
                ch += labs[row0 + r] != l ? 1 : 0;
                li[r] = l;
            }
            if (nan) {
                // a distance overflowed to infinity (inf - inf): redo this tile with plain comparisons
                ch = scalarTile(xt, len, row0, pmb[0], pmb[Math.min(1, group - 1)], li);
                runMin = pmb[0];
            }
            changed += ch;
            if (delta && ch > 0) {
                // after the first pass only the rows whose label changes move between the exact sums
                for (int r = 0; r < len; r++) {
                    if (labs[row0 + r] != li[r]) {
                        moveRow(b, xt, r, labs[row0 + r], li[r]);
                    }
                }
            }
            System.arraycopy(li, 0, labs, row0, len);
            if (accumulate) {
                if (!delta) {
                    accumulateTile(b, t, len, row0);
                }
            } else {
                // the final labels pass: runMin[r] is the squared distance of row r to its centre, bit for bit
                // what inertiaBlock computes (the tile kernel does the scalar kernel's additions), summed exactly
                inert += quantisedSum(runMin, len, is);
                inertMax = Math.max(inertMax, maxOf(runMin, len));
            }
        }
        partChanged[b] = changed;
        partInertia[b] = inert;
        partInf[b] = inertMax == Double.POSITIVE_INFINITY;
    }

    /** The exact sum of {@code ExactSums.q(v[r], scale)} for {@code r < len} (wrapping, see {@link ExactSums}). */
    private static long quantisedSum(double[] v, int len, double scale) {
        long s = 0;
        for (int r = 0; r < len; r++) {
            s += Double.doubleToRawLongBits(v[r] * scale + ExactSums.MAGIC);
        }
        return s - len * ExactSums.MAGIC_BITS;
    }

    private static double maxOf(double[] v, int len) {
        double m = 0;
        for (int r = 0; r < len; r++) {
            m = Math.max(m, v[r]);
        }
        return m;
    }

    /**
     * Labels of one tile into {@code li} by plain comparisons (ties to the lowest index), for tiles where a
     * distance overflowed to infinity; returns how many differ from {@code labels}.
     */
    private int scalarTile(double[][] xt, int len, int row0, double[] bst, double[] ac, int[] li) {
        final int[] labs = labels;
        Arrays.fill(li, 0, len, 0);
        KMeansKernels.distTile(xt, len, centres, 0, d, bst);
        for (int c = 1; c < k; c++) {
            KMeansKernels.distTile(xt, len, centres, c * d, d, ac);
            for (int r = 0; r < len; r++) {
                if (ac[r] < bst[r]) {
                    bst[r] = ac[r];
                    li[r] = c;
                }
            }
        }
        int ch = 0;
        for (int r = 0; r < len; r++) {
            ch += labs[row0 + r] != li[r] ? 1 : 0;
        }
        return ch;
    }

    private void hamerlyBlock(int b) {
        final double[][][] x = data.tiles;
        final double[] cen = centres;
        final int[] labs = labels;
        final double[] up = upper;
        final double[] lo = lower;
        final double[] hf = half;
        final double[] mv = moved;
        final int kk = k;
        final int dd = d;
        final boolean first = firstPass;
        final double sl = slack;
        final int mArg = movedArg;
        final double m1 = movedMax1;
        final double m2 = movedMax2;
        // after the first pass only the rows whose label changes are summed: their quantised values leave the old
        // label's sums and join the new one's (exact integers, so the same sums as a full pass)
        final boolean full = accumulate && first;
        final boolean delta = accumulate && !first;
        final int so = b * kk * dd;
        final int[] pend = perm[b];
        final double[] s1 = scanBest[b];
        final double[] s2 = scanSecond[b];
        final double[] sLab = scanLabel[b];
        if (accumulate) {
            Arrays.fill(partSums, so, (b + 1) * kk * dd, 0L);
            Arrays.fill(partCounts, b * kk, (b + 1) * kk, 0);
        }
        int changed = 0;
        int tEnd = Math.min(data.nTiles, (b + 1) * KMeansData.TILES_PER_BLOCK);
        for (int t = b * KMeansData.TILES_PER_BLOCK; t < tEnd; t++) {
            final int len = data.tileLen(t);
            final int row0 = t * KMeansData.TILE;
            final double[][] xt = x[t];
            // 1. bounds: rows whose label the bounds cannot prove go to pend[0..np)
            int np = 0;
            if (first) {
                for (int r = 0; r < len; r++) {
                    pend[r] = r;
                }
                np = len;
            } else {
                for (int r = 0; r < len; r++) {
                    final int i = row0 + r;
                    final int a = labs[i];
                    double u = up[i] + mv[a];
                    double l = lo[i] - (a == mArg ? m2 : m1);
                    double m = Math.max(hf[a], l);
                    if (u + sl >= m) {
                        u = Math.sqrt(KMeansKernels.distRow(xt, r, cen, a * dd, dd));
                        if (u + sl >= m) {
                            pend[np++] = r;
                        }
                    }
                    up[i] = u;
                    lo[i] = l;
                }
            }
            if (np == 0) {
                continue;
            }
            // 2. the exact closest and second closest centres of the pending rows: all of the tile's rows by the
            // vectorised tile kernel when many are pending, else one row at a time (the same distances, bit for bit)
            boolean tiled = np * 5 > len && scanTile(b, xt, len);
            for (int q = 0; q < np; q++) {
                final int r = pend[q];
                final int i = row0 + r;
                final int a = labs[i];
                int na;
                double b1;
                double b2;
                if (tiled) {
                    b1 = s1[r];
                    b2 = s2[r];
                    na = (int) sLab[r];
                } else {
                    b1 = KMeansKernels.distRow(xt, r, cen, 0, dd);
                    b2 = Double.POSITIVE_INFINITY;
                    na = 0;
                    for (int c = 1; c < kk; c++) {
                        double dist = KMeansKernels.distRow(xt, r, cen, c * dd, dd);
                        if (dist < b1) {
                            b2 = b1;
                            b1 = dist;
                            na = c;
                        } else if (dist < b2) {
                            b2 = dist;
                        }
                    }
                }
                up[i] = Math.sqrt(b1);
                lo[i] = Math.sqrt(b2);
                if (na != a) {
                    changed++;
                    labs[i] = na;
                    if (delta) {
                        moveRow(b, xt, r, a, na);
                    }
                }
            }
            if (full) {
                accumulateTile(b, t, len, row0);
            }
        }
        partChanged[b] = changed;
    }

    /**
     * Moves row {@code r} of tile {@code xt} from label {@code a} to label {@code na} in block {@code b}'s sums and
     * counts: its quantised values leave {@code a}'s sums and join {@code na}'s (exact integers, so the same sums as
     * summing all rows again).
     */
    private void moveRow(int b, double[][] xt, int r, int a, int na) {
        final long[] ps = partSums;
        final double[] sc = data.scale;
        final int dd = d;
        final int so = b * k * dd;
        final int oa = so + a * dd;
        final int on = so + na * dd;
        for (int j = 0; j < dd; j++) {
            long v = (long) ExactSums.round(xt[j][r], sc[j]);
            ps[oa + j] -= v;
            ps[on + j] += v;
        }
        partCounts[b * k + a]--;
        partCounts[b * k + na]++;
    }

    /**
     * For every row of a tile, the smallest and second smallest squared distance to the centres and the first
     * centre attaining the smallest, into {@code scanBest[b]}, {@code scanSecond[b]}, {@code scanLabel[b]}, by the
     * tile kernel and {@link KMeansKernels#mergeSecond}: the same values as comparing the distances one centre after
     * another. Returns false (and the caller scans row by row) when a distance overflowed to infinity.
     */
    private boolean scanTile(int b, double[][] xt, int len) {
        final double[] s1 = scanBest[b];
        final double[] s2 = scanSecond[b];
        final double[] sLab = scanLabel[b];
        final double[] dist = scanDist[b];
        KMeansKernels.distTile(xt, len, centres, 0, d, s1);
        Arrays.fill(s2, 0, len, Double.POSITIVE_INFINITY);
        Arrays.fill(sLab, 0, len, 0.0);
        for (int c = 1; c < k; c++) {
            KMeansKernels.distTile(xt, len, centres, c * d, d, dist);
            KMeansKernels.mergeSecond(s1, s2, dist, sLab, c, len);
        }
        double check = 0;
        for (int r = 0; r < len; r++) {
            check += sLab[r];
        }
        return check == check;
    }

    /**
     * Adds the rows of tile {@code t} to block {@code b}'s per-label sums and counts. The rows are first put in
     * label order by a stable counting sort (a full tile as four chunks of 64 rows with their own counters, which
     * keeps the row order within each label and lets the four chunks' counter updates overlap), then each label's
     * rows are summed column by column into running sums held in registers (four columns at a time): for every
     * (label, column) pair the additions are the same, in the same row order, as adding the rows one by one, so
     * the bits are those of the plain loop.
     */
    private void accumulateTile(int b, int t, int len, int row0) {
        final double[][] xt = data.tiles[t];
        final double[][] qt = quantised[b];
        final long[] ps = partSums;
        final int[] pc = partCounts;
        final int[] pmu = perm[b];
        final int[] ends = bounds[b];
        final int kk = k;
        final int dd = d;
        final int so = b * kk * dd;
        for (int j = 0; j < dd; j++) {
            ExactSums.quantise(xt[j], data.scale[j], qt[j], len);
        }
        sortByLabel(b, len, row0);
        int from = 0;
        for (int c = 0; c < kk; c++) {
            final int to = ends[c];
            if (to > from) {
                final int o = so + c * dd;
                int j = 0;
                for (; j + 4 <= dd; j += 4) {
                    final double[] x0 = qt[j];
                    final double[] x1 = qt[j + 1];
                    final double[] x2 = qt[j + 2];
                    final double[] x3 = qt[j + 3];
                    double s0 = 0;
                    double s1 = 0;
                    double s2 = 0;
                    double s3 = 0;
                    for (int q = from; q < to; q++) {
                        final int r = pmu[q] & (KMeansData.TILE - 1); // a no-op that lets C2 drop the bounds checks
                        s0 += x0[r];
                        s1 += x1[r];
                        s2 += x2[r];
                        s3 += x3[r];
                    }
                    // integers below 2^45 in magnitude, at most 256 of them: every partial sum is exact
                    ps[o + j] += (long) s0;
                    ps[o + j + 1] += (long) s1;
                    ps[o + j + 2] += (long) s2;
                    ps[o + j + 3] += (long) s3;
                }
                for (; j < dd; j++) {
                    final double[] x0 = qt[j];
                    double s0 = 0;
                    for (int q = from; q < to; q++) {
                        s0 += x0[pmu[q] & (KMeansData.TILE - 1)];
                    }
                    ps[o + j] += (long) s0;
                }
                pc[b * kk + c] += to - from;
            }
            from = to;
        }
    }

    /**
     * Stable counting sort of the tile's rows by label into {@code perm[b]}; {@code bounds[b][c]} = end of label
     * {@code c}'s rows.
     */
    private void sortByLabel(int b, int len, int row0) {
        final int[] labs = labels;
        final int[] pmu = perm[b];
        final int[] h = hist[b];
        final int[] ends = bounds[b];
        final int kk = k;
        if (len == KMeansData.TILE) {
            final int q1 = KMeansData.TILE / 4;
            final int k2 = 2 * kk;
            final int k3 = 3 * kk;
            Arrays.fill(h, 0);
            for (int q = 0; q < q1; q++) {
                h[labs[row0 + q]]++;
                h[kk + labs[row0 + q1 + q]]++;
                h[k2 + labs[row0 + 2 * q1 + q]]++;
                h[k3 + labs[row0 + 3 * q1 + q]]++;
            }
            int run = 0;
            for (int c = 0; c < kk; c++) {
                final int n0 = h[c];
                final int n1 = h[kk + c];
                final int n2 = h[k2 + c];
                final int n3 = h[k3 + c];
                h[c] = run;
                run += n0;
                h[kk + c] = run;
                run += n1;
                h[k2 + c] = run;
                run += n2;
                h[k3 + c] = run;
                run += n3;
                ends[c] = run;
            }
            for (int q = 0; q < q1; q++) {
                pmu[h[labs[row0 + q]]++] = q;
                pmu[h[kk + labs[row0 + q1 + q]]++] = q1 + q;
                pmu[h[k2 + labs[row0 + 2 * q1 + q]]++] = 2 * q1 + q;
                pmu[h[k3 + labs[row0 + 3 * q1 + q]]++] = 3 * q1 + q;
            }
        } else {
            Arrays.fill(h, 0, kk, 0);
            for (int r = 0; r < len; r++) {
                h[labs[row0 + r]]++;
            }
            int run = 0;
            for (int c = 0; c < kk; c++) {
                final int nc = h[c];
                h[c] = run;
                run += nc;
                ends[c] = run;
            }
            for (int r = 0; r < len; r++) {
                pmu[h[labs[row0 + r]]++] = r;
            }
        }
    }

    private void inertiaBlock(int b) {
        final double[][][] x = data.tiles;
        final double[] cen = centres;
        final int[] labs = labels;
        final double is = inertiaScale;
        long s = 0;
        double mx = 0;
        int tEnd = Math.min(data.nTiles, (b + 1) * KMeansData.TILES_PER_BLOCK);
        for (int t = b * KMeansData.TILES_PER_BLOCK; t < tEnd; t++) {
            final int len = data.tileLen(t);
            final int row0 = t * KMeansData.TILE;
            for (int r = 0; r < len; r++) {
                double v = KMeansKernels.distRow(x[t], r, cen, labs[row0 + r] * d, d);
                s += ExactSums.q(v, is);
                mx = Math.max(mx, v);
            }
        }
        partInertia[b] = s;
        partInf[b] = mx == Double.POSITIVE_INFINITY;
    }

    private void farBlock(int b) {
        final double[][][] x = data.tiles;
        final double[] cen = centres;
        final int[] labs = labels;
        int tEnd = Math.min(data.nTiles, (b + 1) * KMeansData.TILES_PER_BLOCK);
        for (int t = b * KMeansData.TILES_PER_BLOCK; t < tEnd; t++) {
            final int len = data.tileLen(t);
            final int base = data.tileBase(t);
            final int row0 = t * KMeansData.TILE;
            for (int r = 0; r < len; r++) {
                far[row0 + r] = KMeansKernels.distRow(x[t], r, cen, labs[row0 + r] * d, d);
            }
        }
    }

    // ---------------------------------------------------------------- per-iteration steps

    /** Sums the per-block partial results in block order; returns the number of changed labels. */
    private long combine(boolean incremental) {
        if (incremental) {
            // the block parts are changes to the sums of the current labels, kept in baseHi/baseLo/baseCounts
            System.arraycopy(baseHi, 0, sumHi, 0, sumHi.length);
            System.arraycopy(baseLo, 0, sumLo, 0, sumLo.length);
            System.arraycopy(baseCounts, 0, counts, 0, k);
        } else {
            Arrays.fill(sumHi, 0L);
            Arrays.fill(sumLo, 0L);
            Arrays.fill(counts, 0L);
        }
        long changed = 0;
        final int kd = k * d;
        for (int b = 0; b < data.nBlocks; b++) {
            int so = b * kd;
            for (int q = 0; q < kd; q++) {
                long p = partSums[so + q];
                sumHi[q] += ExactSums.addHi(p);
                sumLo[q] += ExactSums.addLo(p);
            }
            int co = b * k;
            for (int c = 0; c < k; c++) {
                counts[c] += partCounts[co + c];
            }
            changed += partChanged[b];
        }
        // the sums of the labels just assigned, before any empty-cluster repair edits sumHi/sumLo: the next
        // iteration adds to them only the rows whose label changes
        System.arraycopy(sumHi, 0, baseHi, 0, sumHi.length);
        System.arraycopy(sumLo, 0, baseLo, 0, sumLo.length);
        System.arraycopy(counts, 0, baseCounts, 0, k);
        return changed;
    }

    private void relocateEmpty() {
        boolean any = false;
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                any = true;
                break;
            }
        }
        if (!any) {
            return;
        }
        if (far == null) {
            far = new double[data.n];
        }
        Parallel.forEachBlock(data.nBlocks, threads, farBody);
        final int n = data.n;
        for (int c = 0; c < k; c++) {
            if (counts[c] != 0) {
                continue;
            }
            int pick = -1;
            double bd = 0;
            for (int i = 0; i < n; i++) {
                double f = far[i];
                if (f >= bd && f > 0 && counts[labels[i]] > 1
                        && (f > bd || pick < 0 || compareContent(i, pick) < 0)) {
                    bd = f;
                    pick = i;
                }
            }
            if (pick < 0) {
                continue; // no row qualifies: the centre stays
            }
            far[pick] = -1;
            int old = labels[pick];
            data.copyRow(pick, rowBuf, 0);
            for (int j = 0; j < d; j++) {
                long v = (long) ExactSums.round(rowBuf[j], data.scale[j]);
                sumHi[old * d + j] -= ExactSums.addHi(v);
                sumLo[old * d + j] -= ExactSums.addLo(v);
                sumHi[c * d + j] = ExactSums.addHi(v);
                sumLo[c * d + j] = ExactSums.addLo(v);
            }
            counts[old]--;
            counts[c] = 1;
        }
    }

    /**
     * The lexicographic order of the values of fitted rows {@code a} and {@code b} (equal rows compare 0: they are
     * interchangeable, with the same distances and labels).
     */
    private int compareContent(int a, int b) {
        final double[][] ta = data.tiles[a / KMeansData.TILE];
        final double[][] tb = data.tiles[b / KMeansData.TILE];
        final int ra = a % KMeansData.TILE;
        final int rb = b % KMeansData.TILE;
        for (int j = 0; j < d; j++) {
            int c = Double.compare(ta[j][ra], tb[j][rb]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** New centres from the sums; returns the total squared shift and swaps the centre buffers. */
    private double update() {
        double total = 0;
        for (int c = 0; c < k; c++) {
            long cnt = counts[c];
            double s2 = 0;
            for (int j = 0; j < d; j++) {
                int q = c * d + j;
                double v = cnt > 0 ? ExactSums.toDouble(sumHi[q], sumLo[q]) / cnt * data.quantum[j] : centres[q];
                next[q] = v;
                double t = v - centres[q];
                s2 += t * t;
            }
            total += s2;
            if (hamerly) {
                moved[c] = Math.sqrt(s2);
            }
        }
        if (hamerly) {
            movedArg = 0;
            movedMax1 = Double.NEGATIVE_INFINITY;
            movedMax2 = 0;
            for (int c = 0; c < k; c++) {
                if (moved[c] > movedMax1) {
                    movedMax2 = Math.max(movedMax1, 0);
                    movedMax1 = moved[c];
                    movedArg = c;
                } else if (moved[c] > movedMax2) {
                    movedMax2 = moved[c];
                }
            }
        }
        double[] tmp = centres;
        centres = next;
        next = tmp;
        return total;
    }

    private double inertia() {
        prepareInertia();
        Parallel.forEachBlock(data.nBlocks, threads, inertiaBody);
        return sumInertia();
    }

    /**
     * The scale of the exact inertia sum for the current centres: from a bound on every row's squared distance to
     * any centre, the largest over centres of the squared distance to the farthest corner of the rows' bounding box
     * (padded by a relative 1e-9 for rounding in the computed distances).
     */
    private void prepareInertia() {
        double bound = 0;
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double cj = centres[c * d + j];
                double w = Math.max(Math.abs(cj - data.colMin[j]), Math.abs(data.colMax[j] - cj));
                s += w * w;
            }
            bound = Math.max(bound, s);
        }
        inertiaScale = ExactSums.scaleFor(bound * (1 + 1e-9));
    }

    /** The per-block exact inertia sums combined; infinite when a squared distance overflowed. */
    private double sumInertia() {
        long hi = 0;
        long lo = 0;
        boolean inf = false;
        for (int b = 0; b < data.nBlocks; b++) {
            hi += ExactSums.addHi(partInertia[b]);
            lo += ExactSums.addLo(partInertia[b]);
            inf |= partInf[b];
        }
        return inf ? Double.POSITIVE_INFINITY : ExactSums.toDouble(hi, lo) / inertiaScale;
    }
}
