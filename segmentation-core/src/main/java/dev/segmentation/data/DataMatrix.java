package dev.segmentation.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable dense matrix of doubles, stored row-major in one flat array: the input of every
 * {@link dev.segmentation.cluster.Clusterer}. Values may be any double; consumers that need finite values check.
 *
 * <p>Accessors that return arrays return copies. Thread safety: immutable.
 */
public final class DataMatrix {
    private final int rows;
    private final int cols;
    private final double[] values;

    private DataMatrix(int rows, int cols, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.values = values;
    }

    /**
     * A matrix of {@code rows x cols} holding a copy of {@code values} (row-major).
     *
     * @throws IllegalArgumentException when the shape is negative or does not match the array length
     */
    public static DataMatrix of(int rows, int cols, double[] values) {
        Objects.requireNonNull(values, "values");
        checkShape(rows, cols, values.length);
        return new DataMatrix(rows, cols, values.clone());
    }

    /** A matrix from an array of rows (copied); every row must have the same length. */
    public static DataMatrix ofRows(double[][] data) {
        Objects.requireNonNull(data, "data");
        int r = data.length;
        int c = r == 0 ? 0 : data[0].length;
        double[] v = new double[Math.multiplyExact(r, c)];
        for (int i = 0; i < r; i++) {
            if (data[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + data[i].length + " values, row 0 has " + c);
            }
            System.arraycopy(data[i], 0, v, i * c, c);
        }
        return new DataMatrix(r, c, v);
    }

    /**
     * A matrix that takes ownership of {@code values} without copying. The caller must not modify the array
     * afterwards. Used by steps that just allocated the array.
     */
    public static DataMatrix wrap(int rows, int cols, double[] values) {
        Objects.requireNonNull(values, "values");
        checkShape(rows, cols, values.length);
        return new DataMatrix(rows, cols, values);
    }

    private static void checkShape(int rows, int cols, int length) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("shape must be non-negative but was " + rows + " x " + cols);
        }
        if ((long) rows * cols != length) {
            throw new IllegalArgumentException(
                    "shape " + rows + " x " + cols + " needs " + ((long) rows * cols) + " values but got " + length);
        }
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int cols() {
        return cols;
    }

    /** The value at ({@code row}, {@code col}). */
    public double get(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return values[row * cols + col];
    }

    /** A copy of row {@code row}. */
    public double[] row(int row) {
        Objects.checkIndex(row, rows);
        return Arrays.copyOfRange(values, row * cols, row * cols + cols);
    }

    /** Copies row {@code row} into {@code dst} (length at least {@code cols()}). */
    public void copyRow(int row, double[] dst) {
        Objects.checkIndex(row, rows);
        System.arraycopy(values, row * cols, dst, 0, cols);
    }

    /** A copy of all values, row-major. */
    public double[] toArray() {
        return values.clone();
    }

    /** The rows {@code idx} in that order (copied). */
    public DataMatrix selectRows(int[] idx) {
        double[] v = new double[Math.multiplyExact(idx.length, cols)];
        for (int i = 0; i < idx.length; i++) {
            Objects.checkIndex(idx[i], rows);
            System.arraycopy(values, idx[i] * cols, v, i * cols, cols);
        }
        return new DataMatrix(idx.length, cols, v);
    }

    /**
     * The first cell that is NaN or infinite as {row, col}, or an empty array when all are finite.
     */
    public int[] firstNonFinite() {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return new int[] {i / Math.max(1, cols), i % Math.max(1, cols)};
            }
        }
        return new int[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataMatrix && ((DataMatrix) o).rows == rows && ((DataMatrix) o).cols == cols
                && Arrays.equals(((DataMatrix) o).values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "DataMatrix[" + rows + " x " + cols + "]";
    }
}
