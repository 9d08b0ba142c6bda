package dev.segmentation.embedding;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;
import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.Parallel;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Principal component analysis: the linear baseline every learned representation is compared with. Fitting
 * centres the columns, forms the sample covariance matrix {@code X'X / (n - 1)} and takes its symmetric eigen
 * decomposition (EJML); components are the eigenvectors by decreasing eigenvalue, and each eigenvalue is that
 * component's explained variance (the same quantities as scikit-learn's {@code PCA}).
 *
 * <p>The number of components is either fixed ({@link Builder#components(int)}) or the smallest number whose
 * cumulative explained-variance ratio exceeds a target ({@link Builder#varianceTarget(double)}, scikit-learn's
 * float {@code n_components}); by default all {@code min(rows, cols)} components are kept. With
 * {@link Builder#whiten(boolean) whitening} each projected coordinate is divided by the square root of its
 * explained variance, so the training representation has unit variance per component.
 *
 * <p><b>Sign convention:</b> an eigenvector is defined up to its sign; each component is flipped so that its entry
 * of largest absolute value (the first such entry on ties) is positive. Reference: Jolliffe, <i>Principal
 * Component Analysis</i>, 2nd ed., Springer 2002.
 *
 * <p><b>Complexity:</b> O(n d^2) for the covariance (parallel over fixed row blocks) plus O(d^3) for the eigen
 * decomposition; memory O(d^2) beyond the input. <b>Determinism:</b> partial covariances are summed in block
 * order and the eigen decomposition is single-threaded, so the same data gives the same bits for any
 * {@link FitContext#threads()}; PCA uses no randomness. Immutable and thread-safe.
 */
public final class Pca implements Embedding {
    /** The type id of the fitted state. */
    public static final String TYPE = "pca";

    private final int components;
    private final double varianceTarget;
    private final boolean whiten;

    private Pca(Builder b) {
        this.components = b.components;
        this.varianceTarget = b.varianceTarget;
        this.whiten = b.whiten;
    }

    /** A builder with the defaults: all components, no whitening. */
    public static Builder builder() {
        return new Builder();
    }

    /** PCA keeping {@code components} components, not whitened. */
    public static Pca components(int components) {
        return builder().components(components).build();
    }

    @Override
    public String name() {
        return TYPE;
    }

    /**
     * Fits the components to the rows of {@code x}.
     *
     * @throws IllegalArgumentException when {@code x} has fewer than 2 rows or no column, holds a non-finite value
     *     (naming the row and column), when all rows are identical, when the requested number of components
     *     exceeds {@code min(rows, cols)}, or when whitening meets a component of zero variance
     * @throws dev.segmentation.fit.FitCancelledException when the context's token is cancelled or the calling
     *     thread is interrupted (checked once per block of 4096 rows)
     */
    @Override
    public PcaModel fit(DataMatrix x, FitContext context) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(context, "context");
        Cancel cancel = Cancel.of(context.cancellation()::isCancelled, FitCancelledException::new);
        cancel.check();
        final int n = x.rows();
        final int d = x.cols();
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 rows but got " + n);
        }
        if (d < 1) {
            throw new IllegalArgumentException("PCA needs at least 1 column but got " + d);
        }
        int[] bad = x.firstNonFinite();
        if (bad.length > 0) {
            throw new IllegalArgumentException("value at row " + bad[0] + ", column " + bad[1] + " is not finite: "
                    + x.get(bad[0], bad[1]));
        }
        int maxK = Math.min(n, d);
        if (components > maxK) {
            throw new IllegalArgumentException("components = " + components + " exceeds min(rows, cols) = " + maxK
                    + " (" + n + " x " + d + ")");
        }
        final double[] v = x.toArray();
        double[] mean = columnMeans(v, n, d, context.threads(), cancel);
        double[] cov = covariance(v, mean, n, d, context.threads(), cancel);
        cancel.check();

        DMatrixRMaj c = DMatrixRMaj.wrap(d, d, cov);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(c)) {
            throw new IllegalArgumentException("eigen decomposition of the " + d + " x " + d
                    + " covariance matrix did not converge");
        }
        int[] order = new int[d];
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
            values[i] = Math.max(0.0, eig.getEigenvalue(i).getReal());
        }
        // insertion sort by decreasing eigenvalue, stable on ties (d is small)
        for (int i = 1; i < d; i++) {
            int o = order[i];
            int j = i - 1;
            while (j >= 0 && values[order[j]] < values[o]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = o;
        }
        double total = 0.0;
        for (int i = 0; i < d; i++) {
            total += values[i];
        }
        if (!(total > 0.0)) {
            throw new IllegalArgumentException("all " + n + " rows are identical (total variance 0); PCA has no"
                    + " direction to find");
        }
        int k = components > 0 ? components : maxK;
        if (varianceTarget > 0.0) {
            double cum = 0.0;
            k = maxK;
            for (int i = 0; i < maxK; i++) {
                cum += values[order[i]] / total;
                if (cum > varianceTarget) {
                    k = i + 1;
                    break;
                }
            }
        }
        double[] comps = new double[k * d];
        double[] explained = new double[k];
        double[] ratio = new double[k];
        for (int j = 0; j < k; j++) {
            DMatrixRMaj vec = eig.getEigenVector(order[j]);
            double norm = 0.0;
            int arg = 0;
            for (int cIdx = 0; cIdx < d; cIdx++) {
                double a = vec.get(cIdx, 0);
                norm += a * a;
                if (Math.abs(a) > Math.abs(vec.get(arg, 0))) {
                    arg = cIdx;
                }
            }
            double scale = (vec.get(arg, 0) < 0 ? -1.0 : 1.0) / Math.sqrt(norm);
            for (int cIdx = 0; cIdx < d; cIdx++) {
                comps[j * d + cIdx] = vec.get(cIdx, 0) * scale;
            }
            explained[j] = values[order[j]];
            ratio[j] = explained[j] / total;
            if (whiten && !(explained[j] > total * 1e-12)) {
                throw new IllegalArgumentException("component " + j + " has variance " + explained[j]
                        + " (ratio " + ratio[j] + "); cannot whiten it: keep fewer components");
            }
        }
        return new PcaModel(d, mean, comps, explained, ratio, total, whiten, n);
    }

    private static double[] columnMeans(double[] v, int n, int d, int threads, Cancel cancel) {
        int nb = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        double[] partial = new double[nb * d];
        Parallel.forEachBlock(nb, threads, cancel, b -> {
            int from = b * Parallel.ROWS_PER_BLOCK;
            int to = Math.min(n, from + Parallel.ROWS_PER_BLOCK);
            int off = b * d;
            for (int i = from; i < to; i++) {
                int r = i * d;
                for (int c = 0; c < d; c++) {
                    partial[off + c] += v[r + c];
                }
            }
        });
        double[] mean = new double[d];
        for (int b = 0; b < nb; b++) {
            for (int c = 0; c < d; c++) {
                mean[c] += partial[b * d + c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= n;
        }
        return mean;
    }

    private static double[] covariance(double[] v, double[] mean, int n, int d, int threads, Cancel cancel) {
        int nb = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        double[] partial = new double[nb * d * d];
        Parallel.forEachBlock(nb, threads, cancel, b -> {
            int from = b * Parallel.ROWS_PER_BLOCK;
            int to = Math.min(n, from + Parallel.ROWS_PER_BLOCK);
            int off = b * d * d;
            double[] row = new double[d];
            for (int i = from; i < to; i++) {
                int r = i * d;
                for (int c = 0; c < d; c++) {
                    row[c] = v[r + c] - mean[c];
                }
                for (int a = 0; a < d; a++) {
                    double ra = row[a];
                    int o = off + a * d;
                    for (int c = a; c < d; c++) {
                        partial[o + c] += ra * row[c];
                    }
                }
            }
        });
        double[] cov = new double[d * d];
        for (int b = 0; b < nb; b++) {
            int off = b * d * d;
            for (int a = 0; a < d; a++) {
                for (int c = a; c < d; c++) {
                    cov[a * d + c] += partial[off + a * d + c];
                }
            }
        }
        double denom = n - 1;
        for (int a = 0; a < d; a++) {
            for (int c = a; c < d; c++) {
                double s = cov[a * d + c] / denom;
                cov[a * d + c] = s;
                cov[c * d + a] = s;
            }
        }
        return cov;
    }

    /** The fixed number of components, or 0 when unset. */
    public int componentsSetting() {
        return components;
    }

    /** The explained-variance target, or 0 when unset. */
    public double varianceTarget() {
        return varianceTarget;
    }

    /** Whether projected coordinates are whitened. */
    public boolean whiten() {
        return whiten;
    }

    @Override
    public String toString() {
        return "Pca[components=" + (components > 0 ? components : "all") + ", varianceTarget=" + varianceTarget
                + ", whiten=" + whiten + "]";
    }

    /**
     * Settings of a {@link Pca}. Setters validate at once; {@link #build()} checks that at most one of the
     * component count and the variance target is set, may be called again and never changes the builder. Not
     * thread-safe.
     */
    public static final class Builder {
        private int components;
        private double varianceTarget;
        private boolean whiten;

        private Builder() {
        }

        /**
         * Keeps {@code components} components.
         *
         * @throws IllegalArgumentException when {@code components < 1}
         */
        public Builder components(int components) {
            if (components < 1) {
                throw new IllegalArgumentException("components must be >= 1 but was " + components);
            }
            this.components = components;
            return this;
        }

        /**
         * Keeps the smallest number of components whose cumulative explained-variance ratio exceeds
         * {@code target}.
         *
         * @throws IllegalArgumentException when {@code target} is not in (0, 1)
         */
        public Builder varianceTarget(double target) {
            if (!(target > 0.0 && target < 1.0)) {
                throw new IllegalArgumentException("varianceTarget must be in (0, 1) but was " + target);
            }
            this.varianceTarget = target;
            return this;
        }

        /** Divides each projected coordinate by the square root of its explained variance (default false). */
        public Builder whiten(boolean whiten) {
            this.whiten = whiten;
            return this;
        }

        /**
         * The configured PCA.
         *
         * @throws IllegalStateException when both a component count and a variance target are set
         */
        public Pca build() {
            if (components > 0 && varianceTarget > 0.0) {
                throw new IllegalStateException("set either components (" + components + ") or varianceTarget ("
                        + varianceTarget + "), not both");
            }
            return new Pca(this);
        }
    }
}
