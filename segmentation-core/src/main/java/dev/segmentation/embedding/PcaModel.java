package dev.segmentation.embedding;

import dev.segmentation.state.StepState;

import dev.segmentation.data.DataMatrix;
import java.util.Objects;

/**
 * A fitted {@link Pca}: the column means, the components (unit vectors, one per row of a {@code k x d} matrix),
 * and the explained variance and ratio of each. {@link #transform} projects centred rows onto the components
 * (divided by the square root of each explained variance when whitened); {@link #inverseTransform} maps
 * representations back to the feature space. Transforming costs O(n d k). Immutable and thread-safe; accessors
 * return copies; the same row always gives the same bits.
 */
public final class PcaModel implements FittedEmbedding {
    private static final int VERSION = 1;

    private final int d;
    private final int k;
    private final double[] mean;
    private final double[] components;
    private final double[] explainedVariance;
    private final double[] explainedVarianceRatio;
    private final double totalVariance;
    private final boolean whiten;
    private final int trainingRows;
    private final double[] outScale;

    PcaModel(int d, double[] mean, double[] components, double[] explainedVariance, double[] ratio,
            double totalVariance, boolean whiten, int trainingRows) {
        this.d = d;
        this.k = explainedVariance.length;
        this.mean = mean;
        this.components = components;
        this.explainedVariance = explainedVariance;
        this.explainedVarianceRatio = ratio;
        this.totalVariance = totalVariance;
        this.whiten = whiten;
        this.trainingRows = trainingRows;
        this.outScale = new double[k];
        for (int j = 0; j < k; j++) {
            outScale[j] = whiten ? 1.0 / Math.sqrt(explainedVariance[j]) : 1.0;
        }
    }

    @Override
    public int inputDimension() {
        return d;
    }

    @Override
    public int outputDimension() {
        return k;
    }

    /** The column means of the training data (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The components as rows of a {@code k x d} row-major matrix (a copy). */
    public double[] components() {
        return components.clone();
    }

    /** Component {@code j} as a unit vector of length {@link #inputDimension()} (a copy). */
    public double[] component(int j) {
        Objects.checkIndex(j, k);
        double[] c = new double[d];
        System.arraycopy(components, j * d, c, 0, d);
        return c;
    }

    /** The variance of the training data along each component (eigenvalues, denominator n - 1; a copy). */
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    /** Each component's share of the total variance (a copy). */
    public double[] explainedVarianceRatio() {
        return explainedVarianceRatio.clone();
    }

    /** The total variance of the training data (trace of the covariance matrix). */
    public double totalVariance() {
        return totalVariance;
    }

    /** Whether the representation is whitened. */
    public boolean whitened() {
        return whiten;
    }

    /** Number of training rows. */
    public int trainingRows() {
        return trainingRows;
    }

    @Override
    public DataMatrix transform(DataMatrix x) {
        Objects.requireNonNull(x, "x");
        if (x.cols() != d) {
            throw new IllegalArgumentException("expected " + d + " columns but got " + x.cols());
        }
        int[] bad = x.firstNonFinite();
        if (bad.length > 0) {
            throw new IllegalArgumentException("value at row " + bad[0] + ", column " + bad[1] + " is not finite: "
                    + x.get(bad[0], bad[1]));
        }
        final int n = x.rows();
        final double[] v = x.toArray();
        final double[] out = new double[n * k];
        final double[] centred = new double[d];
        for (int i = 0; i < n; i++) {
            project(v, i * d, centred, out, i * k);
        }
        return DataMatrix.wrap(n, k, out);
    }

    @Override
    public double[] transform(double[] row) {
        Objects.requireNonNull(row, "row");
        if (row.length != d) {
            throw new IllegalArgumentException("expected a row of " + d + " values but got " + row.length);
        }
        for (int c = 0; c < d; c++) {
            if (!Double.isFinite(row[c])) {
                throw new IllegalArgumentException("value at column " + c + " is not finite: " + row[c]);
            }
        }
        double[] out = new double[k];
        project(row, 0, new double[d], out, 0);
        return out;
    }

    private void project(double[] v, int from, double[] centred, double[] out, int to) {
        for (int c = 0; c < d; c++) {
            centred[c] = v[from + c] - mean[c];
        }
        for (int j = 0; j < k; j++) {
            int o = j * d;
            double s = 0.0;
            for (int c = 0; c < d; c++) {
                s += centred[c] * components[o + c];
            }
            out[to + j] = s * outScale[j];
        }
    }

    /**
     * Maps representations back to the feature space: {@code mean + z W} (with {@code z} un-whitened first).
     * For fewer components than columns this is the best rank-k reconstruction in the least-squares sense.
     *
     * @throws IllegalArgumentException when {@code z} does not have {@link #outputDimension()} columns or holds a
     *     non-finite value
     */
    public DataMatrix inverseTransform(DataMatrix z) {
        Objects.requireNonNull(z, "z");
        if (z.cols() != k) {
            throw new IllegalArgumentException("expected " + k + " columns but got " + z.cols());
        }
        int[] bad = z.firstNonFinite();
        if (bad.length > 0) {
            throw new IllegalArgumentException("value at row " + bad[0] + ", column " + bad[1] + " is not finite: "
                    + z.get(bad[0], bad[1]));
        }
        final int n = z.rows();
        final double[] v = z.toArray();
        final double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            int r = i * d;
            System.arraycopy(mean, 0, out, r, d);
            for (int j = 0; j < k; j++) {
                double s = v[i * k + j] / outScale[j];
                int o = j * d;
                for (int c = 0; c < d; c++) {
                    out[r + c] += s * components[o + c];
                }
            }
        }
        return DataMatrix.wrap(n, d, out);
    }

    /**
     * The mean squared reconstruction error of {@code x}: the mean over all cells of
     * {@code (x - inverseTransform(transform(x)))^2}, comparable with an autoencoder's MSE loss.
     *
     * @throws IllegalArgumentException as {@link #transform(DataMatrix)}, or when {@code x} has no row
     */
    public double reconstructionError(DataMatrix x) {
        if (x.rows() == 0) {
            throw new IllegalArgumentException("reconstruction error needs at least 1 row");
        }
        double[] r = inverseTransform(transform(x)).toArray();
        double[] v = x.toArray();
        double s = 0.0;
        for (int i = 0; i < v.length; i++) {
            double e = v[i] - r[i];
            s += e * e;
        }
        return s / v.length;
    }

    @Override
    public StepState state() {
        return StepState.builder(Pca.TYPE, VERSION)
                .put("inputDimension", d)
                .put("components", k)
                .put("whiten", whiten ? "true" : "false")
                .put("totalVariance", totalVariance)
                .put("trainingRows", trainingRows)
                .put("mean", mean)
                .put("componentMatrix", components)
                .put("explainedVariance", explainedVariance)
                .put("explainedVarianceRatio", explainedVarianceRatio)
                .build();
    }

    /**
     * Rebuilds a model from {@link #state()}.
     *
     * @throws IllegalArgumentException when the state is not a PCA state of a known version or a part is missing
     *     or has the wrong length
     */
    public static PcaModel restore(StepState state) {
        Objects.requireNonNull(state, "state");
        if (!Pca.TYPE.equals(state.type())) {
            throw new IllegalArgumentException("expected a '" + Pca.TYPE + "' state but got '" + state.type() + "'");
        }
        if (state.version() != VERSION) {
            throw new IllegalArgumentException("unknown " + Pca.TYPE + " state version " + state.version()
                    + " (this library reads version " + VERSION + ")");
        }
        int d = state.integer("inputDimension");
        int k = state.integer("components");
        String w = state.string("whiten");
        if (!w.equals("true") && !w.equals("false")) {
            throw new IllegalArgumentException("pca state: whiten must be 'true' or 'false' but was '" + w + "'");
        }
        double[] mean = state.doubles("mean");
        double[] comps = state.doubles("componentMatrix");
        double[] ev = state.doubles("explainedVariance");
        double[] ratio = state.doubles("explainedVarianceRatio");
        if (d < 1 || k < 1 || k > d) {
            throw new IllegalArgumentException("pca state: bad shape " + k + " components x " + d + " columns");
        }
        checkLength("mean", mean.length, d);
        checkLength("componentMatrix", comps.length, (long) k * d);
        checkLength("explainedVariance", ev.length, k);
        checkLength("explainedVarianceRatio", ratio.length, k);
        return new PcaModel(d, mean, comps, ev, ratio, state.number("totalVariance"), w.equals("true"),
                state.integer("trainingRows"));
    }

    private static void checkLength(String name, int actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("pca state: array '" + name + "' has " + actual + " values, expected "
                    + expected);
        }
    }

    @Override
    public String toString() {
        return "PcaModel[" + d + " -> " + k + (whiten ? ", whitened" : "") + "]";
    }
}
