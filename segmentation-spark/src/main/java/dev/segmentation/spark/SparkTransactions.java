package dev.segmentation.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RejectedRows;
import dev.segmentation.data.RowProblem;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Transaction lines held by Spark: a {@code DataFrame} read through a {@link ColumnMapping}, checked row by row as
 * core's {@link dev.segmentation.data.Transactions.Builder} checks them, with the bad rows handled by the mapping's
 * {@link InvalidRowPolicy}.
 *
 * <p>{@link #read} runs one Spark job over the input (two more only when there are bad rows): it parses every row,
 * counts the bad ones per {@link RowProblem} and finds the first and last timestamp of the good ones (and whether
 * they carry items and categories). Under
 * {@link InvalidRowPolicy#FAIL} the first bad row (lowest input partition, then position in it) fails the read with
 * an {@link IllegalArgumentException} whose message names the row, the column, the problem and the value as
 * written; under {@link InvalidRowPolicy#SKIP} the bad rows are left out and reported by {@link #rejectedCounts()}
 * and {@link #rejectedExamples()} (the first {@value RejectedRows#MAX_EXAMPLES} messages in input order). Nothing is
 * collected to the driver but these counts and examples.
 *
 * <p>{@link #lines()} is lazy: every action on it parses the input again. Persist the input (or the lines) when
 * they are read more than once and re-reading costs more than caching. Immutable; the dataset it wraps is
 * Spark's.
 */
public final class SparkTransactions {
    private final Dataset<Row> lines;
    private final ColumnMapping mapping;
    private final long rows;
    private final long minEpochSecond;
    private final long maxEpochSecond;
    private final String minItem;
    private final String minCategory;
    private final Map<RowProblem, Long> rejected;
    private final List<String> examples;

    private SparkTransactions(Dataset<Row> lines, ColumnMapping mapping, long rows, long minEpochSecond,
            long maxEpochSecond, String minItem, String minCategory, Map<RowProblem, Long> rejected,
            List<String> examples) {
        this.minItem = minItem;
        this.minCategory = minCategory;
        this.lines = lines;
        this.mapping = mapping;
        this.rows = rows;
        this.minEpochSecond = minEpochSecond;
        this.maxEpochSecond = maxEpochSecond;
        this.rejected = rejected;
        this.examples = examples;
    }

    /**
     * Reads {@code input} through {@code mapping}: validates every row, applies the policy, records the counts.
     *
     * @throws IllegalArgumentException when a mapped column is missing from {@code input} (naming it and listing the
     *     columns there are), or, under {@link InvalidRowPolicy#FAIL}, at the first bad row (naming the row, the
     *     column and the value)
     */
    public static SparkTransactions read(Dataset<Row> input, ColumnMapping mapping) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(mapping, "mapping");
        LineParser parser = new LineParser(mapping, input.schema());
        Dataset<Row> parsed = input.mapPartitions(parser, Encoders.row(LineParser.SCHEMA));
        List<Row> groups = parsed.groupBy(col(LineParser.PROBLEM))
                .agg(count("*"), min(LineParser.TIME), max(LineParser.TIME), min(LineParser.ROW_REF),
                        min(LineParser.ITEM), min(LineParser.CATEGORY))
                .collectAsList();
        long good = 0;
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;
        long firstBad = Long.MAX_VALUE;
        String minItem = null;
        String minCategory = null;
        Map<RowProblem, Long> counts = new EnumMap<>(RowProblem.class);
        for (Row g : groups) {
            if (g.isNullAt(0)) {
                good = g.getLong(1);
                minTs = g.getLong(2);
                maxTs = g.getLong(3);
                minItem = g.isNullAt(5) ? null : g.getString(5);
                minCategory = g.isNullAt(6) ? null : g.getString(6);
            } else {
                counts.put(RowProblem.valueOf(g.getString(0)), g.getLong(1));
                firstBad = Math.min(firstBad, g.getLong(4));
            }
        }
        List<String> examples = List.of();
        if (!counts.isEmpty()) {
            if (mapping.policy() == InvalidRowPolicy.FAIL) {
                String message = parsed.filter(col(LineParser.ROW_REF).equalTo(firstBad))
                        .select(LineParser.MESSAGE).as(Encoders.STRING()).first();
                throw new IllegalArgumentException(message);
            }
            examples = parsed.filter(col(LineParser.PROBLEM).isNotNull()).orderBy(LineParser.ROW_REF)
                    .select(LineParser.MESSAGE).as(Encoders.STRING()).takeAsList(RejectedRows.MAX_EXAMPLES);
        }
        Dataset<Row> lines = parsed.filter(col(LineParser.PROBLEM).isNull())
                .select(LineParser.LINES.fieldNames()[0], java.util.Arrays.copyOfRange(LineParser.LINES.fieldNames(),
                        1, LineParser.LINES.size()));
        return new SparkTransactions(lines, mapping, good, minTs, maxTs, minItem, minCategory,
                Collections.unmodifiableMap(counts), List.copyOf(examples));
    }

    /**
     * These lines restricted to the entities of {@code entities} (a dataset with an {@code entity} column, each entity
     * once), with the first and last timestamp, the smallest item and category of the kept lines recomputed (one
     * aggregate job), as core's {@code Transactions.filterRows} rebuilds them. The rejected counts stay those of the
     * read.
     */
    SparkTransactions restrictTo(Dataset<Row> entities) {
        Dataset<Row> keep = entities.select(col("entity").as("_keep"));
        Dataset<Row> kept = lines.join(keep, col(LineParser.ENTITY).equalTo(keep.col("_keep")), "left_semi");
        Row g = kept.agg(count("*"), min(LineParser.TIME), max(LineParser.TIME), min(LineParser.ITEM),
                min(LineParser.CATEGORY)).first();
        long n = g.getLong(0);
        return new SparkTransactions(kept, mapping, n, n == 0 ? Long.MAX_VALUE : g.getLong(1),
                n == 0 ? Long.MIN_VALUE : g.getLong(2), g.isNullAt(3) ? null : g.getString(3),
                g.isNullAt(4) ? null : g.getString(4), rejected, examples);
    }

    /**
     * The good lines, normalized: {@code entity string, epoch_second long, order_id string, quantity double,
     * amount double, item string (null when absent), category string (null when absent), attributes
     * array<double>} (in the order of {@link ColumnMapping#attributeNames()}). Lazy.
     */
    public Dataset<Row> lines() {
        return lines;
    }

    /** The mapping the lines were read with. */
    public ColumnMapping mapping() {
        return mapping;
    }

    /** Number of good lines. */
    public long size() {
        return rows;
    }

    /** True when no line was good. */
    public boolean isEmpty() {
        return rows == 0;
    }

    /**
     * The first timestamp of the good lines (seconds since the epoch, UTC).
     *
     * @throws IllegalStateException when there is no good line
     */
    public long minEpochSecond() {
        requireRows();
        return minEpochSecond;
    }

    /**
     * The last timestamp of the good lines (seconds since the epoch, UTC): the data's last date, from which RFM
     * recency is measured when no as-of date is set.
     *
     * @throws IllegalStateException when there is no good line
     */
    public long maxEpochSecond() {
        requireRows();
        return maxEpochSecond;
    }

    private void requireRows() {
        if (rows == 0) {
            throw new IllegalStateException("no good line was read" + (rejected.isEmpty() ? ""
                    : " (" + rejectedTotal() + " rows were rejected: " + rejected + ")"));
        }
    }

    /** True when some good line has an item (core's {@code Transactions.hasItems()}). */
    public boolean hasItems() {
        return minItem != null;
    }

    /** True when some good line has a category (core's {@code Transactions.hasCategories()}). */
    public boolean hasCategories() {
        return minCategory != null;
    }

    /** The smallest item id, or null. */
    String minItem() {
        return minItem;
    }

    /** The smallest category, or null. */
    String minCategory() {
        return minCategory;
    }

    /** Bad rows left out under {@link InvalidRowPolicy#SKIP}, per problem (empty when none). */
    public Map<RowProblem, Long> rejectedCounts() {
        return rejected;
    }

    /** The total number of bad rows left out. */
    public long rejectedTotal() {
        long t = 0;
        for (long c : rejected.values()) {
            t += c;
        }
        return t;
    }

    /** The messages of the first bad rows in input order (at most {@value RejectedRows#MAX_EXAMPLES}). */
    public List<String> rejectedExamples() {
        return examples;
    }

    @Override
    public String toString() {
        return "SparkTransactions[" + rows + " lines, " + mapping + (rejected.isEmpty() ? ""
                : ", rejected " + rejected) + "]";
    }
}
