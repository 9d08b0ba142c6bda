package dev.segmentation.io;

import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p><b>Format.</b> RFC 4180: a header line naming the columns (required), then one record per line; fields
 * separated by the delimiter (default {@code ,}); a field in double quotes may hold delimiters, line breaks and
 * doubled quotes ({@code ""} stands for one quote). Line endings LF, CRLF or CR; blank lines are skipped; a UTF-8
 * byte order mark is ignored. The charset defaults to UTF-8 (others are decoded as declared); gzip input is
 * recognised by its magic bytes, whatever the file name.
 *
 * <p><b>Mapping.</b>
 * <ul>
 *   <li>entity: one column, or several whose texts are joined with {@code _} (Walmart's {@code Store_Dept}); the
 *       text is kept exactly as written;</li>
 *   <li>timestamp: a column and a {@link java.time.format.DateTimeFormatter} pattern, resolved strictly; date-only
 *       patterns give midnight; local date-times are read as UTC;</li>
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
 * {@link Transactions.Builder#rejectRow} as {@link RowProblem#UNPARSEABLE}; values that parse but break the data
 * model (blank entity, non-finite number, timestamp out of range) are rejected by {@link Transactions.Builder#add}.
 * Under {@link InvalidRowPolicy#FAIL} (default) the first bad row throws an {@link IllegalArgumentException} whose
 * message starts with the source name and names the line ("row N"), the column and the text; under
 * {@link InvalidRowPolicy#SKIP} bad rows are left out and counted in {@link Transactions#rejected()}.
 *
 * <p><b>Speed.</b> Bytes are parsed in place: numbers by {@code Decimals} (exactly {@link Double#parseDouble}),
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
     *     header, a mapped column missing from the header, an unterminated quoted field)
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
        InputStream bytes = CsvInput.asciiCompatible(CsvInput.gunzipIfNeeded(in), charset);
        Charset textCharset = CsvInput.asciiCompatible(charset) ? charset : StandardCharsets.UTF_8;
        CsvTokenizer tok = new CsvTokenizer(bytes, delimiter, sourceName);
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
        if (!tok.next()) {
            throw new CsvFormatException(source + ": the input is empty; a header line is required", 0);
        }
        String[] header = new String[tok.fieldCount()];
        for (int i = 0; i < header.length; i++) {
            header[i] = tok.string(i, cs);
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
                throw new CsvFormatException(source + ": the " + roles[w] + " column '" + wanted[w]
                        + "' is not in the header; the header's columns are " + Arrays.toString(header),
                        tok.recordLine());
            }
        }
        return idx;
    }

    /** The state of one read. */
    private final class Run {
        private final CsvTokenizer tok;
        private final Charset cs;
        private final String source;
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

        Run(CsvTokenizer tok, Charset cs, String source) {
            this.tok = tok;
            this.cs = cs;
            this.source = source;
            this.entities = new StringPool(cs);
            this.orders = new StringPool(cs);
            this.items = new StringPool(cs);
            this.categories = new StringPool(cs);
            this.time = new TimestampParser(timestampPattern, cs);
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
            int[] idx = resolve(tok, cs, source, wanted, roles, h);
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
            long records = 0;
            rows:
            while (tok.next()) {
                records++;
                final long line = tok.recordLine();
                if (tok.fieldCount() != headerFields) {
                    b.rejectRow(RowProblem.UNPARSEABLE, line, "(record)",
                            tok.fieldCount() + " fields where the header has " + headerFields);
                    continue;
                }
                if (tok.malformedField() >= 0) {
                    int f = tok.malformedField();
                    b.rejectRow(RowProblem.UNPARSEABLE, line, header(f), "text after the closing quote of field "
                            + (f + 1));
                    continue;
                }
                String entity = entity(eCol);
                long epochSecond;
                {
                    byte[] bb = tok.bytes(tCol);
                    epochSecond = time.parse(bb, tok.from(tCol), tok.to(tCol));
                    if (epochSecond == Long.MIN_VALUE) {
                        b.rejectRow(RowProblem.UNPARSEABLE, line, timestampColumn, tok.string(tCol, cs));
                        continue;
                    }
                }
                double quantity = 1.0;
                if (qCol >= 0) {
                    quantity = number(qCol);
                    if (failed) {
                        b.rejectRow(RowProblem.UNPARSEABLE, line, quantityColumn, tok.string(qCol, cs));
                        continue;
                    }
                }
                double amount;
                if (aCol >= 0) {
                    amount = number(aCol);
                    if (failed) {
                        b.rejectRow(RowProblem.UNPARSEABLE, line, amountColumn, tok.string(aCol, cs));
                        continue;
                    }
                } else {
                    double price = number(pCol);
                    if (failed) {
                        b.rejectRow(RowProblem.UNPARSEABLE, line, unitPriceColumn, tok.string(pCol, cs));
                        continue;
                    }
                    amount = price * quantity;
                }
                for (int a = 0; a < na; a++) {
                    attrs[a] = number(attrCol[a]);
                    if (failed) {
                        b.rejectRow(RowProblem.UNPARSEABLE, line, attributeColumns[a], tok.string(attrCol[a], cs));
                        continue rows;
                    }
                }
                String order;
                if (oCol >= 0) {
                    order = text(orders, oCol);
                } else if (syntheticOrder == SyntheticOrder.LINE) {
                    order = Long.toString(line);
                } else {
                    order = dayOrder(entity, Math.floorDiv(epochSecond, 86_400L));
                }
                String item = iCol >= 0 && !tok.isEmpty(iCol) ? text(items, iCol) : null;
                String category = cCol >= 0 && !tok.isEmpty(cCol) ? text(categories, cCol) : null;
                b.at(line).add(entity, epochSecond, order, quantity, amount, item, category, attrs);
            }
            Transactions t = b.build();
            LOG.debug("{}: {} records, {} rows kept, {} entities, rejected {}", source, records, t.size(),
                    t.entityCount(), t.rejected());
            return t;
        }

        private String[] headerNames;

        private String header(int f) {
            return f < headerNames.length ? headerNames[f] : "field " + (f + 1);
        }

        private boolean failed;

        private double number(int col) {
            byte[] bb = tok.bytes(col);
            try {
                failed = false;
                return Decimals.parse(bb, tok.from(col), tok.to(col));
            } catch (NumberFormatException e) {
                failed = true;
                return Double.NaN;
            }
        }

        private String text(StringPool pool, int col) {
            byte[] bb = tok.bytes(col);
            return pool.get(bb, tok.from(col), tok.to(col));
        }

        private String entity(int[] cols) {
            if (cols.length == 1) {
                return text(entities, cols[0]);
            }
            int n = 0;
            for (int k = 0; k < cols.length; k++) {
                int c = cols[k];
                byte[] bb = tok.bytes(c);
                int from = tok.from(c);
                int len = tok.to(c) - from;
                if (n + len + 1 > key.length) {
                    key = Arrays.copyOf(key, Math.max(key.length * 2, n + len + 1));
                }
                if (k > 0) {
                    key[n++] = '_';
                }
                System.arraycopy(bb, from, key, n, len);
                n += len;
            }
            return entities.get(key, 0, n);
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
            String id = orders.get(key, 0, n + 11);
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
            if (delimiter > 127 || delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
                throw new IllegalArgumentException("delimiter must be an ASCII character other than a double quote, "
                        + "CR and LF but was '" + delimiter + "' (U+" + String.format("%04X", (int) delimiter) + ")");
            }
            this.delimiter = delimiter;
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
