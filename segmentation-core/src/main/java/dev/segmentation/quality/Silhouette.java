package dev.segmentation.quality;

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
 * <p><b>Cost.</b> Exact: O(n^2 d) time, O(n d + n) memory - the distance matrix is never stored: rows are
 * processed in fixed blocks of {@value #ROW_BLOCK} against cache-sized chunks of the (cluster-sorted, transposed)
 * data. The sampled estimate computes {@code s(i)} exactly for {@code m} rows drawn without replacement, against
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
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return new Kernel(x, lc).silhouettes(rows, threads);
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
            for (int i = 0; i < n; i++) {
                int pos = next[codes[i]]++;
                for (int t = 0; t < d; t++) {
                    colT[t * n + pos] = values[i * d + t];
                }
            }
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
                        int xb = q * dd;
                        double x0 = xi[xb];
                        for (int jj = 0; jj < len; jj++) {
                            double df = x0 - ct[off + jj];
                            tmp[jj] = df * df;
                        }
                        for (int t = 1; t < dd; t++) {
                            double xt = xi[xb + t];
                            int base = t * nn + off;
                            for (int jj = 0; jj < len; jj++) {
                                double df = xt - ct[base + jj];
                                tmp[jj] += df * df;
                            }
                        }
                        for (int jj = 0; jj < len; jj++) {
                            tmp[jj] = Math.sqrt(tmp[jj]);
                        }
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
                int own = codes[rows[from + q]];
                int size = sizes[own];
                if (size <= 1) {
                    out[from + q] = 0.0;
                    continue;
                }
                double a = sums[q * kk + own] / (size - 1);
                double b = Double.POSITIVE_INFINITY;
                for (int c = 0; c < kk; c++) {
                    if (c != own) {
                        double mean = sums[q * kk + c] / sizes[c];
                        if (mean < b) {
                            b = mean;
                        }
                    }
                }
                double max = Math.max(a, b);
                out[from + q] = max == 0 ? 0.0 : (b - a) / max;
            }
        }
    }
}
