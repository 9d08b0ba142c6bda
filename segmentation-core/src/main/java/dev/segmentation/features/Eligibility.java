package dev.segmentation.features;

import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.pipeline.PipelineStep;
import dev.segmentation.pipeline.StepFit;

import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;
import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.Parallel;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which entities are described well enough to segment (seed 001's eligibility filter), applied to transactions
 * before feature extraction: e.g. {@code Eligibility.minActiveMonths(12).minAvgActiveMonthsPerYear(6)}.
 *
 * <p>Rules (each off unless set), checked in this order; an entity is removed by the first rule it fails:
 * <ol>
 *   <li>{@link Rule#MIN_ACTIVE_MONTHS}: calendar months with at least one row &gt;= the minimum;</li>
 *   <li>{@link Rule#MIN_AVG_ACTIVE_MONTHS_PER_YEAR}: active months / active years (years with an active month)
 *       &gt;= the minimum;</li>
 *   <li>{@link Rule#MIN_ORDERS}: distinct order ids &gt;= the minimum;</li>
 *   <li>{@link Rule#MIN_ACTIVE_PERIODS}: active periods of a given {@link Period} &gt;= the minimum.</li>
 * </ol>
 * {@link #apply} returns a {@link Result} with the kept transactions, the number each rule removed and the reason
 * of every removed entity; a caller predicting for a removed entity can report "not eligible" with that reason.
 *
 * <p>Cost: one contiguous scan of each entity's rows (O(rows), plus O(r log r) per entity for distinct orders when
 * that rule is set), in parallel over fixed entity blocks; then {@link Transactions#filterRows} for the kept rows.
 * Deterministic for any thread count. Immutable and thread-safe; every setter returns a new rule set.
 */
public final class Eligibility implements dev.segmentation.state.Stateful, PipelineStep, FittedStep {
    /** A rule of the filter. */
    public enum Rule {
        /** Minimum number of active calendar months. */
        MIN_ACTIVE_MONTHS,
        /** Minimum mean number of active months per active year. */
        MIN_AVG_ACTIVE_MONTHS_PER_YEAR,
        /** Minimum number of distinct orders. */
        MIN_ORDERS,
        /** Minimum number of active periods of a given period. */
        MIN_ACTIVE_PERIODS
    }

    private final int minActiveMonths;
    private final double minAvgActiveMonthsPerYear;
    private final int minOrders;
    private final Period period;
    private final int minActivePeriods;

    private Eligibility(int minActiveMonths, double minAvg, int minOrders, Period period, int minActivePeriods) {
        this.minActiveMonths = minActiveMonths;
        this.minAvgActiveMonthsPerYear = minAvg;
        this.minOrders = minOrders;
        this.period = period;
        this.minActivePeriods = minActivePeriods;
    }

    /** The filter that keeps every entity. */
    public static Eligibility none() {
        return new Eligibility(0, 0, 0, Period.MONTH, 0);
    }

    /** A filter keeping entities with at least {@code months} active months. @throws IllegalArgumentException if negative */
    public static Eligibility minActiveMonths(int months) {
        return none().withMinActiveMonths(months);
    }

    /** The same filter with a minimum of active months. @throws IllegalArgumentException if negative */
    public Eligibility withMinActiveMonths(int months) {
        if (months < 0) {
            throw new IllegalArgumentException("minActiveMonths must be >= 0 but was " + months);
        }
        return new Eligibility(months, minAvgActiveMonthsPerYear, minOrders, period, minActivePeriods);
    }

    /**
     * The same filter with a minimum mean of active months per active year (0..12).
     *
     * @throws IllegalArgumentException when outside [0, 12] or NaN
     */
    public Eligibility minAvgActiveMonthsPerYear(double months) {
        if (!(months >= 0 && months <= 12)) {
            throw new IllegalArgumentException("minAvgActiveMonthsPerYear must be within [0, 12] but was " + months);
        }
        return new Eligibility(minActiveMonths, months, minOrders, period, minActivePeriods);
    }

    /** The same filter with a minimum number of distinct orders. @throws IllegalArgumentException if negative */
    public Eligibility minOrders(int orders) {
        if (orders < 0) {
            throw new IllegalArgumentException("minOrders must be >= 0 but was " + orders);
        }
        return new Eligibility(minActiveMonths, minAvgActiveMonthsPerYear, orders, period, minActivePeriods);
    }

    /**
     * The same filter with a minimum number of active periods of {@code period}.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public Eligibility minActivePeriods(Period period, int count) {
        Objects.requireNonNull(period, "period");
        if (count < 0) {
            throw new IllegalArgumentException("minActivePeriods must be >= 0 but was " + count);
        }
        return new Eligibility(minActiveMonths, minAvgActiveMonthsPerYear, minOrders, period, count);
    }

    /** What {@link #apply} found. Immutable. */
    public static final class Result {
        private final Transactions eligible;
        private final String[] ids;
        private final byte[] reason; // -1 kept, else Rule ordinal
        private final EnumMap<Rule, Integer> removed;

        Result(Transactions eligible, String[] ids, byte[] reason, EnumMap<Rule, Integer> removed) {
            this.eligible = eligible;
            this.ids = ids;
            this.reason = reason;
            this.removed = removed;
        }

        /** The rows of the eligible entities. */
        public Transactions eligible() {
            return eligible;
        }

        /** Number of entities examined. */
        public int examined() {
            return ids.length;
        }

        /** Number of entities removed. */
        public int removedCount() {
            int n = 0;
            for (int v : removed.values()) {
                n += v;
            }
            return n;
        }

        /** Number of entities each rule removed (by the first rule failed; rules not set are absent). */
        public Map<Rule, Integer> removedByRule() {
            return Collections.unmodifiableMap(new EnumMap<>(removed));
        }

        /** True when {@code entityId} was examined and kept. */
        public boolean isEligible(String entityId) {
            int i = Arrays.binarySearch(ids, Objects.requireNonNull(entityId, "entityId"));
            return i >= 0 && reason[i] < 0;
        }

        /** Every removed entity with the name of the rule that removed it, in entity order. */
        public Map<String, String> removedEntities() {
            java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
            Rule[] rules = Rule.values();
            for (int i = 0; i < ids.length; i++) {
                if (reason[i] >= 0) {
                    m.put(ids[i], rules[reason[i]].name());
                }
            }
            return m;
        }

        /** The rule that removed {@code entityId}; empty when kept or unknown. */
        public Optional<Rule> reason(String entityId) {
            int i = Arrays.binarySearch(ids, Objects.requireNonNull(entityId, "entityId"));
            return i < 0 || reason[i] < 0 ? Optional.empty() : Optional.of(Rule.values()[reason[i]]);
        }

        @Override
        public String toString() {
            return "Eligibility.Result[examined=" + ids.length + ", removed=" + removedCount() + " " + removed + "]";
        }
    }

    /** The names of the rules this filter checks (those set), in {@link Rule} order. */
    public List<String> ruleNames() {
        List<String> out = new java.util.ArrayList<>();
        if (minActiveMonths > 0) {
            out.add(Rule.MIN_ACTIVE_MONTHS.name());
        }
        if (minAvgActiveMonthsPerYear > 0) {
            out.add(Rule.MIN_AVG_ACTIVE_MONTHS_PER_YEAR.name());
        }
        if (minOrders > 0) {
            out.add(Rule.MIN_ORDERS.name());
        }
        if (minActivePeriods > 0) {
            out.add(Rule.MIN_ACTIVE_PERIODS.name());
        }
        return out;
    }

    /** {@code "eligibility"}. */
    @Override
    public String stage() {
        return "eligibility";
    }

    @Override
    public Input input() {
        return Input.TRANSACTIONS;
    }

    /** Keeps the eligible entities' transactions; every other entity is excluded with the rule it failed. */
    @Override
    public Frame apply(Frame input, FitContext context) {
        Transactions tx = input.transactions(stage());
        if (tx.isEmpty()) {
            return input;
        }
        Result r = apply(tx, context);
        return input.withTransactions(r.eligible(), r.removedEntities(), Frame.Exclusion.NOT_ELIGIBLE);
    }

    /**
     * As {@link #apply(Frame, FitContext)}; nothing is learned.
     *
     * @throws IllegalArgumentException when no entity passes, with the count each rule removed
     */
    @Override
    public StepFit fit(Frame input, FitContext context) {
        Transactions tx = input.transactions(stage());
        Result r = apply(tx, context);
        if (r.eligible().isEmpty()) {
            Map<String, Integer> byRule = new java.util.LinkedHashMap<>();
            r.removedByRule().forEach((rule, count) -> byRule.put(rule.name(), count));
            throw new IllegalArgumentException("no entity passed the eligibility filter " + this + " ("
                    + tx.entityCount() + " entities examined, removed per rule " + byRule + ")");
        }
        return StepFit.of(this, input.withTransactions(r.eligible(), r.removedEntities(),
                Frame.Exclusion.NOT_ELIGIBLE));
    }

    /** Applies the filter on one thread. */
    public Result apply(Transactions transactions) {
        return apply(transactions, 1, Cancel.NEVER);
    }

    /** Applies the filter on {@code context.threads()} threads. */
    public Result apply(Transactions transactions, FitContext context) {
        Objects.requireNonNull(context, "context");
        return apply(transactions, context.threads(), Cancel.of(context.cancellation()::isCancelled,
                FitCancelledException::new));
    }

    private Result apply(Transactions tx, int threads, Cancel cancel) {
        Objects.requireNonNull(tx, "transactions");
        final int ne = tx.entityCount();
        final byte[] reason = new byte[ne];
        final int block = 1024;
        Parallel.forEachBlock(Parallel.blocks(ne, block), threads, cancel, b -> {
            Scratch s = Scratch.get();
            int to = Math.min(ne, (b + 1) * block);
            for (int e = b * block; e < to; e++) {
                reason[e] = (byte) firstFailed(tx, e, s);
            }
        });
        EnumMap<Rule, Integer> removed = new EnumMap<>(Rule.class);
        if (minActiveMonths > 0) {
            removed.put(Rule.MIN_ACTIVE_MONTHS, 0);
        }
        if (minAvgActiveMonthsPerYear > 0) {
            removed.put(Rule.MIN_AVG_ACTIVE_MONTHS_PER_YEAR, 0);
        }
        if (minOrders > 0) {
            removed.put(Rule.MIN_ORDERS, 0);
        }
        if (minActivePeriods > 0) {
            removed.put(Rule.MIN_ACTIVE_PERIODS, 0);
        }
        BitSet keep = new BitSet(ne);
        for (int e = 0; e < ne; e++) {
            if (reason[e] < 0) {
                keep.set(e);
            } else {
                removed.merge(Rule.values()[reason[e]], 1, Integer::sum);
            }
        }
        Transactions kept = keep.cardinality() == ne ? tx : tx.filterRows(r -> keep.get(tx.entityOf(r)));
        return new Result(kept, tx.entityIds().toArray(new String[0]), reason, removed);
    }

    private int firstFailed(Transactions tx, int e, Scratch s) {
        int start = tx.entityStart(e);
        int end = tx.entityEnd(e);
        if (minActiveMonths > 0 || minAvgActiveMonthsPerYear > 0) {
            int months = 0;
            int years = 0;
            int prevMonth = Integer.MIN_VALUE;
            int prevYear = Integer.MIN_VALUE;
            for (int r = start; r < end; r++) {
                int m = Calendar.monthIndex(tx.epochDay(r));
                if (m != prevMonth) {
                    months++;
                    prevMonth = m;
                    int y = Math.floorDiv(m, 12);
                    if (y != prevYear) {
                        years++;
                        prevYear = y;
                    }
                }
            }
            if (months < minActiveMonths) {
                return Rule.MIN_ACTIVE_MONTHS.ordinal();
            }
            if ((double) months / years < minAvgActiveMonthsPerYear) {
                return Rule.MIN_AVG_ACTIVE_MONTHS_PER_YEAR.ordinal();
            }
        }
        if (minOrders > 0) {
            double[] codes = s.buf(end - start);
            for (int r = start; r < end; r++) {
                codes[r - start] = tx.orderCode(r);
            }
            Arrays.sort(codes, 0, end - start);
            int distinct = 0;
            for (int i = 0; i < end - start; i++) {
                if (i == 0 || codes[i] != codes[i - 1]) {
                    distinct++;
                }
            }
            if (distinct < minOrders) {
                return Rule.MIN_ORDERS.ordinal();
            }
        }
        if (minActivePeriods > 0) {
            int count = 0;
            int prev = Integer.MIN_VALUE;
            for (int r = start; r < end; r++) {
                int p = period.index(tx.epochDay(r));
                if (p != prev) {
                    count++;
                    prev = p;
                }
            }
            if (count < minActivePeriods) {
                return Rule.MIN_ACTIVE_PERIODS.ordinal();
            }
        }
        return -1;
    }

    /** The rule settings as plain data (step type {@value EligibilityStepFactory#TYPE}). */
    @Override
    public dev.segmentation.state.StepState state() {
        return dev.segmentation.state.StepState.builder(EligibilityStepFactory.TYPE, EligibilityStepFactory.VERSION)
                .put("minActiveMonths", (long) minActiveMonths)
                .put("minAvgActiveMonthsPerYear", minAvgActiveMonthsPerYear)
                .put("minOrders", (long) minOrders)
                .put("period", period.name())
                .put("minActivePeriods", (long) minActivePeriods)
                .build();
    }

    @Override
    public String toString() {
        return "Eligibility[minActiveMonths=" + minActiveMonths + ", minAvgActiveMonthsPerYear="
                + minAvgActiveMonthsPerYear + ", minOrders=" + minOrders + ", minActivePeriods=" + minActivePeriods
                + " of " + period + "]";
    }
}
