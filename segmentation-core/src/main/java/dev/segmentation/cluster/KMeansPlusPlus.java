package dev.segmentation.cluster;

import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.Parallel;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Greedy k-means++ seeding (Arthur and Vassilvitskii 2007, with the greedy local trials of scikit-learn's
 * {@code _kmeans_plusplus}). The first centre is a row drawn uniformly; each further centre is the best of
 * {@code 2 + floor(ln k)} candidates drawn with probability proportional to D^2 (the squared distance to the
 * closest centre so far), the best being the one that leaves the lowest total potential (ties: the first drawn).
 *
 * <p>Cost per restart: O(n k d (2 + ln k)), one pass over the rows per centre: the pass that scores the
 * candidates keeps each candidate's lowered D^2, so the chosen one's become the new D^2 without a second pass over
 * the data (issue 20; the same bits as recomputing them). Sums run over fixed row blocks combined in block order, so
 * the bits do not depend on the thread count. Buffers ({@code 4 + ln k} doubles per row) are allocated once and
 * reused across restarts. Not thread-safe: one instance per concurrently running restart. Package-private.
 */
final class KMeansPlusPlus {
    private final KMeansData data;
    private final int k;
    private final int d;
    private final int trials;
    private final int threads;
    private double[] closest;
    /** {@code lowered[t][i]} = min(D^2 of row i, its squared distance to candidate t), written by the pot pass. */
    private final double[][] lowered;
    private final double[] cum;
    private final double[] blockTotals;
    private final double[] candPart;
    private final double[] cand;
    private final double[][] scratch;
    /** Checked once per chosen centre (set by the fit). */
    Cancel cancel = Cancel.NEVER;
    private final IntConsumer firstBody = this::firstBlock;
    private final IntConsumer potBody = this::potBlock;
    private final IntConsumer prefixBody = this::prefixBlock;
    private int nCand;
    /** The width of {@link VectorKernels}' padded layout (4, 6 or 8) when the pot pass uses them, else 0. */
    private final int vectorWidth;
    /** The candidates padded to {@link #vectorWidth} coordinates with zeros. */
    private final double[] candPadded;
    /** Per block, the current tile's columns padded with zero columns to {@link #vectorWidth}. */
    private final double[][][] paddedColumns;

    KMeansPlusPlus(KMeansData data, int k, int threads) {
        this.data = data;
        this.k = k;
        this.d = data.d;
        this.trials = 2 + (int) Math.log(k);
        this.threads = threads;
        this.closest = new double[data.n];
        this.lowered = new double[trials][data.n];
        this.cum = new double[data.n];
        this.blockTotals = new double[data.nBlocks + 1];
        this.candPart = new double[data.nBlocks * trials];
        this.cand = new double[trials * d];
        this.scratch = new double[data.nBlocks][KMeansData.TILE];
        this.vectorWidth = d > 8 || !KMeansKernels.vectorEnabled ? 0 : VectorKernels.width(d);
        if (vectorWidth > 0) {
            this.candPadded = new double[trials * vectorWidth];
            this.paddedColumns = VectorKernels.paddedColumns(data.nBlocks, vectorWidth);
        } else {
            this.candPadded = null;
            this.paddedColumns = null;
        }
    }

    /** Number of columns of the data. */
    int dataDim() {
        return d;
    }

    /** Number of candidates per centre: {@code 2 + floor(ln k)}. */
    int trials() {
        return trials;
    }

    /**
     * Writes {@code k} centres (row-major, {@code k x d}) into {@code centres}.
     *
     * @throws IllegalArgumentException when no point is left at a positive distance from the centres chosen so
     *     far (k exceeds the number of distinct points)
     */
    void init(SplittableRandom rng, double[] centres) {
        final int n = data.n;
        final int nb = data.nBlocks;
        int first = rng.nextInt(n);
        data.copyRow(first, centres, 0);
        data.copyRow(first, cand, 0);
        Parallel.forEachBlock(nb, threads, firstBody);
        for (int c = 1; c < k; c++) {
            cancel.check();
            // the blocks' D^2 totals (left by the last pass, with each block's running sums in cum) become offsets
            double total = 0;
            for (int b = 0; b < nb; b++) {
                double t = blockTotals[b];
                blockTotals[b] = total; // now the offset of block b
                total += t;
            }
            blockTotals[nb] = total;
            if (!(total > 0)) {
                throw noPositiveDistance(c);
            }
            for (int t = 0; t < trials; t++) {
                double r = rng.nextDouble() * total;
                data.copyRow(search(r), cand, t * d);
            }
            nCand = trials;
            for (int t = 0; vectorWidth > 0 && t < trials; t++) {
                System.arraycopy(cand, t * d, candPadded, t * vectorWidth, d);
            }
            Parallel.forEachBlock(nb, threads, potBody);
            int best = 0;
            double bestPot = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double pot = 0;
                for (int b = 0; b < nb; b++) {
                    pot += candPart[b * trials + t];
                }
                if (pot < bestPot) {
                    bestPot = pot;
                    best = t;
                }
            }
            System.arraycopy(cand, best * d, centres, c * d, d);
            if (c + 1 < k) {
                // the pot pass left the D^2 lowered to each candidate: the chosen one's are the new D^2, exactly the
                // min(D^2, distTile(row, centre)) a pass over the rows would compute again
                double[] t = closest;
                closest = lowered[best];
                lowered[best] = t;
                Parallel.forEachBlock(nb, threads, prefixBody);
            }
        }
    }

    private IllegalArgumentException noPositiveDistance(int chosen) {
        int distinct = data.distinctRows();
        if (k > distinct) {
            return new IllegalArgumentException(
                    "k = " + k + " exceeds the number of distinct points (" + distinct + ")");
        }
        return new IllegalArgumentException("k-means++ found no point at a positive squared distance from the "
                + chosen + " centres chosen so far although the data has " + distinct
                + " distinct points: squared distances underflow, rescale the data");
    }

    /**
     * The first row whose cumulative D^2 exceeds {@code r}; such a row has D^2 > 0. The cumulative D^2 of row
     * {@code i} of block {@code b} is {@code offset_b + cum[i]} ({@code cum[i]} alone in block 0), where
     * {@code cum} holds the running sums within the block and {@code offset_b = offset_(b-1) + total_(b-1)}: the
     * last row of a block has exactly the next block's offset, so the values rise across blocks and a search
     * over the blocks' offsets, then within one block, finds the row a search over all rows would.
     */
    private int search(double r) {
        final int nb = data.nBlocks;
        if (!(blockTotals[nb] > r)) {
            // r rounded up to the total: take the last row with positive D^2
            for (int i = data.n - 1; i >= 0; i--) {
                if (closest[i] > 0) {
                    return i;
                }
            }
            throw new IllegalStateException("no row with positive D^2"); // unreachable: the total is positive
        }
        int lo = 0;
        int hi = nb - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (blockTotals[mid + 1] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        final int b = lo;
        final double off = blockTotals[b];
        lo = b * Parallel.ROWS_PER_BLOCK;
        hi = Math.min(data.n, lo + Parallel.ROWS_PER_BLOCK) - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double v = b == 0 ? cum[mid] : off + cum[mid];
            if (v > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** D^2 to the first centre ({@code cand[0, d)}), then the block's running sums (see {@link #prefixTile}). */
    private void firstBlock(int b) {
        final double[][][] x = data.tiles;
        final double[] out = scratch[b];
        double s = 0;
        int tEnd = Math.min(data.nTiles, (b + 1) * KMeansData.TILES_PER_BLOCK);
        for (int t = b * KMeansData.TILES_PER_BLOCK; t < tEnd; t++) {
            int len = data.tileLen(t);
            KMeansKernels.distTile(x[t], len, cand, 0, d, out);
            System.arraycopy(out, 0, closest, t * KMeansData.TILE, len);
            s = prefixTile(t * KMeansData.TILE, len, s);
        }
        blockTotals[b] = s;
    }

    /**
     * The running sum of D^2 within a block over one tile's rows, from {@code s}: {@code cum[i] = s += closest[i]};
     * returns the sum. Run right after the tile's D^2 are updated (fused, one pass over the rows per centre).
     */
    private double prefixTile(int row0, int len, double s) {
        final double[] cl = closest;
        final double[] cu = cum;
        for (int i = row0; i < row0 + len; i++) {
            s += cl[i];
            cu[i] = s;
        }
        return s;
    }

    private void potBlock(int b) {
        final double[][][] x = data.tiles;
        final double[] out = scratch[b];
        final double[] cl = closest;
        int tEnd = Math.min(data.nTiles, (b + 1) * KMeansData.TILES_PER_BLOCK);
        for (int t = 0; t < nCand; t++) {
            candPart[b * trials + t] = 0;
        }
        for (int t = b * KMeansData.TILES_PER_BLOCK; t < tEnd; t++) {
            int len = data.tileLen(t);
            int row0 = t * KMeansData.TILE;
            if (vectorWidth > 0) {
                // every candidate's lowered D^2 in one pass over the tile's rows (the same bits)
                final double[][] xv = paddedColumns[b];
                System.arraycopy(x[t], 0, xv, 0, d);
                if (vectorWidth == 8) {
                    VectorKernels.lower8(xv, len, candPadded, nCand, cl, row0, lowered);
                } else if (vectorWidth == 6) {
                    VectorKernels.lower6(xv, len, candPadded, nCand, cl, row0, lowered);
                } else {
                    VectorKernels.lower4(xv, len, candPadded, nCand, cl, row0, lowered);
                }
            }
            for (int c = 0; c < nCand; c++) {
                final double[] lw = lowered[c];
                if (vectorWidth == 0) {
                    KMeansKernels.distTile(x[t], len, cand, c * d, d, out);
                    for (int r = 0; r < len; r++) {
                        lw[row0 + r] = Math.min(cl[row0 + r], out[r]);
                    }
                }
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int r = 0;
                for (; r + 4 <= len; r += 4) {
                    s0 += lw[row0 + r];
                    s1 += lw[row0 + r + 1];
                    s2 += lw[row0 + r + 2];
                    s3 += lw[row0 + r + 3];
                }
                for (; r < len; r++) {
                    s0 += lw[row0 + r];
                }
                candPart[b * trials + c] += (s0 + s1) + (s2 + s3);
            }
        }
    }

    /** The block's running sums of D^2 (see {@link #prefixTile}) and its total. */
    private void prefixBlock(int b) {
        double s = 0;
        int tEnd = Math.min(data.nTiles, (b + 1) * KMeansData.TILES_PER_BLOCK);
        for (int t = b * KMeansData.TILES_PER_BLOCK; t < tEnd; t++) {
            s = prefixTile(t * KMeansData.TILE, data.tileLen(t), s);
        }
        blockTotals[b] = s;
    }
}
