package dev.segmentation.cluster.series;

import dev.segmentation.cluster.Clusterer;
import dev.segmentation.cluster.series.SeriesNormalization.ConstantSeries;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;
import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.Parallel;
import dev.segmentation.internal.Seeds;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * K-Means of series under dynamic time warping, with DTW barycentre averaging (DBA; Petitjean, Ketterlin and
 * Gancarski, "A global averaging method for dynamic time warping, with applications to clustering", Pattern
 * Recognition 2011) and a Sakoe-Chiba band (Sakoe and Chiba 1978).
 *
 * <p><b>Distance.</b> {@code DTW(x, y)} is the least sum of squared differences {@code (x_i - y_j)^2} along a
 * warping path from (0, 0) to (T-1, T-1) with steps (1,1), (1,0), (0,1) that stays in the band {@code |i - j| <= r}
 * ({@link Builder#bandRadius}; unset means no band). With {@code r = 0} it is the squared Euclidean distance.
 *
 * <p><b>Algorithm.</b> Series are z-normalised ({@link Builder#zNormalize}, default on). Seeding is k-means++ on DTW.
 * Then, until the labels stop changing or {@code maxIter} iterations: each centroid is refined by
 * {@link Builder#dbaIterations} DBA steps (every member is warped onto the centroid along its optimal path, and each
 * centroid point becomes the mean of the member points warped onto it), then every series goes to the centroid of
 * least DTW (ties to the lowest index). An empty cluster keeps its centroid. The model's labels are the argmin of DTW
 * to its final centroids; {@link DtwKMeansModel#inertia()} sums those DTW costs.
 *
 * <p><b>Complexity.</b> Per iteration O(n k T w) for the assignment (w = min(T, 2r + 1); rows abandon a centroid
 * early once it cannot win) and O(dbaIterations n T w) for DBA; memory O(n T + B k T) with B row blocks of 4,096,
 * plus O(T^2) per worker for the warping path.
 *
 * <p><b>Determinism.</b> Seeding draws from a {@link SplittableRandom} seeded from {@link FitContext#seed()}; rows run
 * in fixed blocks combined in block order, so the same data and seed give the same bits for any thread count.
 * Immutable and thread-safe.
 */
public final class DtwKMeans implements Clusterer {
    static final int BLOCK = Parallel.ROWS_PER_BLOCK;

    private final int k;
    private final int maxIter;
    private final int dbaIterations;
    private final int bandRadius;
    private final boolean zNormalize;
    private final ConstantSeries constantSeries;

    private DtwKMeans(Builder b) {
        this.k = b.k;
        this.maxIter = b.maxIter;
        this.dbaIterations = b.dbaIterations;
        this.bandRadius = b.bandRadius;
        this.zNormalize = b.zNormalize;
        this.constantSeries = b.constantSeries;
    }

    /** A builder with k = 2, maxIter = 50, 5 DBA iterations, no band, z-normalisation on, constant series refused. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "dtw-kmeans";
    }

    /**
     * Clusters the rows of {@code x} (each a series) under DTW.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code x} has no rows or columns, fewer rows than k, a non-finite value
     *     (naming the row and column), or a constant row under {@link ConstantSeries#REJECT} (naming the row)
     * @throws FitCancelledException when the context's token is cancelled or the thread is interrupted (checked per
     *     block of rows)
     */
    @Override
    public DtwKMeansModel fit(DataMatrix x, FitContext context) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(context, "context");
        Cancel cancel = Cancel.of(context.cancellation()::isCancelled, FitCancelledException::new);
        cancel.check();
        int n = x.rows();
        int t = x.cols();
        if (n == 0 || t == 0) {
            throw new IllegalArgumentException("cannot fit DTW K-Means to an empty matrix (" + n + " x " + t + ")");
        }
        if (k > n) {
            throw new IllegalArgumentException("k = " + k + " exceeds the number of series (" + n + ")");
        }
        double[] z = zNormalize ? SeriesNormalization.zNormalize(x, constantSeries).toArray() : x.toArray();
        if (!zNormalize) {
            SeriesNormalization.requireFinite(z, t, "x");
        }
        int radius = bandRadius < 0 ? t - 1 : Math.min(bandRadius, t - 1);
        Engine e = new Engine(z, n, t, k, radius, context.threads(), cancel);
        double[] centroids = e.seed(new SplittableRandom(Seeds.derive(context.seed(), 0L)));
        int[] labels = new int[n];
        double[] dists = new double[n];
        e.assign(centroids, k, labels, dists);
        int it = 0;
        boolean converged = false;
        int[] prev = new int[n];
        while (it < maxIter) {
            for (int d = 0; d < dbaIterations; d++) {
                e.dba(centroids, labels);
            }
            it++;
            System.arraycopy(labels, 0, prev, 0, n);
            e.assign(centroids, k, labels, dists);
            context.listener().progress("dtw-kmeans", it, maxIter);
            if (Arrays.equals(prev, labels)) {
                converged = true;
                break;
            }
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            inertia += dists[i];
        }
        return new DtwKMeansModel(labels, centroids, k, t, bandRadius, zNormalize, constantSeries, inertia, it,
                converged);
    }

    /** The row-block kernels of one fit, and of prediction. */
    static final class Engine {
        final double[] z;
        final int n;
        final int t;
        final int k;
        final int radius;
        final int threads;
        final Cancel cancel;

        Engine(double[] z, int n, int t, int k, int radius, int threads, Cancel cancel) {
            this.z = z;
            this.n = n;
            this.t = t;
            this.k = k;
            this.radius = radius;
            this.threads = threads;
            this.cancel = cancel;
        }

        double[] seed(SplittableRandom rng) {
            double[] centroids = new double[k * t];
            double[] dmin = new double[n];
            Arrays.fill(dmin, Double.POSITIVE_INFINITY);
            System.arraycopy(z, rng.nextInt(n) * t, centroids, 0, t);
            int[] lab = new int[n];
            double[] d = new double[n];
            for (int c = 1; c < k; c++) {
                assign(Arrays.copyOfRange(centroids, (c - 1) * t, c * t), 1, lab, d);
                int pick = SeriesKernels.kMeansPlusPlusPick(dmin, d, false, rng);
                System.arraycopy(z, pick * t, centroids, c * t, t);
            }
            return centroids;
        }

        /** Each row's least-DTW centroid among the first {@code kk} and its DTW cost. */
        void assign(double[] centroids, int kk, int[] labels, double[] dists) {
            Parallel.forEachBlock(Parallel.blocks(n, BLOCK), threads, cancel, b -> {
                double[] prev = new double[t];
                double[] cur = new double[t];
                int end = Math.min(n, (b + 1) * BLOCK);
                for (int i = b * BLOCK; i < end; i++) {
                    double best = Double.POSITIVE_INFINITY;
                    int bestC = 0;
                    for (int c = 0; c < kk; c++) {
                        double d = SeriesKernels.dtw(z, i * t, centroids, c * t, t, radius, best, prev, cur);
                        if (d < best) {
                            best = d;
                            bestC = c;
                        }
                    }
                    labels[i] = bestC;
                    dists[i] = best;
                }
            });
        }

        /** One DBA step for every non-empty cluster. */
        void dba(double[] centroids, int[] labels) {
            int blocks = Parallel.blocks(n, BLOCK);
            final double[][] partSum = new double[blocks][];
            final int[][] partCount = new int[blocks][];
            Parallel.forEachBlock(blocks, threads, cancel, b -> {
                double[] sum = new double[k * t];
                int[] count = new int[k * t];
                double[] acc = new double[t * t];
                int[] path = new int[2 * (2 * t - 1)];
                int[] len = new int[1];
                int end = Math.min(n, (b + 1) * BLOCK);
                for (int i = b * BLOCK; i < end; i++) {
                    int c = labels[i];
                    SeriesKernels.dtwPath(centroids, c * t, z, i * t, t, radius, acc, path, len);
                    int o = c * t;
                    for (int p = 0; p < len[0]; p++) {
                        int ci = path[2 * p];
                        sum[o + ci] += z[i * t + path[2 * p + 1]];
                        count[o + ci]++;
                    }
                }
                partSum[b] = sum;
                partCount[b] = count;
            });
            double[] sum = new double[k * t];
            long[] count = new long[k * t];
            for (int b = 0; b < blocks; b++) {
                for (int j = 0; j < k * t; j++) {
                    sum[j] += partSum[b][j];
                    count[j] += partCount[b][j];
                }
            }
            for (int j = 0; j < k * t; j++) {
                if (count[j] > 0) {
                    centroids[j] = sum[j] / count[j];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "DtwKMeans[k=" + k + ", maxIter=" + maxIter + ", dbaIterations=" + dbaIterations + ", bandRadius="
                + (bandRadius < 0 ? "none" : bandRadius) + ", zNormalize=" + zNormalize + ", constantSeries="
                + constantSeries + "]";
    }

    /**
     * Settings of {@link DtwKMeans}; each setter checks its value at once. Not thread-safe; {@link #build()} may be
     * called again and never changes the builder.
     */
    public static final class Builder {
        private int k = 2;
        private int maxIter = 50;
        private int dbaIterations = 5;
        private int bandRadius = -1;
        private boolean zNormalize = true;
        private ConstantSeries constantSeries = ConstantSeries.REJECT;

        private Builder() {
        }

        /**
         * The number of clusters (default 2).
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder k(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1 but was " + k);
            }
            this.k = k;
            return this;
        }

        /**
         * The most assignment iterations (default 50).
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxIter(int maxIter) {
            if (maxIter < 1) {
                throw new IllegalArgumentException("maxIter must be >= 1 but was " + maxIter);
            }
            this.maxIter = maxIter;
            return this;
        }

        /**
         * DBA refinement steps per iteration (default 5).
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder dbaIterations(int dbaIterations) {
            if (dbaIterations < 1) {
                throw new IllegalArgumentException("dbaIterations must be >= 1 but was " + dbaIterations);
            }
            this.dbaIterations = dbaIterations;
            return this;
        }

        /**
         * The Sakoe-Chiba band radius r in periods: cells with {@code |i - j| <= r} (default: no band).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder bandRadius(int bandRadius) {
            if (bandRadius < 0) {
                throw new IllegalArgumentException("bandRadius must be >= 0 but was " + bandRadius);
            }
            this.bandRadius = bandRadius;
            return this;
        }

        /** Whether series are z-normalised before clustering and prediction (default true). */
        public Builder zNormalize(boolean zNormalize) {
            this.zNormalize = zNormalize;
            return this;
        }

        /** What z-normalisation does with a constant series (default {@link ConstantSeries#REJECT}). */
        public Builder constantSeries(ConstantSeries constantSeries) {
            this.constantSeries = Objects.requireNonNull(constantSeries, "constantSeries");
            return this;
        }

        /** The clusterer. */
        public DtwKMeans build() {
            return new DtwKMeans(this);
        }
    }
}
