package dev.segmentation.io;

import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link Transactions} from a CSV file through a column mapping, streaming: the input is scanned in blocks
 * of bytes and never held whole in memory (the table being built holds one entry per accepted row).
 *
 * <pre>{@code
 * Transactions t = CsvTransactionReader.builder()
 *     .entity("CustomerID")
 *     .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
 *     .order("InvoiceNo")
 *     .quantity("Quantity")
 *     .unitPrice("UnitPrice")            // amount = Quantity x UnitPrice
 *     .item("StockCode")
 *     .onInvalidRow(InvalidRowPolicy.SKIP)
 *     .build()
 *     .read(Path.of("online_retail.csv.gz"));
 * }</pre>
 *
 * <p><b>Format.</b> RFC 4180: a header line naming the columns, then one record per line; fields
 * separated by the delimiter (default {@code ,}, or any run of spaces and tabs in
 * {@linkplain Builder#whitespaceDelimited() whitespace mode}, or cut at {@linkplain Builder#fixedWidth(int...) fixed
 * widths}); a field in double quotes may hold delimiters, line
 * breaks and doubled quotes ({@code ""} stands for one quote). Line endings LF, CRLF or CR; blank lines are skipped
 * in constant memory; a UTF-8 byte order mark is ignored. A file without a header is read with
 * {@link Builder#header(boolean) header(false)}: its columns are then named by their 1-based position, {@code "1"},
 * {@code "2"}, and so on. One record may take at most {@link Builder#maxRecordBytes(int)} bytes (default 1 MiB); a
 * longer one (a stray quote that swallows the rest of the file, or a file with no line breaks) is a
 * {@link CsvFormatException} naming the line where it starts. The charset defaults to UTF-8 (others are decoded as
 * declared) and is decoded strictly: bytes that are not valid in it are never replaced. Gzip input is recognised by
 * its magic bytes, whatever the file name; a truncated or corrupt gzip stream is a {@link CsvFormatException}
 * naming the source and the last complete line.
 *
 * <p><b>Mapping.</b>
 * <ul>
 *   <li>entity: one column, kept exactly as written, or several whose texts are joined with {@code _} (Walmart's
 *       {@code Store_Dept}, e.g. {@code 1_1}); inside a joined part, {@code _} and {@code \} are escaped with
 *       {@code \} ({@code a_b} and {@code c} give {@code a\_b_c}), so different parts never give the same id;</li>
 *   <li>timestamp: a column and a {@link java.time.format.DateTimeFormatter} pattern, resolved strictly; date-only
 *       patterns give midnight; local date-times are read in the reader's {@linkplain Builder#zone(ZoneId) zone}
 *       (UTC by default), or in the zone the text names ({@code VV}); a local time in a daylight-saving gap is
 *       handled as {@link Builder#dstGap(DstGap)} says (rejected by default);</li>
 *   <li>order: a column, or absent, in which case the order id is synthetic (see {@link SyntheticOrder});</li>
 *   <li>quantity: a column, or absent, in which case every row has quantity 1;</li>
 *   <li>amount: either an amount column, or a unit-price column multiplied by the quantity;</li>
 *   <li>item and category: optional columns; an empty field means "none" for that row;</li>
 *   <li>attributes: named numeric columns, stored as {@link Transactions} attributes.</li>
 * </ul>
 *
 * <p><b>Bad rows.</b> Rows are numbered by the physical line of the file on which they start (the header is line
 * 1). A field that cannot be parsed (a number, a timestamp not matching the pattern), a record with the wrong
 * number of fields or with text after a closing quote is recorded through
 * {@link Transactions.Builder#rejectRow} as {@link RowProblem#UNPARSEABLE}, and so is a text field holding bytes
 * that are not valid in the charset; values that parse but break the data model are rejected with their own
 * problem: a blank id ({@link RowProblem#BLANK_ENTITY}, {@link RowProblem#BLANK_ORDER}; blank means made only of
 * Unicode white space, space separators such as NBSP and U+3000, and format characters such as the zero-width
 * space), a number that is not finite ({@code 1e309}, {@code NaN}) and a timestamp outside the supported range.
 * Every message names the column as the header spells it and the text as written. Numbers are plain decimals
 * (see {@code Decimals}): Java literal forms such as {@code 12d}, {@code 5f} or {@code 0x1p3} are unparseable.
 * Under {@link InvalidRowPolicy#FAIL} (default) the first bad row throws an {@link IllegalArgumentException} whose
 * message starts with the source name and names the line ("row N"), the column and the text; under
 * {@link InvalidRowPolicy#SKIP} bad rows are left out and counted in {@link Transactions#rejected()}. A SKIP read
 * that rejects every row (typically a wrong delimiter or timestamp pattern) throws a {@link CsvFormatException}
 * that names the most frequent problem, an example and, where it can tell, the likely cause.
 *
 * <p><b>Speed.</b> Bytes are parsed in place: numbers by {@code Decimals} (plain decimals, correctly rounded),
 * ISO-like timestamps by a fixed-width parser, repeated texts interned per column. O(bytes) to scan plus the
 * O(n log n) of {@link Transactions.Builder#build()}.
 *
 * <p><b>Thread safety.</b> A reader is immutable and may be shared; each {@code read} call uses its own state.
 *
 * @see CsvPresets for the mappings of the datasets in the shared data folder
 */
public final class CsvTransactionReader {
    private static final Logger LOG = LoggerFactory.getLogger(CsvTransactionReader.class);

    /** How the order id is made when the mapping has no order column. */
    public enum SyntheticOrder {
        /**
         * One order per entity and calendar day (UTC): the id is {@code <entity>@<yyyy-MM-dd>}, e.g.
         * {@code 1_1@2010-02-05}. For weekly or daily panels (Walmart, Predict Future Sales) this is one order per
         * row of a series.
         */
        ENTITY_AND_DATE,
        /** One order per row: the id is the row's line number in the file, e.g. {@code 17}. */
        LINE
    }

    private final String[] entityColumns;
    private final String timestampColumn;
    private final String timestampPattern;
    private final String orderColumn;
    private final SyntheticOrder syntheticOrder;
    private final String quantityColumn;
    private final String amountColumn;
    private final String unitPriceColumn;
    private final String itemColumn;
    private final String categoryColumn;
    private final String[] attributeNames;
    private final String[] attributeColumns;
    private final byte delimiter;
    private final Charset charset;
    private final InvalidRowPolicy policy;
    private final boolean header;
    private final int maxRecordBytes;
    private final ZoneId zone;
    private final DstGap dstGap;
    /** Field widths in bytes (fixed-width mode), or null. */
    private final int[] widths;

    private CsvTransactionReader(Builder b) {
        this.entityColumns = b.entityColumns.clone();
        this.timestampColumn = b.timestampColumn;
        this.timestampPattern = b.timestampPattern;
        this.orderColumn = b.orderColumn;
        this.syntheticOrder = b.syntheticOrder;
        this.quantityColumn = b.quantityColumn;
        this.amountColumn = b.amountColumn;
        this.unitPriceColumn = b.unitPriceColumn;
        this.itemColumn = b.itemColumn;
        this.categoryColumn = b.categoryColumn;
        this.attributeNames = b.attributes.keySet().toArray(new String[0]);
        this.attributeColumns = b.attributes.values().toArray(new String[0]);
        this.delimiter = (byte) b.delimiter;
        this.charset = b.charset;
        this.policy = b.policy;
        this.header = b.header;
        this.maxRecordBytes = b.maxRecordBytes;
        this.zone = b.zone;
        this.dstGap = b.dstGap;
        this.widths = b.widths == null ? null : b.widths.clone();
    }

    /** A builder with no mapping yet, delimiter {@code ,}, UTF-8 and {@link InvalidRowPolicy#FAIL}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this reader's settings, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.entityColumns = entityColumns.clone();
        b.timestampColumn = timestampColumn;
        b.timestampPattern = timestampPattern;
        b.orderColumn = orderColumn;
        b.syntheticOrder = syntheticOrder;
        b.quantityColumn = quantityColumn;
        b.amountColumn = amountColumn;
        b.unitPriceColumn = unitPriceColumn;
        b.itemColumn = itemColumn;
        b.categoryColumn = categoryColumn;
        for (int i = 0; i < attributeNames.length; i++) {
            b.attributes.put(attributeNames[i], attributeColumns[i]);
        }
        b.delimiter = (char) delimiter;
        b.charset = charset;
        b.policy = policy;
        b.header = header;
        b.maxRecordBytes = maxRecordBytes;
        b.zone = zone;
        b.dstGap = dstGap;
        b.widths = widths == null ? null : widths.clone();
        return b;
    }

    /** The policy for bad rows. */
    public InvalidRowPolicy policy() {
        return policy;
    }

    /**
     * Reads a file (gzip or plain).
     *
     * @throws IOException when the file cannot be read; {@link CsvFormatException} when it is not usable CSV (no
     *     header, a mapped column missing from the header, an unterminated quoted field, a record over the size cap,
     *     a truncated or corrupt gzip stream, every row rejected under SKIP);
     *     {@link InterruptedIOException} when the reading thread is interrupted (checked every 16,384 records; the
     *     interrupt flag stays set)
     * @throws IllegalArgumentException under {@link InvalidRowPolicy#FAIL}, at the first bad row (message: file
     *     name, line, column, text)
     */
    public Transactions read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName() == null ? file.toString() : file.getFileName().toString());
        }
    }

    /**
     * Reads a stream (gzip or plain) to its end; the caller closes it.
     *
     * @param sourceName the name used in messages (a file name, say)
     * @throws IOException as for {@link #read(Path)}
     * @throws IllegalArgumentException as for {@link #read(Path)}
     */
    public Transactions read(InputStream in, String sourceName) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        InputStream bytes = CsvInput.asciiCompatible(CsvInput.gunzipIfNeeded(in), charset, sourceName);
        Charset textCharset = CsvInput.asciiCompatible(charset) ? charset : StandardCharsets.UTF_8;
        CsvTokenizer tok = widths != null
                ? new CsvTokenizer(bytes, widths, sourceName, 1 << 16, maxRecordBytes)
                : new CsvTokenizer(bytes, delimiter, sourceName, 1 << 16, maxRecordBytes);
        try {
            return new Run(tok, textCharset, sourceName).read();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(sourceName + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the header and resolves the wanted columns (null entries stay -1); the header's names are stored in
     * {@code headerOut[0]}.
     */
    static int[] resolve(CsvTokenizer tok, Charset cs, String source, String[] wanted, String[] roles,
            String[][] headerOut) throws IOException {
        return resolve(tok, cs, source, wanted, roles, headerOut, true);
    }

    /**
     * As {@link #resolve(CsvTokenizer, Charset, String, String[], String[], String[][])}; without a header, the first
     * record stays current (it is data) and the columns are named "1", "2", ... after their position.
     */
    static int[] resolve(CsvTokenizer tok, Charset cs, String source, String[] wanted, String[] roles,
            String[][] headerOut, boolean hasHeader) throws IOException {
        if (!tok.next()) {
            throw new CsvFormatException(source + ": the input is empty; "
                    + (hasHeader ? "a header line is required" : "there is no record"), 0);
        }
        String[] header = new String[tok.fieldCount()];
        Texts texts = new Texts(cs);
        for (int i = 0; i < header.length; i++) {
            if (!hasHeader) {
                header[i] = Integer.toString(i + 1);
                continue;
            }
            byte[] b = tok.bytes(i);
            try {
                header[i] = texts.decode(b, tok.from(i), tok.to(i));
            } catch (CharacterCodingException e) {
                throw new CsvFormatException(source + ": line " + tok.recordLine() + ": header field " + (i + 1)
                        + " '" + texts.display(b, tok.from(i), tok.to(i)) + "' holds bytes that are not valid "
                        + cs.name() + " (byte " + texts.firstBadByte(b, tok.from(i), tok.to(i))
                        + " of the field); set the charset the file is written in", tok.recordLine(), e);
            }
        }
        headerOut[0] = header;
        int[] idx = new int[wanted.length];
        for (int w = 0; w < wanted.length; w++) {
            idx[w] = -1;
            if (wanted[w] == null) {
                continue;
            }
            for (int i = 0; i < header.length; i++) {
                if (header[i].equals(wanted[w])) {
                    if (idx[w] >= 0) {
                        throw new CsvFormatException(source + ": line " + tok.recordLine() + ": the " + roles[w]
                                + " column '" + wanted[w] + "' appears more than once in the header "
                                + Arrays.toString(header), tok.recordLine());
                    }
                    idx[w] = i;
                }
            }
            if (idx[w] < 0) {
                if (!hasHeader) {
                    throw new CsvFormatException(source + ": the " + roles[w] + " column '" + wanted[w]
                            + "' is not a column position of this headerless file; line " + tok.recordLine()
                            + " has " + header.length + " fields, named 1 to " + header.length, tok.recordLine());
                }
                throw new CsvFormatException(source + ": the " + roles[w] + " column '" + wanted[w]
                        + "' is not in the header; the header's columns are " + Arrays.toString(header)
                        + likelyDelimiter(header), tok.recordLine());
            }
        }
        return idx;
    }

    /** A hint when a one-field header holds another common delimiter. */
    static String likelyDelimiter(String[] header) {
        if (header.length != 1) {
            return "";
        }
        for (char c : new char[] {';', '\t', '|', ','}) {
            if (header[0].indexOf(c) >= 0) {
                return "; the header is one field holding '" + (c == '\t' ? "\\t" : String.valueOf(c))
                        + "': is the delimiter wrong?";
            }
        }
        if (header[0].indexOf(' ') >= 0) {
            return "; the header is one field holding spaces: is the file whitespace-delimited?";
        }
        return "";
    }

    /** The state of one read. */
    private final class Run {
        private final CsvTokenizer tok;
        private final Charset cs;
        private final String source;
        private final Texts texts;
        private final StringPool entities;
        private final StringPool orders;
        private final StringPool items;
        private final StringPool categories;
        private final TimestampParser time;
        private byte[] key = new byte[128];
        private String lastEntity;
        private long lastDay = Long.MIN_VALUE;
        private String lastOrder;
        private String lastEntityForBytes;
        private byte[] lastEntityBytes;
        private String[] headerNames;
        /** Set by {@link #number(int)} and {@link #text(StringPool, int)} when the field cannot be read. */
        private boolean failed;

        Run(CsvTokenizer tok, Charset cs, String source) {
            this.tok = tok;
            this.cs = cs;
            this.source = source;
            this.texts = new Texts(cs);
            this.entities = new StringPool(cs);
            this.orders = new StringPool(cs);
            this.items = new StringPool(cs);
            this.categories = new StringPool(cs);
            this.time = new TimestampParser(timestampPattern, cs, zone, dstGap);
        }

        Transactions read() throws IOException {
            int ne = entityColumns.length;
            int na = attributeColumns.length;
            String[] wanted = new String[ne + 7 + na];
            String[] roles = new String[wanted.length];
            for (int i = 0; i < ne; i++) {
                wanted[i] = entityColumns[i];
                roles[i] = "entity";
            }
            String[] fixed = {timestampColumn, orderColumn, quantityColumn, amountColumn, unitPriceColumn,
                itemColumn, categoryColumn};
            String[] fixedRoles = {"timestamp", "order", "quantity", "amount", "unit price", "item", "category"};
            for (int i = 0; i < 7; i++) {
                wanted[ne + i] = fixed[i];
                roles[ne + i] = fixedRoles[i];
            }
            for (int i = 0; i < na; i++) {
                wanted[ne + 7 + i] = attributeColumns[i];
                roles[ne + 7 + i] = "attribute '" + attributeNames[i] + "'";
            }
            String[][] h = new String[1][];
            int[] idx = resolve(tok, cs, source, wanted, roles, h, header);
            headerNames = h[0];
            final int headerFields = tok.fieldCount();
            final int[] eCol = Arrays.copyOf(idx, ne);
            final int tCol = idx[ne];
            final int oCol = idx[ne + 1];
            final int qCol = idx[ne + 2];
            final int aCol = idx[ne + 3];
            final int pCol = idx[ne + 4];
            final int iCol = idx[ne + 5];
            final int cCol = idx[ne + 6];
            final int[] attrCol = Arrays.copyOfRange(idx, ne + 7, idx.length);
            final double[] attrs = new double[na];

            Transactions.Builder b = Transactions.builder().onInvalidRow(policy).attributes(attributeNames);
            builder = b;
            long records = 0;
            // without a header the first record is data and is current already
            boolean pending = !header;
            rows:
            while (pending || tok.next()) {
                pending = false;
                records++;
                final long line = tok.recordLine();
                if ((records & 0x3FFF) == 0 && Thread.currentThread().isInterrupted()) {
                    // the flag stays set for the caller
                    throw new InterruptedIOException(source + ": the read was interrupted at line " + line);
                }
                if (tok.fieldCount() != headerFields) {
                    b.rejectRow(RowProblem.UNPARSEABLE, line, "(record)",
                            tok.fieldCount() + " fields where the " + (header ? "header has " : "first line has ")
                                    + headerFields);
                    continue;
                }
                if (tok.malformedField() >= 0) {
                    int f = tok.malformedField();
                    b.rejectRow(RowProblem.UNPARSEABLE, line, header(f), "text after the closing quote of field "
                            + (f + 1));
                    continue;
                }
                String entity = entity(eCol);
                if (failed) {
                    continue; // rejected by entity(...)
                }
                long epochSecond;
                {
                    byte[] bb = tok.bytes(tCol);
                    epochSecond = time.parse(bb, tok.from(tCol), tok.to(tCol));
                    if (epochSecond == Long.MIN_VALUE) {
                        b.rejectRow(RowProblem.UNPARSEABLE, line, timestampColumn, shown(tCol));
                        continue;
                    }
                    if (epochSecond < Transactions.MIN_EPOCH_SECOND || epochSecond >= Transactions.END_EPOCH_SECOND) {
                        b.rejectRow(RowProblem.IMPOSSIBLE_TIMESTAMP, line, timestampColumn,
                                shown(tCol));
                        continue;
                    }
                }
                double quantity = 1.0;
                if (qCol >= 0) {
                    quantity = number(qCol, quantityColumn, RowProblem.NON_FINITE_QUANTITY);
                    if (failed) {
                        continue;
                    }
                }
                double amount;
                if (aCol >= 0) {
                    amount = number(aCol, amountColumn, RowProblem.NON_FINITE_AMOUNT);
                    if (failed) {
                        continue;
                    }
                } else {
                    double price = number(pCol, unitPriceColumn, RowProblem.NON_FINITE_AMOUNT);
                    if (failed) {
                        continue;
                    }
                    amount = price * quantity;
                    if (!Double.isFinite(amount)) {
                        b.rejectRow(RowProblem.NON_FINITE_AMOUNT, line, unitPriceColumn + " x " + quantityColumn,
                                shown(pCol) + "' x '" + shown(qCol));
                        continue;
                    }
                }
                for (int a = 0; a < na; a++) {
                    attrs[a] = number(attrCol[a], attributeColumns[a], RowProblem.NON_FINITE_ATTRIBUTE);
                    if (failed) {
                        continue rows;
                    }
                }
                String order;
                if (oCol >= 0) {
                    order = text(orders, oCol, b, line, orderColumn);
                    if (failed) {
                        continue;
                    }
                    if (Texts.isBlank(order)) {
                        b.rejectRow(RowProblem.BLANK_ORDER, line, orderColumn, order);
                        continue;
                    }
                } else if (syntheticOrder == SyntheticOrder.LINE) {
                    order = Long.toString(line);
                } else {
                    order = dayOrder(entity, Math.floorDiv(epochSecond, 86_400L));
                }
                String item = null;
                if (iCol >= 0 && !tok.isEmpty(iCol)) {
                    item = text(items, iCol, b, line, itemColumn);
                    if (failed) {
                        continue;
                    }
                }
                String category = null;
                if (cCol >= 0 && !tok.isEmpty(cCol)) {
                    category = text(categories, cCol, b, line, categoryColumn);
                    if (failed) {
                        continue;
                    }
                }
                b.at(line).add(entity, epochSecond, order, quantity, amount, item, category, attrs);
            }
            Transactions t = b.build();
            if (time.shiftedForward() > 0) {
                LOG.warn("{}: {} timestamps fell in a daylight-saving gap of their zone and were moved forward "
                        + "(DstGap.SHIFT_FORWARD)", source, time.shiftedForward());
            }
            if (t.size() == 0 && t.rejected().total() > 0) {
                throw everyRowRejected(t, records);
            }
            LOG.debug("{}: {} records, {} rows kept, {} entities, rejected {}", source, records, t.size(),
                    t.entityCount(), t.rejected().total());
            return t;
        }

        /** A SKIP read that kept nothing: name the most frequent problem, an example and a likely cause. */
        private CsvFormatException everyRowRejected(Transactions t, long records) {
            RowProblem most = null;
            for (RowProblem p : RowProblem.values()) {
                if (most == null || t.rejected().count(p) > t.rejected().count(most)) {
                    most = p;
                }
            }
            StringBuilder m = new StringBuilder(source).append(": every one of the ").append(records)
                    .append(" records was rejected (most often ").append(most).append(", ")
                    .append(t.rejected().count(most)).append(" times");
            if (!t.rejected().examples().isEmpty()) {
                m.append("; for example ").append(t.rejected().examples().get(0));
            }
            m.append(')');
            String hint = likelyDelimiter(headerNames);
            if (!hint.isEmpty()) {
                m.append(hint);
            } else if (most == RowProblem.UNPARSEABLE && t.rejected().count(RowProblem.UNPARSEABLE) > 0
                    && !t.rejected().examples().isEmpty()
                    && t.rejected().examples().get(0).contains("column " + timestampColumn + ":")) {
                m.append("; is the timestamp pattern '").append(timestampPattern).append("' right?");
            } else if (most == RowProblem.UNPARSEABLE && !t.rejected().examples().isEmpty()
                    && t.rejected().examples().get(0).contains("fields where the")) {
                m.append("; is the delimiter right?");
            }
            return new CsvFormatException(m.toString(), 0);
        }

        private String header(int f) {
            return f < headerNames.length ? headerNames[f] : "field " + (f + 1);
        }

        /** The text of field {@code col} as written (undecodable bytes as \xNN), for messages. */
        private String shown(int col) {
            byte[] bb = tok.bytes(col);
            return texts.display(bb, tok.from(col), tok.to(col));
        }


        /** The builder of this read (rows are rejected into it). */
        private Transactions.Builder builder;

        /**
         * The number in field {@code col}; when it is not a plain decimal, or not finite, rejects the row naming the
         * column as written and the text as written, and sets {@link #failed}.
         */
        private double number(int col, String column, RowProblem nonFinite) {
            byte[] bb = tok.bytes(col);
            failed = false;
            double v;
            try {
                v = Decimals.parse(bb, tok.from(col), tok.to(col));
            } catch (NumberFormatException e) {
                failed = true;
                builder.rejectRow(RowProblem.UNPARSEABLE, tok.recordLine(), column, shown(col));
                return Double.NaN;
            }
            if (!Double.isFinite(v)) {
                failed = true;
                builder.rejectRow(nonFinite, tok.recordLine(), column, shown(col));
            }
            return v;
        }

        /** Rejects the row when the field is not valid text in the charset (then {@link #failed} is set). */
        private String text(StringPool pool, int col, Transactions.Builder b, long line, String column) {
            byte[] bb = tok.bytes(col);
            failed = false;
            try {
                return pool.get(bb, tok.from(col), tok.to(col));
            } catch (CharacterCodingException e) {
                failed = true;
                b.rejectRow(RowProblem.UNPARSEABLE, line, column, undecodable(col));
                return null;
            }
        }

        private String undecodable(int col) {
            byte[] bb = tok.bytes(col);
            // the bytes that do not decode are shown as \xNN
            return texts.display(bb, tok.from(col), tok.to(col));
        }

        private String entity(int[] cols) {
            failed = false;
            if (cols.length == 1) {
                String id = text(entities, cols[0], builder, tok.recordLine(), entityColumns[0]);
                if (!failed && Texts.isBlank(id)) {
                    builder.rejectRow(RowProblem.BLANK_ENTITY, tok.recordLine(), entityColumns[0], id);
                    failed = true;
                }
                return id;
            }
            // parts joined with '_'; '_' and '\' inside a part are escaped with '\' so that the join is injective
            int n = 0;
            for (int k = 0; k < cols.length; k++) {
                int c = cols[k];
                byte[] bb = tok.bytes(c);
                int from = tok.from(c);
                int to = tok.to(c);
                // blank check without decoding for ASCII parts (the usual store and department numbers)
                int blank = Texts.asciiBlank(bb, from, to);
                if (blank < 0) {
                    String part;
                    try {
                        part = texts.decode(bb, from, to);
                    } catch (CharacterCodingException e) {
                        builder.rejectRow(RowProblem.UNPARSEABLE, tok.recordLine(), entityColumns[k], undecodable(c));
                        failed = true;
                        return null;
                    }
                    blank = Texts.isBlank(part) ? 1 : 0;
                }
                if (blank == 1) {
                    builder.rejectRow(RowProblem.BLANK_ENTITY, tok.recordLine(), entityColumns[k],
                            texts.display(bb, from, to));
                    failed = true;
                    return null;
                }
                int len = to - from;
                if (n + 2 * len + 1 > key.length) {
                    key = Arrays.copyOf(key, Math.max(key.length * 2, n + 2 * len + 1));
                }
                if (k > 0) {
                    key[n++] = '_';
                }
                for (int p = from; p < to; p++) {
                    byte x = bb[p];
                    if (x == '_' || x == '\\') {
                        key[n++] = '\\';
                    }
                    key[n++] = x;
                }
            }
            try {
                return entities.get(key, 0, n);
            } catch (CharacterCodingException e) {
                throw new IllegalStateException("decoded parts cannot fail to decode", e);
            }
        }
        private String dayOrder(String entity, long day) {
            if (entity == lastEntity && day == lastDay) {
                return lastOrder;
            }
            // entity@yyyy-MM-dd; civil_from_days (H. Hinnant)
            long z = day + 719_468;
            long era = Math.floorDiv(z, 146_097);
            long doe = z - era * 146_097;
            long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            int d = (int) (doy - (153 * mp + 2) / 5 + 1);
            int m = (int) (mp < 10 ? mp + 3 : mp - 9);
            int y = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
            if (entity != lastEntityForBytes) {
                lastEntityBytes = entity.getBytes(cs);
                lastEntityForBytes = entity;
            }
            byte[] e = lastEntityBytes;
            int n = e.length;
            if (key.length < n + 11) {
                key = Arrays.copyOf(key, n + 11);
            }
            System.arraycopy(e, 0, key, 0, n);
            key[n] = '@';
            key[n + 1] = (byte) ('0' + y / 1000);
            key[n + 2] = (byte) ('0' + y / 100 % 10);
            key[n + 3] = (byte) ('0' + y / 10 % 10);
            key[n + 4] = (byte) ('0' + y % 10);
            key[n + 5] = '-';
            key[n + 6] = (byte) ('0' + m / 10);
            key[n + 7] = (byte) ('0' + m % 10);
            key[n + 8] = '-';
            key[n + 9] = (byte) ('0' + d / 10);
            key[n + 10] = (byte) ('0' + d % 10);
            String id;
            try {
                id = orders.get(key, 0, n + 11);
            } catch (CharacterCodingException impossible) {
                throw new IllegalStateException("an encoded id cannot fail to decode", impossible);
            }
            lastEntity = entity;
            lastDay = day;
            lastOrder = id;
            return id;
        }
    }

    /**
     * Collects the mapping and the format; every setter validates its argument at once; {@link #build()} checks
     * that the mapping is complete and may be called again.
     */
    public static final class Builder {
        private String[] entityColumns;
        private String timestampColumn;
        private String timestampPattern;
        private String orderColumn;
        private SyntheticOrder syntheticOrder = SyntheticOrder.ENTITY_AND_DATE;
        private String quantityColumn;
        private String amountColumn;
        private String unitPriceColumn;
        private String itemColumn;
        private String categoryColumn;
        private final LinkedHashMap<String, String> attributes = new LinkedHashMap<>();
        private char delimiter = ',';
        private Charset charset = StandardCharsets.UTF_8;
        private InvalidRowPolicy policy = InvalidRowPolicy.FAIL;
        private boolean header = true;
        private int maxRecordBytes = CsvTokenizer.DEFAULT_MAX_RECORD_BYTES;
        private ZoneId zone = ZoneOffset.UTC;
        private DstGap dstGap = DstGap.REJECT;
        private int[] widths;

        private Builder() {
        }

        /**
         * The entity column, or several columns whose texts are joined with {@code _}.
         *
         * @throws IllegalArgumentException when no column or a blank name is given
         */
        public Builder entity(String... columns) {
            Objects.requireNonNull(columns, "columns");
            if (columns.length == 0) {
                throw new IllegalArgumentException("entity needs at least one column");
            }
            for (int i = 0; i < columns.length; i++) {
                column("entity column " + i, columns[i]);
            }
            this.entityColumns = columns.clone();
            return this;
        }

        /**
         * The timestamp column and its {@link java.time.format.DateTimeFormatter} pattern (e.g.
         * {@code yyyy-MM-dd HH:mm:ss}, {@code yyyy-MM-dd}, {@code dd.MM.yyyy}).
         *
         * @throws IllegalArgumentException on a blank column or an invalid pattern
         */
        public Builder timestamp(String column, String pattern) {
            column("timestamp column", column);
            Objects.requireNonNull(pattern, "pattern");
            TimestampParser p = new TimestampParser(pattern, StandardCharsets.UTF_8);
            if (p.parseWithFormatter("") != Long.MIN_VALUE) {
                throw new IllegalArgumentException("timestamp pattern '" + pattern + "' matches an empty text");
            }
            this.timestampColumn = column;
            this.timestampPattern = pattern;
            return this;
        }

        /** The order id column. */
        public Builder order(String column) {
            this.orderColumn = column("order column", column);
            return this;
        }

        /** No order column: ids are made as {@code rule} says (default {@link SyntheticOrder#ENTITY_AND_DATE}). */
        public Builder syntheticOrder(SyntheticOrder rule) {
            this.syntheticOrder = Objects.requireNonNull(rule, "rule");
            this.orderColumn = null;
            return this;
        }

        /** The quantity column (absent: every row has quantity 1). */
        public Builder quantity(String column) {
            this.quantityColumn = column("quantity column", column);
            return this;
        }

        /** The amount column: the monetary value of the line. Excludes {@link #unitPrice(String)}. */
        public Builder amount(String column) {
            this.amountColumn = column("amount column", column);
            return this;
        }

        /** The unit price column: amount = unit price x quantity. Excludes {@link #amount(String)}. */
        public Builder unitPrice(String column) {
            this.unitPriceColumn = column("unit price column", column);
            return this;
        }

        /** The item column (optional; an empty field means no item). */
        public Builder item(String column) {
            this.itemColumn = column("item column", column);
            return this;
        }

        /** The category column (optional; an empty field means no category). */
        public Builder category(String column) {
            this.categoryColumn = column("category column", column);
            return this;
        }

        /**
         * A numeric column stored as the {@link Transactions} attribute {@code name}.
         *
         * @throws IllegalArgumentException on a blank name or column, or a name already mapped
         */
        public Builder attribute(String name, String column) {
            column("attribute name", name);
            column("attribute column", column);
            if (attributes.containsKey(name)) {
                throw new IllegalArgumentException("attribute '" + name + "' is already mapped to column '"
                        + attributes.get(name) + "'");
            }
            attributes.put(name, column);
            return this;
        }

        /**
         * The field delimiter (default {@code ,}).
         *
         * @throws IllegalArgumentException when it is not ASCII, or is a quote, CR or LF
         */
        public Builder delimiter(char delimiter) {
            if (delimiter > 127 || delimiter == 0 || delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
                throw new IllegalArgumentException("delimiter must be an ASCII character other than NUL, a double "
                        + "quote, CR and LF but was '" + delimiter + "' (U+" + String.format("%04X", (int) delimiter)
                        + "); for fields separated by runs of spaces or tabs use whitespaceDelimited()");
            }
            this.delimiter = delimiter;
            this.widths = null;
            return this;
        }

        /**
         * Whitespace mode: any run of spaces and tabs separates two fields, and spaces and tabs at the start and end
         * of a line are ignored (the layout of many published purchase logs). Quoted fields may still hold spaces.
         * An empty field cannot be written in this mode except as {@code ""}. Replaces {@link #delimiter(char)}.
         */
        public Builder whitespaceDelimited() {
            this.delimiter = (char) CsvTokenizer.WHITESPACE;
            this.widths = null;
            return this;
        }

        /**
         * Fixed-width mode: each line is cut into fields of these widths, in bytes, from the start of the line;
         * spaces and tabs around each field are trimmed, a short last field is fine, and non-blank text past the
         * last width makes the row unparseable. No quoting. The header line, when there is one, is cut the same way;
         * without one ({@link #header(boolean) header(false)}) the columns are named "1", "2", .... Replaces
         * {@link #delimiter(char)} and {@link #whitespaceDelimited()}.
         *
         * @throws IllegalArgumentException when no width is given or a width is below 1
         */
        public Builder fixedWidth(int... widths) {
            Objects.requireNonNull(widths, "widths");
            if (widths.length == 0) {
                throw new IllegalArgumentException("fixedWidth needs at least one width");
            }
            for (int i = 0; i < widths.length; i++) {
                if (widths[i] < 1) {
                    throw new IllegalArgumentException("width " + (i + 1) + " must be >= 1 but was " + widths[i]);
                }
            }
            this.widths = widths.clone();
            return this;
        }

        /**
         * Whether the first line is a header naming the columns (default true). Without one, every line is data
         * and the columns are named by their 1-based position: {@code entity("1").timestamp("2", "yyyy-MM-dd")}.
         * Messages then name columns by position, and rows keep their physical line numbers (the first row is 1).
         */
        public Builder header(boolean present) {
            this.header = present;
            return this;
        }

        /**
         * The most bytes one record may take, its line break included (default 1 MiB = 1,048,576). A longer record
         * is a {@link CsvFormatException} naming the line it starts on; memory stays bounded by about this size
         * whatever the input.
         *
         * @throws IllegalArgumentException when below 16 or above 1 GiB
         */
        public Builder maxRecordBytes(int bytes) {
            if (bytes < 16 || bytes > 1 << 30) {
                throw new IllegalArgumentException("maxRecordBytes must be in [16, 1073741824] but was " + bytes);
            }
            this.maxRecordBytes = bytes;
            return this;
        }

        /**
         * The time zone of local timestamps, those whose text has neither an offset nor a zone (default UTC).
         * With a zone that has daylight saving, see {@link #dstGap(DstGap)}.
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** What to do with a local time inside a daylight-saving gap (default {@link DstGap#REJECT}). */
        public Builder dstGap(DstGap policy) {
            this.dstGap = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The text encoding (default UTF-8). */
        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        /** What to do with a bad row (default {@link InvalidRowPolicy#FAIL}). */
        public Builder onInvalidRow(InvalidRowPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The reader.
         *
         * @throws IllegalStateException when the entity, the timestamp, or the amount (amount or unit price) is not
         *     mapped, or when both amount and unit price are
         */
        public CsvTransactionReader build() {
            if (entityColumns == null) {
                throw new IllegalStateException("no entity column: call entity(...)");
            }
            if (timestampColumn == null) {
                throw new IllegalStateException("no timestamp column: call timestamp(column, pattern)");
            }
            if (amountColumn == null && unitPriceColumn == null) {
                throw new IllegalStateException("no amount: call amount(column) or unitPrice(column)");
            }
            if (amountColumn != null && unitPriceColumn != null) {
                throw new IllegalStateException("both amount('" + amountColumn + "') and unitPrice('"
                        + unitPriceColumn + "') are mapped; choose one");
            }
            return new CsvTransactionReader(this);
        }

        private static String column(String what, String column) {
            Objects.requireNonNull(column, what);
            if (column.isBlank()) {
                throw new IllegalArgumentException(what + " is blank: '" + column + "'");
            }
            return column;
        }
    }
}
