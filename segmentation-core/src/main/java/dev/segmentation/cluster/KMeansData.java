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
 * gives the same tiled matrix.
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
    /** Mean over columns of the population variance of each column. */
    final double meanVariance;
    /** Length of the diagonal of the bounding box of the rows (an upper bound of any distance between them). */
    final double diameter;
    /**
     * Why squared distances between rows may overflow (the diameter is infinite), naming the widest column; null
     * when every squared distance between rows, and to any centre inside their bounding box, is finite.
     */
    String overflow;

    private KMeansData(int n, int d, double[][][] tiles, int[] order, int distinct, double meanVariance, double diameter) {
        this.n = n;
        this.d = d;
        this.nTiles = Parallel.blocks(n, TILE);
        this.nBlocks = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        this.tiles = tiles;
        this.order = order;
        this.distinct = distinct;
        this.meanVariance = meanVariance;
        this.diameter = diameter;
    }

    /** {@link #of(DataMatrix, boolean, Cancel)} that cannot be cancelled. */
    static KMeansData of(DataMatrix m, boolean canonical) {
        return of(m, canonical, Cancel.NEVER);
    }

    /**
     * Validates {@code m} and builds the tiled copy.
     *
     * @throws IllegalArgumentException for an empty matrix, a matrix without columns, or a non-finite value
     * @throws dev.segmentation.fit.FitCancelledException when {@code cancel} fires (checked between the stages)
     */
    static KMeansData of(DataMatrix m, boolean canonical, Cancel cancel) {
        int n = m.rows();
        int d = m.cols();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit K-Means to an empty matrix (0 rows x " + d + " columns)");
        }
        if (d == 0) {
            throw new IllegalArgumentException("cannot fit K-Means to a matrix without columns (" + n
                    + " rows x 0 columns)");
        }
        double[] raw = m.toArray();
        for (int c0 = 0; c0 < raw.length; c0 += 1 << 16) {
            cancel.check();
            int c1 = Math.min(raw.length, c0 + (1 << 16));
            for (int i = c0; i < c1; i++) {
                double v = raw[i];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("x holds the non-finite value " + v + " at row " + (i / d)
                            + ", column " + (i % d));
                }
                raw[i] = v + 0.0; // -0.0 becomes 0.0: equal points get equal bits
            }
        }
        int[] order = null;
        int distinct = -1;
        cancel.check();
        if (canonical) {
            order = sortRows(raw, n, d, cancel);
            cancel.check();
            distinct = countDistinct(raw, d, order);
        }
        int nTiles = Parallel.blocks(n, TILE);
        double[][][] x = new double[nTiles][][];
        for (int t = 0; t < nTiles; t++) {
            if ((t & 63) == 0) {
                cancel.check();
            }
            int len = Math.min(TILE, n - t * TILE);
            double[][] tile = new double[d][TILE]; // the last tile is padded with zeros: every array has TILE slots
            for (int r = 0; r < len; r++) {
                int i = t * TILE + r;
                int src = (order == null ? i : order[i]) * d;
                for (int j = 0; j < d; j++) {
                    tile[j][r] = raw[src + j];
                }
            }
            x[t] = tile;
        }
        raw = null;
        cancel.check();
        // column means, variances and ranges in block order (fixed, so the bits do not depend on threads)
        int nBlocks = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        double[] mean = new double[d];
        double[] min = new double[d];
        double[] max = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        double[] part = new double[d];
        for (int b = 0; b < nBlocks; b++) {
            cancel.check();
            java.util.Arrays.fill(part, 0.0);
            int tEnd = Math.min(nTiles, (b + 1) * TILES_PER_BLOCK);
            for (int t = b * TILES_PER_BLOCK; t < tEnd; t++) {
                int len = Math.min(TILE, n - t * TILE);
                for (int j = 0; j < d; j++) {
                    double[] xj = x[t][j];
                    double s = part[j];
                    double lo = min[j];
                    double hi = max[j];
                    for (int r = 0; r < len; r++) {
                        double v = xj[r];
                        s += v;
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                    part[j] = s;
                    min[j] = lo;
                    max[j] = hi;
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] += part[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] var = new double[d];
        for (int b = 0; b < nBlocks; b++) {
            cancel.check();
            java.util.Arrays.fill(part, 0.0);
            int tEnd = Math.min(nTiles, (b + 1) * TILES_PER_BLOCK);
            for (int t = b * TILES_PER_BLOCK; t < tEnd; t++) {
                int len = Math.min(TILE, n - t * TILE);
                for (int j = 0; j < d; j++) {
                    double[] xj = x[t][j];
                    double mj = mean[j];
                    double s = part[j];
                    for (int r = 0; r < len; r++) {
                        double v = xj[r] - mj;
                        s += v * v;
                    }
                    part[j] = s;
                }
            }
            for (int j = 0; j < d; j++) {
                var[j] += part[j];
            }
        }
        double meanVar = 0;
        double diag = 0;
        for (int j = 0; j < d; j++) {
            meanVar += var[j] / n;
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
        KMeansData data = new KMeansData(n, d, x, order, distinct, meanVar / d, Math.sqrt(diag));
        data.overflow = overflow;
        return data;
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
        if (order == null) {
            return fitted.clone();
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[order[i]] = fitted[i];
        }
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
        return idx;
    }

    /**
     * Sorts {@code a} ascending (signed) by an LSD radix sort of 11-bit digits, skipping digits that are the same for
     * every key; {@code cancel} is checked before each pass. O(n) per pass, at most 6 passes, one scratch array.
     */
    static void sortLongs(long[] a, Cancel cancel) {
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
