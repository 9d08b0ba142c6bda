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
 * <p>In whitespace mode ({@link #WHITESPACE}) any run of spaces and tabs separates fields, and spaces and tabs at
 * the start and end of a line are ignored (so a line of only spaces is blank); quoted fields work as usual.
 *
 * <p>The delimiter and the quote must be ASCII and the text must be in an ASCII-compatible encoding (callers
 * transcode other encodings first). Memory: one buffer that grows to hold the longest record, up to the record-size
 * cap given at construction; blank lines are consumed as they are scanned, so a run of them of any length costs no
 * memory. A record that does not fit the cap is a {@link CsvFormatException} naming the line it starts on. Read
 * errors of the underlying stream (truncated or corrupt gzip, say) are rethrown as a {@link CsvFormatException}
 * naming the source and the last complete line. Not thread-safe.
 */
final class CsvTokenizer {
    /** The delimiter value that selects whitespace mode (runs of spaces and tabs). */
    static final byte WHITESPACE = 0;
    /** Default cap on the bytes of one record (with its line break): 1 MiB. */
    static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;
    private static final int INITIAL_BUFFER = 1 << 16;
    private static final byte QUOTE = '"';

    private final InputStream in;
    private final byte delimiter;
    private final boolean whitespace;
    private final String source;
    private final int maxRecordBytes;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private long line = 1;
    /** True while the record being assembled is inside a quoted field at the end of the buffer. */
    private boolean pendingInQuote;
    /** Index of the quoted field that is pending at the end of the buffer. */
    private int pendingField;

    private int fields;
    private int[] start = new int[16];
    private int[] end = new int[16];
    private boolean[] escaped = new boolean[16];
    private long recordLine;
    private int garbageField = -1;
    private byte[] scratch = new byte[256];

    CsvTokenizer(InputStream in, byte delimiter, String source) {
        this(in, delimiter, source, INITIAL_BUFFER, DEFAULT_MAX_RECORD_BYTES);
    }

    /** With a chosen initial buffer size (tests use tiny buffers to exercise refills) and the default cap. */
    CsvTokenizer(InputStream in, byte delimiter, String source, int bufferSize) {
        this(in, delimiter, source, bufferSize, Math.max(bufferSize, DEFAULT_MAX_RECORD_BYTES));
    }

    /**
     * @param delimiter an ASCII delimiter, or {@link #WHITESPACE}
     * @param bufferSize the initial buffer size
     * @param maxRecordBytes the most bytes one record (with its line break) may take
     */
    CsvTokenizer(InputStream in, byte delimiter, String source, int bufferSize, int maxRecordBytes) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be >= 1 but was " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
        this.buf = new byte[Math.max(4, Math.min(bufferSize, maxRecordBytes + 2))];
        this.in = in;
        this.delimiter = delimiter;
        this.whitespace = delimiter == WHITESPACE;
        this.source = source;
        this.widths = null;
    }

    /**
     * Fixed-width mode: each line is one record cut into fields of the given widths in bytes (the last field may
     * be short or missing); spaces and tabs around each field are trimmed; text past the last width, if not blank,
     * is one more field (so the record has the wrong number of fields). No quoting.
     */
    CsvTokenizer(InputStream in, int[] widths, String source, int bufferSize, int maxRecordBytes) {
        this(in, (byte) ',', source, bufferSize, maxRecordBytes);
        this.widths = widths.clone();
    }

    private int[] widths;

    /** The current capacity of the buffer in bytes (tests check that it stays bounded). */
    int bufferCapacity() {
        return buf.length;
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
        // skip blank lines (and, in whitespace mode, leading spaces and tabs); what is skipped is consumed at once,
        // so a refill does not keep it (defect 1: a long run of blank lines used to be buffered whole)
        pendingInQuote = false;
        while (true) {
            if (p >= lim) {
                pos = p;
                line = ln;
                return eof ? 0 : -1;
            }
            byte c = b[p];
            if (c == '\n') {
                p++;
                ln++;
            } else if (c == '\r') {
                if (p + 1 >= lim && !eof) {
                    pos = p;
                    line = ln;
                    return -1;
                }
                p++;
                if (p < lim && b[p] == '\n') {
                    p++;
                }
                ln++;
            } else if (whitespace && (c == ' ' || c == '\t')) {
                p++;
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
        if (widths != null) {
            return fixedWidthRecord(b, lim, p, ln);
        }
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
                        pendingInQuote = true;
                        pendingField = f;
                        return -1;
                    }
                    byte c = b[p];
                    if (c == QUOTE) {
                        if (p + 1 >= lim && !eof) {
                            pendingInQuote = true;
                            pendingField = f;
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
                if (p < lim && !isDelimiter(b[p], delim) && b[p] != '\n' && b[p] != '\r') {
                    // text after the closing quote: the record is malformed; keep scanning to the field's end
                    if (garbageField < 0) {
                        garbageField = f;
                    }
                    while (p < lim && !isDelimiter(b[p], delim) && b[p] != '\n' && b[p] != '\r') {
                        p++;
                    }
                }
            } else {
                int s = p;
                while (p < lim) {
                    byte c = b[p];
                    if (isDelimiter(c, delim) || c == '\n' || c == '\r') {
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
            if (whitespace && (c == ' ' || c == '\t')) {
                // a run of spaces and tabs: one separator, or trailing space before the end of the line
                while (p < lim && (b[p] == ' ' || b[p] == '\t')) {
                    p++;
                }
                if (p >= lim) {
                    if (!eof) {
                        return -1;
                    }
                    pos = p;
                    line = ln;
                    return 1;
                }
                if (b[p] != '\n' && b[p] != '\r') {
                    continue;
                }
                c = b[p];
            } else if (!whitespace && c == delim) {
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

    /** One fixed-width record starting at {@code p} (not blank); same return codes as {@link #tryRecord()}. */
    private int fixedWidthRecord(byte[] b, int lim, int p, long ln) {
        int e = p;
        while (e < lim && b[e] != '\n' && b[e] != '\r') {
            e++;
        }
        if (e >= lim && !eof) {
            return -1;
        }
        int next = e;
        if (e < lim) {
            if (b[e] == '\r') {
                if (e + 1 >= lim && !eof) {
                    return -1;
                }
                next = e + 1 < lim && b[e + 1] == '\n' ? e + 2 : e + 1;
            } else {
                next = e + 1;
            }
        }
        int at = p;
        for (int w = 0; w <= widths.length; w++) {
            int s = Math.min(at, e);
            int t = w < widths.length ? Math.min(at + widths[w], e) : e;
            at = w < widths.length ? at + widths[w] : e;
            while (s < t && (b[s] == ' ' || b[s] == '\t')) {
                s++;
            }
            while (t > s && (b[t - 1] == ' ' || b[t - 1] == '\t')) {
                t--;
            }
            if (w == widths.length && s == t) {
                break; // nothing past the last width
            }
            if (fields == start.length) {
                grow();
            }
            start[fields] = s;
            end[fields] = t;
            escaped[fields] = false;
            fields++;
        }
        pos = next;
        line = ln + 1;
        return 1;
    }

    private boolean isDelimiter(byte c, byte delim) {
        return whitespace ? c == ' ' || c == '\t' : c == delim;
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
            // the buffer holds one incomplete record
            if (buf.length >= maxRecordBytes + 2L) {
                throw tooLong();
            }
            buf = Arrays.copyOf(buf, (int) Math.min(buf.length * 2L, maxRecordBytes + 2L));
        }
        while (limit < buf.length) {
            int r;
            try {
                r = in.read(buf, limit, buf.length - limit);
            } catch (CsvFormatException e) {
                throw e;
            } catch (IOException e) {
                long good = line - 1;
                throw new CsvFormatException(source + ": the input cannot be read after line " + good
                        + " (the last complete line; the data is truncated or corrupt): " + e, good, e);
            }
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

    private CsvFormatException tooLong() {
        String why = pendingInQuote
                ? "; the quoted field " + (pendingField + 1) + " opened in it is still open (a stray quote?)"
                : "";
        return new CsvFormatException(source + ": line " + line + ": the record that starts on this line is longer "
                + "than the limit of " + maxRecordBytes + " bytes" + why, line);
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
