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
 *       included, scales by 1, or with {@link #withZeroRangeFallback()} by the MAD, then the standard deviation;
 *       a range that overflows a double (percentiles near -1e308 and 1e308) is refused.</li>
 *   <li>{@link #standard()}: centre = mean, scale = population standard deviation (divisor n), computed with the
 *       corrected two-pass algorithm; a constant feature (every value equal) is centred on its value and scaled
 *       by 1. Values of magnitude 2^400 (about 2.6e120) or more, or all below 2^-400, are first multiplied by a
 *       power of two (exact), so the sums of squares cannot overflow or underflow; values near 1e300 scale
 *       correctly. A non-constant feature whose standard deviation is below the smallest normal double (about
 *       2.2e-308) is refused.</li>
 *   <li>{@link #none()}: centre 0, scale 1 (only the pre-transform, if any, applies).</li>
 * </ul>
 * {@link #log1p(String...)} adds a pre-transform {@code log(1 + x)} on named features (for skewed money columns),
 * applied before the statistics are learned and again at transform time. A fitted feature whose scaled training
 * values still reach {@value #HUGE_SPREAD} in magnitude is logged as a warning (SLF4J), with the likely cure.
 * {@link QuantileScaling} is the non-linear alternative for heavily tied or skewed features.
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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Scaling.class);

    /**
     * Standard scaling computes on values times a power of two when their largest magnitude is at or above this
     * (2^400), or below its inverse, so that sums of squares cannot overflow or underflow.
     */
    static final double MAGNITUDE_LIMIT = 0x1p400;

    /** scikit-learn's threshold below which a scale counts as zero: 10 machine epsilons of double. */
    static final double ZERO_SCALE = 10 * Math.ulp(1.0);

    /** The factor that makes the median absolute deviation a consistent estimate of a normal's sigma. */
    static final double MAD_TO_SIGMA = 1.482602218505602;

    /**
     * A fitted feature whose scaled training values reach this magnitude is logged as a warning: its spread is
     * still huge after scaling (typically a zero percentile range scaled by 1), and it will dominate distances.
     */
    public static final double HUGE_SPREAD = 1000;

    enum Kind { ROBUST, STANDARD, NONE }

    private final Kind kind;
    private final double lowerPercentile;
    private final double upperPercentile;
    private final String[] log1p;
    private final boolean zeroRangeFallback;

    private Scaling(Kind kind, double lowerPercentile, double upperPercentile, String[] log1p,
            boolean zeroRangeFallback) {
        this.kind = kind;
        this.lowerPercentile = lowerPercentile;
        this.upperPercentile = upperPercentile;
        this.log1p = log1p;
        this.zeroRangeFallback = zeroRangeFallback;
    }

    /** Robust scaling: median centre, 25th-75th percentile interquartile range scale. */
    public static Scaling robust() {
        return new Scaling(Kind.ROBUST, 25.0, 75.0, new String[0], false);
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
        return new Scaling(Kind.ROBUST, lowerPercentile, upperPercentile, new String[0], false);
    }

    /** Standard scaling: mean centre, population standard deviation scale. */
    public static Scaling standard() {
        return new Scaling(Kind.STANDARD, Double.NaN, Double.NaN, new String[0], false);
    }

    /** No scaling (centre 0, scale 1); a log1p pre-transform may still be added. */
    public static Scaling none() {
        return new Scaling(Kind.NONE, Double.NaN, Double.NaN, new String[0], false);
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
        return new Scaling(kind, lowerPercentile, upperPercentile, names.toArray(new String[0]), zeroRangeFallback);
    }

    /** The features that get the log1p pre-transform (unmodifiable). */
    public List<String> log1pFeatures() {
        return Collections.unmodifiableList(Arrays.asList(log1p));
    }

    /**
     * The same robust recipe, with a fallback for a feature whose percentile range is zero (below scikit-learn's
     * threshold), instead of scikit-learn's scale of 1 which leaves such a feature in its own units: typical of
     * monthly spend or order counts that are 0 in most months, where the unscaled outliers then dominate every
     * distance. The fallback scale is the median absolute deviation around the median (MAD); when that is zero too,
     * the population standard deviation; when that is zero (a constant feature), 1. Either is multiplied by the
     * factor that makes it equal the recipe's percentile range for a normal distribution
     * ({@code (Phi^-1(upper) - Phi^-1(lower)) * 1.4826} for the MAD, {@code Phi^-1(upper) - Phi^-1(lower)} for the
     * standard deviation; with the default 25-75 range, about 2 MAD and 1.349 standard deviations), so fallback
     * features sit on the same footing as the others. The extra cost is O(n) per fallback feature.
     *
     * @throws IllegalStateException on a standard or no-scaling recipe, or when a percentile is 0 or 100 (the
     *     normal-consistency factor is then infinite)
     */
    public Scaling withZeroRangeFallback() {
        if (kind != Kind.ROBUST) {
            throw new IllegalStateException("the zero-range fallback applies to robust scaling only, not to " + this);
        }
        if (lowerPercentile <= 0 || upperPercentile >= 100) {
            throw new IllegalStateException("the zero-range fallback needs percentiles strictly inside (0, 100) but"
                    + " they are " + lowerPercentile + " and " + upperPercentile);
        }
        return new Scaling(kind, lowerPercentile, upperPercentile, log1p, true);
    }

    /** Whether {@link #withZeroRangeFallback()} is on. */
    public boolean zeroRangeFallback() {
        return zeroRangeFallback;
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
        warnHugeSpread(table, columns, center, scale);
        return new AffineScaler(name(), table.featureNames().toArray(new String[0]), logCol, center, scale);
    }

    /** Logs a warning for every feature whose scaled training values reach {@link #HUGE_SPREAD} in magnitude. */
    private void warnHugeSpread(FeatureTable table, double[][] columns, double[] center, double[] scale) {
        if (!LOG.isWarnEnabled()) {
            return;
        }
        for (int c = 0; c < columns.length; c++) {
            double worst = 0;
            for (double v : columns[c]) {
                worst = Math.max(worst, Math.abs((v - center[c]) / scale[c]));
            }
            if (worst >= HUGE_SPREAD) {
                LOG.warn("{} scaling: feature '{}' still spans {} after scaling (centre {}, scale {}); it will"
                        + " dominate distances{}", name(), table.featureName(c), worst, center[c], scale[c],
                        kind == Kind.ROBUST && !zeroRangeFallback && scale[c] == 1.0
                                ? ": its percentile range is zero, consider Scaling.robust().withZeroRangeFallback()"
                                        + " or QuantileScaling" : ": consider log1p or QuantileScaling");
            }
        }
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
                if (range >= ZERO_SCALE) {
                    scale[c] = range;
                } else if (zeroRangeFallback) {
                    scale[c] = fallbackScale(col, n, q[0]);
                } else {
                    scale[c] = 1.0;
                }
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
     * The zero-range fallback scale of a column with median {@code median}: the normal-consistent MAD, else standard
     * deviation, put on the footing of the recipe's percentile range; 1 for a constant column.
     */
    private double fallbackScale(double[] col, int n, double median) {
        double rangeOfUnitNormal = NormalQuantile.ppf(upperPercentile / 100) - NormalQuantile.ppf(lowerPercentile / 100);
        double[] dev = new double[n];
        for (int r = 0; r < n; r++) {
            dev[r] = Math.abs(col[r] - median);
        }
        double mad = Quantiles.medianAndPercentiles(dev, 50, 50)[0];
        double s = mad * MAD_TO_SIGMA * rangeOfUnitNormal;
        if (s >= ZERO_SCALE && Double.isFinite(s)) {
            return s;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            min = Math.min(min, col[r]);
            max = Math.max(max, col[r]);
        }
        if (min == max) {
            return 1.0;
        }
        double maxAbs = Math.max(Math.abs(min), Math.abs(max));
        int shift = maxAbs >= MAGNITUDE_LIMIT || maxAbs < 1 / MAGNITUDE_LIMIT ? -Math.getExponent(maxAbs) : 0;
        double std = Math.scalb(meanAndStd(col, n, shift)[1], -shift) * rangeOfUnitNormal;
        return std >= Double.MIN_NORMAL && Double.isFinite(std) ? std : 1.0;
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
        if (zeroRangeFallback) {
            base += ".withZeroRangeFallback()";
        }
        return log1p.length == 0 ? base : base + ".log1p(" + String.join(", ", new ArrayList<>(log1pFeatures()))
                + ")";
    }
}
