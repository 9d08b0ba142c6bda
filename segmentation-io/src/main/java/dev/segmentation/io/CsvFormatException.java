package dev.segmentation.io;

import java.io.IOException;

/**
 * A file that cannot be read as CSV at all: a missing or unusable header, a mapped column that the header does not
 * have, or a structural fault such as a quoted field left open at the end of the input, a record longer than the
 * record-size cap, bytes that cannot be decoded where no row can be skipped, or a stream that breaks off (truncated
 * or corrupt gzip). The message names the
 * source and, where there is one, the physical line (1-based, the header being line 1).
 *
 * <p>Bad values in single rows are not structural: they are reported per row (see {@link CsvTransactionReader}).
 */
public final class CsvFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;

    /**
     * @param message what is wrong, naming the source
     * @param line the physical line where the problem starts, or 0 when it concerns the file as a whole
     */
    public CsvFormatException(String message, long line) {
        super(message);
        this.line = line;
    }

    /**
     * @param message what is wrong, naming the source
     * @param line the physical line where the problem starts, or 0 when it concerns the file as a whole
     * @param cause the underlying failure (a read error of a truncated gzip stream, say)
     */
    public CsvFormatException(String message, long line, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    /** The physical line (1-based) where the problem starts, or 0 when it concerns the file as a whole. */
    public long line() {
        return line;
    }
}
