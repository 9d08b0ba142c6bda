package dev.segmentation.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * An immutable table of entities x named numeric features, stored row-major in one flat {@code double[]}.
 *
 * <p>Entity ids and feature names are unique. Values may be NaN (an extractor's documented missing value);
 * {@link dev.segmentation.Segmenter} refuses a table with non-finite values at fit time, naming the entity and
 * the feature. Accessors that return arrays return copies. Thread safety: immutable.
 */
public final class FeatureTable {
    private final String[] entityIds;
    private final String[] featureNames;
    private final double[] values;
    private final Map<String, Integer> columnIndex;

    private FeatureTable(String[] entityIds, String[] featureNames, double[] values) {
        this(entityIds, featureNames, values, true);
    }

    /** {@code checkIds} false: the ids come from a validated table, unique by construction (a subset or the same). */
    private FeatureTable(String[] entityIds, String[] featureNames, double[] values, boolean checkIds) {
        this.entityIds = entityIds;
        this.featureNames = featureNames;
        this.values = values;
        this.columnIndex = new HashMap<>();
        for (int c = 0; c < featureNames.length; c++) {
            if (featureNames[c] == null || featureNames[c].isBlank()) {
                throw new IllegalArgumentException("feature name " + c + " is blank: '" + featureNames[c] + "'");
            }
            if (columnIndex.put(featureNames[c], c) != null) {
                throw new IllegalArgumentException("feature name '" + featureNames[c] + "' appears twice");
            }
        }
        if (!checkIds) {
            return;
        }
        HashSet<String> seen = new HashSet<>();
        for (int r = 0; r < entityIds.length; r++) {
            if (Ids.isBlank(entityIds[r])) {
                throw new IllegalArgumentException("entity id " + r + " is blank: " + Ids.quote(entityIds[r]));
            }
            if (!seen.add(entityIds[r])) {
                throw new IllegalArgumentException("entity id '" + entityIds[r] + "' appears twice (row " + r + ")");
            }
        }
    }

    /**
     * A table holding copies of the arguments; {@code values} is row-major, {@code entityIds.size() x
     * featureNames.size()}.
     *
     * @throws IllegalArgumentException on a shape mismatch, a blank or duplicate id or name
     */
    public static FeatureTable of(List<String> entityIds, List<String> featureNames, double[] values) {
        Objects.requireNonNull(entityIds, "entityIds");
        Objects.requireNonNull(featureNames, "featureNames");
        Objects.requireNonNull(values, "values");
        return wrap(entityIds.toArray(new String[0]), featureNames.toArray(new String[0]), values.clone());
    }

    /**
     * A table that takes ownership of the arrays without copying; the caller must not modify them afterwards.
     * For extractors that just allocated them.
     */
    public static FeatureTable wrap(String[] entityIds, String[] featureNames, double[] values) {
        if ((long) entityIds.length * featureNames.length != values.length) {
            throw new IllegalArgumentException("shape " + entityIds.length + " entities x " + featureNames.length
                    + " features needs " + ((long) entityIds.length * featureNames.length) + " values but got "
                    + values.length);
        }
        return new FeatureTable(entityIds, featureNames, values);
    }

    /** Number of entities (rows). */
    public int rows() {
        return entityIds.length;
    }

    /** Number of features (columns). */
    public int cols() {
        return featureNames.length;
    }

    /** Entity ids in row order (unmodifiable). */
    public List<String> entityIds() {
        return Collections.unmodifiableList(Arrays.asList(entityIds));
    }

    /** The id of row {@code row}. */
    public String entityId(int row) {
        return entityIds[row];
    }

    /** Feature names in column order (unmodifiable). */
    public List<String> featureNames() {
        return Collections.unmodifiableList(Arrays.asList(featureNames));
    }

    /** The name of column {@code col}. */
    public String featureName(int col) {
        return featureNames[col];
    }

    /** The column of {@code name}, if present. */
    public OptionalInt findColumn(String name) {
        Integer c = columnIndex.get(name);
        return c == null ? OptionalInt.empty() : OptionalInt.of(c);
    }

    /**
     * The column of {@code name}.
     *
     * @throws IllegalArgumentException when there is no such feature (the message lists the features)
     */
    public int columnIndex(String name) {
        Integer c = columnIndex.get(Objects.requireNonNull(name, "name"));
        if (c == null) {
            throw new IllegalArgumentException("no feature named '" + name + "'; features are "
                    + Arrays.toString(featureNames));
        }
        return c;
    }

    /** The value at ({@code row}, {@code col}). */
    public double get(int row, int col) {
        Objects.checkIndex(row, entityIds.length);
        Objects.checkIndex(col, featureNames.length);
        return values[row * featureNames.length + col];
    }

    /** The value of feature {@code name} for row {@code row}. */
    public double get(int row, String name) {
        return get(row, columnIndex(name));
    }

    /** A copy of row {@code row}. */
    public double[] row(int row) {
        Objects.checkIndex(row, entityIds.length);
        int d = featureNames.length;
        return Arrays.copyOfRange(values, row * d, row * d + d);
    }

    /** A copy of column {@code col}. */
    public double[] column(int col) {
        Objects.checkIndex(col, featureNames.length);
        int d = featureNames.length;
        double[] out = new double[entityIds.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = values[r * d + col];
        }
        return out;
    }

    /** A copy of the column called {@code name}. */
    public double[] column(String name) {
        return column(columnIndex(name));
    }

    /** A copy of all values, row-major. */
    public double[] values() {
        return values.clone();
    }

    /**
     * The values as a matrix. O(1): the table and the matrix are both immutable and neither hands out its array, so
     * they share it.
     */
    public DataMatrix matrix() {
        return DataMatrix.wrap(entityIds.length, featureNames.length, values);
    }

    /** A table with the columns {@code names}, in that order. */
    public FeatureTable select(String... names) {
        Objects.requireNonNull(names, "names");
        return select(Arrays.asList(names));
    }

    /**
     * A table with the columns {@code names}, in that order: this table itself when {@code names} are its columns
     * in their order (it is immutable), else a copy of those columns. O(rows x names).
     *
     * @throws IllegalArgumentException when a name is not a column
     */
    public FeatureTable select(List<String> names) {
        if (Arrays.asList(featureNames).equals(names)) {
            return this;
        }
        int[] cols = new int[names.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = columnIndex(names.get(i));
        }
        int d = featureNames.length;
        int m = cols.length;
        double[] v = new double[entityIds.length * m];
        for (int r = 0; r < entityIds.length; r++) {
            for (int j = 0; j < m; j++) {
                v[r * m + j] = values[r * d + cols[j]];
            }
        }
        return new FeatureTable(entityIds.clone(), names.toArray(new String[0]), v, false);
    }

    /** The rows whose entity id satisfies {@code keep}, in the same order. */
    public FeatureTable filterEntities(Predicate<String> keep) {
        Objects.requireNonNull(keep, "keep");
        List<Integer> rowsKept = new ArrayList<>();
        for (int r = 0; r < entityIds.length; r++) {
            if (keep.test(entityIds[r])) {
                rowsKept.add(r);
            }
        }
        int[] idx = new int[rowsKept.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = rowsKept.get(i);
        }
        return selectRows(idx, false);
    }

    /**
     * The rows {@code idx}, in that order.
     *
     * @throws IllegalArgumentException when a row appears twice (entity ids must stay unique)
     */
    public FeatureTable selectRows(int[] idx) {
        return selectRows(idx, true);
    }

    private FeatureTable selectRows(int[] idx, boolean checkIds) {
        int d = featureNames.length;
        String[] ids = new String[idx.length];
        double[] v = new double[idx.length * d];
        for (int i = 0; i < idx.length; i++) {
            Objects.checkIndex(idx[i], entityIds.length);
            ids[i] = entityIds[idx[i]];
            System.arraycopy(values, idx[i] * d, v, i * d, d);
        }
        return new FeatureTable(ids, featureNames.clone(), v, checkIds);
    }

    /**
     * A table over the same entities, in the same order, with other features: takes ownership of the arrays
     * (the caller must not modify them afterwards). Used by steps that transform every column (scalers), so the
     * entity ids are not validated again.
     *
     * @throws IllegalArgumentException when the shape does not match or a feature name is blank or repeated
     */
    public FeatureTable withFeatures(String[] featureNames, double[] values) {
        if ((long) entityIds.length * featureNames.length != values.length) {
            throw new IllegalArgumentException("shape " + entityIds.length + " entities x " + featureNames.length
                    + " features needs " + ((long) entityIds.length * featureNames.length) + " values but got "
                    + values.length);
        }
        return new FeatureTable(entityIds, featureNames.clone(), values, false);
    }

    /**
     * The columns of this table followed by those of {@code other}, which must list the same entities in the same
     * order and use different feature names.
     *
     * @throws IllegalArgumentException when the entities differ or a feature name repeats
     */
    public FeatureTable join(FeatureTable other) {
        Objects.requireNonNull(other, "other");
        if (!Arrays.equals(entityIds, other.entityIds)) {
            throw new IllegalArgumentException("cannot join tables over different entities (" + entityIds.length
                    + " and " + other.entityIds.length + " rows)");
        }
        int a = featureNames.length;
        int b = other.featureNames.length;
        String[] names = new String[a + b];
        System.arraycopy(featureNames, 0, names, 0, a);
        System.arraycopy(other.featureNames, 0, names, a, b);
        double[] v = new double[entityIds.length * (a + b)];
        for (int r = 0; r < entityIds.length; r++) {
            System.arraycopy(values, r * a, v, r * (a + b), a);
            System.arraycopy(other.values, r * b, v, r * (a + b) + a, b);
        }
        return new FeatureTable(entityIds.clone(), names, v, false);
    }

    /** The first (row, column) holding NaN or an infinity, or an empty array when every value is finite. */
    public int[] firstNonFinite() {
        int d = Math.max(1, featureNames.length);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return new int[] {i / d, i % d};
            }
        }
        return new int[0];
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FeatureTable)) {
            return false;
        }
        FeatureTable t = (FeatureTable) o;
        return Arrays.equals(entityIds, t.entityIds) && Arrays.equals(featureNames, t.featureNames)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(entityIds) * 31 + Arrays.hashCode(featureNames) * 17 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FeatureTable[" + entityIds.length + " entities x " + featureNames.length + " features "
                + Arrays.toString(featureNames) + "]";
    }
}
