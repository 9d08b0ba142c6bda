package dev.segmentation.spark;

import dev.segmentation.data.InvalidRowPolicy;
import java.io.Serializable;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which columns of a Spark {@code DataFrame} hold the parts of a transaction line, with the same roles and
 * semantics as segmentation-io's CSV and JDBC readers: entity (one column, or several joined with {@code _}),
 * timestamp, order (or a synthetic {@code <entity>@<yyyy-MM-dd>} order per entity and day), quantity (1 when not
 * mapped), amount (or a unit price multiplied by the quantity), optional item, category and named numeric
 * attributes, and the {@link InvalidRowPolicy} for bad rows.
 *
 * <p><b>Accepted column types.</b> Text columns (entity, order, item, category) may be strings or numbers (a number
 * is written as Java writes it: {@code 1} for an integer type, {@code 17850.0} for a double). Numeric roles may be
 * any Spark numeric type or a string parsed with {@link Double#parseDouble} (an unparseable string is a bad row).
 * The timestamp may be a {@code TimestampType} (an instant), {@code TimestampNTZType} (read as UTC), {@code DateType}
 * (midnight UTC), a long or int of epoch seconds, or a string: parsed with the pattern given to
 * {@link Builder#timestamp(String, String)}, else as ISO {@code yyyy-MM-dd} or {@code yyyy-MM-ddTHH:mm[:ss]} (a
 * space may replace the {@code T}), all as UTC. Fractions of a second are dropped (floor), as in core.
 *
 * <p>Immutable, serializable (it travels to the executors) and thread-safe; built by {@link #builder()}. Presets:
 * {@link #onlineRetail()} and {@link #walmart()}, the column layouts of the UCI Online Retail and Walmart weekly
 * sales files, as segmentation-io's {@code CsvPresets} reads them.
 */
public final class ColumnMapping implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] entityColumns;
    private final String timestampColumn;
    private final String timestampPattern;
    private final String orderColumn;
    private final String quantityColumn;
    private final String amountColumn;
    private final String unitPriceColumn;
    private final String itemColumn;
    private final String categoryColumn;
    private final String[] attributeNames;
    private final String[] attributeColumns;
    private final InvalidRowPolicy policy;

    private ColumnMapping(Builder b) {
        this.entityColumns = b.entityColumns.clone();
        this.timestampColumn = b.timestampColumn;
        this.timestampPattern = b.timestampPattern;
        this.orderColumn = b.orderColumn;
        this.quantityColumn = b.quantityColumn;
        this.amountColumn = b.amountColumn;
        this.unitPriceColumn = b.unitPriceColumn;
        this.itemColumn = b.itemColumn;
        this.categoryColumn = b.categoryColumn;
        this.attributeNames = b.attributeNames.toArray(new String[0]);
        this.attributeColumns = b.attributeColumns.toArray(new String[0]);
        this.policy = b.policy;
    }

    /** A builder with nothing mapped and policy {@link InvalidRowPolicy#FAIL}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * UCI Online Retail ({@code InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID,
     * Country}): entity {@code CustomerID}, order {@code InvoiceNo}, item {@code StockCode}, timestamp
     * {@code InvoiceDate} ({@code yyyy-MM-dd HH:mm:ss} when a string), quantity {@code Quantity}, amount =
     * {@code Quantity x UnitPrice}; policy {@link InvalidRowPolicy#SKIP} (guest purchases have no customer). Read
     * the file with every column as a string (Spark's default without {@code inferSchema}) to keep the customer ids
     * as written ({@code 17850.0}), as the CSV reader does.
     */
    public static Builder onlineRetail() {
        return builder().entity("CustomerID").timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss").order("InvoiceNo")
                .item("StockCode").quantity("Quantity").unitPrice("UnitPrice").onInvalidRow(InvalidRowPolicy.SKIP);
    }

    /**
     * Walmart weekly store-department sales, already aggregated ({@code Store, Dept, Date, Weekly_Sales}): entity
     * {@code Store_Dept}, timestamp {@code Date} (midnight UTC), amount {@code Weekly_Sales}, quantity 1, synthetic
     * order {@code <Store_Dept>@<date>}; policy {@link InvalidRowPolicy#FAIL}. Each row becomes one transaction
     * line, so panels summed by amount are the weekly sales series.
     */
    public static Builder walmart() {
        return builder().entity("Store", "Dept").timestamp("Date", "yyyy-MM-dd").amount("Weekly_Sales");
    }

    /** The entity column(s); several are joined with {@code _}. */
    public List<String> entityColumns() {
        return List.of(entityColumns);
    }

    /** The timestamp column. */
    public String timestampColumn() {
        return timestampColumn;
    }

    /** The pattern for string timestamps, when set. */
    public Optional<String> timestampPattern() {
        return Optional.ofNullable(timestampPattern);
    }

    /** The order column; empty for synthetic {@code <entity>@<date>} orders. */
    public Optional<String> orderColumn() {
        return Optional.ofNullable(orderColumn);
    }

    /** The quantity column; empty when every line has quantity 1. */
    public Optional<String> quantityColumn() {
        return Optional.ofNullable(quantityColumn);
    }

    /** The amount column; empty when the amount is unit price x quantity. */
    public Optional<String> amountColumn() {
        return Optional.ofNullable(amountColumn);
    }

    /** The unit price column; empty when an amount column is mapped. */
    public Optional<String> unitPriceColumn() {
        return Optional.ofNullable(unitPriceColumn);
    }

    /** The item column, when mapped. */
    public Optional<String> itemColumn() {
        return Optional.ofNullable(itemColumn);
    }

    /** The category column, when mapped. */
    public Optional<String> categoryColumn() {
        return Optional.ofNullable(categoryColumn);
    }

    /** The names of the numeric attributes, in order. */
    public List<String> attributeNames() {
        return Collections.unmodifiableList(Arrays.asList(attributeNames));
    }

    /** The columns of the numeric attributes, in the order of {@link #attributeNames()}. */
    public List<String> attributeColumns() {
        return Collections.unmodifiableList(Arrays.asList(attributeColumns));
    }

    /** What happens to a bad row. */
    public InvalidRowPolicy policy() {
        return policy;
    }

    String[] entityColumnArray() {
        return entityColumns;
    }

    String[] attributeNameArray() {
        return attributeNames;
    }

    String[] attributeColumnArray() {
        return attributeColumns;
    }

    @Override
    public String toString() {
        return "ColumnMapping[entity=" + String.join("+", entityColumns) + ", timestamp=" + timestampColumn
                + (timestampPattern != null ? " (" + timestampPattern + ")" : "") + ", order="
                + (orderColumn != null ? orderColumn : "<entity>@<date>") + ", quantity="
                + (quantityColumn != null ? quantityColumn : "1") + ", amount="
                + (amountColumn != null ? amountColumn : unitPriceColumn + " x quantity")
                + (itemColumn != null ? ", item=" + itemColumn : "")
                + (categoryColumn != null ? ", category=" + categoryColumn : "")
                + (attributeNames.length > 0 ? ", attributes=" + Arrays.toString(attributeNames) : "") + ", policy="
                + policy + "]";
    }

    /**
     * Configures a {@link ColumnMapping}. Every setter checks its argument at once; {@link #build()} checks that
     * the entity, timestamp and amount (or unit price) are mapped, may be called again and never changes the
     * builder. Not thread-safe.
     */
    public static final class Builder {
        private String[] entityColumns = new String[0];
        private String timestampColumn;
        private String timestampPattern;
        private String orderColumn;
        private String quantityColumn;
        private String amountColumn;
        private String unitPriceColumn;
        private String itemColumn;
        private String categoryColumn;
        private final List<String> attributeNames = new ArrayList<>();
        private final List<String> attributeColumns = new ArrayList<>();
        private InvalidRowPolicy policy = InvalidRowPolicy.FAIL;

        private Builder() {
        }

        private static String column(String role, String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(role + " must be a non-blank column name but was "
                        + (name == null ? "null" : "'" + name + "'"));
            }
            return name;
        }

        /** The entity column, or several joined with {@code _} (e.g. {@code Store, Dept} gives {@code 1_1}). */
        public Builder entity(String... columns) {
            Objects.requireNonNull(columns, "columns");
            if (columns.length == 0) {
                throw new IllegalArgumentException("entity needs at least one column but none was given");
            }
            String[] c = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                c[i] = column("entity column " + i, columns[i]);
            }
            this.entityColumns = c;
            return this;
        }

        /** The timestamp column (see the class doc for the accepted types). */
        public Builder timestamp(String column) {
            this.timestampColumn = column("timestamp column", column);
            this.timestampPattern = null;
            return this;
        }

        /**
         * The timestamp column, with a {@link DateTimeFormatter} pattern for string values (a pattern without a
         * time of day gives midnight UTC).
         *
         * @throws IllegalArgumentException when the pattern is not a valid pattern
         */
        public Builder timestamp(String column, String pattern) {
            Objects.requireNonNull(pattern, "pattern");
            try {
                DateTimeFormatter.ofPattern(pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("timestamp pattern '" + pattern + "' is not a valid "
                        + "DateTimeFormatter pattern: " + e.getMessage(), e);
            }
            this.timestampColumn = column("timestamp column", column);
            this.timestampPattern = pattern;
            return this;
        }

        /** The order column (default: a synthetic order {@code <entity>@<yyyy-MM-dd>} per entity and day). */
        public Builder order(String column) {
            this.orderColumn = column("order column", column);
            return this;
        }

        /** Synthetic orders: one per entity and day, {@code <entity>@<yyyy-MM-dd>} (the default). */
        public Builder syntheticOrder() {
            this.orderColumn = null;
            return this;
        }

        /** The quantity column (default: every line has quantity 1). */
        public Builder quantity(String column) {
            this.quantityColumn = column("quantity column", column);
            return this;
        }

        /** The amount column; replaces a unit price. */
        public Builder amount(String column) {
            this.amountColumn = column("amount column", column);
            this.unitPriceColumn = null;
            return this;
        }

        /** The unit price column: amount = unit price x quantity; replaces an amount column. */
        public Builder unitPrice(String column) {
            this.unitPriceColumn = column("unit price column", column);
            this.amountColumn = null;
            return this;
        }

        /** The item column. */
        public Builder item(String column) {
            this.itemColumn = column("item column", column);
            return this;
        }

        /** The category column. */
        public Builder category(String column) {
            this.categoryColumn = column("category column", column);
            return this;
        }

        /**
         * Adds a named numeric attribute read from {@code column}.
         *
         * @throws IllegalArgumentException when the name is blank or already used
         */
        public Builder attribute(String name, String column) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("attribute name must be non-blank but was "
                        + (name == null ? "null" : "'" + name + "'"));
            }
            if (attributeNames.contains(name)) {
                throw new IllegalArgumentException("attribute '" + name + "' is already mapped");
            }
            String c = column("attribute column", column);
            attributeNames.add(name);
            attributeColumns.add(c);
            return this;
        }

        /** What to do with a bad row (default {@link InvalidRowPolicy#FAIL}). */
        public Builder onInvalidRow(InvalidRowPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The mapping.
         *
         * @throws IllegalStateException when the entity, the timestamp or the amount (amount or unit price) is not
         *     mapped
         */
        public ColumnMapping build() {
            if (entityColumns.length == 0) {
                throw new IllegalStateException("no entity: call entity(column...)");
            }
            if (timestampColumn == null) {
                throw new IllegalStateException("no timestamp: call timestamp(column)");
            }
            if (amountColumn == null && unitPriceColumn == null) {
                throw new IllegalStateException("no amount: call amount(column) or unitPrice(column)");
            }
            return new ColumnMapping(this);
        }
    }
}
