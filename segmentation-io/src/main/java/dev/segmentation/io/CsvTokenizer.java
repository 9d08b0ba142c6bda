package dev.segmentation.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Splits a byte stream into RFC 4180 records without decoding it: fields are byte ranges of an internal buffer,
 * valid until the next call to {@link #next()}. Handles quoted fields (delimiters, doubled quotes and line breaks
 * inside quotes), the line endings LF, CRLF and a lone CR, a UTF-8 byte order mark, and blank lines (skipped).
 * Counts physical lines so every record knows the line it starts on (the first line is 1).
 *
 * <p>The delimiter and the quote must be ASCII and the text must be in an ASCII-compatible encoding (callers
 * transcode other encodings first). Memory: one buffer that grows to hold the longest record. Not thread-safe.
 */
final class CsvTokenizer {
    private static final int INITIAL_BUFFER = 1 << 20;
    private static final byte QUOTE = '"';

    private final InputStream in;
    private final byte delimiter;
    private final String source;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private long line = 1;

    private int fields;
    private int[] start = new int[16];
    private int[] end = new int[16];
    private boolean[] escaped = new boolean[16];
    private long recordLine;
    private int garbageField = -1;
    private byte[] scratch = new byte[256];

    CsvTokenizer(InputStream in, byte delimiter, String source) {
        this(in, delimiter, source, INITIAL_BUFFER);
    }

    /** With a chosen initial buffer size (tests use tiny buffers to exercise refills). */
    CsvTokenizer(InputStream in, byte delimiter, String source, int bufferSize) {
        this.buf = new byte[Math.max(4, bufferSize)];
        this.in = in;
        this.delimiter = delimiter;
        this.source = source;
    }

    /** Advances to the next record; false at the end of the input. */
    boolean next() throws IOException {
        if (!started) {
            started = true;
            fill();
            if (limit - pos >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                pos = 3;
            }
        }
        while (true) {
            int r = tryRecord();
            if (r > 0) {
                return true;
            }
            if (r == 0) {
                return false;
            }
            fill();
        }
    }

    /** 1 = a record was read, 0 = end of input, -1 = the buffer ends inside the record: fill and retry. */
    private int tryRecord() throws CsvFormatException {
        final byte[] b = buf;
        final int lim = limit;
        final byte delim = delimiter;
        int p = pos;
        long ln = line;
        // skip blank lines
        while (true) {
            if (p >= lim) {
                if (eof) {
                    pos = p;
                    line = ln;
                    return 0;
                }
                return -1;
            }
            byte c = b[p];
            if (c == '\n') {
                p++;
                ln++;
            } else if (c == '\r') {
                if (p + 1 >= lim && !eof) {
                    return -1;
                }
                p++;
                if (p < lim && b[p] == '\n') {
                    p++;
                }
                ln++;
            } else {
                break;
            }
        }
        // blank lines are consumed for good, so that a refill does not recount them
        pos = p;
        line = ln;
        recordLine = ln;
        fields = 0;
        garbageField = -1;
        while (true) {
            if (fields == start.length) {
                grow();
            }
            int f = fields;
            if (p < lim && b[p] == QUOTE) {
                p++;
                int contentStart = p;
                boolean esc = false;
                while (true) {
                    if (p >= lim) {
                        if (eof) {
                            throw new CsvFormatException(source + ": line " + recordLine + ": the quoted field "
                                    + (f + 1) + " that starts on this line is not closed before the end of the input",
                                    recordLine);
                        }
                        return -1;
                    }
                    byte c = b[p];
                    if (c == QUOTE) {
                        if (p + 1 >= lim && !eof) {
                            return -1;
                        }
                        if (p + 1 < lim && b[p + 1] == QUOTE) {
                            esc = true;
                            p += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') {
                        ln++;
                    } else if (c == '\r') {
                        if (p + 1 >= lim && !eof) {
                            return -1;
                        }
                        if (p + 1 >= lim || b[p + 1] != '\n') {
                            ln++;
                        }
                    }
                    p++;
                }
                start[f] = contentStart;
                end[f] = p;
                escaped[f] = esc;
                fields = f + 1;
                p++; // closing quote
                if (p < lim && b[p] != delim && b[p] != '\n' && b[p] != '\r') {
                    // text after the closing quote: the record is malformed; keep scanning to the field's end
                    if (garbageField < 0) {
                        garbageField = f;
                    }
                    while (p < lim && b[p] != delim && b[p] != '\n' && b[p] != '\r') {
                        p++;
                    }
                }
            } else {
                int s = p;
                while (p < lim) {
                    byte c = b[p];
                    if (c == delim || c == '\n' || c == '\r') {
                        break;
                    }
                    p++;
                }
                start[f] = s;
                end[f] = p;
                escaped[f] = false;
                fields = f + 1;
            }
            if (p >= lim) {
                if (!eof) {
                    return -1;
                }
                pos = p;
                line = ln;
                return 1;
            }
            byte c = b[p];
            if (c == delim) {
                p++;
                continue;
            }
            // end of record
            if (c == '\r') {
                if (p + 1 >= lim && !eof) {
                    return -1;
                }
                p++;
                if (p < lim && b[p] == '\n') {
                    p++;
                }
            } else {
                p++;
            }
            pos = p;
            line = ln + 1;
            return 1;
        }
    }

    private void grow() {
        int n = start.length * 2;
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        escaped = Arrays.copyOf(escaped, n);
    }

    private void fill() throws IOException {
        if (eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        while (limit < buf.length) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
                return;
            }
            limit += r;
            if (r > 0 && limit > buf.length / 2) {
                return;
            }
        }
    }

    /** Physical line (1-based) on which the current record starts. */
    long recordLine() {
        return recordLine;
    }

    /** Number of fields in the current record. */
    int fieldCount() {
        return fields;
    }

    /** The first field with text after its closing quote, or -1. */
    int malformedField() {
        return garbageField;
    }

    /** The raw buffer; field {@code i} spans {@code [start(i), end(i))} unless {@link #escaped(int)}. */
    byte[] buffer() {
        return buf;
    }

    int start(int i) {
        return start[i];
    }

    int end(int i) {
        return end[i];
    }

    /** True when field {@code i} holds doubled quotes, so its bytes must be unescaped before use. */
    boolean escaped(int i) {
        return escaped[i];
    }

    /** True when field {@code i} is empty. */
    boolean isEmpty(int i) {
        return start[i] == end[i];
    }

    /**
     * Makes field {@code i} contiguous and unescaped: after the call, {@link #start(int)}/{@link #end(int)} of a
     * field with doubled quotes point into {@link #scratch()} and {@link #bytes(int)} says which array to read.
     */
    byte[] bytes(int i) {
        if (!escaped[i]) {
            return buf;
        }
        int n = 0;
        int s = start[i];
        int e = end[i];
        if (scratch.length < e - s) {
            scratch = new byte[Math.max(e - s, scratch.length * 2)];
        }
        for (int p = s; p < e; p++) {
            scratch[n++] = buf[p];
            if (buf[p] == QUOTE) {
                p++; // skip the second quote of the pair
            }
        }
        scratchLength = n;
        return scratch;
    }

    private int scratchLength;

    /** Start of field {@code i} in the array {@link #bytes(int)} returned. */
    int from(int i) {
        return escaped[i] ? 0 : start[i];
    }

    /** End of field {@code i} in the array {@link #bytes(int)} returned (call {@link #bytes(int)} first). */
    int to(int i) {
        return escaped[i] ? scratchLength : end[i];
    }

    /** Field {@code i} decoded (for messages and rare paths). */
    String string(int i, Charset charset) {
        byte[] b = bytes(i);
        return new String(b, from(i), to(i) - from(i), charset);
    }
}
