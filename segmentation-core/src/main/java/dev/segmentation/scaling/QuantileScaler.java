package dev.segmentation.scaling;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.internal.Parallel;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * The fitted form of {@link QuantileScaling}: per feature, its quantiles at the references {@code i / (m - 1)}.
 * As a {@link FittedScaler} its centre is 0 and its scale 1: the quantile map is the per-feature pre-transform.
 * Immutable and thread-safe. Internal.
 */
final class QuantileScaler implements FittedScaler {
    /** scikit-learn's margin for the bounds of the normal output. */
    static final double BOUNDS_THRESHOLD = 1e-7;

    private final QuantileScaling.Output output;
    private final String[] names;
    private final double[][] quantiles;
    private final double[] refs;
    private final double[] negQuantiles;
    private final double[] negRefs;
    private final double clipMin;
    private final double clipMax;

    QuantileScaler(QuantileScaling.Output output, String[] names, double[][] quantiles) {
        this.output = output;
        this.names = names;
        this.quantiles = quantiles;
        int m = quantiles[0].length;
        this.refs = references(m);
        this.negRefs = new double[m];
        for (int k = 0; k < m; k++) {
            negRefs[k] = -refs[m - 1 - k];
        }
        this.negQuantiles = new double[names.length * m];
        for (int j = 0; j < names.length; j++) {
            for (int k = 0; k < m; k++) {
                negQuantiles[j * m + k] = -quantiles[j][m - 1 - k];
            }
        }
        this.clipMin = NormalQuantile.ppf(BOUNDS_THRESHOLD - Math.ulp(1.0));
        this.clipMax = NormalQuantile.ppf(1 - (BOUNDS_THRESHOLD - Math.ulp(1.0)));
    }

    /** numpy's {@code linspace(0, 1, m)}: {@code i * (1 / (m - 1))}, the last exactly 1; {@code {0}} for m = 1. */
    static double[] references(int m) {
        double[] r = new double[m];
        if (m > 1) {
            double step = 1.0 / (m - 1);
            for (int i = 0; i < m; i++) {
                r[i] = i * step;
            }
            r[m - 1] = 1.0;
        }
        return r;
    }

    /**
     * A transform restored from saved parts: one non-decreasing, finite quantile array per feature, all of one
     * length of at least 1.
     *
     * @throws IllegalArgumentException naming the feature, the position and the value
     */
    static QuantileScaler restore(String output, String[] names, double[][] quantiles) {
        QuantileScaling.Output out;
        try {
            out = QuantileScaling.Output.valueOf(output);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output must be UNIFORM or NORMAL but was '" + output + "'");
        }
        if (names.length == 0 || quantiles.length != names.length) {
            throw new IllegalArgumentException(names.length + " features but " + quantiles.length
                    + " quantile arrays");
        }
        int m = quantiles[0].length;
        for (int j = 0; j < names.length; j++) {
            double[] q = quantiles[j];
            if (q.length != m || m == 0) {
                throw new IllegalArgumentException("feature '" + names[j] + "' has " + q.length + " quantiles but "
                        + "the first feature has " + m + "; each needs the same number, at least 1");
            }
            for (int k = 0; k < m; k++) {
                if (!Double.isFinite(q[k]) || (k > 0 && q[k] < q[k - 1])) {
                    throw new IllegalArgumentException("feature '" + names[j] + "': quantile " + k + " is " + q[k]
                            + (k > 0 ? " after " + q[k - 1] : "") + "; quantiles must be finite and non-decreasing");
                }
            }
        }
        double[][] copy = new double[quantiles.length][];
        for (int j = 0; j < copy.length; j++) {
            copy[j] = quantiles[j].clone();
        }
        return new QuantileScaler(out, names.clone(), copy);
    }

    QuantileScaling.Output output() {
        return output;
    }

    /** The quantiles of feature {@code j} (a copy). */
    double[] quantiles(int j) {
        return quantiles[j].clone();
    }

    @Override
    public List<String> featureNames() {
        return Collections.unmodifiableList(Arrays.asList(names));
    }

    /** All zeros: the quantile map is the pre-transform and no affine step follows. */
    @Override
    public double[] center() {
        return new double[names.length];
    }

    /** All ones: the quantile map is the pre-transform and no affine step follows. */
    @Override
    public double[] scale() {
        double[] s = new double[names.length];
        Arrays.fill(s, 1.0);
        return s;
    }

    @Override
    public FeatureTable transform(FeatureTable table) {
        java.util.Objects.requireNonNull(table, "table");
        final int d = names.length;
        boolean identity = table.cols() == d;
        for (int j = 0; j < d; j++) {
            OptionalInt c = table.findColumn(names[j]);
            if (c.isEmpty()) {
                throw new IllegalArgumentException("feature '" + names[j] + "' the quantile transform was fitted on"
                        + " is missing from the table; features are " + table.featureNames());
            }
            identity &= c.getAsInt() == j;
        }
        final int n = table.rows();
        final FeatureTable selected = identity ? table : table.select(names);
        final double[] x = selected.values();
        final int nBlocks = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        final int[] firstBad = new int[nBlocks];
        Arrays.fill(firstBad, -1);
        Parallel.forEachBlock(nBlocks, Runtime.getRuntime().availableProcessors(), b -> {
            int r1 = Math.min(n, (b + 1) * Parallel.ROWS_PER_BLOCK);
            for (int r = b * Parallel.ROWS_PER_BLOCK; r < r1; r++) {
                for (int j = 0; j < d; j++) {
                    int i = r * d + j;
                    if (!Double.isFinite(x[i])) {
                        firstBad[b] = i;
                        return;
                    }
                    x[i] = map(j, x[i]);
                }
            }
        });
        for (int b = 0; b < nBlocks; b++) {
            if (firstBad[b] >= 0) {
                int r = firstBad[b] / d;
                int j = firstBad[b] % d;
                throw new IllegalArgumentException("entity '" + selected.entityId(r) + "', feature '"
                        + selected.featureName(j) + "': value " + selected.get(r, j) + " is not finite");
            }
        }
        return table.withFeatures(names, x);
    }

    /** The transformed value of {@code v} in feature {@code j}. */
    double map(int j, double v) {
        double[] q = quantiles[j];
        int m = q.length;
        boolean lower;
        boolean upper;
        if (output == QuantileScaling.Output.NORMAL) {
            lower = v - BOUNDS_THRESHOLD < q[0];
            upper = v + BOUNDS_THRESHOLD > q[m - 1];
        } else {
            lower = v == q[0];
            upper = v == q[m - 1];
        }
        double y;
        if (lower) {
            y = 0;
        } else if (upper) {
            y = 1;
        } else {
            y = 0.5 * (interp(v, q, 0, refs, m) - interp(-v, negQuantiles, j * m, negRefs, m));
        }
        if (output == QuantileScaling.Output.NORMAL) {
            y = NormalQuantile.ppf(y);
            y = y < clipMin ? clipMin : y > clipMax ? clipMax : y;
        }
        return y;
    }

    /**
     * numpy's {@code interp(v, xp, fp)} with {@code xp = xs[off..off+m)} non-decreasing: {@code fp[0]} left of
     * the range, {@code fp[m-1]} right of it, else linear between the last knot {@code <= v} and the next, with
     * numpy's expression and its fallbacks for non-finite slopes.
     */
    static double interp(double v, double[] xs, int off, double[] fp, int m) {
        if (v < xs[off]) {
            return fp[0];
        }
        if (v > xs[off + m - 1]) {
            return fp[m - 1];
        }
        // the last index j with xs[off + j] <= v
        int lo = 0;
        int hi = m;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v >= xs[off + mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int j = lo - 1;
        if (j == m - 1 || xs[off + j] == v) {
            return fp[j];
        }
        double slope = (fp[j + 1] - fp[j]) / (xs[off + j + 1] - xs[off + j]);
        double y = slope * (v - xs[off + j]) + fp[j];
        if (Double.isNaN(y)) {
            y = slope * (v - xs[off + j + 1]) + fp[j + 1];
            if (Double.isNaN(y) && fp[j] == fp[j + 1]) {
                y = fp[j];
            }
        }
        return y;
    }

    @Override
    public String toString() {
        return "FittedScaler[quantile " + output.name().toLowerCase(java.util.Locale.ROOT) + ", "
                + quantiles[0].length + " quantiles, features " + Arrays.toString(names) + "]";
    }
}
