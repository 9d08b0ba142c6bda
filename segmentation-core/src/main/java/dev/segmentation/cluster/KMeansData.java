package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.Parallel;

/**
 * The training rows of one K-Means fit, validated, optionally put in canonical order, and laid out in tiles for
 * the distance kernels. Package-private.
 *
 * <p><b>Layout.</b> Rows are cut into tiles of {@link #TILE} consecutive rows (the last tile may be shorter); tile
 * {@code t} holds one array per column, {@code tiles[t][j][r]} = value of row {@code t * TILE + r} in column
 * {@code j}; every array has exactly {@link #TILE} slots (those past the last row are zero and never read), so
 * kernels may index them with {@code r & (TILE - 1)} and C2 drops the bounds check. Kernels run their innermost loop over {@code r}, indexing every array from 0, which is the shape
 * JDK 17's C2 auto-vectorises (measured: a loop reading one array at a non-zero invariant offset, or several
 * arrays at offsets, stays scalar and is about 5 times slower). A parallel block is {@link Parallel#ROWS_PER_BLOCK}
 * rows, that is {@link #TILES_PER_BLOCK} whole tiles.
 *
 * <p><b>Canonical order.</b> When requested, rows are sorted lexicographically by their values (LSD radix sort on
 * the sortable bit patterns of one column at a time, 11 bits per pass and passes whose digit is the same for all
 * keys skipped, recursing into runs of equal values; runs of at most 32 rows go to insertion sort: O(n d) time in
 * all, no boxing). Equal rows are bitwise identical
 * (negative zero is turned into positive zero first), so they are interchangeable and any permutation of the input
 * gives the same tiled matrix. {@link KMeans} requests it only for fits that consume the row order (k-means++,
 * Hartigan); the column ranges, quanta and mean variance here are order-independent either way (min, max and exact
 * sums).
 */
final class KMeansData {
    static final int TILE = 256;
    static final int TILES_PER_BLOCK = Parallel.ROWS_PER_BLOCK / TILE;

    final int n;
    final int d;
    final int nTiles;
    final int nBlocks;
    /** The values: {@code tiles[t][j][r]}. */
    final double[][][] tiles;
    /** {@code order[i]} = input row of fitted row {@code i}; null when rows keep their input order. */
    final int[] order;
    /** Number of distinct rows when known (canonical order), else -1. */
    final int distinct;
    /** Column minima and maxima (exact, independent of the row order). */
    final double[] colMin;
    final double[] colMax;
    /**
     * Per column, the scale of the exact centre sums ({@link ExactSums#columnScaleFor} of the column's largest
     * magnitude, {@code 2^(45 - e)}): a value {@code v} of column {@code j} enters a centre sum as the integer
     * {@code ExactSums.round(v, scale[j])}.
     */
    final double[] scale;
    /** Per column, {@code 1 / scale[j]} (exact, a power of two). */
    final double[] quantum;
    /** The mean variance, computed on first use (NaN until then). */
    private double meanVariance = Double.NaN;
    /** Length of the diagonal of the bounding box of the rows (an upper bound of any distance between them). */
    final double diameter;
    /**
     * Why squared distances between rows may overflow (the diameter is infinite), naming the widest column; null
     * when every squared distance between rows, and to any centre inside their bounding box, is finite.
     */
    String overflow;

    private KMeansData(int n, int d, double[][][] tiles, int[] order, int distinct, double[] colMin, double[] colMax,
            double diameter) {
        this.n = n;
        this.d = d;
        this.nTiles = Parallel.blocks(n, TILE);
        this.nBlocks = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        this.tiles = tiles;
        this.order = order;
        this.distinct = distinct;
        this.colMin = colMin;
        this.colMax = colMax;
        this.diameter = diameter;
        this.scale = new double[d];
        this.quantum = new double[d];
        for (int j = 0; j < d; j++) {
            scale[j] = ExactSums.columnScaleFor(Math.max(Math.abs(colMin[j]), Math.abs(colMax[j])));
            quantum[j] = 1.0 / scale[j];
        }
    }

    /** {@link #of(DataMatrix, boolean, Cancel)} that cannot be cancelled. */
    static KMeansData of(DataMatrix m, boolean canonical) {
        return of(m, canonical, Cancel.NEVER);
    }

    /** {@link #of(DataMatrix, boolean, Cancel, int)} on one thread. */
    static KMeansData of(DataMatrix m, boolean canonical, Cancel cancel) {
        return of(m, canonical, cancel, 1);
    }

    /**
     * Validates {@code m} and builds the tiled copy, in parallel over row blocks on up to {@code threads} threads
     * (the result does not depend on {@code threads}: every sum runs over fixed blocks combined in block order).
     * Each row is read once from {@code m}: checked, its negative zeros turned into positive zeros, written into
     * its tile, and added to its block's column sums and ranges while the tile is in cache; a second pass over the
     * tiles gives the variances. With {@code canonical}, the row order is computed first from column 0 alone (one
     * radix sort of packed keys; only when equal leading values occur is a row-major copy made to break the ties
     * column by column), and the rows are gathered in that order.
     *
     * @throws IllegalArgumentException for an empty matrix, a matrix without columns, or a non-finite value (the
     *     first one in row-major input order)
     * @throws dev.segmentation.fit.FitCancelledException when {@code cancel} fires (checked per block of rows)
     */
    static KMeansData of(DataMatrix m, boolean canonical, Cancel cancel, int threads) {
        int n = m.rows();
        int d = m.cols();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit K-Means to an empty matrix (0 rows x " + d + " columns)");
        }
        if (d == 0) {
            throw new IllegalArgumentException("cannot fit K-Means to a matrix without columns (" + n
                    + " rows x 0 columns)");
        }
        cancel.check();
        int[] order = canonical ? canonicalOrder(m, cancel, threads) : null;
        cancel.check();
        int nTiles = Parallel.blocks(n, TILE);
        int nBlocks = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        double[][][] x = new double[nTiles][][];
        double[] blockMin = new double[nBlocks * d];
        double[] blockMax = new double[nBlocks * d];
        boolean[] blockBad = new boolean[nBlocks];
        // canonical order: the rows are first staged by bucket of their target position (sequential reads, one
        // write stream per bucket), then placed within each bucket's two tiles, which stay in cache: far cheaper than
        // reading the rows in sorted order, which is one cache miss per row
        Staged staged = order == null ? null : Staged.of(m, order, cancel, threads);
        Parallel.forEachBlock(nBlocks, threads, cancel, b -> {
            double[] row = new double[d];
            int tEnd = Math.min(nTiles, (b + 1) * TILES_PER_BLOCK);
            boolean bad = false;
            for (int t = b * TILES_PER_BLOCK; t < tEnd; t++) {
                x[t] = new double[d][TILE]; // the last tile is padded with zeros: every array has TILE slots
            }
            if (staged == null) {
                for (int t = b * TILES_PER_BLOCK; t < tEnd; t++) {
                    int len = Math.min(TILE, n - t * TILE);
                    double[][] tile = x[t];
                    for (int r = 0; r < len; r++) {
                        m.copyRow(t * TILE + r, row);
                        for (int j = 0; j < d; j++) {
                            double v = row[j];
                            bad |= v - v != 0; // NaN exactly for NaN and infinities
                            tile[j][r] = v + 0.0; // -0.0 becomes 0.0: equal points get equal bits
                        }
                    }
                }
            } else {
                final double[] sv = staged.values;
                final int[] sp = staged.position;
                int to = Math.min(n, (b + 1) * Parallel.ROWS_PER_BLOCK);
                for (int s = b * Parallel.ROWS_PER_BLOCK; s < to; s++) {
                    int p = sp[s];
                    double[][] tile = x[p / TILE];
                    int r = p % TILE;
                    int o = s * d;
                    for (int j = 0; j < d; j++) {
                        double v = sv[o + j];
                        bad |= v - v != 0;
                        tile[j][r] = v + 0.0;
                    }
                }
            }
            blockBad[b] = bad;
            if (bad) {
                return;
            }
            // the block's column ranges
            int o = b * d;
            for (int j = 0; j < d; j++) {
                blockMin[o + j] = Double.POSITIVE_INFINITY;
                blockMax[o + j] = Double.NEGATIVE_INFINITY;
            }
            for (int t = b * TILES_PER_BLOCK; t < tEnd; t++) {
                int len = Math.min(TILE, n - t * TILE);
                for (int j = 0; j < d; j++) {
                    double[] xj = x[t][j];
                    double lo = blockMin[o + j];
                    double hi = blockMax[o + j];
                    for (int r = 0; r < len; r++) {
                        double v = xj[r];
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                    blockMin[o + j] = lo;
                    blockMax[o + j] = hi;
                }
            }
        });
        for (int b = 0; b < nBlocks; b++) {
            if (blockBad[b]) {
                int[] at = m.firstNonFinite(); // the first one in input order, for the message
                throw new IllegalArgumentException("x holds the non-finite value " + m.get(at[0], at[1]) + " at row "
                        + at[0] + ", column " + at[1]);
            }
        }
        // column ranges (min and max do not depend on the order of the blocks)
        double[] min = new double[d];
        double[] max = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int b = 0; b < nBlocks; b++) {
            for (int j = 0; j < d; j++) {
                min[j] = Math.min(min[j], blockMin[b * d + j]);
                max[j] = Math.max(max[j], blockMax[b * d + j]);
            }
        }
        double diag = 0;
        for (int j = 0; j < d; j++) {
            double w = max[j] - min[j];
            diag += w * w;
        }
        String overflow = null;
        if (!Double.isFinite(diag)) {
            int worst = 0; // the widest column (an infinite width counts as the widest)
            for (int j = 1; j < d; j++) {
                if (!(max[j] - min[j] <= max[worst] - min[worst])) {
                    worst = j;
                }
            }
            overflow = "squared distances between the rows of x overflow a double (column " + worst + " spans "
                    + min[worst] + " to " + max[worst] + "): rescale the data (e.g. Scaling.standard()) before K-Means";
        }
        int distinct = -1;
        if (canonical) {
            cancel.check();
            distinct = countDistinctTiled(x, n, d, nBlocks, threads);
        }
        KMeansData data = new KMeansData(n, d, x, order, distinct, min, max, Math.sqrt(diag));
        data.overflow = overflow;
        return data;
    }

    /**
     * The canonical order of the rows of {@code m}: one sort of keys packing the high bits of column 0's sortable
     * pattern with the row index, then, only if some keys share their high bits, those runs sorted exactly on a
     * row-major copy. Non-finite values sort anywhere (the caller rejects them afterwards).
     */
    private static int[] canonicalOrder(DataMatrix m, Cancel cancel, int threads) {
        int n = m.rows();
        int d = m.cols();
        int idxBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
        long mask = (1L << idxBits) - 1;
        long[] packed = new long[n];
        int nBlocks = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        Parallel.forEachBlock(nBlocks, threads, cancel, b -> {
            int to = Math.min(n, (b + 1) * Parallel.ROWS_PER_BLOCK);
            for (int i = b * Parallel.ROWS_PER_BLOCK; i < to; i++) {
                packed[i] = ((RowSorter.sortable(m.get(i, 0) + 0.0) ^ Long.MIN_VALUE) & ~mask) | i;
            }
        });
        if (n < 1 << 16) {
            java.util.Arrays.sort(packed);
        } else {
            sortLongs(packed, cancel, threads); // the same order (the keys are distinct), cancellable between passes
        }
        cancel.check();
        int[] idx = new int[n];
        boolean ties = false;
        for (int i = 0; i < n; i++) {
            idx[i] = (int) (packed[i] & mask);
            ties |= i > 0 && ((packed[i] ^ packed[i - 1]) & ~mask) == 0;
        }
        if (!ties) {
            return idx;
        }
        // only the rows in runs of equal leading bits need their other columns: copy just those (row-major, in run
        // order) unless they are many, and sort each run on the copy
        int tied = 0;
        for (int start = 0, i = 1; i <= n; i++) {
            if (i == n || ((packed[i] ^ packed[start]) & ~mask) != 0) {
                tied += i - start > 1 ? i - start : 0;
                start = i;
            }
        }
        if (tied > n / 4) {
            double[] raw = m.toArray();
            for (int i = 0; i < raw.length; i++) {
                raw[i] = raw[i] + 0.0;
            }
            sortTiedRuns(raw, n, d, packed, mask, idx, cancel);
            return idx;
        }
        sortTiedRunsCompact(m, tied, packed, mask, idx, cancel);
        return idx;
    }

    /**
     * {@link #sortTiedRuns} on a row-major copy of only the {@code tied} rows that lie in runs of equal leading bits
     * (a few rows of most real data: the whole matrix is not copied). Sorting a run on the copy puts its rows in the
     * order sorting it on the whole matrix would: the same values, the same stable radix and insertion sorts.
     */
    private static void sortTiedRunsCompact(DataMatrix m, int tied, long[] packed, long mask, int[] idx,
            Cancel cancel) {
        int n = m.rows();
        int d = m.cols();
        double[] raw = new double[tied * d];
        int[] input = new int[tied]; // input row of each copied row
        int[] local = new int[tied]; // the runs, as indices into the copy
        double[] row = new double[d];
        int p = 0;
        for (int start = 0, i = 1; i <= n; i++) {
            if (i == n || ((packed[i] ^ packed[start]) & ~mask) != 0) {
                if (i - start > 1) {
                    for (int q = start; q < i; q++) {
                        m.copyRow(idx[q], row);
                        for (int j = 0; j < d; j++) {
                            raw[p * d + j] = row[j] + 0.0;
                        }
                        input[p] = idx[q];
                        local[p] = p;
                        p++;
                    }
                }
                start = i;
            }
        }
        RowSorter s = new RowSorter(raw, tied, d);
        p = 0;
        for (int start = 0, i = 1; i <= n; i++) {
            if ((i & 0xFFFF) == 0) {
                cancel.check();
            }
            if (i == n || ((packed[i] ^ packed[start]) & ~mask) != 0) {
                int len = i - start;
                if (len > 1) {
                    s.sort(local, p, p + len, 0);
                    for (int q = 0; q < len; q++) {
                        idx[start + q] = input[local[p + q]];
                    }
                    p += len;
                }
                start = i;
            }
        }
    }

    /**
     * The rows of a matrix grouped by bucket of {@link #BUCKET} target positions (the rows whose canonical position
     * falls in bucket {@code q} occupy slots {@code [q * BUCKET, (q + 1) * BUCKET)}, in input order), with each row's
     * target position. A bucket is a whole number of tiles inside one block, so placing a block's slots writes only
     * into that block's tiles.
     */
    private static final class Staged {
        static final int BUCKET = 2 * TILE;
        final double[] values;
        final int[] position;

        private Staged(double[] values, int[] position) {
            this.values = values;
            this.position = position;
        }

        /**
         * Stages the rows of {@code m} for {@code order} on up to {@code threads} threads: the input rows are cut
         * into {@code threads} chunks, each chunk's rows of bucket {@code q} take the slots after the earlier
         * chunks' (which slot a row takes does not matter: it carries its target position).
         */
        static Staged of(DataMatrix m, int[] order, Cancel cancel, int threads) {
            int n = m.rows();
            int d = m.cols();
            int[] rank = new int[n];
            int nBlocks = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
            Parallel.forEachBlock(nBlocks, threads, cancel, b -> {
                int to = Math.min(n, (b + 1) * Parallel.ROWS_PER_BLOCK);
                for (int i = b * Parallel.ROWS_PER_BLOCK; i < to; i++) {
                    rank[order[i]] = i;
                }
            });
            int nBuckets = Parallel.blocks(n, BUCKET);
            int chunks = Math.max(1, Math.min(threads, nBlocks));
            int[][] next = new int[chunks][nBuckets];
            Parallel.forEachBlock(chunks, threads, cancel, c -> {
                int[] cnt = next[c];
                int to = (int) ((long) n * (c + 1) / chunks);
                for (int i = (int) ((long) n * c / chunks); i < to; i++) {
                    cnt[rank[i] / BUCKET]++;
                }
            });
            for (int q = 0; q < nBuckets; q++) {
                int slot = q * BUCKET; // every bucket but the last is full: ranks are a permutation
                for (int c = 0; c < chunks; c++) {
                    int cnt = next[c][q];
                    next[c][q] = slot;
                    slot += cnt;
                }
            }
            double[] values = new double[n * d];
            int[] position = new int[n];
            Parallel.forEachBlock(chunks, threads, cancel, c -> {
                int[] nx = next[c];
                double[] row = new double[d];
                int to = (int) ((long) n * (c + 1) / chunks);
                for (int i = (int) ((long) n * c / chunks); i < to; i++) {
                    if ((i & 0xFFFF) == 0) {
                        cancel.check();
                    }
                    int p = rank[i];
                    int slot = nx[p / BUCKET]++;
                    m.copyRow(i, row);
                    System.arraycopy(row, 0, values, slot * d, d);
                    position[slot] = p;
                }
            });
            return new Staged(values, position);
        }
    }

    /** The number of distinct rows of tiled rows in canonical order (equal rows are adjacent). */
    private static int countDistinctTiled(double[][][] x, int n, int d, int nBlocks, int threads) {
        int[] part = new int[nBlocks];
        Parallel.forEachBlock(nBlocks, threads, b -> {
            int to = Math.min(n, (b + 1) * Parallel.ROWS_PER_BLOCK);
            int c = 0;
            for (int i = Math.max(1, b * Parallel.ROWS_PER_BLOCK); i < to; i++) {
                double[][] tp = x[(i - 1) / TILE];
                double[][] ti = x[i / TILE];
                int rp = (i - 1) % TILE;
                int ri = i % TILE;
                for (int j = 0; j < d; j++) {
                    if (tp[j][rp] != ti[j][ri]) {
                        c++;
                        break;
                    }
                }
            }
            part[b] = c;
        });
        int count = 1;
        for (int c : part) {
            count += c;
        }
        return count;
    }

    /**
     * The mean over columns of the population variance of each column (the scale of {@code tol}), computed on first
     * use in one parallel pass on up to {@code threads} threads. Exact sums, so the same bits for any row order and
     * thread count: per column, the deviations {@code u = x - m0} from the midrange {@code m0 = (min + max) / 2} and
     * their squares are summed as {@link ExactSums} integers (quanta of at most {@code 2^-50} of the range and of
     * the squared range), and the variance is {@code mean(u^2) - mean(u)^2}. Its relative error is of the order of
     * {@code 2^-50 (range / standard deviation)^2}, which only matters for a tolerance threshold when a column's
     * standard deviation is below a millionth of its range.
     */
    double meanVariance(int threads) {
        double mv = meanVariance;
        if (mv == mv) {
            return mv;
        }
        final double[] m0 = new double[d];
        final double[] s1 = new double[d];
        final double[] s2 = new double[d];
        for (int j = 0; j < d; j++) {
            m0[j] = colMin[j] * 0.5 + colMax[j] * 0.5;
            double w = colMax[j] - colMin[j];
            s1[j] = ExactSums.scaleFor(w);
            s2[j] = ExactSums.scaleFor(w * w);
        }
        final long[] part = new long[nBlocks * 2 * d];
        Parallel.forEachBlock(nBlocks, threads, b -> {
            int tEnd = Math.min(nTiles, (b + 1) * TILES_PER_BLOCK);
            int o = b * 2 * d;
            for (int t = b * TILES_PER_BLOCK; t < tEnd; t++) {
                int len = tileLen(t);
                for (int j = 0; j < d; j++) {
                    double[] xj = tiles[t][j];
                    double c = m0[j];
                    double a1 = s1[j];
                    double a2 = s2[j];
                    long p1 = 0;
                    long p2 = 0;
                    for (int r = 0; r < len; r++) {
                        double u = xj[r] - c;
                        p1 += Double.doubleToRawLongBits(u * a1 + ExactSums.MAGIC);
                        p2 += Double.doubleToRawLongBits(u * u * a2 + ExactSums.MAGIC);
                    }
                    part[o + 2 * j] += p1 - len * ExactSums.MAGIC_BITS;
                    part[o + 2 * j + 1] += p2 - len * ExactSums.MAGIC_BITS;
                }
            }
        });
        double total = 0;
        for (int j = 0; j < d; j++) {
            long h1 = 0;
            long l1 = 0;
            long h2 = 0;
            long l2 = 0;
            for (int b = 0; b < nBlocks; b++) {
                long p1 = part[b * 2 * d + 2 * j];
                long p2 = part[b * 2 * d + 2 * j + 1];
                h1 += ExactSums.addHi(p1);
                l1 += ExactSums.addLo(p1);
                h2 += ExactSums.addHi(p2);
                l2 += ExactSums.addLo(p2);
            }
            double mean1 = ExactSums.toDouble(h1, l1) / n / s1[j];
            double mean2 = ExactSums.toDouble(h2, l2) / n / s2[j];
            total += Math.max(0.0, mean2 - mean1 * mean1);
        }
        mv = total / d;
        meanVariance = mv;
        return mv;
    }

    /**
     * {@code min(k, number of distinct rows)}, by a scan in fitted order that stops once {@code k} distinct rows are
     * seen: each row is compared with the distinct rows found so far, O(k d) per row, typically over the first few
     * rows only; O(n k d) when the data has fewer than {@code k} distinct rows (then the count is exact). Does not
     * depend on the row order.
     */
    int distinctAtLeast(int k) {
        double[] seen = new double[Math.max(1, k) * d];
        int found = 0;
        double[] row = new double[d];
        for (int i = 0; i < n && found < k; i++) {
            copyRow(i, row, 0);
            boolean fresh = true;
            for (int f = 0; f < found && fresh; f++) {
                int o = f * d;
                boolean same = true;
                for (int j = 0; j < d && same; j++) {
                    same = seen[o + j] == row[j];
                }
                fresh = !same;
            }
            if (fresh) {
                System.arraycopy(row, 0, seen, found * d, d);
                found++;
            }
        }
        return found;
    }

    /** First row of tile {@code t}. */
    int tileBase(int t) {
        return t * TILE;
    }

    /** Number of rows of tile {@code t}. */
    int tileLen(int t) {
        return Math.min(TILE, n - t * TILE);
    }

    /** Copies fitted row {@code i} into {@code dst[off, off + d)}. */
    void copyRow(int i, double[] dst, int off) {
        double[][] tile = tiles[i / TILE];
        int r = i % TILE;
        for (int j = 0; j < d; j++) {
            dst[off + j] = tile[j][r];
        }
    }

    /** Maps labels of the fitted rows back to input order. */
    int[] toInputOrder(int[] fitted) {
        return toInputOrder(fitted, 1);
    }

    /** {@link #toInputOrder(int[])} in parallel over row blocks (disjoint writes). */
    int[] toInputOrder(int[] fitted, int threads) {
        if (order == null) {
            return fitted.clone();
        }
        int[] out = new int[n];
        Parallel.forEachBlock(nBlocks, threads, b -> {
            int to = Math.min(n, (b + 1) * Parallel.ROWS_PER_BLOCK);
            for (int i = b * Parallel.ROWS_PER_BLOCK; i < to; i++) {
                out[order[i]] = fitted[i];
            }
        });
        return out;
    }

    /** Number of distinct rows of {@code m} (for error messages; sorts a copy). */
    static int distinctRows(double[] raw, int n, int d) {
        return countDistinct(raw, d, sortRows(raw, n, d));
    }

    /** The number of distinct rows, fitted in canonical order or counted by sorting. */
    int distinctRows() {
        if (distinct >= 0) {
            return distinct;
        }
        double[] raw = new double[n * d];
        for (int i = 0; i < n; i++) {
            copyRow(i, raw, i * d);
        }
        return distinctRows(raw, n, d);
    }

    // ---------------------------------------------------------------- lexicographic row sort

    private static int countDistinct(double[] raw, int d, int[] order) {
        int count = order.length == 0 ? 0 : 1;
        for (int i = 1; i < order.length; i++) {
            if (compareRows(raw, d, order[i - 1], order[i], 0) != 0) {
                count++;
            }
        }
        return count;
    }

    /**
     * Row indices sorted lexicographically by value (ties, which are identical rows, in any order). First pass:
     * one primitive sort ({@link java.util.Arrays#sort(long[])} below 2^16 rows, {@link #sortLongs} above) of keys
     * that hold the high bits of column 0's sortable pattern and the row index in the low bits; then every run of equal high bits is sorted exactly by
     * {@link RowSorter} (radix by column, insertion for short runs).
     */
    static int[] sortRows(double[] raw, int n, int d) {
        return sortRows(raw, n, d, Cancel.NEVER);
    }

    /** {@link #sortRows(double[], int, int)} with {@code cancel} checked after the first sort and every 2^16 rows. */
    static int[] sortRows(double[] raw, int n, int d, Cancel cancel) {
        int[] idx = new int[n];
        int idxBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
        long mask = (1L << idxBits) - 1;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = ((RowSorter.sortable(raw[i * d]) ^ Long.MIN_VALUE) & ~mask) | i;
        }
        if (n < 1 << 16) {
            java.util.Arrays.sort(packed);
        } else {
            sortLongs(packed, cancel); // the same order (the keys are distinct), cancellable between passes
        }
        cancel.check();
        for (int i = 0; i < n; i++) {
            idx[i] = (int) (packed[i] & mask);
        }
        sortTiedRuns(raw, n, d, packed, mask, idx, cancel);
        return idx;
    }

    /**
     * Sorts {@code a} ascending (signed) by an LSD radix sort of 11-bit digits, skipping digits that are the same for
     * every key; {@code cancel} is checked before each pass. O(n) per pass, at most 6 passes, one scratch array.
     */
    static void sortLongs(long[] a, Cancel cancel) {
        sortLongs(a, cancel, 1);
    }

    /**
     * {@link #sortLongs(long[], Cancel)} on up to {@code threads} threads: each pass counts and scatters fixed chunks
     * of {@link Parallel#ROWS_PER_BLOCK} * 16 keys concurrently, chunk {@code c}'s keys with digit {@code v} taking
     * the places after those of digit {@code v} in chunks before it, which is exactly the stable sequential pass.
     */
    static void sortLongs(long[] a, Cancel cancel, int threads) {
        final int n = a.length;
        final int chunk = Parallel.ROWS_PER_BLOCK * 16;
        final int nChunks = Parallel.blocks(n, chunk);
        if (threads <= 1 || nChunks <= 1) {
            sortLongsSequential(a, cancel);
            return;
        }
        final int bits = 11;
        final int passes = 6;
        final int radix = 1 << bits;
        long[] src = a;
        long[] dst = new long[n];
        final int[][] count = new int[nChunks][radix];
        for (int p = 0; p < passes; p++) {
            cancel.check();
            final int shift = p * bits;
            final long[] from = src;
            final long[] into = dst;
            Parallel.forEachBlock(nChunks, threads, c -> {
                int[] h = count[c];
                java.util.Arrays.fill(h, 0);
                int end = Math.min(n, (c + 1) * chunk);
                for (int i = c * chunk; i < end; i++) {
                    h[(int) (((from[i] ^ Long.MIN_VALUE) >>> shift) & (radix - 1))]++;
                }
            });
            // a digit shared by every key: the pass would not move anything
            boolean trivial = false;
            for (int v = 0; v < radix && !trivial; v++) {
                long sum = 0;
                for (int c = 0; c < nChunks; c++) {
                    sum += count[c][v];
                }
                trivial = sum == n;
            }
            if (trivial) {
                continue;
            }
            int run = 0;
            for (int v = 0; v < radix; v++) {
                for (int c = 0; c < nChunks; c++) {
                    int t = count[c][v];
                    count[c][v] = run;
                    run += t;
                }
            }
            Parallel.forEachBlock(nChunks, threads, c -> {
                int[] h = count[c];
                int end = Math.min(n, (c + 1) * chunk);
                for (int i = c * chunk; i < end; i++) {
                    long v = from[i];
                    into[h[(int) (((v ^ Long.MIN_VALUE) >>> shift) & (radix - 1))]++] = v;
                }
            });
            src = into;
            dst = from;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    private static void sortLongsSequential(long[] a, Cancel cancel) {
        final int bits = 11;
        final int passes = 6;
        final int radix = 1 << bits;
        final int n = a.length;
        final int[][] count = new int[passes][radix + 1];
        for (int i = 0; i < n; i++) {
            long u = a[i] ^ Long.MIN_VALUE; // unsigned order of u = signed order of a[i]
            for (int p = 0; p < passes; p++) {
                count[p][(int) ((u >>> (p * bits)) & (radix - 1)) + 1]++;
            }
        }
        long[] src = a;
        long[] dst = new long[n];
        for (int p = 0; p < passes; p++) {
            cancel.check();
            int[] c = count[p];
            boolean trivial = false;
            for (int r = 0; r < radix && !trivial; r++) {
                trivial = c[r + 1] == n;
            }
            if (trivial) {
                continue;
            }
            for (int r = 0; r < radix; r++) {
                c[r + 1] += c[r];
            }
            final int shift = p * bits;
            for (int i = 0; i < n; i++) {
                long v = src[i];
                dst[c[(int) (((v ^ Long.MIN_VALUE) >>> shift) & (radix - 1))]++] = v;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    static int compareRows(double[] raw, int d, int a, int b, int fromCol) {
        int oa = a * d;
        int ob = b * d;
        for (int j = fromCol; j < d; j++) {
            double va = raw[oa + j];
            double vb = raw[ob + j];
            if (va < vb) {
                return -1;
            }
            if (va > vb) {
                return 1;
            }
        }
        return 0;
    }

    /** LSD radix sort by one column at a time, recursing into runs of equal values. */
    /**
     * Sorts, by their full rows, the runs of {@code idx} whose packed keys agree above {@code mask} (rows the key
     * could not separate). O(n) plus the sorts of the tied runs.
     */
    private static void sortTiedRuns(double[] raw, int n, int d, long[] packed, long mask, int[] idx, Cancel cancel) {
        RowSorter s = new RowSorter(raw, n, d);
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if ((i & 0xFFFF) == 0) {
                cancel.check();
            }
            if (i == n || (packed[i] & ~mask) != (packed[start] & ~mask)) {
                if (i - start > 1) {
                    s.sort(idx, start, i, 0);
                }
                start = i;
            }
        }
    }

    private static final class RowSorter {
        private static final int SMALL = 32;
        private static final int BITS = 11;
        private static final int RADIX = 1 << BITS;
        private final double[] raw;
        private final int d;
        private final long[] keys;
        private final long[] keyTmp;
        private final int[] idxTmp;
        private final int[] count = new int[RADIX];

        RowSorter(double[] raw, int n, int d) {
            this.raw = raw;
            this.d = d;
            this.keys = new long[n];
            this.keyTmp = new long[n];
            this.idxTmp = new int[n];
        }

        /** Sorts idx[from, to) by columns col..d-1. */
        void sort(int[] idx, int from, int to, int col) {
            if (to - from < 2 || col >= d) {
                return;
            }
            if (to - from <= SMALL) {
                insertion(idx, from, to, col);
                return;
            }
            for (int i = from; i < to; i++) {
                keys[i] = sortable(raw[idx[i] * d + col]);
            }
            for (int shift = 0; shift < 64; shift += BITS) {
                java.util.Arrays.fill(count, 0);
                for (int i = from; i < to; i++) {
                    count[(int) ((keys[i] >>> shift) & (RADIX - 1))]++;
                }
                if (count[(int) ((keys[from] >>> shift) & (RADIX - 1))] == to - from) {
                    continue; // every key has this digit
                }
                int sum = from;
                for (int r = 0; r < RADIX; r++) {
                    int c = count[r];
                    count[r] = sum;
                    sum += c;
                }
                for (int i = from; i < to; i++) {
                    int pos = count[(int) ((keys[i] >>> shift) & (RADIX - 1))]++;
                    keyTmp[pos] = keys[i];
                    idxTmp[pos] = idx[i];
                }
                System.arraycopy(keyTmp, from, keys, from, to - from);
                System.arraycopy(idxTmp, from, idx, from, to - from);
            }
            if (col + 1 < d) {
                int start = from;
                for (int i = from + 1; i <= to; i++) {
                    if (i == to || keys[i] != keys[start]) {
                        if (i - start > 1) {
                            sort(idx, start, i, col + 1);
                        }
                        start = i;
                    }
                }
            }
        }

        private void insertion(int[] idx, int from, int to, int col) {
            for (int i = from + 1; i < to; i++) {
                int v = idx[i];
                int j = i - 1;
                while (j >= from && compareRows(raw, d, idx[j], v, col) > 0) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = v;
            }
        }

        /** A long whose unsigned order is the numeric order of finite doubles (no negative zero here). */
        static long sortable(double v) {
            long bits = Double.doubleToRawLongBits(v);
            return bits ^ ((bits >> 63) | Long.MIN_VALUE);
        }
    }
}
