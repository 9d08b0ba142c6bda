package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;
import java.util.Objects;

/** {@link RowChunks} over an in-memory matrix (its values copied once). Package-private; not thread-safe. */
final class MatrixRowChunks implements RowChunks {
    private final double[] values;
    private final int rows;
    private final int cols;
    private int pos;
    private boolean closed;

    MatrixRowChunks(DataMatrix x) {
        Objects.requireNonNull(x, "x");
        if (x.cols() < 1) {
            throw new IllegalArgumentException("a row source needs at least one column but the matrix is "
                    + x.rows() + " x " + x.cols());
        }
        this.values = x.toArray();
        this.rows = x.rows();
        this.cols = x.cols();
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public String describe() {
        return "matrix " + rows + " x " + cols;
    }

    @Override
    public int next(double[] buffer, int maxRows) {
        ChunkChecks.check(this, closed, buffer, maxRows, cols);
        int m = Math.min(maxRows, rows - pos);
        System.arraycopy(values, pos * cols, buffer, 0, m * cols);
        pos += m;
        return m;
    }

    @Override
    public void rewind() {
        if (closed) {
            throw new IllegalStateException(describe() + " is closed");
        }
        pos = 0;
    }

    @Override
    public void close() {
        closed = true;
    }
}
