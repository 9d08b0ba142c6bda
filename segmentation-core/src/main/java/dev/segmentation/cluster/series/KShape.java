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
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * k-Shape clustering of series (Paparrizos and Gravano, "k-Shape: Efficient and Accurate Clustering of Time
 * Series", SIGMOD 2015): rows are series of equal length T, compared by the shape-based distance
 * {@code SBD(x, y) = 1 - max_s NCC_s(x, y)} (the largest cross-correlation over all shifts {@code s} in
 * {@code (-T, T)}, divided by {@code |x| |y|}; in [0, 2]; 1 when a series is all zeros), computed by FFT.
 *
 * <p><b>Algorithm.</b> Series are z-normalised ({@link Builder#zNormalize}, default on; constant series per
 * {@link Builder#constantSeries}). Seeding is k-means++ on SBD (the first centroid a uniformly drawn series, each next
 * drawn with probability proportional to its squared SBD to the nearest chosen one). Then, until the labels stop
 * changing or {@code maxIter} refinements: each series is aligned (shifted, zero-padded) to its cluster's centroid at
 * the best shift, and the new centroid is the eigenvector of the largest eigenvalue of {@code Q^T S Q}, where
 * {@code S} sums the outer products of the aligned members and {@code Q = I - 11^T / T}, signed to agree with the
 * members' sum and z-normalised; then every series goes to the centroid of least SBD (ties to the lowest index). An
 * empty cluster keeps its centroid. The model's labels are therefore always the argmin of SBD to its final centroids.
 *
 * <p><b>Complexity.</b> Per iteration O(n k L log L) for the assignment (one FFT per series and one inverse FFT per
 * series and pair of centroids, L the power of two {@code >= 2T - 1}) and O(n T^2 + k T^3) for the extraction; memory
 * O(n T + B k T^2) with B row blocks of 4,096.
 *
 * <p><b>Determinism.</b> The seeding draws from a {@link SplittableRandom} seeded from {@link FitContext#seed()}; rows
 * run in fixed blocks whose partial sums are combined in block order, so the same data and seed give the same bits for
 * any {@link FitContext#threads()}. Immutable and thread-safe; one instance may fit many data sets at once.
 */
public final class KShape implements Clusterer {
    static final int BLOCK = Parallel.ROWS_PER_BLOCK;

    private final int k;
    private final int maxIter;
    private final boolean zNormalize;
    private final ConstantSeries constantSeries;

    private KShape(Builder b) {
        this.k = b.k;
        this.maxIter = b.maxIter;
        this.zNormalize = b.zNormalize;
        this.constantSeries = b.constantSeries;
    }

    /** A builder with k = 2, maxIter = 100, z-normalisation on and constant series refused. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "kshape";
    }

    /** The number of clusters. */
    public int k() {
        return k;
    }

    /** The most refinement iterations. */
    public int maxIter() {
        return maxIter;
    }

    /**
     * Clusters the rows of {@code x} (each a series) by shape.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code x} has no rows or columns, fewer rows than k, a non-finite value
     *     (naming the row and column), or a constant row under {@link ConstantSeries#REJECT} (naming the row)
     * @throws FitCancelledException when the context's token is cancelled or the thread is interrupted (checked per
     *     block of rows)
     */
    @Override
    public KShapeModel fit(DataMatrix x, FitContext context) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(context, "context");
        Cancel cancel = Cancel.of(context.cancellation()::isCancelled, FitCancelledException::new);
        cancel.check();
        int n = x.rows();
        int t = x.cols();
        if (n == 0 || t == 0) {
            throw new IllegalArgumentException("cannot fit k-Shape to an empty matrix (" + n + " x " + t + ")");
        }
        if (k > n) {
            throw new IllegalArgumentException("k = " + k + " exceeds the number of series (" + n + ")");
        }
        double[] z = zNormalize ? SeriesNormalization.zNormalize(x, constantSeries).toArray() : x.toArray();
        if (!zNormalize) {
            SeriesNormalization.requireFinite(z, t, "x");
        }
        Engine e = new Engine(z, n, t, k, context.threads(), cancel);
        double[] centroids = e.seed(new SplittableRandom(Seeds.derive(context.seed(), 0L)));
        int[] labels = new int[n];
        int[] shifts = new int[n];
        double[] dists = new double[n];
        e.assign(centroids, labels, shifts, dists);
        int it = 0;
        boolean converged = false;
        int[] prev = new int[n];
        while (it < maxIter) {
            e.extract(centroids, labels, shifts);
            it++;
            System.arraycopy(labels, 0, prev, 0, n);
            e.assign(centroids, labels, shifts, dists);
            context.listener().progress("kshape", it, maxIter);
            if (Arrays.equals(prev, labels)) {
                converged = true;
                break;
            }
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            inertia += dists[i];
        }
        return new KShapeModel(labels, centroids, k, t, zNormalize, constantSeries, inertia, it, converged);
    }

    /** The row-block kernels of one fit (and of prediction, through {@link #assign}). */
    static final class Engine {
        final double[] z;
        final int n;
        final int t;
        final int k;
        final int threads;
        final Cancel cancel;
        final SeriesKernels.Fft fft;

        Engine(double[] z, int n, int t, int k, int threads, Cancel cancel) {
            this.z = z;
            this.n = n;
            this.t = t;
            this.k = k;
            this.threads = threads;
            this.cancel = cancel;
            this.fft = SeriesKernels.Fft.forCrossCorrelation(t);
        }

        /** k-means++ on squared SBD: k centroids copied from rows. */
        double[] seed(SplittableRandom rng) {
            double[] centroids = new double[k * t];
            double[] dmin = new double[n];
            Arrays.fill(dmin, Double.POSITIVE_INFINITY);
            int first = rng.nextInt(n);
            System.arraycopy(z, first * t, centroids, 0, t);
            double[] one = new double[t];
            for (int c = 1; c < k; c++) {
                System.arraycopy(centroids, (c - 1) * t, one, 0, t);
                int[] lab = new int[n];
                int[] sh = new int[n];
                double[] d = new double[n];
                assignTo(one, 1, lab, sh, d);
                int pick = SeriesKernels.kMeansPlusPlusPick(dmin, d, true, rng);
                System.arraycopy(z, pick * t, centroids, c * t, t);
            }
            return centroids;
        }

        void assign(double[] centroids, int[] labels, int[] shifts, double[] dists) {
            assignTo(centroids, k, labels, shifts, dists);
        }

        /** Each row's least-SBD centroid among {@code kk}, the shift aligning it there, and the SBD. */
        void assignTo(double[] centroids, int kk, int[] labels, int[] shifts, double[] dists) {
            final int l = fft.length;
            final double[][] cRe = new double[kk][l];
            final double[][] cIm = new double[kk][l];
            final double[] cNorm = new double[kk];
            for (int c = 0; c < kk; c++) {
                fft.forwardReal(centroids, c * t, t, cRe[c], cIm[c]);
                cNorm[c] = SeriesKernels.norm(centroids, c * t, t);
            }
            int blocks = Parallel.blocks(n, BLOCK);
            Parallel.forEachBlock(blocks, threads, cancel, b -> {
                double[] xRe = new double[l];
                double[] xIm = new double[l];
                double[] wRe = new double[l];
                double[] wIm = new double[l];
                double[] out = new double[4];
                int end = Math.min(n, (b + 1) * BLOCK);
                for (int i = b * BLOCK; i < end; i++) {
                    fft.forwardReal(z, i * t, t, xRe, xIm);
                    double xNorm = SeriesKernels.norm(z, i * t, t);
                    double best = Double.POSITIVE_INFINITY;
                    int bestC = 0;
                    int bestShift = 0;
                    // centroids in pairs, one inverse FFT per pair (a last odd one alone), compared in index order
                    for (int c = 0; c < kk; c += 2) {
                        int m;
                        if (c + 1 < kk) {
                            SeriesKernels.bestCrossCorrelationPair(fft, cRe[c], cIm[c], cRe[c + 1], cIm[c + 1], xRe,
                                    xIm, t, wRe, wIm, out);
                            m = 2;
                        } else {
                            SeriesKernels.bestCrossCorrelation(fft, cRe[c], cIm[c], xRe, xIm, t, wRe, wIm, out);
                            m = 1;
                        }
                        for (int h = 0; h < m; h++) {
                            double d = SeriesKernels.sbd(out[2 * h], cNorm[c + h], xNorm);
                            if (d < best) {
                                best = d;
                                bestC = c + h;
                                bestShift = (int) out[2 * h + 1];
                            }
                        }
                    }
                    labels[i] = bestC;
                    shifts[i] = bestShift;
                    dists[i] = best;
                }
            });
        }

        /** Shape extraction: replaces the centroid of every non-empty cluster. */
        void extract(double[] centroids, int[] labels, int[] shifts) {
            final int tt = t * t;
            int blocks = Parallel.blocks(n, BLOCK);
            final double[][] partS = new double[blocks][];
            final double[][] partSum = new double[blocks][];
            final int[][] partCount = new int[blocks][];
            Parallel.forEachBlock(blocks, threads, cancel, b -> {
                double[] s = new double[k * tt];
                double[] sum = new double[k * t];
                int[] count = new int[k];
                double[] a = new double[t];
                int end = Math.min(n, (b + 1) * BLOCK);
                for (int i = b * BLOCK; i < end; i++) {
                    int c = labels[i];
                    SeriesKernels.shift(z, i * t, t, shifts[i], a);
                    count[c]++;
                    int so = c * tt;
                    int vo = c * t;
                    for (int p = 0; p < t; p++) {
                        double ap = a[p];
                        sum[vo + p] += ap;
                        if (ap == 0) {
                            continue;
                        }
                        int row = so + p * t;
                        for (int q = p; q < t; q++) {
                            s[row + q] += ap * a[q];
                        }
                    }
                }
                partS[b] = s;
                partSum[b] = sum;
                partCount[b] = count;
            });
            double[] s = new double[tt];
            double[] sum = new double[t];
            for (int c = 0; c < k; c++) {
                Arrays.fill(s, 0);
                Arrays.fill(sum, 0);
                int count = 0;
                for (int b = 0; b < blocks; b++) {
                    count += partCount[b][c];
                    double[] ps = partS[b];
                    for (int i = 0; i < tt; i++) {
                        s[i] += ps[c * tt + i];
                    }
                    double[] pv = partSum[b];
                    for (int p = 0; p < t; p++) {
                        sum[p] += pv[c * t + p];
                    }
                }
                if (count == 0) {
                    continue;
                }
                double[] v = shape(s, sum, t);
                if (v != null) {
                    System.arraycopy(v, 0, centroids, c * t, t);
                }
            }
        }
    }

    /**
     * The z-normalised leading eigenvector of {@code Q S Q} (S given by its upper triangle), signed so that its dot
     * product with {@code sum} is {@code >= 0}; null when it has no shape (a constant vector).
     */
    static double[] shape(double[] sUpper, double[] sum, int t) {
        DMatrixRMaj m = new DMatrixRMaj(t, t);
        double[] s = new double[t * t];
        for (int p = 0; p < t; p++) {
            for (int q = p; q < t; q++) {
                s[p * t + q] = sUpper[p * t + q];
                s[q * t + p] = sUpper[p * t + q];
            }
        }
        double[] rowMean = new double[t];
        double total = 0;
        for (int p = 0; p < t; p++) {
            double r = 0;
            for (int q = 0; q < t; q++) {
                r += s[p * t + q];
            }
            rowMean[p] = r / t;
            total += r;
        }
        double totalMean = total / ((double) t * t);
        for (int p = 0; p < t; p++) {
            for (int q = 0; q < t; q++) {
                m.unsafe_set(p, q, s[p * t + q] - rowMean[p] - rowMean[q] + totalMean);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(t, true, true);
        if (!eig.decompose(m)) {
            throw new IllegalStateException("k-Shape: the eigen decomposition of a " + t + " x " + t
                    + " shape matrix did not converge");
        }
        int best = -1;
        double bestVal = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            double val = eig.getEigenvalue(i).real;
            if (val > bestVal && eig.getEigenVector(i) != null) {
                bestVal = val;
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        DMatrixRMaj vec = eig.getEigenVector(best);
        double[] v = new double[t];
        double dot = 0;
        for (int p = 0; p < t; p++) {
            v[p] = vec.get(p, 0);
            dot += v[p] * sum[p];
        }
        if (dot < 0) {
            for (int p = 0; p < t; p++) {
                v[p] = -v[p];
            }
        }
        double[] out = new double[t];
        return SeriesKernels.zNormalize(v, 0, t, out, 0) ? out : null;
    }

    @Override
    public String toString() {
        return "KShape[k=" + k + ", maxIter=" + maxIter + ", zNormalize=" + zNormalize + ", constantSeries="
                + constantSeries + "]";
    }

    /**
     * Settings of {@link KShape}; each setter checks its value at once. Not thread-safe; {@link #build()} may be
     * called again and never changes the builder.
     */
    public static final class Builder {
        private int k = 2;
        private int maxIter = 100;
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
         * The most refinement iterations (default 100).
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

        /** Whether series are z-normalised before clustering and prediction (default true, as the paper). */
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
        public KShape build() {
            return new KShape(this);
        }
    }
}
