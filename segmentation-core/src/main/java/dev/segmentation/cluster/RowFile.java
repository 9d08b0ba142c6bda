package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file of numeric rows for {@link RowChunks#file(Path)}: the fast path for {@link MiniBatchKMeans} on data larger
 * than memory.
 *
 * <p><b>Format</b> (all numbers little-endian): a 32-byte header, then the values row-major as IEEE-754 doubles.
 * <pre>
 * bytes  0..7   ASCII "SEGROWS1" (magic and format version)
 * bytes  8..15  int64  number of rows (>= 0)
 * bytes 16..19  int32  number of columns (>= 1)
 * bytes 20..31  zero (reserved)
 * bytes 32..    rows x columns doubles, row 0 first
 * </pre>
 * The file length must be exactly {@code 32 + 8 rows cols}. From Python: {@code header = b"SEGROWS1" +
 * struct.pack("<qi12x", n, d)}, then {@code x.astype("<f8").tofile(f)}.
 *
 * <p><b>Writing</b> goes to a temporary file beside the target, which {@link Writer#close()} completes (row count
 * in the header) and moves into place, so a failed or abandoned write leaves no half-written row file. Values must
 * be finite.
 *
 * <p><b>Reading</b> is sequential through a {@link FileChannel} and a 1 MiB direct buffer: O(rows cols) per pass,
 * O(1) memory beyond the caller's chunk buffer.
 */
public final class RowFile {
    static final byte[] MAGIC = "SEGROWS1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = 32;
    private static final int BUFFER_BYTES = 1 << 20;

    private RowFile() {
    }

    /**
     * Writes the rows of {@code x} to {@code file} (replacing it).
     *
     * @throws IOException when writing fails (no file is left behind)
     * @throws IllegalArgumentException when {@code x} has no column or a non-finite value (naming its row and column)
     */
    public static void write(Path file, DataMatrix x) throws IOException {
        Objects.requireNonNull(x, "x");
        try (Writer w = writer(file, x.cols())) {
            double[] row = new double[x.cols()];
            for (int i = 0; i < x.rows(); i++) {
                x.copyRow(i, row);
                w.write(row, 1);
            }
            w.commit();
        }
    }

    /**
     * A writer of rows with {@code cols} columns to {@code file}; call {@link Writer#commit()} once all rows are
     * written (closing without it deletes the temporary file and leaves {@code file} untouched).
     *
     * @throws IllegalArgumentException when {@code cols < 1}
     * @throws IOException when the temporary file cannot be created
     */
    public static Writer writer(Path file, int cols) throws IOException {
        Objects.requireNonNull(file, "file");
        if (cols < 1) {
            throw new IllegalArgumentException("cols must be >= 1 but was " + cols);
        }
        return new Writer(file, cols);
    }

    /** Opens a row file for reading; see {@link RowChunks#file(Path)}. */
    static RowChunks open(Path file) throws IOException {
        return new Reader(file);
    }

    /** Appends rows to a row file; not thread-safe. */
    public static final class Writer implements AutoCloseable {
        private final Path target;
        private final Path tmp;
        private final int cols;
        private final FileChannel ch;
        private final ByteBuffer buf;
        private long rows;
        private boolean done;

        private Writer(Path target, int cols) throws IOException {
            this.target = target.toAbsolutePath();
            this.cols = cols;
            Path dir = this.target.getParent();
            this.tmp = Files.createTempFile(dir, this.target.getFileName().toString(), ".part");
            this.ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            this.buf = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buf.put(header(0, cols));
        }

        /**
         * Appends {@code count} rows from {@code values} (row-major, {@code count * cols} values).
         *
         * @throws IllegalArgumentException when {@code values} is too short or holds a non-finite value (naming the
         *     row of the file and the column)
         * @throws IOException when writing fails
         */
        public void write(double[] values, int count) throws IOException {
            if (done) {
                throw new IllegalStateException("the writer of " + target + " is closed");
            }
            if (count < 0 || values.length < (long) count * cols) {
                throw new IllegalArgumentException(count + " rows of " + cols + " need " + ((long) count * cols)
                        + " values but " + values.length + " were given");
            }
            for (int i = 0; i < count * cols; i++) {
                double v = values[i];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("row " + (rows + i / cols) + ", column " + (i % cols)
                            + " is " + v + ": a row file holds finite values only (" + target + ")");
                }
                if (buf.remaining() < Double.BYTES) {
                    flush();
                }
                buf.putDouble(v);
            }
            rows += count;
        }

        /** Rows written so far. */
        public long rows() {
            return rows;
        }

        /**
         * Completes the file: writes the row count into the header and moves the file into place.
         *
         * @throws IOException when writing or the move fails
         */
        public void commit() throws IOException {
            if (done) {
                throw new IllegalStateException("the writer of " + target + " is closed");
            }
            flush();
            ByteBuffer h = ByteBuffer.wrap(header(rows, cols));
            while (h.hasRemaining()) {
                ch.write(h, h.position());
            }
            ch.force(false);
            ch.close();
            done = true;
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        private void flush() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            buf.clear();
        }

        /** Without a {@link #commit()}, deletes the temporary file; the target is left untouched. */
        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                ch.close();
                Files.deleteIfExists(tmp);
            }
        }
    }

    static byte[] header(long rows, int cols) {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put(MAGIC).putLong(rows).putInt(cols);
        return h.array();
    }

    /** Sequential reader; package-private. */
    static final class Reader implements RowChunks {
        private final Path file;
        private final FileChannel ch;
        private final long rows;
        private final int cols;
        private final ByteBuffer buf;
        private long rowsRead;
        private boolean closed;

        Reader(Path file) throws IOException {
            this.file = file;
            this.ch = FileChannel.open(file, StandardOpenOption.READ);
            try {
                ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
                while (h.hasRemaining() && ch.read(h) >= 0) {
                    // fill
                }
                long size = ch.size();
                if (h.position() < HEADER) {
                    throw new IllegalArgumentException(file + " is not a row file: " + size
                            + " bytes, shorter than the " + HEADER + "-byte header");
                }
                h.flip();
                byte[] magic = new byte[MAGIC.length];
                h.get(magic);
                if (!Arrays.equals(magic, MAGIC)) {
                    throw new IllegalArgumentException(file + " is not a row file: it starts with '"
                            + new String(magic, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?")
                            + "' instead of 'SEGROWS1'");
                }
                this.rows = h.getLong();
                this.cols = h.getInt();
                if (rows < 0 || cols < 1) {
                    throw new IllegalArgumentException(file + ": the header gives " + rows + " rows and " + cols
                            + " columns (need rows >= 0, columns >= 1)");
                }
                long expected = HEADER + rows * cols * (long) Double.BYTES;
                if (size != expected) {
                    throw new IllegalArgumentException(file + ": " + rows + " rows x " + cols + " columns need "
                            + expected + " bytes but the file has " + size + " (truncated or not a row file)");
                }
            } catch (RuntimeException | IOException e) {
                ch.close();
                throw e;
            }
            this.buf = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            rewind();
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
            return "row file " + file;
        }

        @Override
        public int next(double[] buffer, int maxRows) {
            ChunkChecks.check(this, closed, buffer, maxRows, cols);
            int m = (int) Math.min(maxRows, rows - rowsRead);
            int need = m * cols;
            int got = 0;
            try {
                while (got < need) {
                    if (buf.remaining() < Double.BYTES) {
                        buf.compact();
                        int r = ch.read(buf);
                        buf.flip();
                        if (r < 0 && buf.remaining() < Double.BYTES) {
                            throw new IOException("unexpected end of " + file + " after " + rowsRead + " rows");
                        }
                        continue;
                    }
                    int take = Math.min(need - got, buf.remaining() / Double.BYTES);
                    buf.asDoubleBuffer().get(buffer, got, take);
                    buf.position(buf.position() + take * Double.BYTES);
                    got += take;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file + ": " + e.getMessage(), e);
            }
            rowsRead += m;
            return m;
        }

        @Override
        public void rewind() {
            if (closed) {
                throw new IllegalStateException(describe() + " is closed");
            }
            try {
                ch.position(HEADER);
            } catch (IOException e) {
                throw new UncheckedIOException("rewinding " + file + ": " + e.getMessage(), e);
            }
            buf.clear();
            buf.flip();
            rowsRead = 0;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try {
                    ch.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("closing " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
