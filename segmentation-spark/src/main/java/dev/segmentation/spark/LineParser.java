package dev.segmentation.spark;

import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Iterator;
import java.util.Locale;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns input rows into normalized transaction lines ({@link #SCHEMA}), checking each as core's
 * {@link Transactions.Builder} does and recording the first problem of a bad row instead of throwing, so the driver
 * can apply the policy (fail on the first bad row in input order, or count). One pass, O(1) memory per task.
 */
final class LineParser implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    static final String ENTITY = "entity";
    static final String TIME = "epoch_second";
    static final String ORDER = "order_id";
    static final String QUANTITY = "quantity";
    static final String AMOUNT = "amount";
    static final String ITEM = "item";
    static final String CATEGORY = "category";
    static final String ATTRIBUTES = "attributes";
    static final String PROBLEM = "problem";
    static final String MESSAGE = "message";
    static final String ROW_REF = "row_ref";

    /** The normalized lines: the first eight columns are what feature extraction reads. */
    static final StructType LINES = new StructType(new StructField[] {
        DataTypes.createStructField(ENTITY, DataTypes.StringType, true),
        DataTypes.createStructField(TIME, DataTypes.LongType, false),
        DataTypes.createStructField(ORDER, DataTypes.StringType, true),
        DataTypes.createStructField(QUANTITY, DataTypes.DoubleType, false),
        DataTypes.createStructField(AMOUNT, DataTypes.DoubleType, false),
        DataTypes.createStructField(ITEM, DataTypes.StringType, true),
        DataTypes.createStructField(CATEGORY, DataTypes.StringType, true),
        DataTypes.createStructField(ATTRIBUTES, DataTypes.createArrayType(DataTypes.DoubleType, false), false)});

    /** {@link #LINES} plus the problem of a bad row (null when the row is good), its message and its position. */
    static final StructType SCHEMA = LINES
            .add(PROBLEM, DataTypes.StringType, true)
            .add(MESSAGE, DataTypes.StringType, true)
            .add(ROW_REF, DataTypes.LongType, false);

    private final ColumnMapping mapping;
    private final int[] entityIdx;
    private final int timeIdx;
    private final int orderIdx;
    private final int quantityIdx;
    private final int amountIdx;
    private final int priceIdx;
    private final int itemIdx;
    private final int categoryIdx;
    private final int[] attrIdx;

    LineParser(ColumnMapping mapping, StructType input) {
        this.mapping = mapping;
        String[] e = mapping.entityColumnArray();
        entityIdx = new int[e.length];
        for (int i = 0; i < e.length; i++) {
            entityIdx[i] = index(input, e[i], "entity");
        }
        timeIdx = index(input, mapping.timestampColumn(), "timestamp");
        orderIdx = mapping.orderColumn().map(c -> index(input, c, "order")).orElse(-1);
        quantityIdx = mapping.quantityColumn().map(c -> index(input, c, "quantity")).orElse(-1);
        amountIdx = mapping.amountColumn().map(c -> index(input, c, "amount")).orElse(-1);
        priceIdx = mapping.unitPriceColumn().map(c -> index(input, c, "unit price")).orElse(-1);
        itemIdx = mapping.itemColumn().map(c -> index(input, c, "item")).orElse(-1);
        categoryIdx = mapping.categoryColumn().map(c -> index(input, c, "category")).orElse(-1);
        String[] a = mapping.attributeColumnArray();
        attrIdx = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            attrIdx[i] = index(input, a[i], "attribute " + mapping.attributeNameArray()[i]);
        }
    }

    private static int index(StructType schema, String column, String role) {
        for (int i = 0; i < schema.fields().length; i++) {
            if (schema.fields()[i].name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the " + role + " column '" + column + "' is not in the DataFrame; its "
                + "columns are " + java.util.Arrays.toString(schema.fieldNames()));
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        final int partition = TaskContext.getPartitionId();
        final DateTimeFormatter pattern = mapping.timestampPattern()
                .map(p -> DateTimeFormatter.ofPattern(p, Locale.ROOT)).orElse(null);
        final int na = attrIdx.length;
        return new Iterator<Row>() {
            long index;

            @Override
            public boolean hasNext() {
                return input.hasNext();
            }

            @Override
            public Row next() {
                Row in = input.next();
                long i = index++;
                long ref = ((long) partition << 40) | i;
                Object[] out = new Object[SCHEMA.size()];
                out[1] = 0L;
                out[3] = 0.0;
                out[4] = 0.0;
                out[7] = new double[0];
                out[10] = ref;
                String entity = entity(in);
                out[0] = entity;
                Object tv = in.get(timeIdx);
                long ts = epochSecond(tv, pattern);
                if (ts == Long.MIN_VALUE) {
                    return bad(out, RowProblem.UNPARSEABLE, i, partition, mapping.timestampColumn(), quote(tv));
                }
                double quantity = 1.0;
                if (quantityIdx >= 0) {
                    quantity = number(in.get(quantityIdx));
                    if (Double.isNaN(quantity) && !isNaNValue(in.get(quantityIdx))) {
                        return bad(out, RowProblem.UNPARSEABLE, i, partition, mapping.quantityColumn().get(),
                                quote(in.get(quantityIdx)));
                    }
                }
                double amount;
                if (amountIdx >= 0) {
                    amount = number(in.get(amountIdx));
                    if (Double.isNaN(amount) && !isNaNValue(in.get(amountIdx))) {
                        return bad(out, RowProblem.UNPARSEABLE, i, partition, mapping.amountColumn().get(),
                                quote(in.get(amountIdx)));
                    }
                } else {
                    double price = number(in.get(priceIdx));
                    if (Double.isNaN(price) && !isNaNValue(in.get(priceIdx))) {
                        return bad(out, RowProblem.UNPARSEABLE, i, partition, mapping.unitPriceColumn().get(),
                                quote(in.get(priceIdx)));
                    }
                    amount = price * quantity;
                }
                double[] attrs = new double[na];
                for (int a = 0; a < na; a++) {
                    Object v = in.get(attrIdx[a]);
                    attrs[a] = number(v);
                    if (Double.isNaN(attrs[a]) && !isNaNValue(v)) {
                        return bad(out, RowProblem.UNPARSEABLE, i, partition, mapping.attributeColumnArray()[a],
                                quote(v));
                    }
                }
                String order;
                if (orderIdx >= 0) {
                    order = text(in.get(orderIdx));
                } else {
                    order = entity == null ? null : entity + "@" + LocalDate.ofEpochDay(Math.floorDiv(ts, 86_400L));
                }
                out[1] = ts;
                out[2] = order;
                out[3] = quantity;
                out[4] = amount;
                out[5] = itemIdx >= 0 ? nonEmpty(text(in.get(itemIdx))) : null;
                out[6] = categoryIdx >= 0 ? nonEmpty(text(in.get(categoryIdx))) : null;
                out[7] = attrs;
                // the checks and their order of Transactions.Builder#add
                if (entity == null || entity.isBlank()) {
                    return bad(out, RowProblem.BLANK_ENTITY, i, partition, "entity", quote(entity));
                }
                if (order == null || order.isBlank()) {
                    return bad(out, RowProblem.BLANK_ORDER, i, partition, "order", quote(order));
                }
                if (ts < Transactions.MIN_EPOCH_SECOND || ts >= Transactions.END_EPOCH_SECOND) {
                    return bad(out, RowProblem.IMPOSSIBLE_TIMESTAMP, i, partition, "timestamp",
                            ts + " (outside 1900-01-01..2199-12-31)");
                }
                if (!Double.isFinite(quantity)) {
                    return bad(out, RowProblem.NON_FINITE_QUANTITY, i, partition, "quantity",
                            Double.toString(quantity));
                }
                if (!Double.isFinite(amount)) {
                    return bad(out, RowProblem.NON_FINITE_AMOUNT, i, partition, "amount", Double.toString(amount));
                }
                for (int a = 0; a < na; a++) {
                    if (!Double.isFinite(attrs[a])) {
                        return bad(out, RowProblem.NON_FINITE_ATTRIBUTE, i, partition,
                                mapping.attributeNameArray()[a], Double.toString(attrs[a]));
                    }
                }
                return RowFactory.create(out);
            }
        };
    }

    private static Row bad(Object[] out, RowProblem problem, long row, int partition, String column, String value) {
        out[8] = problem.name();
        out[9] = message(problem, row, partition, column, value);
        return RowFactory.create(out);
    }

    /** The message shape of core's builder, with the row named by its input partition and position in it. */
    static String message(RowProblem problem, long row, int partition, String column, String value) {
        return "row " + row + " of input partition " + partition + ", column " + column + ": " + describe(problem)
                + ", value " + value;
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

    private static String quote(Object v) {
        return v == null ? "null" : "'" + v + "'";
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private String entity(Row in) {
        if (entityIdx.length == 1) {
            return text(in.get(entityIdx[0]));
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < entityIdx.length; k++) {
            String part = text(in.get(entityIdx[k]));
            if (part == null) {
                return null;
            }
            if (k > 0) {
                b.append('_');
            }
            b.append(part);
        }
        return b.toString();
    }

    /** A text value as written: strings unchanged, decimals in plain notation, other values by toString. */
    static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        return v.toString();
    }

    /** A number, or NaN when the value is null or not a number (check {@link #isNaNValue} to tell them apart). */
    static double number(Object v) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof String) {
            try {
                return Double.parseDouble((String) v);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** True when the value itself is NaN (a real NaN, reported as not finite rather than unparseable). */
    static boolean isNaNValue(Object v) {
        if (v instanceof Number) {
            return Double.isNaN(((Number) v).doubleValue());
        }
        if (v instanceof String) {
            String s = ((String) v).trim();
            return s.equals("NaN") || s.equals("+NaN") || s.equals("-NaN");
        }
        return false;
    }

    /** Seconds since the epoch (UTC), or Long.MIN_VALUE when the value cannot be read as a timestamp. */
    static long epochSecond(Object v, DateTimeFormatter pattern) {
        if (v instanceof java.sql.Timestamp) {
            return Math.floorDiv(((java.sql.Timestamp) v).getTime(), 1000L);
        }
        if (v instanceof Instant) {
            return ((Instant) v).getEpochSecond();
        }
        if (v instanceof LocalDateTime) {
            return ((LocalDateTime) v).toEpochSecond(ZoneOffset.UTC);
        }
        if (v instanceof java.sql.Date) {
            return ((java.sql.Date) v).toLocalDate().toEpochDay() * 86_400L;
        }
        if (v instanceof LocalDate) {
            return ((LocalDate) v).toEpochDay() * 86_400L;
        }
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        if (v instanceof String) {
            String s = (String) v;
            try {
                if (pattern != null) {
                    TemporalAccessor t = pattern.parse(s);
                    if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
                        return LocalDateTime.from(t).toEpochSecond(ZoneOffset.UTC);
                    }
                    return LocalDate.from(t).toEpochDay() * 86_400L;
                }
                if (s.length() == 10) {
                    return LocalDate.parse(s).toEpochDay() * 86_400L;
                }
                return LocalDateTime.parse(s.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
            } catch (java.time.DateTimeException e) {
                return Long.MIN_VALUE;
            }
        }
        return Long.MIN_VALUE;
    }
}
