package dev.segmentation.scaling;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.internal.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Per-feature scaling recipes: {@code (pre(x) - center) / scale}, with statistics learned by {@link #fit} from a
 * training table and applied unchanged to later data by the returned {@link FittedScaler}.
 *
 * <ul>
 *   <li>{@link #robust()}: centre = median, scale = 75th minus 25th percentile (configurable with
 *       {@link #robust(double, double)}), as scikit-learn's {@code RobustScaler}: percentiles by linear
 *       interpolation between order statistics at virtual index {@code (n - 1) * p / 100} (numpy's default
 *       {@code percentile}); a range below scikit-learn's threshold of 10 machine epsilons (about 2.2e-15), zero
 *       included, scales by 1; a range that overflows a double (percentiles near -1e308 and 1e308) is refused.</li>
 *   <li>{@link #standard()}: centre = mean, scale = population standard deviation (divisor n), computed with the
 *       corrected two-pass algorithm; a constant feature (every value equal) is centred on its value and scaled
 *       by 1. Values of magnitude 2^400 (about 2.6e120) or more, or all below 2^-400, are first multiplied by a
 *       power of two (exact), so the sums of squares cannot overflow or underflow; values near 1e300 scale
 *       correctly. A non-constant feature whose standard deviation is below the smallest normal double (about
 *       2.2e-308) is refused.</li>
 *   <li>{@link #none()}: centre 0, scale 1 (only the pre-transform, if any, applies).</li>
 * </ul>
 * {@link #log1p(String...)} adds a pre-transform {@code log(1 + x)} on named features (for skewed money columns),
 * applied before the statistics are learned and again at transform time.
 *
 * <p><b>Errors.</b> {@link #fit} refuses an empty table, a non-finite value (naming the entity, the feature and the
 * value), a log1p feature that is missing or holds a value &lt;= -1 (naming entity, feature and value), and a
 * feature whose scale cannot be represented (above; naming the feature); the fitted scaler's {@code transform}
 * refuses the same values, a missing fitted feature, and a value whose scaled result overflows a double (naming
 * entity, feature, value, centre and scale). Nothing is ever left unscaled silently.
 *
 * <p><b>Cost.</b> Robust fit finds the needed order statistics of a copy of each column by selection (expected O(n)
 * per feature, O(n log n) at worst); standard fit is O(n) per feature; transform is O(n) per feature. Columns
 * (fit) and fixed blocks of rows (transform) are processed on all available processors; each value depends only
 * on its own column's statistics, so results are identical for any thread count. Reference: scikit-learn {@code RobustScaler} and {@code StandardScaler} (Pedregosa et al., JMLR 12, 2011);
 * Hyndman and Fan (1996), Sample quantiles in statistical packages, definition 7 (the linear method).
 *
 * <p><b>Thread safety:</b> immutable; {@code log1p} returns a new recipe.
 *
 * <pre>{@code
 * FittedScaler s = Scaling.robust().log1p("monetary", "avg_order_value").fit(train);
 * FeatureTable scaled = s.transform(next);
 * }</pre>
 */
public final class Scaling implements Scaler {
    /**
     * Standard scaling computes on values times a power of two when their largest magnitude is at or above this
     * (2^400), or below its inverse, so that sums of squares cannot overflow or underflow.
     */
    static final double MAGNITUDE_LIMIT = 0x1p400;

    /** scikit-learn's threshold below which a scale counts as zero: 10 machine epsilons of double. */
    static final double ZERO_SCALE = 10 * Math.ulp(1.0);

    enum Kind { ROBUST, STANDARD, NONE }

    private final Kind kind;
    private final double lowerPercentile;
    private final double upperPercentile;
    private final String[] log1p;

    private Scaling(Kind kind, double lowerPercentile, double upperPercentile, String[] log1p) {
        this.kind = kind;
        this.lowerPercentile = lowerPercentile;
        this.upperPercentile = upperPercentile;
        this.log1p = log1p;
    }

    /** Robust scaling: median centre, 25th-75th percentile interquartile range scale. */
    public static Scaling robust() {
        return new Scaling(Kind.ROBUST, 25.0, 75.0, new String[0]);
    }

    /**
     * Robust scaling with the range from the {@code lowerPercentile}-th to the {@code upperPercentile}-th percentile.
     *
     * @throws IllegalArgumentException unless {@code 0 <= lowerPercentile < upperPercentile <= 100}, naming the
     *     parameter and its value
     */
    public static Scaling robust(double lowerPercentile, double upperPercentile) {
        if (!(lowerPercentile >= 0 && lowerPercentile <= 100)) {
            throw new IllegalArgumentException(
                    "lowerPercentile must be within [0, 100] but was " + lowerPercentile);
        }
        if (!(upperPercentile >= 0 && upperPercentile <= 100)) {
            throw new IllegalArgumentException(
                    "upperPercentile must be within [0, 100] but was " + upperPercentile);
        }
        if (!(lowerPercentile < upperPercentile)) {
            throw new IllegalArgumentException("lowerPercentile (" + lowerPercentile
                    + ") must be below upperPercentile (" + upperPercentile + ")");
        }
        return new Scaling(Kind.ROBUST, lowerPercentile, upperPercentile, new String[0]);
    }

    /** Standard scaling: mean centre, population standard deviation scale. */
    public static Scaling standard() {
        return new Scaling(Kind.STANDARD, Double.NaN, Double.NaN, new String[0]);
    }

    /** No scaling (centre 0, scale 1); a log1p pre-transform may still be added. */
    public static Scaling none() {
        return new Scaling(Kind.NONE, Double.NaN, Double.NaN, new String[0]);
    }

    /**
     * The same recipe with a {@code log(1 + x)} pre-transform on the named features (added to those already
     * named).
     *
     * @throws IllegalArgumentException on a null or blank name, or a name given twice
     */
    public Scaling log1p(String... features) {
        Objects.requireNonNull(features, "features");
        LinkedHashSet<String> names = new LinkedHashSet<>(Arrays.asList(log1p));
        for (int i = 0; i < features.length; i++) {
            String f = features[i];
            if (f == null || f.isBlank()) {
                throw new IllegalArgumentException("log1p feature " + i + " is null or blank: "
                        + (f == null ? "null" : "'" + f + "'"));
            }
            if (!names.add(f)) {
                throw new IllegalArgumentException("log1p feature '" + f + "' is named twice");
            }
        }
        return new Scaling(kind, lowerPercentile, upperPercentile, names.toArray(new String[0]));
    }

    /** The features that get the log1p pre-transform (unmodifiable). */
    public List<String> log1pFeatures() {
        return Collections.unmodifiableList(Arrays.asList(log1p));
    }

    /** Lower percentile of a robust recipe; NaN for the others. */
    public double lowerPercentile() {
        return lowerPercentile;
    }

    /** Upper percentile of a robust recipe; NaN for the others. */
    public double upperPercentile() {
        return upperPercentile;
    }

    /**
     * Learns centre and scale of every column of {@code table}.
     *
     * @throws IllegalArgumentException when the table has no row or no column, a value is not finite, a log1p
     *     feature is missing or a value of it is &lt;= -1 (naming the entity, the feature and the value), or a
     *     feature's scale overflows (robust range) or is below the smallest normal double (standard deviation)
     */
    @Override
    public FittedScaler fit(FeatureTable table) {
        Objects.requireNonNull(table, "table");
        final int n = table.rows();
        final int d = table.cols();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit " + name() + " scaling on an empty table (0 entities)");
        }
        if (d == 0) {
            throw new IllegalArgumentException("cannot fit " + name() + " scaling on a table with no feature");
        }
        final boolean[] logCol = new boolean[d];
        for (String f : log1p) {
            if (table.findColumn(f).isEmpty()) {
                throw new IllegalArgumentException("log1p feature '" + f + "' is not in the table; features are "
                        + table.featureNames());
            }
            logCol[table.columnIndex(f)] = true;
        }
        final double[][] columns = new double[d][n];
        {
            final double[] x = table.values();
            for (int r = 0, i = 0; r < n; r++) {
                for (int c = 0; c < d; c++, i++) {
                    columns[c][r] = x[i];
                }
            }
        }
        final double[] center = new double[d];
        final double[] scale = new double[d];
        final int[] firstBad = new int[d];
        final String[] problem = new String[d];
        Parallel.forEachBlock(d, Runtime.getRuntime().availableProcessors(), c -> {
            firstBad[c] = AffineScaler.preTransformColumn(columns[c], logCol[c]);
            if (firstBad[c] < 0) {
                problem[c] = fitColumn(columns[c], n, c, center, scale);
            }
        });
        AffineScaler.throwFirstBad(firstBad, table, d);
        for (int c = 0; c < d; c++) {
            if (problem[c] != null) {
                throw new IllegalArgumentException(name() + " scaling: feature '" + table.featureName(c) + "' "
                        + problem[c]);
            }
        }
        return new AffineScaler(name(), table.featureNames().toArray(new String[0]), logCol, center, scale);
    }

    /**
     * Fits column {@code c} from its values {@code col} (reordered in place by the robust recipe); returns null, or
     * why the column cannot be scaled (the end of a message naming the feature).
     */
    private String fitColumn(double[] col, int n, int c, double[] center, double[] scale) {
        switch (kind) {
            case ROBUST: {
                double[] q = Quantiles.medianAndPercentiles(col, lowerPercentile, upperPercentile);
                center[c] = q[0];
                double range = q[2] - q[1];
                if (Double.isInfinite(range)) {
                    return "has a range from the " + lowerPercentile + "th percentile (" + q[1] + ") to the "
                            + upperPercentile + "th (" + q[2] + ") that overflows a double: rescale the feature"
                            + " (divide it, or log1p it)";
                }
                scale[c] = range < ZERO_SCALE ? 1.0 : range;
                break;
            }
            case STANDARD: {
                double min = col[0];
                double max = col[0];
                for (int r = 0; r < n; r++) {
                    double v = col[r];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                if (min == max) {
                    center[c] = min;
                    scale[c] = 1.0;
                    break;
                }
                // far from 1 in magnitude, the sums of squares would overflow (or underflow): compute on the values
                // times a power of two, which is exact, and scale the results back; near 1 the factor is 1
                double maxAbs = Math.max(Math.abs(min), Math.abs(max));
                int shift = maxAbs >= MAGNITUDE_LIMIT || maxAbs < 1 / MAGNITUDE_LIMIT ? -Math.getExponent(maxAbs) : 0;
                double[] ms = meanAndStd(col, n, shift);
                double mean = Math.scalb(ms[0], -shift);
                double std = Math.scalb(ms[1], -shift);
                if (!(std >= Double.MIN_NORMAL)) {
                    return "has the standard deviation " + std + ", below the smallest normal double "
                            + Double.MIN_NORMAL + " (its values lie in [" + min + ", " + max + "]): rescale the"
                            + " feature";
                }
                center[c] = mean;
                scale[c] = std;
                break;
            }
            default:
                center[c] = 0.0;
                scale[c] = 1.0;
        }
        return null;
    }

    /**
     * Mean and population standard deviation of {@code col[0..n)} times {@code 2^shift} (exact), by a compensated
     * sum and the corrected two-pass algorithm.
     */
    private static double[] meanAndStd(double[] col, int n, int shift) {
        double sum = 0;
        double comp = 0;
        for (int r = 0; r < n; r++) {
            double v = shift == 0 ? col[r] : Math.scalb(col[r], shift);
            double s = sum + v;
            comp += Math.abs(sum) >= Math.abs(v) ? (sum - s) + v : (v - s) + sum;
            sum = s;
        }
        double mean = (sum + comp) / n;
        double ss = 0;
        double sd = 0;
        for (int r = 0; r < n; r++) {
            double dv = (shift == 0 ? col[r] : Math.scalb(col[r], shift)) - mean;
            ss += dv * dv;
            sd += dv;
        }
        double var = (ss - sd * sd / n) / n;
        return new double[] {mean, var > 0 ? Math.sqrt(var) : 0.0};
    }

    private String name() {
        switch (kind) {
            case ROBUST: return "robust";
            case STANDARD: return "standard";
            default: return "no";
        }
    }

    @Override
    public String toString() {
        String base = kind == Kind.ROBUST ? "Scaling.robust(" + lowerPercentile + ", " + upperPercentile + ")"
                : kind == Kind.STANDARD ? "Scaling.standard()" : "Scaling.none()";
        return log1p.length == 0 ? base : base + ".log1p(" + String.join(", ", new ArrayList<>(log1pFeatures()))
                + ")";
    }
}
