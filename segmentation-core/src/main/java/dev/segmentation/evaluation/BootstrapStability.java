package dev.segmentation.evaluation;

import dev.segmentation.quality.internal.Checks;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.Clusterer;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.fit.ProgressListener;
import dev.segmentation.internal.Parallel;
import dev.segmentation.internal.Seeds;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Per-segment stability under resampling after Hennig (2007, "Cluster-wise assessment of cluster stability",
 * Computational Statistics and Data Analysis 52; R {@code fpc::clusterboot}): the data are resampled
 * {@link #resamples(int)} times, the clusterer is refitted on each resample, and each original segment gets, per
 * resample, the Jaccard similarity to its best-matching new cluster, computed on the resampled rows (with
 * {@link Resampling#BOOTSTRAP}, on the drawn positions, so a row drawn twice counts twice, as in fpc). A
 * segment's stability is the mean over the resamples that contain at least one of its rows; Hennig's reading:
 * {@code >= 0.85} highly stable, {@code >= 0.75} stable (valid), {@code <= 0.5} dissolved, otherwise doubtful.
 *
 * <p><b>Noise.</b> Rows labelled {@code -1} belong to no segment: noise is never an original segment nor a
 * candidate match, so a segment whose rows all become noise has Jaccard 0 in that resample.
 *
 * <p><b>Determinism.</b> Resample {@code b} is drawn and fitted with seeds derived from the context's stage
 * {@code "stability"} seed and {@code b}; resamples run in parallel, each fit with one thread, which by the
 * {@link Clusterer} contract gives the same model as with any thread count; results are combined in resample
 * order. So the report is identical for a seed and any thread count. Progress is reported per batch of
 * resamples from the calling thread.
 *
 * <p><b>Cost.</b> {@code resamples} fits on n (bootstrap) or {@code fraction * n} rows, plus O(n + k k') per
 * resample. Instances are immutable and thread-safe.
 */
public final class BootstrapStability {
    /** How resamples are drawn. */
    public enum Resampling {
        /** n rows drawn with replacement (fpc's {@code "boot"}). */
        BOOTSTRAP,
        /** {@code fraction * n} distinct rows (fpc's {@code "subset"}). */
        SUBSAMPLE
    }

    private final int resamples;
    private final Resampling resampling;
    private final double fraction;

    private BootstrapStability(int resamples, Resampling resampling, double fraction) {
        this.resamples = resamples;
        this.resampling = resampling;
        this.fraction = fraction;
    }

    /** 100 bootstrap resamples (fpc's default {@code B}). */
    public static BootstrapStability defaults() {
        return new BootstrapStability(100, Resampling.BOOTSTRAP, 0.5);
    }

    /** The same with {@code b} resamples. @throws IllegalArgumentException when {@code b < 1} */
    public BootstrapStability resamples(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("resamples must be >= 1 but was " + b);
        }
        return new BootstrapStability(b, resampling, fraction);
    }

    /** The same with bootstrap resampling. */
    public BootstrapStability bootstrap() {
        return new BootstrapStability(resamples, Resampling.BOOTSTRAP, fraction);
    }

    /**
     * The same with subsamples of {@code fraction * n} distinct rows (fpc's default is half).
     *
     * @throws IllegalArgumentException when {@code fraction} is not in (0, 1)
     */
    public BootstrapStability subsample(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("subsample fraction must be in (0, 1) but was " + fraction);
        }
        return new BootstrapStability(resamples, Resampling.SUBSAMPLE, fraction);
    }

    /** Number of resamples. */
    public int resamples() {
        return resamples;
    }

    /** The resampling scheme. */
    public Resampling resampling() {
        return resampling;
    }

    /**
     * Fits {@code clusterer} on {@code x} with {@code context}, then assesses the stability of its segments.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #assess(DataMatrix, int[], Clusterer, FitContext)}
     */
    public StabilityReport assess(DataMatrix x, Clusterer clusterer, FitContext context) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(clusterer, "clusterer");
        Objects.requireNonNull(context, "context");
        ClusterModel original = clusterer.fit(x, context);
        return assess(x, original.labels(), clusterer, context);
    }

    /**
     * Assesses the stability of the segments of {@code labels} (the original clustering of {@code x}) by
     * refitting {@code clusterer} on resamples.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the lengths differ, a label is below -1, every row is noise, or a
     *     subsample would have fewer than 2 rows; errors of the clusterer's fit propagate
     */
    public StabilityReport assess(DataMatrix x, int[] labels, Clusterer clusterer, FitContext context) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(clusterer, "clusterer");
        Objects.requireNonNull(context, "context");
        int n = x.rows();
        if (labels.length != n) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries but x has " + n + " rows");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < -1) {
                throw new IllegalArgumentException("label of row " + i + " is " + labels[i]
                        + "; labels must be -1 (noise) or >= 0");
            }
        }
        int[] segs = Checks.nonNoiseDistinct(labels);
        if (segs.length == 0) {
            throw new IllegalArgumentException("every row is noise: there is no segment to assess");
        }
        int m = resampling == Resampling.BOOTSTRAP ? n : (int) Math.floor(fraction * n);
        if (m < 2) {
            throw new IllegalArgumentException("a subsample of " + fraction + " x " + n + " rows has " + m
                    + " rows; at least 2 are needed");
        }
        int k = segs.length;
        int[] code = new int[n];
        for (int i = 0; i < n; i++) {
            code[i] = labels[i] < 0 ? -1 : Arrays.binarySearch(segs, labels[i]);
        }
        long base = context.stage("stability").seed();
        // resample fits run concurrently: they report to no listener (a listener is never called concurrently)
        FitContext single = context.withThreads(1).withListener(ProgressListener.NONE);
        double[] jac = new double[resamples * k];
        int threads = context.threads();
        int batch = Math.max(1, threads);
        for (int from = 0; from < resamples; from += batch) {
            final int lo = from;
            final int count = Math.min(batch, resamples - from);
            Parallel.forEachBlock(count, threads, q -> {
                int b = lo + q;
                long seed = Seeds.derive(base, b);
                int[] idx = draw(n, m, seed);
                ClusterModel fit = clusterer.fit(x.selectRows(idx), single.withSeed(Seeds.derive(seed, "fit")));
                bestJaccard(code, k, idx, fit.labels(), jac, b * k);
            });
            context.listener().progress("stability", lo + count, resamples);
        }
        double[] mean = new double[k];
        int[] present = new int[k];
        int[] dissolved = new int[k];
        int[] recovered = new int[k];
        for (int c = 0; c < k; c++) {
            double sum = 0;
            for (int b = 0; b < resamples; b++) {
                double v = jac[b * k + c];
                if (v >= 0) {
                    sum += v;
                    present[c]++;
                    if (v <= 0.5) {
                        dissolved[c]++;
                    }
                    if (v > 0.75) {
                        recovered[c]++;
                    }
                }
            }
            mean[c] = present[c] == 0 ? 0.0 : sum / present[c];
        }
        return new StabilityReport(resampling, resamples, segs, mean, present, dissolved, recovered);
    }

    /** Row indices of resample with {@code seed}: n draws with replacement, or m distinct ascending rows. */
    int[] draw(int n, int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] idx = new int[m];
        if (resampling == Resampling.BOOTSTRAP) {
            for (int i = 0; i < m; i++) {
                idx[i] = rnd.nextInt(n);
            }
            return idx;
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        System.arraycopy(all, 0, idx, 0, m);
        Arrays.sort(idx);
        return idx;
    }

    /**
     * For each original segment c, the largest Jaccard similarity between its positions in the resample and a
     * new cluster's positions, written to {@code out[offset + c]}; -1 when the segment has no row in the resample.
     */
    static void bestJaccard(int[] code, int k, int[] idx, int[] newLabels, double[] out, int offset) {
        int[] newSegs = Checks.nonNoiseDistinct(newLabels);
        int kn = newSegs.length;
        long[] both = new long[k * kn];
        long[] a = new long[k];
        long[] b = new long[kn];
        for (int p = 0; p < idx.length; p++) {
            int c = code[idx[p]];
            int l = newLabels[p] < 0 ? -1 : Arrays.binarySearch(newSegs, newLabels[p]);
            if (c >= 0) {
                a[c]++;
            }
            if (l >= 0) {
                b[l]++;
            }
            if (c >= 0 && l >= 0) {
                both[c * kn + l]++;
            }
        }
        for (int c = 0; c < k; c++) {
            if (a[c] == 0) {
                out[offset + c] = -1;
                continue;
            }
            double best = 0;
            for (int l = 0; l < kn; l++) {
                long inter = both[c * kn + l];
                long union = a[c] + b[l] - inter;
                double j = union == 0 ? 0.0 : inter / (double) union;
                if (j > best) {
                    best = j;
                }
            }
            out[offset + c] = best;
        }
    }

    /**
     * The Jaccard similarity of two sets given as membership flags: {@code |A and B| / |A or B|}, 0 when both are
     * empty (fpc's {@code zerobyzero = 0}). Lies in [0, 1].
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double jaccard(boolean[] a, boolean[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException("sets differ in length: " + a.length + " and " + b.length);
        }
        long inter = 0;
        long union = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) {
                inter++;
            }
            if (a[i] || b[i]) {
                union++;
            }
        }
        return union == 0 ? 0.0 : inter / (double) union;
    }
}
