package dev.segmentation.features;

import dev.segmentation.data.FeatureTable;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Rfm#compute}: the RFM {@link FeatureTable} and a report of the rows that were not counted
 * as purchases, per {@link RfmExclusion} reason, and of the entities left out because no purchase line remained.
 *
 * <p>Under {@link ReturnsPolicy#EXCLUDE} every non-purchase row is excluded. Under {@link ReturnsPolicy#NET} the
 * return lines ({@link RfmExclusion#isReturn()}) are netted into monetary instead: they appear in
 * {@link #nettedRows(RfmExclusion)}, not in {@link #excludedRows(RfmExclusion)}. Immutable and thread-safe.
 */
public final class RfmResult {
    private final FeatureTable table;
    private final ReturnsPolicy policy;
    private final LocalDate asOf;
    private final long[] kindCounts; // indexed by RfmExclusion ordinal
    private final long purchaseRows;
    private final List<String> droppedEntities;

    RfmResult(FeatureTable table, ReturnsPolicy policy, LocalDate asOf, long[] kindCounts, long purchaseRows,
            List<String> droppedEntities) {
        this.table = table;
        this.policy = policy;
        this.asOf = asOf;
        this.kindCounts = kindCounts.clone();
        this.purchaseRows = purchaseRows;
        this.droppedEntities = Collections.unmodifiableList(droppedEntities);
    }

    /** The RFM table: one row per entity that has at least one purchase line, in the input's entity order. */
    public FeatureTable table() {
        return table;
    }

    /** The policy that was applied. */
    public ReturnsPolicy policy() {
        return policy;
    }

    /** The as-of date used for recency (fixed, or the day after the input's last date). */
    public LocalDate asOf() {
        return asOf;
    }

    /** Rows counted as purchase lines. */
    public long purchaseRows() {
        return purchaseRows;
    }

    /** Rows left out for {@code reason} (0 for return reasons under {@link ReturnsPolicy#NET}). */
    public long excludedRows(RfmExclusion reason) {
        Objects.requireNonNull(reason, "reason");
        return policy == ReturnsPolicy.NET && reason.isReturn() ? 0 : kindCounts[reason.ordinal()];
    }

    /** Rows left out for any reason. */
    public long excludedRows() {
        long s = 0;
        for (RfmExclusion r : RfmExclusion.values()) {
            s += excludedRows(r);
        }
        return s;
    }

    /** Return lines of kind {@code reason} netted into monetary (0 under {@link ReturnsPolicy#EXCLUDE}). */
    public long nettedRows(RfmExclusion reason) {
        Objects.requireNonNull(reason, "reason");
        return policy == ReturnsPolicy.NET && reason.isReturn() ? kindCounts[reason.ordinal()] : 0;
    }

    /** Return lines netted into monetary, of both kinds. */
    public long nettedRows() {
        return nettedRows(RfmExclusion.CANCELLED_ORDER) + nettedRows(RfmExclusion.NEGATIVE_QUANTITY);
    }

    /** Ids of the entities left out of the table because none of their rows is a purchase line (unmodifiable). */
    public List<String> droppedEntities() {
        return droppedEntities;
    }

    /** A one-line summary of the counts, as logged by {@link Rfm#extract}. */
    public String summary() {
        StringBuilder sb = new StringBuilder("RFM as of ").append(asOf).append(" (returns ").append(policy)
                .append("): ").append(table.rows()).append(" entities, ").append(purchaseRows)
                .append(" purchase rows; excluded");
        for (RfmExclusion r : RfmExclusion.values()) {
            sb.append(' ').append(r.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(excludedRows(r));
        }
        if (policy == ReturnsPolicy.NET) {
            sb.append("; netted cancelled_order=").append(nettedRows(RfmExclusion.CANCELLED_ORDER))
                    .append(" negative_quantity=").append(nettedRows(RfmExclusion.NEGATIVE_QUANTITY));
        }
        sb.append("; entities dropped (no purchase left)=").append(droppedEntities.size());
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
