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
        preTransform(x, n, d, log1p, selected, Runtime.getRuntime().availableProcessors());
        final double[] c = center;
        final double[] s = scale;
        int nBlocks = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        Parallel.forEachBlock(nBlocks, Runtime.getRuntime().availableProcessors(), b -> {
            int r1 = Math.min(n, (b + 1) * Parallel.ROWS_PER_BLOCK);
            for (int r = b * Parallel.ROWS_PER_BLOCK; r < r1; r++) {
                int base = r * d;
                for (int j = 0; j < d; j++) {
                    x[base + j] = (x[base + j] - c[j]) / s[j];
                }
            }
        });
        return FeatureTable.wrap(table.entityIds().toArray(new String[0]), names.clone(), x);
    }

    /**
     * Checks that every value of the row-major {@code x} (n x d, columns as in {@code table}) is finite and applies
     * log1p in place on the flagged columns. The error names the first bad cell in row-major order, whatever the
     * thread count.
     *
     * @throws IllegalArgumentException on a non-finite value or a log1p argument &lt;= -1
     */
    static void preTransform(double[] x, int n, int d, boolean[] logCol, FeatureTable table, int threads) {
        final int nBlocks = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        final int[] firstBad = new int[nBlocks];
        Parallel.forEachBlock(nBlocks, threads, b -> {
            int r1 = Math.min(n, (b + 1) * Parallel.ROWS_PER_BLOCK);
            int bad = -1;
            scan:
            for (int r = b * Parallel.ROWS_PER_BLOCK; r < r1; r++) {
                int base = r * d;
                for (int j = 0; j < d; j++) {
                    double v = x[base + j];
                    if (!Double.isFinite(v) || (logCol[j] && !(v > -1))) {
                        bad = base + j;
                        break scan;
                    }
                }
            }
            firstBad[b] = bad;
            if (bad >= 0) {
                return;
            }
            for (int r = b * Parallel.ROWS_PER_BLOCK; r < r1; r++) {
                int base = r * d;
                for (int j = 0; j < d; j++) {
                    if (logCol[j]) {
                        x[base + j] = Math.log1p(x[base + j]);
                    }
                }
            }
        });
        for (int b = 0; b < nBlocks; b++) {
            int i = firstBad[b];
            if (i >= 0) {
                int r = i / d;
                int j = i % d;
                double v = table.get(r, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("entity '" + table.entityId(r) + "', feature '"
                            + table.featureName(j) + "': value " + v + " is not finite");
                }
                throw new IllegalArgumentException("entity '" + table.entityId(r) + "', feature '"
                        + table.featureName(j) + "': log1p needs a value > -1 but got " + v);
            }
        }
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
