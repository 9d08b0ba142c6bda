package dev.segmentation.cluster.series;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.HasInertia;
import dev.segmentation.cluster.series.SeriesNormalization.ConstantSeries;
import dev.segmentation.data.DataMatrix;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the fitted series clusterings share: training labels, k centroid series of length T, whether new series are
 * z-normalised before assignment, and the assignment rule of the subclass. Immutable and thread-safe.
 */
abstract class SeriesClusterModel implements ClusterModel, HasInertia {
    final int[] labels;
    final double[] centroids;
    final int k;
    final int t;
    final boolean zNormalize;
    final ConstantSeries constantSeries;
    final double inertia;
    final int iterations;
    final boolean converged;

    SeriesClusterModel(int[] labels, double[] centroids, int k, int t, boolean zNormalize,
            ConstantSeries constantSeries, double inertia, int iterations, boolean converged) {
        this.labels = labels;
        this.centroids = centroids;
        this.k = k;
        this.t = t;
        this.zNormalize = zNormalize;
        this.constantSeries = constantSeries;
        this.inertia = inertia;
        this.iterations = iterations;
        this.converged = converged;
    }

    /** The label in {@code [0, k)} of every training series, in row order (a copy; empty after a restore). */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The number of centroids, {@code k}. */
    @Override
    public int clusterCount() {
        return k;
    }

    /** The series length T. */
    @Override
    public int dimension() {
        return t;
    }

    /** The centroid series as a {@code k x T} matrix (row {@code c} is the centroid of label {@code c}). */
    public DataMatrix centroids() {
        return DataMatrix.of(k, t, centroids);
    }

    /** The centroid of cluster {@code c} (a copy). */
    public double[] centroid(int c) {
        Objects.checkIndex(c, k);
        return Arrays.copyOfRange(centroids, c * t, (c + 1) * t);
    }

    /** Whether series are z-normalised before they are compared with the centroids. */
    public boolean zNormalized() {
        return zNormalize;
    }

    /** What z-normalisation does with a constant series. */
    public ConstantSeries constantSeries() {
        return constantSeries;
    }

    /** The sum over training series of the distance to their centroid (the subclass says which distance). */
    @Override
    public double inertia() {
        return inertia;
    }

    /** Number of refinement iterations run. */
    public int iterations() {
        return iterations;
    }

    /** Whether the labels stopped changing before {@code maxIter}. */
    public boolean converged() {
        return converged;
    }

    /**
     * The label of a new series (z-normalised first when {@link #zNormalized()}).
     *
     * @throws IllegalArgumentException when its length is not {@link #dimension()}, it holds a non-finite value, or
     *     it is constant under {@link ConstantSeries#REJECT}
     */
    @Override
    public int predict(double[] row) {
        Objects.requireNonNull(row, "row");
        if (row.length != t) {
            throw new IllegalArgumentException("row has " + row.length + " values but the model was fitted on series"
                    + " of length " + t);
        }
        return predict(DataMatrix.of(1, t, row))[0];
    }

    /**
     * The labels of the rows of {@code x}.
     *
     * @throws IllegalArgumentException when {@code x} has not {@link #dimension()} columns, holds a non-finite value
     *     (naming the row and column) or a constant row under {@link ConstantSeries#REJECT}
     */
    @Override
    public int[] predict(DataMatrix x) {
        Objects.requireNonNull(x, "x");
        if (x.cols() != t) {
            throw new IllegalArgumentException("x has " + x.cols() + " columns but the model was fitted on series of "
                    + "length " + t);
        }
        double[] v = x.toArray();
        SeriesNormalization.requireFinite(v, t, "x");
        if (zNormalize) {
            for (int r = 0; r < x.rows(); r++) {
                SeriesNormalization.normalizeRow(v, r * t, t, v, r * t, constantSeries, "x", r);
            }
        }
        return assign(v, x.rows());
    }

    /** The nearest centroid of each of the {@code n} prepared rows of {@code z}. */
    abstract int[] assign(double[] z, int n);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[k=" + k + ", length=" + t + ", inertia=" + inertia + ", iterations="
                + iterations + ", converged=" + converged + ", zNormalize=" + zNormalize + "]";
    }
}
