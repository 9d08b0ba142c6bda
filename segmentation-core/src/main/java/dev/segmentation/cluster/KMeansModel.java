package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;
import java.util.Objects;
import java.util.Optional;

/**
 * A fitted K-Means clustering: the centres of the kept restart, the labels of the training rows, and the rule that
 * assigns a new row to its closest centre (squared Euclidean distance; ties go to the lowest centre index).
 *
 * <p>The training labels are the assignment of every row to the final centres, computed with the same arithmetic
 * as {@link #predict(double[])}, so {@code predict(row) == labels()[i]} holds for every training row, converged or
 * not. A cluster may be empty only when the last assignment step left it so (as in scikit-learn).
 *
 * <p>Complexity: {@code predict} costs O(k d) per row. Immutable and safe to use from many threads; accessors
 * return copies.
 */
public final class KMeansModel implements ClusterModel, HasInertia {
    private final int[] labels;
    private final double[] centres;
    private final int k;
    private final int d;
    private final double inertia;
    private final int iterations;
    private final boolean converged;
    private final double[] restartInertias;
    private final KMeans.Algorithm algorithm;
    private final KMeans.Refinement refinement;

    KMeansModel(int[] labels, double[] centres, int k, int d, double inertia, int iterations, boolean converged,
            double[] restartInertias, KMeans.Algorithm algorithm, KMeans.Refinement refinement) {
        this.labels = labels;
        this.centres = centres;
        this.k = k;
        this.d = d;
        this.inertia = inertia;
        this.iterations = iterations;
        this.converged = converged;
        this.restartInertias = restartInertias;
        this.algorithm = algorithm;
        this.refinement = refinement;
    }

    /**
     * A K-Means model from centres fitted elsewhere (for example by segmentation-spark's distributed Lloyd): it
     * predicts with the same rule as a model fitted by {@link KMeans} (closest centre, squared Euclidean distance,
     * ties to the lowest index) and persists like one. It keeps no training labels ({@link #labels()} is empty, as
     * for a model read from a file); {@link #restartInertias()} holds {@code inertia} alone; the algorithm is
     * {@link KMeans.Algorithm#LLOYD} with no refinement. O(k d); the centres are copied.
     *
     * @param centres the {@code k x d} centres (row {@code c} is the centre of label {@code c})
     * @param inertia the sum of squared distances of the training rows to their closest centre
     * @param iterations the Lloyd iterations that were run
     * @param converged whether the fit met its stopping rule before its iteration limit
     * @throws NullPointerException when {@code centres} is null
     * @throws IllegalArgumentException when a centre value is not finite (naming its row and column), the matrix has
     *     no row, {@code inertia} is negative or not finite, or {@code iterations} is negative
     */
    public static KMeansModel fromCentres(DataMatrix centres, double inertia, int iterations, boolean converged) {
        Objects.requireNonNull(centres, "centres");
        int k = centres.rows();
        int d = centres.cols();
        if (k < 1 || d < 1) {
            throw new IllegalArgumentException("centres must have at least one row and one column but are " + k
                    + " x " + d);
        }
        double[] c = centres.toArray();
        for (int i = 0; i < c.length; i++) {
            if (!Double.isFinite(c[i])) {
                throw new IllegalArgumentException("centre " + (i / d) + " holds the non-finite value " + c[i]
                        + " at column " + (i % d));
            }
        }
        if (!(inertia >= 0) || Double.isInfinite(inertia)) {
            throw new IllegalArgumentException("inertia must be finite and >= 0 but was " + inertia);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0 but was " + iterations);
        }
        return new KMeansModel(new int[0], c, k, d, inertia, iterations, converged, new double[] {inertia},
                KMeans.Algorithm.LLOYD, KMeans.Refinement.NONE);
    }

    /** The label in {@code [0, k)} of every training row, in input row order (a copy). */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The number of centres, {@code k}. */
    @Override
    public int clusterCount() {
        return k;
    }

    @Override
    public int dimension() {
        return d;
    }

    /** The centres as a {@code k x d} matrix (row {@code c} is the centre of label {@code c}). */
    public DataMatrix centres() {
        return DataMatrix.of(k, d, centres);
    }

    /**
     * The centres as {@code k} arrays of {@code d} values (a copy; row {@code c} is the centre of label {@code c}),
     * the shape {@code SegmentAlignment.byCentres} takes.
     */
    public double[][] centreRows() {
        double[][] out = new double[k][];
        for (int c = 0; c < k; c++) {
            out[c] = java.util.Arrays.copyOfRange(centres, c * d, (c + 1) * d);
        }
        return out;
    }

    /** The sum of squared distances of the training rows to their centres (scikit-learn's {@code inertia_}). */
    @Override
    public double inertia() {
        return inertia;
    }

    /**
     * Lloyd iterations run by the kept restart (scikit-learn's {@code n_iter_}); with
     * {@link KMeans.Refinement#HARTIGAN}, the Lloyd iterations of all its rounds (Hartigan sweeps are not counted).
     */
    public int iterations() {
        return iterations;
    }

    /**
     * Whether the kept restart converged before {@code maxIter}: no label changed, or the total squared centre
     * shift fell to the tolerance; with {@link KMeans.Refinement#HARTIGAN}, also no improving single-row move
     * remained.
     */
    public boolean converged() {
        return converged;
    }

    /** The final inertia of every restart, in restart order (a copy); the model keeps the lowest, first on ties. */
    public double[] restartInertias() {
        return restartInertias.clone();
    }

    /** The iteration engine that ran ({@link KMeans.Algorithm#LLOYD} or {@link KMeans.Algorithm#HAMERLY}). */
    public KMeans.Algorithm algorithm() {
        return algorithm;
    }

    /** The refinement each restart had ({@link KMeans.Refinement#NONE} or {@link KMeans.Refinement#HARTIGAN}). */
    public KMeans.Refinement refinement() {
        return refinement;
    }

    /**
     * The label of the centre closest to {@code row} (ties: the lowest index).
     *
     * @throws IllegalArgumentException when the row's length is not {@link #dimension()} or a value is not finite
     */
    @Override
    public int predict(double[] row) {
        Objects.requireNonNull(row, "row");
        if (row.length != d) {
            throw new IllegalArgumentException(
                    "row has " + row.length + " values but the model was fitted on " + d + " columns");
        }
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException("row holds the non-finite value " + row[j] + " at column " + j);
            }
        }
        return KMeansKernels.nearest(row, 0, centres, k, d);
    }

    /**
     * The labels of the rows of {@code x}.
     *
     * @throws IllegalArgumentException when {@code x} has not {@link #dimension()} columns or holds a non-finite
     *     value (naming its row and column)
     */
    @Override
    public int[] predict(DataMatrix x) {
        Objects.requireNonNull(x, "x");
        if (x.cols() != d) {
            throw new IllegalArgumentException(
                    "x has " + x.cols() + " columns but the model was fitted on " + d + " columns");
        }
        double[] v = x.toArray();
        int n = x.rows();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("x holds the non-finite value " + v[i] + " at row " + (i / d)
                        + ", column " + (i % d));
            }
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = KMeansKernels.nearest(v, i * d, centres, k, d);
        }
        return out;
    }

    @Override
    public String toString() {
        return "KMeansModel[k=" + k + ", d=" + d + ", n=" + labels.length + ", inertia=" + inertia + ", iterations="
                + iterations + ", converged=" + converged + ", refinement=" + refinement + "]";
    }
}
