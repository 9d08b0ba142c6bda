package dev.segmentation.quality;

import dev.segmentation.quality.internal.Checks;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.internal.Parallel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The silhouette (Rousseeuw 1987) with Euclidean distances, exact or estimated from a seeded sample of rows.
 *
 * <p>For a row {@code i} of cluster {@code A}: {@code a(i)} is the mean distance to the other members of
 * {@code A}, {@code b(i)} the smallest mean distance to the members of another cluster, and
 * {@code s(i) = (b - a) / max(a, b)}, with {@code s(i) = 0} for a row alone in its cluster (and when
 * {@code a = b = 0}). The score is the mean of {@code s(i)} over all rows; it lies in {@code [-1, 1]}. These are
 * scikit-learn's {@code silhouette_samples} and {@code silhouette_score} (without its {@code sample_size}).
 *
 * <p><b>Noise.</b> As in scikit-learn, every label value is a cluster: rows labelled {@code -1} form one more
 * cluster. To score only the clustered rows, select them (and their labels) first.
 *
 * <p><b>Cost.</b> Exact: O(n^2 d) time, O(n (d + k)) memory - the distance matrix is never stored. When
 * {@code n k <= 2^23} each distance is computed once and added to both rows' per-cluster sums: the cluster-sorted
 * rows are cut into tiles of about {@value #TILE} rows, scheduled in round-robin rounds of disjoint tiles. Above
 * that, rows are processed in fixed blocks of {@value #ROW_BLOCK} against cache-sized chunks of the
 * (cluster-sorted, transposed) data with O(n d) memory, at twice the distance computations. The sampled estimate computes {@code s(i)} exactly for {@code m} rows drawn without replacement, against
 * all {@code n} rows: O(m n d) time; it is unbiased for the exact score and reports its standard error (with the
 * finite-population correction). Unlike scikit-learn's {@code sample_size}, the distances of a sampled row are
 * measured to every row, not only to the other sampled rows.
 *
 * <p><b>Determinism.</b> Block and chunk boundaries depend only on the sizes and each sum is taken in a fixed
 * order, so the result is bit-identical for any thread count; the sample depends only on the seed. Stateless and
 * thread-safe.
 */
public final class Silhouette {
    static final int ROW_BLOCK = 32;
    private static final int CHUNK = 256;
    /** Target points per block of the symmetric kernel. */
    static final int TILE = 1024;
    /** Largest n * k for which the symmetric kernel keeps all per-row, per-cluster sums (8 bytes each). */
    static final long SYMMETRIC_MAX_CELLS = 1L << 23;

    private Silhouette() {
    }

    /**
     * The exact mean silhouette, on all available processors.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the lengths differ, a value is not finite, or the number of distinct
     *     labels is not between 2 and n - 1
     */
    public static double score(DataMatrix x, int[] labels) {
        return score(x, labels, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The exact mean silhouette on up to {@code threads} threads (the result does not depend on it).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #score(DataMatrix, int[])}, or when {@code threads < 1}
     */
    public static double score(DataMatrix x, int[] labels, int threads) {
        double[] s = samples(x, labels, threads);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return sum / s.length;
    }

    /**
     * The silhouette {@code s(i)} of every row, in row order.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #score(DataMatrix, int[], int)}
     */
    public static double[] samples(DataMatrix x, int[] labels, int threads) {
        checkThreads(threads);
        Checks.dataAndLabels(x, labels);
        LabelCodes lc = LabelCodes.of(labels);
        lc.requireValidCount("silhouette");
        int n = x.rows();
        Kernel kernel = new Kernel(x, lc);
        if ((long) n * lc.k() <= SYMMETRIC_MAX_CELLS) {
            return kernel.symmetric(threads);
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return kernel.silhouettes(rows, threads);
    }

    /**
     * An estimate of the mean silhouette from {@code sampleSize} rows drawn without replacement with
     * {@code seed}; the exact score when {@code sampleSize >= n}.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #score(DataMatrix, int[], int)}, or when {@code sampleSize < 1}
     */
    public static SilhouetteEstimate sampled(DataMatrix x, int[] labels, int sampleSize, long seed, int threads) {
        if (sampleSize < 1) {
            throw new IllegalArgumentException("sampleSize must be >= 1 but was " + sampleSize);
        }
        checkThreads(threads);
        Checks.dataAndLabels(x, labels);
        LabelCodes lc = LabelCodes.of(labels);
        lc.requireValidCount("silhouette");
        int n = x.rows();
        int m = Math.min(sampleSize, n);
        int[] rows = sample(n, m, seed);
        double[] s = new Kernel(x, lc).silhouettes(rows, threads);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        double mean = sum / m;
        double ss = 0;
        for (double v : s) {
            ss += (v - mean) * (v - mean);
        }
        double se = 0;
        if (m > 1 && m < n) {
            double var = ss / (m - 1);
            se = Math.sqrt(var / m * (1.0 - (double) m / n));
        }
        return new SilhouetteEstimate(mean, se, m, n);
    }

    /** {@code m} distinct indices of {@code [0, n)}, ascending, drawn with {@code seed}. */
    static int[] sample(int n, int m, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (m < n) {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int i = 0; i < m; i++) {
                int j = i + rnd.nextInt(n - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
        }
        int[] out = Arrays.copyOf(all, m);
        Arrays.sort(out);
        return out;
    }

    /**
     * {@code tmp[jj]} = Euclidean distance between the point {@code xi[xo..xo+d)} and sorted position
     * {@code j0 + jj} of the transposed data {@code ct} (n positions per dimension), for jj < len. Dimensions are
     * taken four at a time to limit the passes over {@code tmp}; the order is fixed.
     */
    static void distances(double[] ct, int n, double[] xi, int xo, int d, int j0, int len, double[] tmp) {
        int t;
        if (d >= 4) {
            double a = xi[xo];
            double b = xi[xo + 1];
            double c = xi[xo + 2];
            double e = xi[xo + 3];
            int ba = j0;
            int bb = n + j0;
            int bc = 2 * n + j0;
            int be = 3 * n + j0;
            for (int jj = 0; jj < len; jj++) {
                double da = a - ct[ba + jj];
                double db = b - ct[bb + jj];
                double dc = c - ct[bc + jj];
                double de = e - ct[be + jj];
                tmp[jj] = (da * da + db * db) + (dc * dc + de * de);
            }
            t = 4;
        } else {
            double a = xi[xo];
            for (int jj = 0; jj < len; jj++) {
                double da = a - ct[j0 + jj];
                tmp[jj] = da * da;
            }
            t = 1;
        }
        for (; t + 4 <= d; t += 4) {
            double a = xi[xo + t];
            double b = xi[xo + t + 1];
            double c = xi[xo + t + 2];
            double e = xi[xo + t + 3];
            int ba = t * n + j0;
            int bb = (t + 1) * n + j0;
            int bc = (t + 2) * n + j0;
            int be = (t + 3) * n + j0;
            for (int jj = 0; jj < len; jj++) {
                double da = a - ct[ba + jj];
                double db = b - ct[bb + jj];
                double dc = c - ct[bc + jj];
                double de = e - ct[be + jj];
                tmp[jj] += (da * da + db * db) + (dc * dc + de * de);
            }
        }
        for (; t < d; t++) {
            double a = xi[xo + t];
            int ba = t * n + j0;
            for (int jj = 0; jj < len; jj++) {
                double da = a - ct[ba + jj];
                tmp[jj] += da * da;
            }
        }
        for (int jj = 0; jj < len; jj++) {
            tmp[jj] = Math.sqrt(tmp[jj]);
        }
    }

    private static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
    }

    /** Data sorted by cluster and transposed, and the blocked kernel. */
    private static final class Kernel {
        private final int n;
        private final int d;
        private final int k;
        private final double[] values;
        private final double[] colT;
        private final int[] start;
        private final int[] sizes;
        private final int[] codes;
        private final int[] perm;
        private final int[] clusterAt;

        Kernel(DataMatrix x, LabelCodes lc) {
            this.n = x.rows();
            this.d = x.cols();
            this.k = lc.k();
            this.values = x.toArray();
            this.codes = lc.codes;
            this.sizes = lc.sizes;
            this.start = new int[k + 1];
            for (int c = 0; c < k; c++) {
                start[c + 1] = start[c] + sizes[c];
            }
            int[] next = Arrays.copyOf(start, k);
            this.colT = new double[Math.multiplyExact(n, d)];
            this.perm = new int[n];
            this.clusterAt = new int[n];
            for (int i = 0; i < n; i++) {
                int pos = next[codes[i]]++;
                perm[pos] = i;
                clusterAt[pos] = codes[i];
                for (int t = 0; t < d; t++) {
                    colT[t * n + pos] = values[i * d + t];
                }
            }
        }

        /**
         * Exact silhouettes of all rows using each distance once: the cluster-sorted rows are cut into an even
         * number of blocks (a function of n only); the diagonal tiles run first, then the off-diagonal tiles in
         * the rounds of a round-robin schedule, in which every block appears in one tile only, so tiles of a
         * round write disjoint sums and every sum is accumulated in the same order for any thread count.
         */
        double[] symmetric(int threads) {
            final int nb = Math.max(2, 2 * Parallel.blocks(n, 2 * TILE));
            final long nn = n;
            int[] bound = new int[nb + 1];
            for (int b = 0; b <= nb; b++) {
                bound[b] = (int) (nn * b / nb);
            }
            double[] sums = new double[Math.multiplyExact(n, k)];
            Parallel.forEachBlock(nb, threads, b -> tile(bound[b], bound[b + 1], bound[b], bound[b + 1], false,
                    sums));
            int half = nb / 2;
            int[] left = new int[half];
            int[] right = new int[half];
            for (int r = 0; r < nb - 1; r++) {
                left[0] = r;
                right[0] = nb - 1;
                for (int i = 1; i < half; i++) {
                    left[i] = (r + i) % (nb - 1);
                    right[i] = (r - i + nb - 1) % (nb - 1);
                }
                Parallel.forEachBlock(half, threads, p -> tile(bound[left[p]], bound[left[p] + 1], bound[right[p]],
                        bound[right[p] + 1], true, sums));
            }
            double[] out = new double[n];
            for (int pos = 0; pos < n; pos++) {
                out[perm[pos]] = silhouette(sums, pos * k, clusterAt[pos]);
            }
            return out;
        }

        /** Adds the distances between points [a0, a1) and [b0, b1) (sorted positions) to their sums. */
        private void tile(int a0, int a1, int b0, int b1, boolean both, double[] sums) {
            final int nn = n;
            final int dd = d;
            final int kk = k;
            final double[] ct = colT;
            final int[] cat = clusterAt;
            double[] tmp = new double[CHUNK];
            double[] acc = new double[CHUNK];
            double[] xi = new double[dd];
            for (int j0 = b0; j0 < b1; j0 += CHUNK) {
                final int len = Math.min(CHUNK, b1 - j0);
                int current = -1;
                for (int i = a0; i < a1; i++) {
                    int ci = cat[i];
                    if (both && ci != current) {
                        if (current >= 0) {
                            for (int jj = 0; jj < len; jj++) {
                                sums[(j0 + jj) * kk + current] += acc[jj];
                            }
                        }
                        java.util.Arrays.fill(acc, 0, len, 0.0);
                        current = ci;
                    }
                    for (int t = 0; t < dd; t++) {
                        xi[t] = ct[t * nn + i];
                    }
                    distances(ct, nn, xi, 0, dd, j0, len, tmp);
                    if (both) {
                        for (int jj = 0; jj < len; jj++) {
                            acc[jj] += tmp[jj];
                        }
                    }
                    int seg = 0;
                    while (seg < len) {
                        int c = cat[j0 + seg];
                        int end = Math.min(start[c + 1] - j0, len);
                        double s0 = 0;
                        double s1 = 0;
                        double s2 = 0;
                        double s3 = 0;
                        int jj = seg;
                        for (; jj + 3 < end; jj += 4) {
                            s0 += tmp[jj];
                            s1 += tmp[jj + 1];
                            s2 += tmp[jj + 2];
                            s3 += tmp[jj + 3];
                        }
                        for (; jj < end; jj++) {
                            s0 += tmp[jj];
                        }
                        sums[i * kk + c] += (s0 + s1) + (s2 + s3);
                        seg = end;
                    }
                }
                if (both && current >= 0) {
                    for (int jj = 0; jj < len; jj++) {
                        sums[(j0 + jj) * kk + current] += acc[jj];
                    }
                }
            }
        }

        private double silhouette(double[] sums, int off, int own) {
            int size = sizes[own];
            if (size <= 1) {
                return 0.0;
            }
            double a = sums[off + own] / (size - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own) {
                    double mean = sums[off + c] / sizes[c];
                    if (mean < b) {
                        b = mean;
                    }
                }
            }
            double max = Math.max(a, b);
            return max == 0 ? 0.0 : (b - a) / max;
        }

        double[] silhouettes(int[] rows, int threads) {
            int m = rows.length;
            double[] out = new double[m];
            int blocks = Parallel.blocks(m, ROW_BLOCK);
            Parallel.forEachBlock(blocks, threads, b -> block(rows, b * ROW_BLOCK,
                    Math.min(m, b * ROW_BLOCK + ROW_BLOCK), out));
            return out;
        }

        private void block(int[] rows, int from, int to, double[] out) {
            final int r = to - from;
            final int nn = n;
            final int dd = d;
            final int kk = k;
            final double[] x = values;
            final double[] ct = colT;
            double[] xi = new double[r * dd];
            for (int q = 0; q < r; q++) {
                System.arraycopy(x, rows[from + q] * dd, xi, q * dd, dd);
            }
            double[] sums = new double[r * kk];
            double[] tmp = new double[CHUNK];
            for (int c = 0; c < kk; c++) {
                int end = start[c + 1];
                for (int off = start[c]; off < end; off += CHUNK) {
                    int len = Math.min(CHUNK, end - off);
                    for (int q = 0; q < r; q++) {
                        distances(ct, nn, xi, q * dd, dd, off, len, tmp);
                        double s0 = 0;
                        double s1 = 0;
                        double s2 = 0;
                        double s3 = 0;
                        int jj = 0;
                        for (; jj + 3 < len; jj += 4) {
                            s0 += tmp[jj];
                            s1 += tmp[jj + 1];
                            s2 += tmp[jj + 2];
                            s3 += tmp[jj + 3];
                        }
                        for (; jj < len; jj++) {
                            s0 += tmp[jj];
                        }
                        sums[q * kk + c] += (s0 + s1) + (s2 + s3);
                    }
                }
            }
            for (int q = 0; q < r; q++) {
                out[from + q] = silhouette(sums, q * kk, codes[rows[from + q]]);
            }
        }
    }
}
