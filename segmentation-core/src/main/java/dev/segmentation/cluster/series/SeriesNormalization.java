package dev.segmentation.cluster.series;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.features.Panel;
import java.util.Objects;

/**
 * Series as rows of a matrix, and their z-normalisation: each row {@code x} of length {@code T} becomes
 * {@code (x - mean(x)) / sd(x)} with the population standard deviation (divisor {@code T}, as scipy's
 * {@code zscore} and tslearn), so it has mean 0 and variance 1 and only its shape remains.
 *
 * <p><b>Constant series.</b> A series whose values are all equal (a series never sold, say) has no shape: centring
 * leaves all zeros and the standard deviation is 0. The caller chooses what happens ({@link ConstantSeries}):
 * {@link ConstantSeries#REJECT} (the default of the clusterers) refuses the data naming the row,
 * {@link ConstantSeries#ZERO} keeps the row as all zeros. An all-zero row is at shape-based distance 1 (no
 * correlation) from every centroid, so k-Shape puts it in cluster 0; DTW K-Means puts it with the centroid of least
 * energy. Nothing else is replaced: a non-finite value is always refused.
 *
 * <p>Cost O(n T); deterministic; stateless and thread-safe.
 */
public final class SeriesNormalization {
    /** What z-normalisation does with a constant series. */
    public enum ConstantSeries {
        /** Refuse the data with an {@link IllegalArgumentException} naming the row. */
        REJECT,
        /** Map the series to all zeros. */
        ZERO
    }

    private SeriesNormalization() {
    }

    /**
     * The z-normalised rows of {@code series} (a new matrix; the input is not modified).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the matrix has no columns, holds a non-finite value (naming the row and
     *     column), or, under {@link ConstantSeries#REJECT}, a constant row (naming the row and its value)
     */
    public static DataMatrix zNormalize(DataMatrix series, ConstantSeries policy) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(policy, "policy");
        int n = series.rows();
        int t = series.cols();
        if (t == 0) {
            throw new IllegalArgumentException("cannot z-normalise series of length 0 (" + n + " x 0 matrix)");
        }
        double[] v = series.toArray();
        requireFinite(v, t, "series");
        double[] out = new double[v.length];
        for (int r = 0; r < n; r++) {
            normalizeRow(v, r * t, t, out, r * t, policy, "series", r);
        }
        return DataMatrix.wrap(n, t, out);
    }

    /**
     * The series of a panel as an {@code entities x periods} matrix (row {@code e} is entity {@code e}'s values in
     * period order, rows in the panel's entity order). The panel must be dense with one span for all entities (as
     * {@link dev.segmentation.features.PanelSpec}'s defaults give: global span, empty cells 0).
     *
     * @throws IllegalArgumentException when the panel has no entities, or an entity's span or cell count differs
     *     from entity 0's (naming the entity id)
     */
    public static DataMatrix fromPanel(Panel panel) {
        Objects.requireNonNull(panel, "panel");
        int n = panel.entityCount();
        if (n == 0) {
            throw new IllegalArgumentException("the panel has no entities");
        }
        int t = panel.spanLength(0);
        int start = panel.spanStart(0);
        double[] out = new double[Math.multiplyExact(n, t)];
        for (int e = 0; e < n; e++) {
            int cells = panel.cellEnd(e) - panel.cellStart(e);
            if (panel.spanStart(e) != start || panel.spanLength(e) != t || cells != t) {
                throw new IllegalArgumentException("entity '" + panel.entityId(e) + "' has " + cells
                        + " cells over a span of " + panel.spanLength(e) + " periods from period "
                        + panel.spanStart(e) + ", but entity '" + panel.entityId(0) + "' has " + t + " from period "
                        + start + ": series clustering needs a dense panel with one global span (PanelSpec.Span.GLOBAL,"
                        + " EmptyCells.ZERO)");
            }
            for (int c = 0; c < t; c++) {
                out[e * t + c] = panel.value(panel.cellStart(e) + c);
            }
        }
        return DataMatrix.wrap(n, t, out);
    }

    static void requireFinite(double[] v, int t, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " holds the non-finite value " + v[i] + " at row "
                        + (i / t) + ", column " + (i % t));
            }
        }
    }

    /** Z-normalises one row, applying the policy; {@code row} is the row index named in the message. */
    static void normalizeRow(double[] src, int off, int t, double[] dst, int dOff, ConstantSeries policy,
            String what, int row) {
        double first = src[off];
        if (!SeriesKernels.zNormalize(src, off, t, dst, dOff) && policy == ConstantSeries.REJECT) {
            throw new IllegalArgumentException(what + " row " + row + " is constant (every value is " + first
                    + ") and has no shape to z-normalise; drop it or choose ConstantSeries.ZERO");
        }
    }
}
