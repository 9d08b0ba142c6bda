package dev.segmentation.cluster;

import java.util.Objects;

/** Argument checks shared by the {@link RowChunks} implementations. Package-private. */
final class ChunkChecks {
    private ChunkChecks() {
    }

    static void check(RowChunks source, boolean closed, double[] buffer, int maxRows, int cols) {
        Objects.requireNonNull(buffer, "buffer");
        if (closed) {
            throw new IllegalStateException(source.describe() + " is closed");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1 but was " + maxRows);
        }
        if (buffer.length < (long) maxRows * cols) {
            throw new IllegalArgumentException("buffer holds " + buffer.length + " values but " + maxRows
                    + " rows of " + cols + " need " + ((long) maxRows * cols));
        }
    }
}
