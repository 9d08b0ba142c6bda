package dev.segmentation.data;

import dev.segmentation.internal.Dictionary;
import dev.segmentation.internal.IntSorts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * An immutable, columnar table of purchase lines: entity id, timestamp, order id, quantity, amount (monetary value
 * of the line), an optional item id, an optional category and optional named numeric attributes.
 *
 * <p><b>Layout.</b> Strings are dictionary-encoded to dense ints. Entities are numbered {@code 0..entityCount()-1}
 * in the sorted order of their ids, and the rows of each entity are contiguous ({@link #entityStart(int)} to
 * {@link #entityEnd(int)}), ordered by timestamp, then order id, item id, category, quantity, amount and the
 * numeric attributes in declaration order (values by {@link Double#compare}), so every column takes part. This
 * order is canonical: the same multiset of rows gives an identical table whatever order the rows were added in,
 * so every feature computed from it is independent of input order, bit for bit.
 *
 * <p><b>Timestamps</b> are seconds since 1970-01-01T00:00 in UTC (a {@link LocalDateTime} is read as UTC). The
 * calendar date of a row is {@code floorDiv(epochSecond, 86400)} days since the epoch.
 *
 * <p><b>Bad input.</b> A null or blank entity or order id (blank as {@link Ids#isBlank}: empty, or only whitespace,
 * Unicode space and format characters such as U+00A0 or U+200B), a NaN or infinite quantity, amount or attribute, and a
 * timestamp outside 1900-01-01 to 2200-01-01 (exclusive) are rejected with an {@link IllegalArgumentException}
 * naming the row, the column and the value, unless the builder was given {@link InvalidRowPolicy#SKIP}; then
 * the rows are left out and reported by {@link #rejected()}.
 *
 * <p><b>Cost.</b> Building is O(n log n) in the number of rows (O(n) for rows already in time order within each
 * entity); every accessor is O(1). <b>Thread safety:</b> immutable and safe to share between threads; the
 * {@link Builder} is not thread-safe.
 */
public final class Transactions {
    /** Smallest accepted timestamp: 1900-01-01T00:00:00Z. */
    public static final long MIN_EPOCH_SECOND = LocalDate.of(1900, 1, 1).toEpochDay() * 86_400L;
    /** First rejected timestamp at the top: 2200-01-01T00:00:00Z. */
    public static final long END_EPOCH_SECOND = LocalDate.of(2200, 1, 1).toEpochDay() * 86_400L;

    private final String[] entityIds;
    private final int[] entityStart;
    private final int size;
    private final CompactColumns.Rows rows;
    private final CompactColumns.Times time;
    private final CompactColumns.Orders order;
    private final CompactColumns.Decimals quantity;
    private final CompactColumns.Decimals amount;
    private final CompactColumns.Codes item; // null: column absent
    private final CompactColumns.Categories category; // null: column absent
    private final double[][] attributes;
    private final String[] orderIds; // null for numbered orders (see SortedColumns#numberedOrders)
    private final String orderPrefix; // numbered orders: id of code c is prefix + c zero-padded to orderWidth
    private final int orderWidth;
    private final int numberedOrderCount;
    private final String[] itemIds;
    private final String[] categoryIds;
    private final String[] attributeNames;
    private final RejectedRows rejected;
    /** {smallest, largest} timestamp, computed by the first call that needs them (null until then). */
    private volatile long[] timeRange;

    private Transactions(String[] entityIds, int[] entityStart, CompactColumns.Rows rows, double[][] attributes,
            String[] orderIds, String orderPrefix, int numberedOrderCount, String[] itemIds, String[] categoryIds,
            String[] attributeNames, RejectedRows rejected) {
        rows.trim();
        this.entityIds = entityIds;
        this.entityStart = entityStart;
        this.size = rows.size;
        this.rows = rows;
        this.time = rows.time;
        this.order = rows.order;
        this.quantity = rows.quantity;
        this.amount = rows.amount;
        this.item = rows.item;
        this.category = rows.category;
        this.attributes = attributes;
        this.orderIds = orderIds;
        this.orderPrefix = orderPrefix;
        this.numberedOrderCount = numberedOrderCount;
        this.orderWidth = orderIds == null ? Integer.toString(Math.max(0, numberedOrderCount - 1)).length() : 0;
        this.itemIds = itemIds;
        this.categoryIds = categoryIds;
        this.attributeNames = attributeNames;
        this.rejected = rejected;
    }

    /** prefix + code, zero-padded to width digits. */
    private static String numberedId(String prefix, int code, int width) {
        String digits = Integer.toString(code);
        StringBuilder b = new StringBuilder(prefix.length() + width);
        b.append(prefix);
        for (int k = digits.length(); k < width; k++) {
            b.append('0');
        }
        return b.append(digits).toString();
    }

    /** A builder that takes rows one at a time. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a table from primitive columns of equal length (copied). {@code itemIds} and {@code categories} may be
     * null (column absent); their elements may be null (value absent for that row).
     *
     * @throws IllegalArgumentException when the columns differ in length, or a row is invalid (see class doc)
     */
    public static Transactions ofColumns(String[] entityIds, long[] epochSeconds, String[] orderIds,
            double[] quantities, double[] amounts, String[] itemIds, String[] categories) {
        Objects.requireNonNull(entityIds, "entityIds");
        Objects.requireNonNull(epochSeconds, "epochSeconds");
        Objects.requireNonNull(orderIds, "orderIds");
        Objects.requireNonNull(quantities, "quantities");
        Objects.requireNonNull(amounts, "amounts");
        int n = entityIds.length;
        checkLength("epochSeconds", epochSeconds.length, n);
        checkLength("orderIds", orderIds.length, n);
        checkLength("quantities", quantities.length, n);
        checkLength("amounts", amounts.length, n);
        if (itemIds != null) {
            checkLength("itemIds", itemIds.length, n);
        }
        if (categories != null) {
            checkLength("categories", categories.length, n);
        }
        Builder b = new Builder(n);
        for (int i = 0; i < n; i++) {
            b.add(entityIds[i], epochSeconds[i], orderIds[i], quantities[i], amounts[i],
                    itemIds == null ? null : itemIds[i], categories == null ? null : categories[i]);
        }
        return b.build();
    }

    private static void checkLength(String name, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException(
                    "column " + name + " has " + length + " values but entityIds has " + expected);
        }
    }

    /** Number of rows. */
    public int size() {
        return size;
    }

    /** True when there is no row. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Number of distinct entities. */
    public int entityCount() {
        return entityIds.length;
    }

    /** The id of entity {@code e} (entities are numbered in sorted id order). */
    public String entityId(int e) {
        return entityIds[e];
    }

    /** All entity ids in entity order (unmodifiable). */
    public List<String> entityIds() {
        return Collections.unmodifiableList(Arrays.asList(entityIds));
    }

    /** The number of {@code id}, if present. O(log entities). */
    public OptionalInt entityIndex(String id) {
        int i = Arrays.binarySearch(entityIds, Objects.requireNonNull(id, "id"));
        return i >= 0 ? OptionalInt.of(i) : OptionalInt.empty();
    }

    /** First row of entity {@code e}. */
    public int entityStart(int e) {
        return entityStart[e];
    }

    /** One past the last row of entity {@code e}. */
    public int entityEnd(int e) {
        return entityStart[e + 1];
    }

    /** The entity of {@code row}. O(log entities). */
    public int entityOf(int row) {
        int i = Arrays.binarySearch(entityStart, row);
        if (i >= 0) {
            while (i + 1 < entityStart.length && entityStart[i + 1] == row) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }

    /** Timestamp of {@code row}, seconds since the epoch in UTC. */
    public long epochSecond(int row) {
        return time.get(row);
    }

    /** Calendar date of {@code row} as days since 1970-01-01. */
    public long epochDay(int row) {
        return Math.floorDiv(time.get(row), 86_400L);
    }

    private int checkOrderRow(int row) {
        if (row < 0 || row >= size) {
            // the bit-packed encoding has room past the last row: keep the array's error for a bad row
            throw new ArrayIndexOutOfBoundsException("Index " + row + " out of bounds for length " + size);
        }
        return row;
    }

    /** Dictionary code of the order of {@code row} (codes follow sorted order-id order). */
    public int orderCode(int row) {
        return order.get(checkOrderRow(row));
    }

    /** Order id of {@code row}. */
    public String orderId(int row) {
        return orderIdOfCode(orderCode(row));
    }

    /** The order id of code {@code code}. */
    public String orderIdOfCode(int code) {
        if (orderIds != null) {
            return orderIds[code];
        }
        if (code < 0 || code >= numberedOrderCount) {
            throw new ArrayIndexOutOfBoundsException("order code " + code + " outside 0.." + (numberedOrderCount - 1));
        }
        return numberedId(orderPrefix, code, orderWidth);
    }

    /** Number of distinct order ids. */
    public int orderCount() {
        return orderIds != null ? orderIds.length : numberedOrderCount;
    }

    /** Quantity of {@code row}. */
    public double quantity(int row) {
        return quantity.get(row);
    }

    /** Amount (monetary value of the line) of {@code row}. */
    public double amount(int row) {
        return amount.get(row);
    }

    /** True when rows carry an item id. */
    public boolean hasItems() {
        return item != null;
    }

    /** Item code of {@code row}, or -1 when the row has no item (or the column is absent). */
    public int itemCode(int row) {
        return item == null ? -1 : item.get(row);
    }

    /** Item id of {@code row}, or null when absent. */
    public String itemId(int row) {
        int c = itemCode(row);
        return c < 0 ? null : itemIds[c];
    }

    /** Number of distinct item ids. */
    public int itemCount() {
        return itemIds.length;
    }

    /** The item id of code {@code code}. */
    public String itemIdOfCode(int code) {
        return itemIds[code];
    }

    /** True when rows carry a category. */
    public boolean hasCategories() {
        return category != null;
    }

    /** Category code of {@code row}, or -1 when absent. */
    public int categoryCode(int row) {
        return category == null ? -1 : category.get(row);
    }

    /** Category of {@code row}, or null when absent. */
    public String category(int row) {
        int c = categoryCode(row);
        return c < 0 ? null : categoryIds[c];
    }

    /** Number of distinct categories. */
    public int categoryCount() {
        return categoryIds.length;
    }

    /** The category of code {@code code}. */
    public String categoryOfCode(int code) {
        return categoryIds[code];
    }

    /** Names of the numeric attributes, in declaration order (unmodifiable). */
    public List<String> attributeNames() {
        return Collections.unmodifiableList(Arrays.asList(attributeNames));
    }

    /**
     * Index of the attribute called {@code name}.
     *
     * @throws IllegalArgumentException when there is no such attribute (the message lists the ones there are)
     */
    public int attributeIndex(String name) {
        for (int i = 0; i < attributeNames.length; i++) {
            if (attributeNames[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(
                "no attribute named '" + name + "'; attributes are " + Arrays.toString(attributeNames));
    }

    /** Value of attribute {@code attribute} (an index from {@link #attributeIndex}) on {@code row}. */
    public double attribute(int attribute, int row) {
        return attributes[attribute][row];
    }

    /** Smallest timestamp; throws when empty. O(rows) on the first call of this or {@link #maxEpochSecond}, then O(1). */
    public long minEpochSecond() {
        return timeRange()[0];
    }

    /** Largest timestamp; throws when empty. O(rows) on the first call of this or {@link #minEpochSecond}, then O(1). */
    public long maxEpochSecond() {
        return timeRange()[1];
    }

    /**
     * One scan for both ends of the time span, kept (the table is immutable): every extractor that defaults its
     * as-of date asks for it, and at 50M rows a scan costs about 0.1 s. Two threads racing on the first call may
     * both scan; the results are equal and published through the volatile field.
     */
    private long[] timeRange() {
        requireRows();
        long[] range = timeRange;
        if (range == null) {
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (int r = 0; r < size; r++) {
                long t = time.get(r);
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
            range = new long[] {lo, hi};
            timeRange = range;
        }
        return range;
    }

    private void requireRows() {
        if (size == 0) {
            throw new IllegalStateException("the table has no rows");
        }
    }

    /** Rows left out under {@link InvalidRowPolicy#SKIP} (empty under FAIL). */
    public RejectedRows rejected() {
        return rejected;
    }

    /**
     * The rows for which {@code keep} is true, as a new table (entities without a kept row disappear). The
     * rejection report is carried over.
     */
    public Transactions filterRows(IntPredicate keep) {
        Objects.requireNonNull(keep, "keep");
        Builder b = new Builder(size());
        b.attributes(attributeNames);
        double[] attrs = new double[attributeNames.length];
        for (int r = 0; r < size; r++) {
            if (keep.test(r)) {
                for (int a = 0; a < attrs.length; a++) {
                    attrs[a] = attributes[a][r];
                }
                b.add(entityIds[entityOf(r)], time.get(r), orderId(r), quantity.get(r), amount.get(r), itemId(r),
                        category(r), attrs);
            }
        }
        Transactions t = b.build();
        return new Transactions(t.entityIds, t.entityStart, t.rows, t.attributes, t.orderIds, null, 0, t.itemIds,
                t.categoryIds, t.attributeNames, rejected);
    }

    /** Rows with {@code from <= timestamp < to}. */
    public Transactions between(Instant from, Instant to) {
        long a = from.getEpochSecond();
        long b = to.getEpochSecond();
        return filterRows(r -> time.get(r) >= a && time.get(r) < b);
    }

    /**
     * How the row columns are stored, column by column: timestamps as 32-bit offsets, orders as one bit per row
     * when codes run in row order, quantities and amounts as whole numbers or whole cents when that is exact, item
     * codes in 8 or 16 bits, categories as one per item when the catalogue gives each item one category. A column
     * that does not fit its compact encoding says so here ("fallback: ...") and keeps the plain one; every accessor
     * returns the same value, bit for bit, whatever the encoding. For reports and benchmarks.
     */
    public String storageLayout() {
        return rows.layout() + (attributes.length == 0 ? "" : "; attributes: float64 x " + attributes.length);
    }

    /**
     * Bytes held by the row columns (timestamps, orders, quantities, amounts, items, categories, attributes and
     * the entity row offsets), without the id dictionaries and object headers. O(1).
     */
    public long storageBytes() {
        return rows.bytes() + 8L * attributes.length * size + 4L * entityStart.length;
    }

    @Override
    public String toString() {
        return "Transactions[rows=" + size() + ", entities=" + entityCount() + ", orders=" + orderCount()
                + ", items=" + itemIds.length + ", attributes=" + Arrays.toString(attributeNames) + "]";
    }

    /**
     * A streaming builder for data already in canonical order, entity by entity: rows go straight into the compact
     * columns, so a generator can write hundreds of millions of rows without ever holding them twice. See
     * {@link Appender}.
     */
    public static Appender appender() {
        return new Appender();
    }

    /**
     * Builds a {@link Transactions} table from rows written one at a time, already in the table's canonical
     * layout: the streaming counterpart of {@link SortedColumns}, with the same rules and the same result (the
     * table the row builder makes from the same rows), but nothing is held per row beyond the compact columns.
     *
     * <p><b>Input.</b> Dictionaries first: {@link #items} and {@link #categories} (sorted distinct ids; ids no row
     * uses are dropped and the codes renumbered at {@link #build()}, as the row builder would never have seen them;
     * a column in which no row has a value is absent), and either {@link #orders} (sorted distinct ids, each used by
     * some row) or {@link #numberedOrders} (code c is {@code prefix} + c zero-padded to the width of the largest
     * code; every code from 0 to the largest must occur). Then, for each entity in strictly increasing id order,
     * {@link #entity} followed by its rows ({@link #row}), at least one, ordered by timestamp, then order code, item
     * code, category code, quantity and amount ({@link Double#compare}).
     *
     * <p><b>Validation</b> as each row arrives: the row rules of the row builder (timestamp range, finite quantity
     * and amount), codes within their dictionaries and the canonical order, each violation an
     * {@link IllegalArgumentException} naming the row (numbered from 0 in the order written), the column and the
     * value. There is no skip policy on this path.
     *
     * <p><b>Cost.</b> O(1) amortised per row; memory is the compact columns (see {@link #storageLayout()}) plus
     * their growth slack, removed at {@link #build()} (one column copied at a time); {@link #reserve(int)} avoids
     * the growth copies when the row count is known roughly. Not thread-safe; {@link #build()} may be called once.
     */
    public static final class Appender {
        private String[] itemIds;
        private String[] categoryIds;
        private String[] orderIds;
        private String orderPrefix;
        private CompactColumns.Rows rows;
        private String[] entityIds = new String[16];
        private int[] entityStart = new int[17];
        private int entities;
        private boolean[] itemUsed;
        private boolean[] categoryUsed;
        private long[] orderUsed = new long[16];
        private int maxOrder = -1;
        private int reserved;
        private boolean built;
        // the previous row of the current entity (for the canonical-order check)
        private boolean hasPrevious;
        private long pTime;
        private int pOrder;
        private int pItem;
        private int pCategory;
        private double pQuantity;
        private double pAmount;

        private Appender() {
        }

        /** The item ids, strictly increasing (before the first row). */
        public Appender items(String[] sortedIds) {
            Objects.requireNonNull(sortedIds, "sortedIds");
            requireNoRow("items");
            SortedColumns.checkSorted("item", sortedIds, false);
            this.itemIds = sortedIds.clone();
            return this;
        }

        /** The categories, strictly increasing (before the first row). */
        public Appender categories(String[] sortedIds) {
            Objects.requireNonNull(sortedIds, "sortedIds");
            requireNoRow("categories");
            SortedColumns.checkSorted("category", sortedIds, false);
            this.categoryIds = sortedIds.clone();
            return this;
        }

        /** The order ids, strictly increasing; code c is {@code sortedIds[c]} (before the first row). */
        public Appender orders(String[] sortedIds) {
            Objects.requireNonNull(sortedIds, "sortedIds");
            requireNoRow("orders");
            SortedColumns.checkSorted("order", sortedIds, true);
            this.orderIds = sortedIds.clone();
            this.orderPrefix = null;
            return this;
        }

        /** Orders numbered 0..largest code, id {@code prefix} + the zero-padded code (before the first row). */
        public Appender numberedOrders(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            requireNoRow("numberedOrders");
            this.orderPrefix = prefix;
            this.orderIds = null;
            return this;
        }

        /**
         * Capacity for about {@code rows} rows (a hint that saves growth copies; no effect on the result).
         *
         * @throws IllegalArgumentException when {@code rows} is negative
         */
        public Appender reserve(int rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("rows must be >= 0 but was " + rows);
            }
            reserved = Math.max(reserved, rows);
            if (this.rows != null) {
                this.rows.reserve(rows);
            }
            return this;
        }

        private void requireNoRow(String what) {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            if (rows != null || entities > 0) {
                throw new IllegalStateException(what + "(...) must be given before the first entity");
            }
        }

        /**
         * Starts the next entity; its rows follow.
         *
         * @throws IllegalArgumentException when the id is blank or not above the previous entity's id, or the
         *     previous entity has no row
         */
        public Appender entity(String id) {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            if (orderIds == null && orderPrefix == null) {
                throw new IllegalStateException("orders(...) or numberedOrders(...) was not given");
            }
            if (Ids.isBlank(id)) {
                throw new IllegalArgumentException("entity id " + entities + " is null or blank: " + Ids.quote(id));
            }
            if (entities > 0) {
                if (entityIds[entities - 1].compareTo(id) >= 0) {
                    throw new IllegalArgumentException("entity ids must be strictly increasing but id " + entities
                            + " '" + id + "' follows '" + entityIds[entities - 1] + "'");
                }
                requireRows();
            }
            if (rows == null) {
                rows = new CompactColumns.Rows(Math.max(16, reserved), itemIds != null,
                        itemIds == null ? 0 : itemIds.length, categoryIds != null);
                itemUsed = new boolean[itemIds == null ? 0 : itemIds.length];
                categoryUsed = new boolean[categoryIds == null ? 0 : categoryIds.length];
            }
            if (entities == entityIds.length) {
                int c = CompactColumns.grow(entities, entities + 1);
                entityIds = Arrays.copyOf(entityIds, c);
                entityStart = Arrays.copyOf(entityStart, c + 1);
            }
            entityIds[entities] = id;
            entityStart[entities] = rows.size;
            entities++;
            hasPrevious = false;
            return this;
        }

        private void requireRows() {
            if (!hasPrevious) {
                throw new IllegalArgumentException("entity '" + entityIds[entities - 1] + "' (code "
                        + (entities - 1) + ") has no row");
            }
        }

        /**
         * Adds a row of the current entity; {@code itemCode} and {@code categoryCode} are -1 for none (and must be
         * when {@link #items}/{@link #categories} were not given).
         *
         * @throws IllegalArgumentException on a bad row (see the class comment)
         * @throws IllegalStateException before the first {@link #entity}
         */
        public Appender row(long epochSecond, int orderCode, double quantity, double amount, int itemCode,
                int categoryCode) {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            if (entities == 0) {
                throw new IllegalStateException("entity(...) must start the rows of an entity");
            }
            final int r = rows.size;
            if (r == Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a table holds at most " + r + " rows");
            }
            if (epochSecond < MIN_EPOCH_SECOND || epochSecond >= END_EPOCH_SECOND) {
                throw SortedColumns.rowError(RowProblem.IMPOSSIBLE_TIMESTAMP, r, "timestamp",
                        epochSecond + " (outside 1900-01-01..2199-12-31)");
            }
            if (!Double.isFinite(quantity)) {
                throw SortedColumns.rowError(RowProblem.NON_FINITE_QUANTITY, r, "quantity", Double.toString(quantity));
            }
            if (!Double.isFinite(amount)) {
                throw SortedColumns.rowError(RowProblem.NON_FINITE_AMOUNT, r, "amount", Double.toString(amount));
            }
            if (orderCode < 0 || (orderIds != null && orderCode >= orderIds.length)) {
                throw SortedColumns.codeError(r, "order", orderCode, orderIds != null ? orderIds.length
                        : Integer.MAX_VALUE, false);
            }
            int ni = itemIds == null ? 0 : itemIds.length;
            if (itemCode < -1 || itemCode >= ni) {
                throw SortedColumns.codeError(r, "item", itemCode, ni, true);
            }
            int nk = categoryIds == null ? 0 : categoryIds.length;
            if (categoryCode < -1 || categoryCode >= nk) {
                throw SortedColumns.codeError(r, "category", categoryCode, nk, true);
            }
            if (hasPrevious) {
                int c = Long.compare(pTime, epochSecond);
                if (c == 0) {
                    c = Integer.compare(pOrder, orderCode);
                }
                if (c == 0) {
                    c = Integer.compare(pItem, itemCode);
                }
                if (c == 0) {
                    c = Integer.compare(pCategory, categoryCode);
                }
                if (c == 0) {
                    c = Double.compare(pQuantity, quantity);
                }
                if (c == 0) {
                    c = Double.compare(pAmount, amount);
                }
                if (c > 0) {
                    throw new IllegalArgumentException("rows " + (r - 1) + " and " + r + " of entity '"
                            + entityIds[entities - 1] + "' are out of canonical order (timestamp, order, item, "
                            + "category, quantity, amount)");
                }
            }
            int w = orderCode >>> 6;
            if (w >= orderUsed.length) {
                orderUsed = Arrays.copyOf(orderUsed, CompactColumns.grow(orderUsed.length, w + 1));
            }
            orderUsed[w] |= 1L << orderCode;
            maxOrder = Math.max(maxOrder, orderCode);
            if (itemCode >= 0) {
                itemUsed[itemCode] = true;
            }
            if (categoryCode >= 0) {
                categoryUsed[categoryCode] = true;
            }
            rows.add(epochSecond, orderCode, quantity, amount, itemCode, categoryCode);
            hasPrevious = true;
            pTime = epochSecond;
            pOrder = orderCode;
            pItem = itemCode;
            pCategory = categoryCode;
            pQuantity = quantity;
            pAmount = amount;
            return this;
        }

        /** Number of rows written so far. */
        public int size() {
            return rows == null ? 0 : rows.size;
        }

        /**
         * The table.
         *
         * @throws IllegalStateException on a second call, or when no order dictionary was given
         * @throws IllegalArgumentException when the last entity has no row, or an order code has no row
         */
        public Transactions build() {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            if (orderIds == null && orderPrefix == null) {
                throw new IllegalStateException("orders(...) or numberedOrders(...) was not given");
            }
            if (entities > 0) {
                requireRows();
            }
            built = true;
            if (rows == null) {
                rows = new CompactColumns.Rows(0, false, 0, false);
                itemUsed = new boolean[0];
                categoryUsed = new boolean[0];
            }
            int no = orderIds != null ? orderIds.length : maxOrder + 1;
            int width = Integer.toString(Math.max(0, no - 1)).length();
            for (int c = 0; c < no; c++) {
                if ((orderUsed[c >>> 6] & (1L << c)) == 0) {
                    throw new IllegalArgumentException("order code " + c + " ('" + (orderIds != null ? orderIds[c]
                            : numberedId(orderPrefix, c, width)) + "') has no row");
                }
            }
            int[] itemRemap = remap(itemUsed);
            int[] categoryRemap = remap(categoryUsed);
            String[] items = kept(itemIds, itemUsed, itemRemap);
            String[] categories = kept(categoryIds, categoryUsed, categoryRemap);
            if (rows.item != null && itemRemap != null) {
                rows.item.renumber(itemRemap);
            }
            if (rows.category != null) {
                rows.category.renumber(itemRemap == null ? identity(itemUsed.length) : itemRemap, categoryRemap);
            }
            if (items.length == 0) {
                rows.dropItems();
            }
            if (categories.length == 0) {
                rows.category = null;
            }
            int[] start = Arrays.copyOf(entityStart, entities + 1);
            start[entities] = rows.size;
            Transactions t = new Transactions(Arrays.copyOf(entityIds, entities), start, rows, new double[0][],
                    orderIds, orderPrefix, orderIds == null ? no : 0, items, categories, new String[0],
                    new RejectedRows.Collector().build());
            rows = null;
            entityIds = null;
            entityStart = null;
            return t;
        }

        private static int[] identity(int n) {
            int[] m = new int[n];
            for (int i = 0; i < n; i++) {
                m[i] = i;
            }
            return m;
        }

        /** Old code to new code (-1: dropped), or null when every id is used. */
        private static int[] remap(boolean[] used) {
            int[] m = new int[used.length];
            int k = 0;
            for (int c = 0; c < used.length; c++) {
                m[c] = used[c] ? k++ : -1;
            }
            return k == used.length ? null : m;
        }

        private static String[] kept(String[] ids, boolean[] used, int[] remap) {
            if (ids == null) {
                return new String[0];
            }
            if (remap == null) {
                return ids;
            }
            java.util.ArrayList<String> out = new java.util.ArrayList<>();
            for (int c = 0; c < ids.length; c++) {
                if (used[c]) {
                    out.add(ids[c]);
                }
            }
            return out.toArray(new String[0]);
        }
    }

    /**
     * The fast path for large, already-encoded data (a simulator, a columnar file): columns of primitive codes in
     * canonical order with their dictionaries given once, so no string is created or hashed per row. See
     * {@link SortedColumns}.
     */
    public static SortedColumns sortedColumns() {
        return new SortedColumns();
    }

    /**
     * Builds a {@link Transactions} table from primitive columns that are already in the table's canonical layout,
     * validating them in one pass instead of encoding and sorting rows.
     *
     * <p><b>Input.</b>
     * <ul>
     *   <li>{@link #entities}: the entity ids in strictly increasing {@link String#compareTo} order (entity e has
     *       code e) and {@code start}, of length entities + 1: the rows of entity e are {@code start[e]} to
     *       {@code start[e + 1] - 1}, every entity has at least one row, {@code start[0] = 0} and the last value is
     *       the number of rows;</li>
     *   <li>{@link #rows}: timestamp (epoch seconds, UTC), order code, quantity and amount of every row;</li>
     *   <li>orders: either {@link #orders} (ids in strictly increasing order; code c is {@code ids[c]}) or
     *       {@link #numberedOrders} (ids generated on demand, never stored: code c is {@code prefix} followed by c
     *       zero-padded to the width of {@code count - 1}, so code order is id order); every order code must
     *       occur in some row;</li>
     *   <li>optionally {@link #items} and {@link #categories}: sorted distinct ids and a code per row (-1: none).
     *       Ids no row uses are dropped and the codes renumbered, as the row builder would never have seen them;
     *       a column in which no row has a value is absent ({@link #hasItems()} false);</li>
     *   <li>optionally numeric {@link #attribute}s, one value per row.</li>
     * </ul>
     * Within each entity the rows must be ordered by timestamp, then order code, item code, category code,
     * quantity, amount and then each attribute in declaration order ({@link Double#compare}), which is the order
     * {@link Transactions.Builder} produces. The
     * result is then identical (same codes, same rows, same accessors) to the table the row builder makes from the
     * same rows.
     *
     * <p><b>Ownership.</b> The arrays are taken over, not copied (that is what makes the path cheap on 50 million
     * rows): the caller must not modify them after {@link #build()}. Item and category code arrays are renumbered in
     * place when ids are dropped.
     *
     * <p><b>Validation</b>, in one O(rows) pass: the same row rules as the row builder (timestamp range, finite
     * quantity, amount and attributes), codes within their dictionaries, the canonical order, and the shape rules
     * above; a violation throws {@link IllegalArgumentException} naming the row, the column or the entity and the
     * value. There is no skip policy on this path. Not thread-safe; {@link #build()} may be called once.
     */
    public static final class SortedColumns {
        private String[] entityIds;
        private int[] entityStart;
        private long[] time;
        private int[] order;
        private double[] quantity;
        private double[] amount;
        private String[] orderIds;
        private String orderPrefix;
        private int numberedOrders = -1;
        private String[] itemIds;
        private int[] item;
        private String[] categoryIds;
        private int[] category;
        private final java.util.ArrayList<String> attributeNames = new java.util.ArrayList<>();
        private final java.util.ArrayList<double[]> attributeValues = new java.util.ArrayList<>();
        private boolean built;

        private SortedColumns() {
        }

        /** The entity ids (strictly increasing) and the first row of each entity plus the row count. */
        public SortedColumns entities(String[] sortedIds, int[] start) {
            this.entityIds = Objects.requireNonNull(sortedIds, "sortedIds");
            this.entityStart = Objects.requireNonNull(start, "start");
            if (start.length != sortedIds.length + 1) {
                throw new IllegalArgumentException("start must have entities + 1 = " + (sortedIds.length + 1)
                        + " values but has " + start.length);
            }
            return this;
        }

        /** Timestamp (epoch seconds, UTC), order code, quantity and amount of every row. */
        public SortedColumns rows(long[] epochSeconds, int[] orderCodes, double[] quantities, double[] amounts) {
            this.time = Objects.requireNonNull(epochSeconds, "epochSeconds");
            this.order = Objects.requireNonNull(orderCodes, "orderCodes");
            this.quantity = Objects.requireNonNull(quantities, "quantities");
            this.amount = Objects.requireNonNull(amounts, "amounts");
            return this;
        }

        /** The order ids, strictly increasing; code c is {@code sortedIds[c]}. */
        public SortedColumns orders(String[] sortedIds) {
            this.orderIds = Objects.requireNonNull(sortedIds, "sortedIds");
            this.orderPrefix = null;
            this.numberedOrders = -1;
            return this;
        }

        /**
         * Orders numbered 0..count-1 whose ids are {@code prefix} + the zero-padded code, made on demand (no string
         * is stored per order).
         *
         * @throws IllegalArgumentException when {@code count} is negative
         */
        public SortedColumns numberedOrders(String prefix, int count) {
            Objects.requireNonNull(prefix, "prefix");
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0 but was " + count);
            }
            this.orderPrefix = prefix;
            this.numberedOrders = count;
            this.orderIds = null;
            return this;
        }

        /** The item ids (strictly increasing) and the item code of every row (-1: no item). */
        public SortedColumns items(String[] sortedIds, int[] codes) {
            this.itemIds = Objects.requireNonNull(sortedIds, "sortedIds");
            this.item = Objects.requireNonNull(codes, "codes");
            return this;
        }

        /** The categories (strictly increasing) and the category code of every row (-1: no category). */
        public SortedColumns categories(String[] sortedIds, int[] codes) {
            this.categoryIds = Objects.requireNonNull(sortedIds, "sortedIds");
            this.category = Objects.requireNonNull(codes, "codes");
            return this;
        }

        /**
         * A named numeric attribute, one value per row (declaration order is kept).
         *
         * @throws IllegalArgumentException on a blank or duplicate name
         */
        public SortedColumns attribute(String name, double[] values) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(values, "values");
            if (name.isBlank()) {
                throw new IllegalArgumentException("attribute name is blank: '" + name + "'");
            }
            if (attributeNames.contains(name)) {
                throw new IllegalArgumentException("attribute name '" + name + "' is declared twice");
            }
            attributeNames.add(name);
            attributeValues.add(values);
            return this;
        }

        /**
         * Validates the columns in one pass and builds the table.
         *
         * @throws IllegalStateException when entities, rows or orders were not given, or on a second call
         * @throws IllegalArgumentException when a column has the wrong length, a dictionary is not strictly
         *     increasing, a row is invalid or out of canonical order, or an order code has no row
         */
        public Transactions build() {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            if (entityIds == null) {
                throw new IllegalStateException("entities(...) was not given");
            }
            if (time == null) {
                throw new IllegalStateException("rows(...) was not given");
            }
            if (orderIds == null && numberedOrders < 0) {
                throw new IllegalStateException("orders(...) or numberedOrders(...) was not given");
            }
            built = true;
            final int n = time.length;
            checkLength("orderCodes", order.length, n);
            checkLength("quantities", quantity.length, n);
            checkLength("amounts", amount.length, n);
            if (item != null) {
                checkLength("item codes", item.length, n);
            }
            if (category != null) {
                checkLength("category codes", category.length, n);
            }
            final int na = attributeNames.size();
            final double[][] attrs = new double[na][];
            for (int a = 0; a < na; a++) {
                attrs[a] = attributeValues.get(a);
                checkLength("attribute " + attributeNames.get(a), attrs[a].length, n);
            }
            checkSorted("entity", entityIds, true);
            if (orderIds != null) {
                checkSorted("order", orderIds, true);
            }
            if (itemIds != null) {
                checkSorted("item", itemIds, false);
            }
            if (categoryIds != null) {
                checkSorted("category", categoryIds, false);
            }
            final int ne = entityIds.length;
            if (entityStart[0] != 0) {
                throw new IllegalArgumentException("start[0] must be 0 but was " + entityStart[0]);
            }
            if (entityStart[ne] != n) {
                throw new IllegalArgumentException("start[" + ne + "] must be the number of rows " + n + " but was "
                        + entityStart[ne]);
            }
            final int no = orderIds != null ? orderIds.length : numberedOrders;
            final int ni = itemIds == null ? 0 : itemIds.length;
            final int nk = categoryIds == null ? 0 : categoryIds.length;
            final long[] orderUsed = new long[(no + 63) >>> 6];
            final boolean[] itemUsed = new boolean[ni];
            final boolean[] categoryUsed = new boolean[nk];
            final long[] t = time;
            final int[] o = order;
            final double[] q = quantity;
            final double[] am = amount;
            final int[] it = item;
            final int[] ca = category;
            for (int e = 0; e < ne; e++) {
                final int from = entityStart[e];
                final int to = entityStart[e + 1];
                if (to <= from) {
                    throw new IllegalArgumentException("entity '" + entityIds[e] + "' (code " + e + ") has no row: "
                            + "start[" + (e + 1) + "] = " + to + " must exceed start[" + e + "] = " + from);
                }
                for (int r = from; r < to; r++) {
                    if (t[r] < MIN_EPOCH_SECOND || t[r] >= END_EPOCH_SECOND) {
                        throw rowError(RowProblem.IMPOSSIBLE_TIMESTAMP, r, "timestamp",
                                t[r] + " (outside 1900-01-01..2199-12-31)");
                    }
                    if (!Double.isFinite(q[r])) {
                        throw rowError(RowProblem.NON_FINITE_QUANTITY, r, "quantity", Double.toString(q[r]));
                    }
                    if (!Double.isFinite(am[r])) {
                        throw rowError(RowProblem.NON_FINITE_AMOUNT, r, "amount", Double.toString(am[r]));
                    }
                    for (int a = 0; a < na; a++) {
                        if (!Double.isFinite(attrs[a][r])) {
                            throw rowError(RowProblem.NON_FINITE_ATTRIBUTE, r, attributeNames.get(a),
                                    Double.toString(attrs[a][r]));
                        }
                    }
                    final int oc = o[r];
                    if (oc < 0 || oc >= no) {
                        throw codeError(r, "order", oc, no, false);
                    }
                    orderUsed[oc >>> 6] |= 1L << oc;
                    if (it != null) {
                        final int c = it[r];
                        if (c < -1 || c >= ni) {
                            throw codeError(r, "item", c, ni, true);
                        }
                        if (c >= 0) {
                            itemUsed[c] = true;
                        }
                    }
                    if (ca != null) {
                        final int c = ca[r];
                        if (c < -1 || c >= nk) {
                            throw codeError(r, "category", c, nk, true);
                        }
                        if (c >= 0) {
                            categoryUsed[c] = true;
                        }
                    }
                    if (r > from && compareRows(r - 1, r, attrs) > 0) {
                        throw new IllegalArgumentException("rows " + (r - 1) + " and " + r + " of entity '"
                                + entityIds[e] + "' are out of canonical order (timestamp, order, item, category, "
                                + "quantity, amount, attributes)");
                    }
                }
            }
            for (int c = 0; c < no; c++) {
                if ((orderUsed[c >>> 6] & (1L << c)) == 0) {
                    throw new IllegalArgumentException("order code " + c + " ("
                            + (orderIds != null ? "'" + orderIds[c] + "'" : "'" + numberedId(orderPrefix, c,
                                    Integer.toString(Math.max(0, no - 1)).length()) + "'") + ") has no row");
                }
            }
            String[] items = compact(itemIds, itemUsed, it);
            String[] categories = compact(categoryIds, categoryUsed, ca);
            CompactColumns.Rows rows = new CompactColumns.Rows(n, items != null, items == null ? 0 : items.length,
                    categories != null);
            for (int r = 0; r < n; r++) {
                rows.add(t[r], o[r], q[r], am[r], items == null ? -1 : it[r], categories == null ? -1 : ca[r]);
            }
            Transactions result = new Transactions(entityIds, entityStart, rows, attrs, orderIds, orderPrefix,
                    Math.max(0, numberedOrders),
                    items == null ? new String[0] : items, categories == null ? new String[0] : categories,
                    attributeNames.toArray(new String[0]), new RejectedRows.Collector().build());
            entityIds = null;
            entityStart = null;
            time = null;
            order = null;
            quantity = null;
            amount = null;
            item = null;
            category = null;
            attributeValues.clear();
            return result;
        }

        private int compareRows(int a, int b, double[][] attrs) {
            int c = Long.compare(time[a], time[b]);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(order[a], order[b]);
            if (c != 0) {
                return c;
            }
            if (item != null) {
                c = Integer.compare(item[a], item[b]);
                if (c != 0) {
                    return c;
                }
            }
            if (category != null) {
                c = Integer.compare(category[a], category[b]);
                if (c != 0) {
                    return c;
                }
            }
            c = Double.compare(quantity[a], quantity[b]);
            if (c != 0) {
                return c;
            }
            c = Double.compare(amount[a], amount[b]);
            for (int k = 0; c == 0 && k < attrs.length; k++) {
                c = Double.compare(attrs[k][a], attrs[k][b]);
            }
            return c;
        }

        /** The used ids (null when none is used), renumbering codes in place when some are dropped. */
        private static String[] compact(String[] ids, boolean[] used, int[] codes) {
            if (ids == null) {
                return null;
            }
            int[] remap = new int[ids.length];
            int m = 0;
            for (int c = 0; c < ids.length; c++) {
                remap[c] = used[c] ? m++ : -1;
            }
            if (m == 0) {
                return null;
            }
            if (m == ids.length) {
                return ids;
            }
            String[] kept = new String[m];
            for (int c = 0; c < ids.length; c++) {
                if (used[c]) {
                    kept[remap[c]] = ids[c];
                }
            }
            for (int r = 0; r < codes.length; r++) {
                if (codes[r] >= 0) {
                    codes[r] = remap[codes[r]];
                }
            }
            return kept;
        }

        private static IllegalArgumentException rowError(RowProblem p, int row, String column, String value) {
            return new IllegalArgumentException(Builder.message(p, row, column, value));
        }

        private static IllegalArgumentException codeError(int row, String column, int code, int size,
                boolean absentAllowed) {
            return new IllegalArgumentException("row " + row + ", column " + column + ": code " + code + " is outside "
                    + (absentAllowed ? "-1" : "0") + ".." + (size - 1) + " (" + size + " " + column + " ids)");
        }

        private static void checkSorted(String what, String[] ids, boolean nonBlank) {
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == null || (nonBlank && Ids.isBlank(ids[i]))) {
                    throw new IllegalArgumentException(what + " id " + i + " is null or blank: " + Ids.quote(ids[i]));
                }
                if (i > 0 && ids[i - 1].compareTo(ids[i]) >= 0) {
                    throw new IllegalArgumentException(what + " ids must be strictly increasing but id " + i + " '"
                            + ids[i] + "' follows '" + ids[i - 1] + "'");
                }
            }
        }
    }

    /**
     * Collects rows, validates each as it arrives and builds the immutable table. Not thread-safe; {@link #build()}
     * may be called once.
     */
    public static final class Builder {
        private InvalidRowPolicy policy = InvalidRowPolicy.FAIL;
        private String[] attributeNames = new String[0];
        private final Dictionary entities = new Dictionary();
        private final Dictionary orders = new Dictionary();
        private final Dictionary items = new Dictionary();
        private final Dictionary categories = new Dictionary();
        private final RejectedRows.Collector rejected = new RejectedRows.Collector();
        private int[] entity;
        private long[] time;
        private int[] order;
        private double[] quantity;
        private double[] amount;
        private int[] item;
        private int[] category;
        private double[][] attributes = new double[0][];
        private boolean anyItem;
        private boolean anyCategory;
        private int n;
        private long rowsOffered;
        private long nextRowNumber = -1;
        private boolean built;

        private Builder() {
            this(1024);
        }

        private Builder(int capacity) {
            int c = Math.max(16, capacity);
            entity = new int[c];
            time = new long[c];
            order = new int[c];
            quantity = new double[c];
            amount = new double[c];
            item = new int[c];
            category = new int[c];
        }

        /** What to do with a bad row (default {@link InvalidRowPolicy#FAIL}). */
        public Builder onInvalidRow(InvalidRowPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Declares the named numeric attributes every row will carry (e.g. {@code "installments"}). Must be called
         * before the first row.
         *
         * @throws IllegalArgumentException on a blank or duplicate name
         * @throws IllegalStateException when rows were already added
         */
        public Builder attributes(String... names) {
            Objects.requireNonNull(names, "names");
            if (rowsOffered > 0) {
                throw new IllegalStateException("attributes must be declared before the first row");
            }
            for (int i = 0; i < names.length; i++) {
                if (names[i] == null || names[i].isBlank()) {
                    throw new IllegalArgumentException("attribute name " + i + " is blank: '" + names[i] + "'");
                }
                for (int j = 0; j < i; j++) {
                    if (names[j].equals(names[i])) {
                        throw new IllegalArgumentException("attribute name '" + names[i] + "' is declared twice");
                    }
                }
            }
            this.attributeNames = names.clone();
            this.attributes = new double[names.length][entity.length];
            return this;
        }

        /**
         * Sets the number that error messages use for the next row (a source's line number, say). Without it, rows
         * are numbered from 0 in the order they are offered.
         */
        public Builder at(long rowNumber) {
            this.nextRowNumber = rowNumber;
            return this;
        }

        /** Adds a row with no item, category or attributes; {@code time} is read as UTC. */
        public Builder add(String entityId, LocalDateTime time, String orderId, double quantity, double amount) {
            Objects.requireNonNull(time, "time");
            return add(entityId, time.toEpochSecond(ZoneOffset.UTC), orderId, quantity, amount, null, null);
        }

        /** Adds a row with no item, category or attributes. */
        public Builder add(String entityId, long epochSecond, String orderId, double quantity, double amount) {
            return add(entityId, epochSecond, orderId, quantity, amount, null, null);
        }

        /** Adds a row; {@code itemId} and {@code category} may be null. */
        public Builder add(String entityId, long epochSecond, String orderId, double quantity, double amount,
                String itemId, String category) {
            return add(entityId, epochSecond, orderId, quantity, amount, itemId, category, EMPTY);
        }

        private static final double[] EMPTY = new double[0];

        /**
         * Adds a row with values for the declared attributes, in declaration order.
         *
         * @throws IllegalArgumentException on a bad row under {@link InvalidRowPolicy#FAIL}, or when the number of
         *     attribute values differs from the number declared
         */
        public Builder add(String entityId, long epochSecond, String orderId, double quantity, double amount,
                String itemId, String category, double... attributeValues) {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            long rowNumber = nextRowNumber >= 0 ? nextRowNumber : rowsOffered;
            nextRowNumber = -1;
            rowsOffered++;
            if (attributeValues == null) {
                attributeValues = EMPTY;
            }
            if (attributeValues.length != attributeNames.length) {
                throw new IllegalArgumentException("row " + rowNumber + " has " + attributeValues.length
                        + " attribute values but " + attributeNames.length + " attributes are declared "
                        + Arrays.toString(attributeNames));
            }
            if (Ids.isBlank(entityId)) {
                return reject(RowProblem.BLANK_ENTITY, rowNumber, "entity", Ids.quote(entityId));
            }
            if (Ids.isBlank(orderId)) {
                return reject(RowProblem.BLANK_ORDER, rowNumber, "order", Ids.quote(orderId));
            }
            if (epochSecond < MIN_EPOCH_SECOND || epochSecond >= END_EPOCH_SECOND) {
                return reject(RowProblem.IMPOSSIBLE_TIMESTAMP, rowNumber, "timestamp",
                        epochSecond + " (outside 1900-01-01..2199-12-31)");
            }
            if (!Double.isFinite(quantity)) {
                return reject(RowProblem.NON_FINITE_QUANTITY, rowNumber, "quantity", Double.toString(quantity));
            }
            if (!Double.isFinite(amount)) {
                return reject(RowProblem.NON_FINITE_AMOUNT, rowNumber, "amount", Double.toString(amount));
            }
            for (int a = 0; a < attributeValues.length; a++) {
                if (!Double.isFinite(attributeValues[a])) {
                    return reject(RowProblem.NON_FINITE_ATTRIBUTE, rowNumber, attributeNames[a],
                            Double.toString(attributeValues[a]));
                }
            }
            ensureCapacity();
            int i = n++;
            entity[i] = entities.encode(entityId);
            time[i] = epochSecond;
            order[i] = orders.encode(orderId);
            this.quantity[i] = quantity;
            this.amount[i] = amount;
            if (itemId != null) {
                item[i] = items.encode(itemId);
                anyItem = true;
            } else {
                item[i] = -1;
            }
            if (category != null) {
                this.category[i] = categories.encode(category);
                anyCategory = true;
            } else {
                this.category[i] = -1;
            }
            for (int a = 0; a < attributeValues.length; a++) {
                attributes[a][i] = attributeValues[a];
            }
            return this;
        }

        /**
         * Records a row a source could not turn into values (e.g. an unparseable number), under the builder's
         * policy: throws {@link IllegalArgumentException} with the same message shape as other bad rows under
         * {@link InvalidRowPolicy#FAIL}, counts it under {@link InvalidRowPolicy#SKIP}.
         *
         * @param problem why the row is bad
         * @param rowNumber the number used in the message (a line number, say)
         * @param column the column name
         * @param value the offending text, quoted in the message
         */
        public Builder rejectRow(RowProblem problem, long rowNumber, String column, String value) {
            Objects.requireNonNull(problem, "problem");
            rowsOffered++;
            nextRowNumber = -1;
            return reject(problem, rowNumber, column, quote(value));
        }

        /** The policy in force. */
        public InvalidRowPolicy policy() {
            return policy;
        }

        private static String quote(String s) {
            return s == null ? "null" : "'" + s + "'";
        }

        private Builder reject(RowProblem problem, long rowNumber, String column, String value) {
            if (policy == InvalidRowPolicy.FAIL) {
                throw new IllegalArgumentException(message(problem, rowNumber, column, value));
            }
            // the message is built only while examples are still kept (skipping 100k guest rows stays cheap)
            rejected.reject(problem, rejected.wantsExample() ? message(problem, rowNumber, column, value) : null);
            return this;
        }

        private static String message(RowProblem problem, long rowNumber, String column, String value) {
            return "row " + rowNumber + ", column " + column + ": " + describe(problem) + ", value " + value;
        }

        private static String describe(RowProblem p) {
            switch (p) {
                case BLANK_ENTITY: return "entity id is null or blank";
                case BLANK_ORDER: return "order id is null or blank";
                case IMPOSSIBLE_TIMESTAMP: return "impossible timestamp";
                case NON_FINITE_QUANTITY: return "quantity is not finite";
                case NON_FINITE_AMOUNT: return "amount is not finite";
                case NON_FINITE_ATTRIBUTE: return "attribute is not finite";
                default: return "cannot parse the value";
            }
        }

        private void ensureCapacity() {
            if (n < entity.length) {
                return;
            }
            int c = entity.length * 2;
            entity = Arrays.copyOf(entity, c);
            time = Arrays.copyOf(time, c);
            order = Arrays.copyOf(order, c);
            quantity = Arrays.copyOf(quantity, c);
            amount = Arrays.copyOf(amount, c);
            item = Arrays.copyOf(item, c);
            category = Arrays.copyOf(category, c);
            for (int a = 0; a < attributes.length; a++) {
                attributes[a] = Arrays.copyOf(attributes[a], c);
            }
        }

        /** Number of rows accepted so far. */
        public int size() {
            return n;
        }

        /** Builds the table in canonical order. */
        public Transactions build() {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            built = true;
            int[] eRank = entities.rankOfCode();
            int[] oRank = orders.rankOfCode();
            int[] iRank = items.rankOfCode();
            int[] cRank = categories.rankOfCode();
            final int[] e = new int[n];
            final int[] o = new int[n];
            final int[] it = new int[n];
            final int[] ca = new int[n];
            for (int r = 0; r < n; r++) {
                e[r] = eRank[entity[r]];
                o[r] = oRank[order[r]];
                it[r] = item[r] < 0 ? -1 : iRank[item[r]];
                ca[r] = category[r] < 0 ? -1 : cRank[category[r]];
            }
            int ne = eRank.length;
            // counting sort by entity (stable), then a stable sort of each entity's rows
            int[] start = new int[ne + 1];
            for (int r = 0; r < n; r++) {
                start[e[r] + 1]++;
            }
            for (int k = 0; k < ne; k++) {
                start[k + 1] += start[k];
            }
            int[] fill = Arrays.copyOf(start, ne);
            int[] idx = new int[n];
            for (int r = 0; r < n; r++) {
                idx[fill[e[r]]++] = r;
            }
            final long[] t = time;
            final double[] q = quantity;
            final double[] am = amount;
            final double[][] at = attributes;
            final int na = attributeNames.length;
            IntSorts.IndexComparator cmp = (a, b) -> {
                int c = Long.compare(t[a], t[b]);
                if (c != 0) {
                    return c;
                }
                c = Integer.compare(o[a], o[b]);
                if (c != 0) {
                    return c;
                }
                c = Integer.compare(it[a], it[b]);
                if (c != 0) {
                    return c;
                }
                c = Integer.compare(ca[a], ca[b]);
                if (c != 0) {
                    return c;
                }
                c = Double.compare(q[a], q[b]);
                if (c != 0) {
                    return c;
                }
                c = Double.compare(am[a], am[b]);
                for (int k = 0; c == 0 && k < na; k++) {
                    c = Double.compare(at[k][a], at[k][b]);
                }
                return c;
            };
            int[] tmp = new int[n];
            for (int k = 0; k < ne; k++) {
                IntSorts.stableSort(idx, tmp, start[k], start[k + 1], cmp);
            }
            String[] itemIds = items.sortedValues();
            CompactColumns.Rows rows = new CompactColumns.Rows(n, anyItem, itemIds.length, anyCategory);
            double[][] sAttr = new double[attributeNames.length][n];
            for (int k = 0; k < n; k++) {
                int r = idx[k];
                rows.add(t[r], o[r], q[r], am[r], it[r], ca[r]);
                for (int a = 0; a < sAttr.length; a++) {
                    sAttr[a][k] = attributes[a][r];
                }
            }
            Transactions result = new Transactions(entities.sortedValues(), start, rows, sAttr,
                    orders.sortedValues(), null, 0, itemIds, categories.sortedValues(), attributeNames.clone(),
                    rejected.build());
            // release the growth buffers
            entity = null;
            time = null;
            order = null;
            quantity = null;
            amount = null;
            item = null;
            category = null;
            attributes = null;
            return result;
        }
    }
}
