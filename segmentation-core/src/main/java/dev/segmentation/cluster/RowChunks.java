package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A rewindable source of numeric rows read in chunks: the input of {@link MiniBatchKMeans} when the data does not
 * fit in memory. One <em>pass</em> yields every row once, in a fixed order; {@link #rewind()} starts the next pass,
 * which must yield the same rows in the same order (a fit makes one pass to draw its initialisation samples, one per
 * epoch and one to compute the final inertia).
 *
 * <p>Implementations: {@link #of(DataMatrix)} (an in-memory matrix), {@link #file(Path)} (a {@link RowFile} of
 * little-endian doubles read through a {@link java.nio.channels.FileChannel}) and {@link TransactionFeatureChunks}
 * (features computed from the transaction store one block of entities at a time, so the whole feature matrix is
 * never held). The chunk boundaries are the source's business: {@link MiniBatchKMeans} copies rows into its own
 * window, so the same rows in the same order give the same model whatever sizes {@link #next} returns.
 *
 * <p>Not thread-safe: one fit reads a source at a time.
 */
public interface RowChunks extends AutoCloseable {
    /** The number of values per row, at least 1. */
    int cols();

    /**
     * The number of rows a pass yields, or {@code -1} when the source does not know it before its first pass (the
     * fit then counts them).
     */
    long rows();

    /** What the rows come from (a file name, "matrix 1000 x 8"...), for error messages. */
    String describe();

    /**
     * Copies the next rows of the current pass, row-major, into {@code buffer[0, rows * cols())} and returns how
     * many rows were copied: between 1 and {@code maxRows}, or 0 at the end of the pass.
     *
     * @throws IllegalArgumentException when {@code maxRows < 1} or {@code buffer} is shorter than
     *     {@code maxRows * cols()}
     * @throws UncheckedIOException when reading fails, naming the source
     */
    int next(double[] buffer, int maxRows);

    /**
     * Starts a new pass from the first row.
     *
     * @throws UncheckedIOException when the source cannot be re-read
     */
    void rewind();

    /** Releases the source (a file channel, say); further calls fail. Idempotent. */
    @Override
    void close();

    /**
     * The rows of {@code x} (copied once), handed out in chunks of at most {@code maxRows}.
     *
     * @throws IllegalArgumentException when {@code x} has no column
     */
    static RowChunks of(DataMatrix x) {
        return new MatrixRowChunks(x);
    }

    /**
     * The rows of a {@link RowFile} (binary, little-endian doubles with a 32-byte header), read sequentially with a
     * 1 MiB buffer.
     *
     * @throws IOException when the file cannot be opened
     * @throws IllegalArgumentException when its header is not a row file's or its length does not match the header,
     *     naming the file
     */
    static RowChunks file(Path file) throws IOException {
        return RowFile.open(file);
    }
}
