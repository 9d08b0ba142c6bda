package dev.segmentation;

import dev.segmentation.data.RejectedRows;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facts about one fit: the seed used, how many entities came in and were segmented, what was left out and why,
 * and how long each stage took (wall-clock, for information only). Immutable.
 */
public final class SegmentationDiagnostics {
    private final long seed;
    private final int transactionRows;
    private final int entitiesIn;
    private final int entitiesSegmented;
    private final int entitiesNotDescribed;
    private final Map<String, Integer> ineligibleByRule;
    private final Map<String, Integer> filteredByRule;
    private final RejectedRows rejectedRows;
    private final Map<String, Long> stageMillis;

    SegmentationDiagnostics(long seed, int transactionRows, int entitiesIn, int entitiesSegmented,
            int entitiesNotDescribed, Map<String, Integer> ineligibleByRule, RejectedRows rejectedRows,
            Map<String, Long> stageMillis) {
        this(seed, transactionRows, entitiesIn, entitiesSegmented, entitiesNotDescribed, ineligibleByRule, Map.of(),
                rejectedRows, stageMillis);
    }

    SegmentationDiagnostics(long seed, int transactionRows, int entitiesIn, int entitiesSegmented,
            int entitiesNotDescribed, Map<String, Integer> ineligibleByRule, Map<String, Integer> filteredByRule,
            RejectedRows rejectedRows, Map<String, Long> stageMillis) {
        this.filteredByRule = Collections.unmodifiableMap(new LinkedHashMap<>(filteredByRule));
        this.seed = seed;
        this.transactionRows = transactionRows;
        this.entitiesIn = entitiesIn;
        this.entitiesSegmented = entitiesSegmented;
        this.entitiesNotDescribed = entitiesNotDescribed;
        this.ineligibleByRule = Collections.unmodifiableMap(new LinkedHashMap<>(ineligibleByRule));
        this.rejectedRows = rejectedRows;
        this.stageMillis = Collections.unmodifiableMap(new LinkedHashMap<>(stageMillis));
    }

    /** Entities the feature filters removed at fit time, per rule (empty without filters). */
    public Map<String, Integer> filteredByRule() {
        return filteredByRule;
    }

    /** The seed of the fit (drawn and recorded when none was given). */
    public long seed() {
        return seed;
    }

    /** Rows of the transactions fitted on (0 when fitted on a feature table). */
    public int transactionRows() {
        return transactionRows;
    }

    /** Entities in the input (before eligibility). */
    public int entitiesIn() {
        return entitiesIn;
    }

    /** Entities that received a segment. */
    public int entitiesSegmented() {
        return entitiesSegmented;
    }

    /** Entities some extractor could not describe (e.g. every purchase was a return), left out of the fit. */
    public int entitiesNotDescribed() {
        return entitiesNotDescribed;
    }

    /** Entities the eligibility filter removed. */
    public int entitiesIneligible() {
        int n = 0;
        for (int c : ineligibleByRule.values()) {
            n += c;
        }
        return n;
    }

    /** Entities the eligibility filter removed, per rule (each counted under the first rule it failed). */
    public Map<String, Integer> ineligibleByRule() {
        return ineligibleByRule;
    }

    /** Rows the transactions' builder or reader rejected under a skip policy. */
    public RejectedRows rejectedRows() {
        return rejectedRows;
    }

    /** Wall-clock milliseconds per stage, in pipeline order. */
    public Map<String, Long> stageMillis() {
        return stageMillis;
    }

    @Override
    public String toString() {
        return "SegmentationDiagnostics[seed=" + seed + ", entitiesIn=" + entitiesIn + ", segmented="
                + entitiesSegmented + ", ineligible=" + ineligibleByRule + ", notDescribed=" + entitiesNotDescribed
                + ", rejectedRows="
                + rejectedRows.total() + ", stageMillis=" + stageMillis + "]";
    }
}
