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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads {@link Transactions} from any SQL query through a column mapping, like {@link CsvTransactionReader}: entity,
 * timestamp, order, quantity, amount (or unit price x quantity), optional item, category and numeric attributes.
 * Rows are fetched in batches ({@link Builder#fetchSize}) from a forward-only, read-only result set and streamed
 * into the builder, so memory is that of the columnar {@code Transactions}, not of the rows.
 *
 * <p><b>Types.</b> The timestamp column may be a SQL {@code TIMESTAMP} (read as UTC), {@code TIMESTAMP WITH TIME
 * ZONE}, {@code DATE} (midnight UTC), an integer (epoch seconds) or text (ISO-8601 local date-time, or the pattern
 * given to {@link Builder#timestamp(String, String)}, read as UTC). Numeric columns may be any SQL number or text
 * holding one. Ids are read as text (integers become their decimal form).
 *
 * <p><b>Bad rows.</b> Rows are numbered from 1 in result-set order. A NULL or unparseable number or timestamp is a
 * {@link RowProblem#UNPARSEABLE} row named by its row number and column; blank ids, non-finite values and impossible
 * timestamps are checked by {@link Transactions.Builder} with the same numbering. Under
 * {@link InvalidRowPolicy#FAIL} (default) the first bad row throws an {@link IllegalArgumentException}; under
 * {@link InvalidRowPolicy#SKIP} bad rows are counted in {@link Transactions#rejected()}.
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
    private final String entity;
    private final String timestamp;
    private final DateTimeFormatter pattern;
    private final String patternText;
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
        this.pattern = b.pattern == null ? null : DateTimeFormatter.ofPattern(b.pattern, Locale.ROOT);
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
        Transactions.Builder b = Transactions.builder().onInvalidRow(policy);
        if (attrNames.length > 0) {
            b.attributes(attrNames);
        }
        double[] attrs = new double[attrNames.length];
        long row = 0;
        while (rs.next()) {
            row++;
            long epochSecond;
            try {
                epochSecond = epochSecond(rs, cTime, tType);
            } catch (BadValue e) {
                b.rejectRow(RowProblem.UNPARSEABLE, row, timestamp, e.text);
                continue;
            }
            double q;
            double a;
            try {
                q = number(rs, cQty);
            } catch (BadValue e) {
                b.rejectRow(RowProblem.UNPARSEABLE, row, quantity, e.text);
                continue;
            }
            try {
                a = cAmount >= 0 ? number(rs, cAmount) : number(rs, cPrice) * q;
            } catch (BadValue e) {
                b.rejectRow(RowProblem.UNPARSEABLE, row, cAmount >= 0 ? amount : unitPrice, e.text);
                continue;
            }
            boolean bad = false;
            for (int k = 0; k < cAttr.length && !bad; k++) {
                try {
                    attrs[k] = number(rs, cAttr[k]);
                } catch (BadValue e) {
                    b.rejectRow(RowProblem.UNPARSEABLE, row, attrColumns[k], e.text);
                    bad = true;
                }
            }
            if (bad) {
                continue;
            }
            // blank ids are named by their source columns (the builder would say "entity" and "order")
            String entityId = rs.getString(cEntity);
            if (entityId == null || entityId.isBlank()) {
                b.rejectRow(RowProblem.BLANK_ENTITY, row, entity, entityId);
                continue;
            }
            String orderId = rs.getString(cOrder);
            if (orderId == null || orderId.isBlank()) {
                b.rejectRow(RowProblem.BLANK_ORDER, row, order, orderId);
                continue;
            }
            b.at(row).add(entityId, epochSecond, orderId, q, a,
                    cItem >= 0 ? rs.getString(cItem) : null, cCategory >= 0 ? rs.getString(cCategory) : null,
                    attrs.clone());
        }
        return b.build();
    }

    /** A value that cannot be read; {@code text} is its text (null for SQL NULL). */
    private static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;
        final String text;

        BadValue(String text) {
            super(null, null, false, false);
            this.text = text;
        }
    }

    private static double number(ResultSet rs, int c) throws SQLException, BadValue {
        Object o = rs.getObject(c);
        if (o == null) {
            throw new BadValue(null);
        }
        if (o instanceof Number) {
            return ((Number) o).doubleValue();
        }
        String s = o.toString().trim();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new BadValue(o.toString());
        }
    }

    private long epochSecond(ResultSet rs, int c, int type) throws SQLException, BadValue {
        switch (type) {
            case Types.TIMESTAMP: {
                LocalDateTime t = rs.getObject(c, LocalDateTime.class);
                if (t == null) {
                    throw new BadValue(null);
                }
                return t.toEpochSecond(ZoneOffset.UTC);
            }
            case Types.TIMESTAMP_WITH_TIMEZONE: {
                OffsetDateTime t = rs.getObject(c, OffsetDateTime.class);
                if (t == null) {
                    throw new BadValue(null);
                }
                return t.toEpochSecond();
            }
            case Types.DATE: {
                LocalDate d = rs.getObject(c, LocalDate.class);
                if (d == null) {
                    throw new BadValue(null);
                }
                return d.toEpochDay() * 86_400L;
            }
            case Types.INTEGER:
            case Types.BIGINT:
            case Types.SMALLINT: {
                long v = rs.getLong(c);
                if (rs.wasNull()) {
                    throw new BadValue(null);
                }
                return v;
            }
            default: {
                String s = rs.getString(c);
                if (s == null) {
                    throw new BadValue(null);
                }
                try {
                    LocalDateTime t = pattern != null ? LocalDateTime.parse(s.trim(), pattern)
                            : LocalDateTime.parse(s.trim());
                    return t.toEpochSecond(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new BadValue(s);
                }
            }
        }
    }

    private static int column(ResultSetMetaData md, String name) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int c = 1; c <= md.getColumnCount(); c++) {
            String label = md.getColumnLabel(c);
            if (label.equalsIgnoreCase(name)) {
                return c;
            }
            names.add(label);
        }
        throw new IllegalArgumentException("no column '" + name + "' in the query result; columns are " + names);
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

        /** The timestamp column (required); text is read as ISO-8601 local date-time in UTC. */
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
            try {
                DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid timestamp pattern '" + pattern + "': " + e.getMessage(),
                        e);
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
