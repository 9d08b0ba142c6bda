package dev.segmentation.io;

import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link Transactions} from any SQL query through a column mapping, like {@link CsvTransactionReader}: entity,
 * timestamp, order, quantity, amount (or unit price x quantity), optional item, category and numeric attributes.
 * Rows are fetched in batches ({@link Builder#fetchSize}) from a forward-only, read-only result set and streamed
 * into the builder, so memory is that of the columnar {@code Transactions}, not of the rows.
 *
 * <p><b>Types.</b> The timestamp column may be a SQL {@code TIMESTAMP} (read as UTC), {@code TIMESTAMP WITH TIME
 * ZONE}, {@code DATE} (midnight UTC), an integer (epoch seconds) or text: ISO-8601 {@code uuuu-MM-dd} with an
 * optional time after {@code T} or a space, or the pattern given to {@link Builder#timestamp(String, String)}
 * (resolved strictly: no 30 February, no hour 24; a date-only pattern such as {@code yyyy-MM-dd} gives midnight),
 * read as UTC. A column the driver reports as {@code DATE} but that holds text keeps the time of day the text
 * holds (sqlite-jdbc reports {@code DATETIME} columns so). Numeric columns may be any SQL number or text holding a
 * plain decimal ({@code 12d}, {@code 5f}, {@code 0x1p3} are refused). Ids are read as text (integers become their
 * decimal form). Mapped names match result labels in any case; a name that matches two labels is an error.
 *
 * <p><b>Bad rows.</b> Rows are numbered from 1 in result-set order. A NULL or unparseable number or timestamp is a
 * {@link RowProblem#UNPARSEABLE} row named by its row number, its column label and the value as the driver gave it;
 * blank ids (only Unicode white space, space separators and format characters), non-finite values and impossible
 * timestamps are rejected with their own problem, named the same way. Under {@link InvalidRowPolicy#FAIL} (default)
 * the first bad row throws an {@link IllegalArgumentException}; under {@link InvalidRowPolicy#SKIP} bad rows are
 * counted in {@link Transactions#rejected()}, and a read that rejects every row throws an
 * {@link IllegalArgumentException} naming the most frequent problem and an example.
 *
 * <p>Cost: one pass, O(rows). Immutable and thread-safe (each read uses its own statement); the JDBC connection
 * is the caller's and is not closed. Some drivers honour the fetch size only under conditions of their own
 * (PostgreSQL's: auto-commit off), and otherwise hold the whole result in memory.
 *
 * <p>Tested against SQLite (text timestamps, in the default suite) and PostgreSQL ({@code TIMESTAMP} columns, when
 * a server is given): on UCI Online Retail both give exactly the {@code Transactions} of the CSV source.
 *
 * <pre>{@code
 * JdbcTransactionReader reader = JdbcTransactionReader.builder()
 *     .entity("customer_id").timestamp("invoice_date").order("invoice_no")
 *     .quantity("quantity").unitPrice("unit_price").item("stock_code").build();
 * Transactions tx = reader.read(connection, "SELECT * FROM online_retail WHERE country = 'France'");
 * }</pre>
 */
public final class JdbcTransactionReader {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactionReader.class);
    private final String entity;
    private final String timestamp;
    private final String patternText;
    private final DstGap dstGap;
    private final String order;
    private final String quantity;
    private final String amount;
    private final String unitPrice;
    private final String item;
    private final String category;
    private final Map<String, String> attributes;
    private final int fetchSize;
    private final InvalidRowPolicy policy;

    private JdbcTransactionReader(Builder b) {
        this.entity = b.entity;
        this.timestamp = b.timestamp;
        this.patternText = b.pattern;
        this.dstGap = b.dstGap;
        this.order = b.order;
        this.quantity = b.quantity;
        this.amount = b.amount;
        this.unitPrice = b.unitPrice;
        this.item = b.item;
        this.category = b.category;
        this.attributes = new LinkedHashMap<>(b.attributes);
        this.fetchSize = b.fetchSize;
        this.policy = b.policy;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs {@code sql} on {@code connection} and reads its rows.
     *
     * @throws IllegalArgumentException when a mapped column is missing from the result, or on a bad row under
     *     {@link InvalidRowPolicy#FAIL} (naming the row and column)
     * @throws SQLException when the database fails
     */
    public Transactions read(Connection connection, String sql) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(sql, "sql");
        try (PreparedStatement st = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(fetchSize);
            try (ResultSet rs = st.executeQuery()) {
                return read(rs);
            }
        }
    }

    /**
     * Reads the remaining rows of {@code rs} (which stays open; the caller closes it).
     *
     * @throws IllegalArgumentException as {@link #read(Connection, String)}
     * @throws SQLException when the database fails
     * @throws CancellationException when the reading thread is interrupted (checked every 16,384 rows; the interrupt
     *     flag stays set)
     */
    public Transactions read(ResultSet rs) throws SQLException {
        Objects.requireNonNull(rs, "rs");
        ResultSetMetaData md = rs.getMetaData();
        int cEntity = column(md, entity);
        int cTime = column(md, timestamp);
        int tType = md.getColumnType(cTime);
        int cOrder = column(md, order);
        int cQty = column(md, quantity);
        int cAmount = amount != null ? column(md, amount) : -1;
        int cPrice = unitPrice != null ? column(md, unitPrice) : -1;
        int cItem = item != null ? column(md, item) : -1;
        int cCategory = category != null ? column(md, category) : -1;
        String[] attrNames = attributes.keySet().toArray(new String[0]);
        String[] attrColumns = attributes.values().toArray(new String[0]);
        int[] cAttr = new int[attrNames.length];
        for (int a = 0; a < cAttr.length; a++) {
            cAttr[a] = column(md, attrColumns[a]);
        }
        // messages name each column as the query result labels it
        String timeLabel = md.getColumnLabel(cTime);
        String qtyLabel = md.getColumnLabel(cQty);
        String amountLabel = cAmount >= 0 ? md.getColumnLabel(cAmount) : null;
        String priceLabel = cPrice >= 0 ? md.getColumnLabel(cPrice) : null;
        String entityLabel = md.getColumnLabel(cEntity);
        String orderLabel = md.getColumnLabel(cOrder);
        String[] attrLabels = new String[cAttr.length];
        for (int a = 0; a < cAttr.length; a++) {
            attrLabels[a] = md.getColumnLabel(cAttr[a]);
        }
        TimestampParser parser = JdbcValues.parser(patternText, dstGap);
        JdbcValues values = new JdbcValues(parser);
        Transactions.Builder b = Transactions.builder().onInvalidRow(policy);
        if (attrNames.length > 0) {
            b.attributes(attrNames);
        }
        double[] attrs = new double[attrNames.length];
        long row = 0;
        rows:
        while (rs.next()) {
            row++;
            if ((row & 0x3FFF) == 0 && Thread.currentThread().isInterrupted()) {
                // the flag stays set for the caller
                throw new CancellationException("the read was interrupted at row " + row);
            }
            long epochSecond;
            Object timeValue = timeValue(rs, cTime, tType);
            try {
                epochSecond = values.epochSecond(timeValue);
            } catch (JdbcValues.BadValue e) {
                b.rejectRow(RowProblem.UNPARSEABLE, row, timeLabel, e.text);
                continue;
            }
            if (epochSecond < Transactions.MIN_EPOCH_SECOND || epochSecond >= Transactions.END_EPOCH_SECOND) {
                b.rejectRow(RowProblem.IMPOSSIBLE_TIMESTAMP, row, timeLabel, String.valueOf(timeValue));
                continue;
            }
            Object qv = rs.getObject(cQty);
            double q;
            try {
                q = JdbcValues.number(qv);
            } catch (JdbcValues.BadValue e) {
                b.rejectRow(RowProblem.UNPARSEABLE, row, qtyLabel, e.text);
                continue;
            }
            if (!Double.isFinite(q)) {
                b.rejectRow(RowProblem.NON_FINITE_QUANTITY, row, qtyLabel, String.valueOf(qv));
                continue;
            }
            double a;
            Object av = rs.getObject(cAmount >= 0 ? cAmount : cPrice);
            String aLabel = cAmount >= 0 ? amountLabel : priceLabel;
            try {
                a = JdbcValues.number(av);
            } catch (JdbcValues.BadValue e) {
                b.rejectRow(RowProblem.UNPARSEABLE, row, aLabel, e.text);
                continue;
            }
            if (!Double.isFinite(a)) {
                b.rejectRow(RowProblem.NON_FINITE_AMOUNT, row, aLabel, String.valueOf(av));
                continue;
            }
            if (cAmount < 0) {
                a *= q;
                if (!Double.isFinite(a)) {
                    b.rejectRow(RowProblem.NON_FINITE_AMOUNT, row, priceLabel + " x " + qtyLabel,
                            av + "' x '" + qv);
                    continue;
                }
            }
            for (int k = 0; k < cAttr.length; k++) {
                Object v = rs.getObject(cAttr[k]);
                try {
                    attrs[k] = JdbcValues.number(v);
                } catch (JdbcValues.BadValue e) {
                    b.rejectRow(RowProblem.UNPARSEABLE, row, attrLabels[k], e.text);
                    continue rows;
                }
                if (!Double.isFinite(attrs[k])) {
                    b.rejectRow(RowProblem.NON_FINITE_ATTRIBUTE, row, attrLabels[k], String.valueOf(v));
                    continue rows;
                }
            }
            // blank ids are named by their source columns (the builder would say "entity" and "order")
            String entityId = rs.getString(cEntity);
            if (Texts.isBlank(entityId)) {
                b.rejectRow(RowProblem.BLANK_ENTITY, row, entityLabel, entityId);
                continue;
            }
            String orderId = rs.getString(cOrder);
            if (Texts.isBlank(orderId)) {
                b.rejectRow(RowProblem.BLANK_ORDER, row, orderLabel, orderId);
                continue;
            }
            b.at(row).add(entityId, epochSecond, orderId, q, a,
                    cItem >= 0 ? rs.getString(cItem) : null, cCategory >= 0 ? rs.getString(cCategory) : null,
                    attrs.clone());
        }
        Transactions t = b.build();
        if (parser != null && parser.shiftedForward() > 0) {
            LOG.warn("{} timestamps fell in a daylight-saving gap of their zone and were moved forward "
                    + "(DstGap.SHIFT_FORWARD)", parser.shiftedForward());
        }
        if (t.size() == 0 && t.rejected().total() > 0) {
            RowProblem most = RowProblem.UNPARSEABLE;
            for (RowProblem p : RowProblem.values()) {
                if (t.rejected().count(p) > t.rejected().count(most)) {
                    most = p;
                }
            }
            throw new IllegalArgumentException("every one of the " + row + " rows was rejected (most often " + most
                    + ", " + t.rejected().count(most) + " times"
                    + (t.rejected().examples().isEmpty() ? "" : "; for example " + t.rejected().examples().get(0))
                    + "); check the column mapping and the timestamp pattern"
                    + (patternText != null ? " '" + patternText + "'" : " (none: ISO-8601 text)"));
        }
        return t;
    }

    /**
     * The driver's value of the timestamp column: typed for SQL timestamp and integer types, and otherwise the
     * object the driver gives, so that text keeps its time of day even when the driver reports it as
     * {@code Types.DATE} (sqlite-jdbc does for a {@code DATETIME} column).
     */
    private static Object timeValue(ResultSet rs, int c, int type) throws SQLException {
        switch (type) {
            case Types.TIMESTAMP:
                return rs.getObject(c, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return rs.getObject(c, OffsetDateTime.class);
            case Types.INTEGER:
            case Types.BIGINT:
            case Types.SMALLINT: {
                long v = rs.getLong(c);
                return rs.wasNull() ? null : (Object) v;
            }
            case Types.DATE:
                // not getObject(c, LocalDate.class): that drops the time of a text DATETIME (sqlite-jdbc)
                return rs.getObject(c);
            default:
                return rs.getString(c);
        }
    }

    /** The 1-based index of the result column labelled {@code name} (any case); two such columns are an error. */
    private static int column(ResultSetMetaData md, String name) throws SQLException {
        List<String> names = new ArrayList<>();
        int found = -1;
        for (int c = 1; c <= md.getColumnCount(); c++) {
            String label = md.getColumnLabel(c);
            if (label.equalsIgnoreCase(name)) {
                if (found >= 0) {
                    throw new IllegalArgumentException("the column label '" + name + "' is ambiguous: result "
                            + "columns " + found + " ('" + md.getColumnLabel(found) + "') and " + c + " ('" + label
                            + "') both match; give them distinct aliases in the query");
                }
                found = c;
            }
            names.add(label);
        }
        if (found < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in the query result; columns are " + names);
        }
        return found;
    }

    @Override
    public String toString() {
        return "JdbcTransactionReader[entity=" + entity + ", timestamp=" + timestamp
                + (patternText != null ? " (" + patternText + ")" : "") + ", order=" + order + ", quantity="
                + quantity + (amount != null ? ", amount=" + amount : ", unitPrice=" + unitPrice) + "]";
    }

    /**
     * Configures a {@link JdbcTransactionReader}; each setter checks its argument at once and {@link #build()} the
     * combination. Not thread-safe; {@code build()} may be called again.
     */
    public static final class Builder {
        private String entity;
        private String timestamp;
        private String pattern;
        private String order;
        private String quantity;
        private String amount;
        private String unitPrice;
        private String item;
        private String category;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private int fetchSize = 10_000;
        private InvalidRowPolicy policy = InvalidRowPolicy.FAIL;
        private DstGap dstGap = DstGap.REJECT;

        private Builder() {
        }

        private static String name(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + " column name must not be blank");
            }
            return value;
        }

        /** The entity id column (required). */
        public Builder entity(String column) {
            this.entity = name(column, "entity");
            return this;
        }

        /**
         * The timestamp column (required); text is read as ISO-8601 in UTC: {@code uuuu-MM-dd}, optionally followed
         * by {@code HH:mm[:ss[.fraction]]} after a {@code T} or a space (strict: no 30 February, no hour 24).
         */
        public Builder timestamp(String column) {
            this.timestamp = name(column, "timestamp");
            this.pattern = null;
            return this;
        }

        /**
         * The timestamp column, with the {@link DateTimeFormatter} pattern of text values (read as UTC).
         *
         * @throws IllegalArgumentException when the pattern is invalid
         */
        public Builder timestamp(String column, String pattern) {
            Objects.requireNonNull(pattern, "pattern");
            TimestampParser p;
            try {
                p = new TimestampParser(pattern, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid timestamp pattern '" + pattern + "': " + e.getMessage(),
                        e);
            }
            if (p.parseWithFormatter("") != Long.MIN_VALUE) {
                throw new IllegalArgumentException("timestamp pattern '" + pattern + "' matches an empty text");
            }
            this.timestamp = name(column, "timestamp");
            this.pattern = pattern;
            return this;
        }

        /** The order id column (required). */
        public Builder order(String column) {
            this.order = name(column, "order");
            return this;
        }

        /** The quantity column (required). */
        public Builder quantity(String column) {
            this.quantity = name(column, "quantity");
            return this;
        }

        /** The line amount column (exclusive with {@link #unitPrice}). */
        public Builder amount(String column) {
            this.amount = name(column, "amount");
            return this;
        }

        /** The unit price column; the amount is unit price x quantity (exclusive with {@link #amount}). */
        public Builder unitPrice(String column) {
            this.unitPrice = name(column, "unitPrice");
            return this;
        }

        /** The item id column (optional). */
        public Builder item(String column) {
            this.item = name(column, "item");
            return this;
        }

        /** The category column (optional). */
        public Builder category(String column) {
            this.category = name(column, "category");
            return this;
        }

        /**
         * A numeric attribute named {@code name} read from {@code column}.
         *
         * @throws IllegalArgumentException when the name is blank or already mapped
         */
        public Builder attribute(String name, String column) {
            name(name, "attribute");
            if (attributes.containsKey(name)) {
                throw new IllegalArgumentException("attribute '" + name + "' is mapped twice");
            }
            attributes.put(name, name(column, "attribute"));
            return this;
        }

        /**
         * Rows fetched per round trip (default 10,000; a hint to the driver).
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder fetchSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("fetchSize must be >= 1 but was " + rows);
            }
            this.fetchSize = rows;
            return this;
        }

        /** What to do with a bad row (default {@link InvalidRowPolicy#FAIL}). */
        public Builder onInvalidRow(InvalidRowPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * What to do with text timestamps whose pattern names a zone ({@code VV}) and whose local time falls in a
         * daylight-saving gap of that zone (default {@link DstGap#REJECT}).
         */
        public Builder dstGap(DstGap policy) {
            this.dstGap = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The reader.
         *
         * @throws IllegalStateException when a required column is not mapped, or both or neither of amount and unit
         *     price are
         */
        public JdbcTransactionReader build() {
            List<String> missing = new ArrayList<>();
            if (entity == null) {
                missing.add("entity");
            }
            if (timestamp == null) {
                missing.add("timestamp");
            }
            if (order == null) {
                missing.add("order");
            }
            if (quantity == null) {
                missing.add("quantity");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("required columns are not mapped: " + missing);
            }
            if ((amount == null) == (unitPrice == null)) {
                throw new IllegalStateException("map exactly one of amount and unitPrice (amount: " + amount
                        + ", unitPrice: " + unitPrice + ")");
            }
            return new JdbcTransactionReader(this);
        }
    }
}
