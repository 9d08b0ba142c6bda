package dev.segmentation.scaling;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.internal.Parallel;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * The fitted form of every {@link Scaling} recipe: {@code (pre(x) - center) / scale} per feature, where {@code pre}
 * is log1p on the flagged features and the identity elsewhere. Immutable and thread-safe. Internal.
 */
final class AffineScaler implements FittedScaler {
    private final String kind;
    private final String[] names;
    private final boolean[] log1p;
    private final double[] center;
    private final double[] scale;

    AffineScaler(String kind, String[] names, boolean[] log1p, double[] center, double[] scale) {
        this.kind = kind;
        this.names = names;
        this.log1p = log1p;
        this.center = center;
        this.scale = scale;
    }

    /**
     * A scaler restored from saved parts, checked as a fit would leave them: a known recipe name, one log1p flag,
     * centre and scale per feature, finite centres, and scales that are finite and at least the smallest normal
     * double (about 2.2e-308; a fit never produces a smaller one, and dividing by one would overflow).
     *
     * @throws IllegalArgumentException naming the part, the feature and the value
     */
    static AffineScaler restore(String kind, String[] names, boolean[] log1p, double[] center, double[] scale) {
        if (!kind.equals("robust") && !kind.equals("standard") && !kind.equals("no")) {
            throw new IllegalArgumentException("scaler kind must be 'robust', 'standard' or 'no' but was '" + kind
                    + "'");
        }
        int d = names.length;
        if (log1p.length != d || center.length != d || scale.length != d) {
            throw new IllegalArgumentException(d + " features but " + log1p.length + " log1p flags, " + center.length
                    + " centres and " + scale.length + " scales");
        }
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(center[j])) {
                throw new IllegalArgumentException("centre of feature '" + names[j] + "' is " + center[j]
                        + "; it must be finite");
            }
            if (!(scale[j] >= Double.MIN_NORMAL) || Double.isInfinite(scale[j])) {
                throw new IllegalArgumentException("scale of feature '" + names[j] + "' is " + scale[j]
                        + "; it must be finite and at least " + Double.MIN_NORMAL);
            }
            if (kind.equals("no") && (center[j] != 0.0 || scale[j] != 1.0)) {
                throw new IllegalArgumentException("feature '" + names[j] + "' of the 'no' scaler has centre "
                        + center[j] + " and scale " + scale[j] + "; it must have centre 0 and scale 1");
            }
        }
        return new AffineScaler(kind, names.clone(), log1p.clone(), center.clone(), scale.clone());
    }

    @Override
    public List<String> featureNames() {
        return Collections.unmodifiableList(Arrays.asList(names));
    }

    @Override
    public double[] center() {
        return center.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** The recipe's name: {@code "robust"}, {@code "standard"} or {@code "no"}. */
    String kind() {
        return kind;
    }

    /** Which fitted features get the log1p pre-transform (a copy), in {@link #featureNames()} order. */
    boolean[] log1pMask() {
        return log1p.clone();
    }

    @Override
    public FeatureTable transform(FeatureTable table) {
        java.util.Objects.requireNonNull(table, "table");
        final int d = names.length;
        final int[] cols = new int[d];
        boolean identity = table.cols() == d;
        for (int j = 0; j < d; j++) {
            OptionalInt c = table.findColumn(names[j]);
            if (c.isEmpty()) {
                throw new IllegalArgumentException("feature '" + names[j] + "' the scaler was fitted on is missing"
                        + " from the table; features are " + table.featureNames());
            }
            cols[j] = c.getAsInt();
            identity &= cols[j] == j;
        }
        final int n = table.rows();
        final FeatureTable selected = identity ? table : table.select(names);
        final double[] x = selected.values();
        final double[] c = center;
        final double[] s = scale;
        final boolean[] lg = log1p;
        final int nBlocks = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        final int[] firstBad = new int[nBlocks];
        Parallel.forEachBlock(nBlocks, Runtime.getRuntime().availableProcessors(), b -> {
            int r1 = Math.min(n, (b + 1) * Parallel.ROWS_PER_BLOCK);
            int bad = -1;
            scan:
            for (int r = b * Parallel.ROWS_PER_BLOCK; r < r1; r++) {
                int base = r * d;
                for (int j = 0; j < d; j++) {
                    double v = x[base + j];
                    if (!Double.isFinite(v) || (lg[j] && !(v > -1))) {
                        bad = base + j;
                        break scan;
                    }
                    double y = ((lg[j] ? Math.log1p(v) : v) - c[j]) / s[j];
                    if (!Double.isFinite(y)) {
                        // v - c overflowed (v and c near the largest double, of opposite signs): divide first
                        double p = lg[j] ? Math.log1p(v) : v;
                        y = p / s[j] - c[j] / s[j];
                        if (!Double.isFinite(y)) {
                            bad = base + j;
                            break scan;
                        }
                    }
                    x[base + j] = y;
                }
            }
            firstBad[b] = bad;
        });
        for (int b = 0; b < nBlocks; b++) {
            if (firstBad[b] >= 0) {
                int r = firstBad[b] / d;
                int j = firstBad[b] % d;
                double v = selected.get(r, j);
                if (Double.isFinite(v) && !(lg[j] && !(v > -1))) {
                    throw new IllegalArgumentException("entity '" + selected.entityId(r) + "', feature '"
                            + selected.featureName(j) + "': value " + v + " scaled by (" + (lg[j] ? "log1p(x)" : "x")
                            + " - " + c[j] + ") / " + s[j] + " overflows a double");
                }
                throw badValue(selected, r, j);
            }
        }
        return table.withFeatures(names, x);
    }

    /**
     * Checks that every value of {@code col} is finite (and &gt; -1 when {@code log1p}) and applies log1p in place;
     * returns the first bad row, or -1 (then the column is transformed).
     */
    static int preTransformColumn(double[] col, boolean log1p) {
        for (int r = 0; r < col.length; r++) {
            double v = col[r];
            if (!Double.isFinite(v) || (log1p && !(v > -1))) {
                return r;
            }
        }
        if (log1p) {
            for (int r = 0; r < col.length; r++) {
                col[r] = Math.log1p(col[r]);
            }
        }
        return -1;
    }

    /**
     * Throws for the first bad cell in row-major order, given the first bad row of each column (-1: none).
     *
     * @throws IllegalArgumentException naming the entity, the feature and the value, when any column has one
     */
    static void throwFirstBad(int[] firstBadRow, FeatureTable table, int d) {
        int row = Integer.MAX_VALUE;
        int col = -1;
        for (int j = 0; j < d; j++) {
            if (firstBadRow[j] >= 0 && firstBadRow[j] < row) {
                row = firstBadRow[j];
                col = j;
            }
        }
        if (col >= 0) {
            throw badValue(table, row, col);
        }
    }

    private static IllegalArgumentException badValue(FeatureTable table, int r, int j) {
        double v = table.get(r, j);
        if (!Double.isFinite(v)) {
            return new IllegalArgumentException("entity '" + table.entityId(r) + "', feature '"
                    + table.featureName(j) + "': value " + v + " is not finite");
        }
        return new IllegalArgumentException("entity '" + table.entityId(r) + "', feature '"
                + table.featureName(j) + "': log1p needs a value > -1 but got " + v);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FittedScaler[").append(kind);
        for (int j = 0; j < names.length; j++) {
            sb.append(", ").append(log1p[j] ? "log1p(" + names[j] + ")" : names[j]).append(": center=")
                    .append(center[j]).append(" scale=").append(scale[j]);
        }
        return sb.append(']').toString();
    }
}
