package dev.segmentation.scaling;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.internal.Parallel;
import java.util.Arrays;
import java.util.Objects;

/**
 * A quantile transform per feature, as scikit-learn's {@code QuantileTransformer} (dense input, no subsampling):
 * each feature is mapped through its empirical distribution function to a uniform distribution on [0, 1], or on to
 * a standard normal one. Robust to outliers and to heavy ties where an interquartile range is zero (monthly spend
 * that is 0 in most months), at the price of a non-linear map that bends distances.
 *
 * <p><b>Fit.</b> With {@code m = min(quantiles, n)} (at least 1) references {@code r_i = i / (m - 1)} (numpy's
 * {@code linspace(0, 1, m)}), the fitted quantiles of a feature are its percentiles at {@code 100 r_i}, numpy's
 * linear method ({@code nanpercentile}), made non-decreasing by a running maximum as scikit-learn does.
 *
 * <p><b>Transform.</b> A value {@code x} maps to {@code (interp(x, q, r) - interp(-x, -q', -r')) / 2}, the mean of
 * the forward and the backward piecewise-linear interpolation (numpy's {@code interp}; {@code q'}, {@code r'} are
 * reversed), which splits a run of tied quantiles evenly; the training minimum maps to 0 and the maximum to 1, and
 * values beyond them to 0 and 1. The normal output then applies the standard normal quantile function (Wichura's
 * AS 241) and clips to {@code Phi^-1(1e-7 - 2^-52)} and its opposite (about -5.2 and 5.2); for the normal output
 * the bounds test uses scikit-learn's margin of 1e-7. Values are bit-compatible with scikit-learn 1.2.1 up to the
 * last bits of the normal quantile function (differential test within 1e-12).
 *
 * <p><b>Differences from scikit-learn.</b> All training rows are used (scikit-learn draws a random subsample of
 * 100,000 rows by default when there are more); non-finite values are refused, not passed through.
 *
 * <p><b>Cost.</b> Fit sorts a copy of each column: O(n log n) per feature, columns in parallel; transform is
 * O(n log m) per feature, fixed row blocks in parallel. Each value depends only on its own column, so the results
 * are identical for any thread count. Immutable and thread-safe.
 *
 * <p>Reference: scikit-learn {@code QuantileTransformer} (Pedregosa et al., JMLR 12, 2011); Hyndman and Fan (1996)
 * definition 7; Wichura (1988), Algorithm AS 241, Applied Statistics 37.
 *
 * <pre>{@code
 * FittedScaler s = QuantileScaling.normal().quantiles(1000).fit(train);
 * }</pre>
 */
public final class QuantileScaling implements Scaler {
    /** The distribution the transformed features follow. */
    public enum Output {
        /** Uniform on [0, 1]. */
        UNIFORM,
        /** Standard normal, clipped to about [-5.2, 5.2]. */
        NORMAL
    }

    /** scikit-learn's default number of quantiles. */
    public static final int DEFAULT_QUANTILES = 1000;

    /** The largest number of quantiles accepted (each feature keeps that many doubles). */
    public static final int MAX_QUANTILES = 1_000_000;

    private final Output output;
    private final int quantiles;

    private QuantileScaling(Output output, int quantiles) {
        this.output = output;
        this.quantiles = quantiles;
    }

    /** A quantile transform to the uniform distribution, with 1,000 quantiles. */
    public static QuantileScaling uniform() {
        return new QuantileScaling(Output.UNIFORM, DEFAULT_QUANTILES);
    }

    /** A quantile transform to the standard normal distribution, with 1,000 quantiles. */
    public static QuantileScaling normal() {
        return new QuantileScaling(Output.NORMAL, DEFAULT_QUANTILES);
    }

    /**
     * The same transform with {@code count} quantiles (fewer are used when the training table has fewer rows).
     *
     * @throws IllegalArgumentException unless {@code 1 <= count <=} {@value #MAX_QUANTILES}
     */
    public QuantileScaling quantiles(int count) {
        if (count < 1 || count > MAX_QUANTILES) {
            throw new IllegalArgumentException("quantiles must be within [1, " + MAX_QUANTILES + "] but was "
                    + count);
        }
        return new QuantileScaling(output, count);
    }

    /** The output distribution. */
    public Output output() {
        return output;
    }

    /** The requested number of quantiles. */
    public int quantileCount() {
        return quantiles;
    }

    /**
     * Learns the quantiles of every column.
     *
     * @throws IllegalArgumentException when the table has no row or no column, or a value is not finite (naming
     *     the entity, the feature and the value)
     */
    @Override
    public FittedScaler fit(FeatureTable table) {
        Objects.requireNonNull(table, "table");
        final int n = table.rows();
        final int d = table.cols();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit the quantile transform on an empty table (0 entities)");
        }
        if (d == 0) {
            throw new IllegalArgumentException("cannot fit the quantile transform on a table with no feature");
        }
        final int m = Math.max(1, Math.min(quantiles, n));
        final double[] refs = QuantileScaler.references(m);
        final double[] x = table.values();
        final double[][] q = new double[d][];
        final int[] firstBad = new int[d];
        Parallel.forEachBlock(d, Runtime.getRuntime().availableProcessors(), c -> {
            double[] col = new double[n];
            for (int r = 0, i = c; r < n; r++, i += d) {
                col[r] = x[i];
            }
            firstBad[c] = AffineScaler.preTransformColumn(col, false);
            if (firstBad[c] >= 0) {
                return;
            }
            Arrays.sort(col);
            double[] qc = new double[m];
            for (int k = 0; k < m; k++) {
                // scikit-learn passes references * 100 to numpy's percentile, which divides by 100 again
                qc[k] = Quantiles.percentile(col, n, refs[k] * 100);
                if (k > 0 && qc[k] < qc[k - 1]) {
                    qc[k] = qc[k - 1];
                }
            }
            q[c] = qc;
        });
        AffineScaler.throwFirstBad(firstBad, table, d);
        return new QuantileScaler(output, table.featureNames().toArray(new String[0]), q);
    }

    @Override
    public String toString() {
        return "QuantileScaling." + (output == Output.UNIFORM ? "uniform()" : "normal()") + ".quantiles(" + quantiles
                + ")";
    }
}
