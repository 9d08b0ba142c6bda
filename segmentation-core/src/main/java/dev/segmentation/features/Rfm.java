package dev.segmentation.features;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;
import dev.segmentation.internal.Cancel;
import dev.segmentation.state.StepState;
import dev.segmentation.internal.Parallel;
import dev.segmentation.state.Stateful;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recency, frequency and monetary value (RFM) per entity, with average order value and tenure.
 *
 * <p><b>Rows.</b> A row is a <em>purchase line</em> when its order is not flagged as cancelled, its quantity is
 * &gt; 0 and its amount is &gt; 0. Every other row gets one {@link RfmExclusion} reason (the first that applies:
 * cancelled order, negative quantity, zero quantity, non-positive amount). Rows of a cancelled order and rows with
 * a negative quantity are <em>return lines</em>; the {@link ReturnsPolicy} decides whether they are excluded
 * (default) or netted into monetary. Zero-quantity rows and positive-quantity rows with an amount &lt;= 0 are always
 * excluded. With the default settings and {@code cancelledOrders(id -> id.startsWith("C"))} this is exactly the
 * usual Online Retail filter (not cancelled, Quantity &gt; 0, UnitPrice &gt; 0).
 *
 * <p><b>Columns</b> ({@link #featureNames()}), over an entity's purchase lines; a day is the UTC calendar date of
 * a row's timestamp:
 * <ul>
 *   <li>{@code recency_days}: days from the entity's last purchase day to the as-of date; the as-of date is fixed
 *       with {@link Builder#asOf(LocalDate)}, else the day after the last date of any row of the input (so it
 *       does not depend on the policy)</li>
 *   <li>{@code frequency_orders}: number of distinct order ids</li>
 *   <li>{@code monetary}: sum of the amounts, minus the absolute amounts of the return lines under
 *       {@link ReturnsPolicy#NET},
 *       summed with Neumaier's compensated summation in the table's canonical row order</li>
 *   <li>{@code avg_order_value}: monetary / frequency</li>
 *   <li>{@code tenure_days}: days from the first to the last purchase day</li>
 * </ul>
 * An entity with no purchase line is left out of the table (the {@link FeatureExtractor} contract allows it); it is
 * listed in {@link RfmResult#droppedEntities()} and {@link #extract} logs how many there were.
 *
 * <p><b>Cost.</b> One pass over each entity's contiguous rows: O(rows + orders) time; distinct orders are counted
 * with an int marker array over order codes (one per block of entities), O(orders) extra memory per block. The
 * cancellation predicate is evaluated once per distinct order id. Entities are processed in fixed blocks on
 * {@link FitContext#threads()} threads; each entity's values are written to its own slot, so the result is
 * identical for any thread count. It is also independent of input row order, since {@link Transactions} keeps rows
 * in a canonical order. Reference: Hughes, A. M. (1994), <i>Strategic Database Marketing</i> (RFM analysis).
 *
 * <p><b>Thread safety:</b> immutable; the cancellation predicate must be thread-safe and side-effect free.
 *
 * <pre>{@code
 * Rfm rfm = Rfm.builder().cancelledOrders(id -> id.startsWith("C")).build();
 * RfmResult r = rfm.compute(transactions);
 * FeatureTable table = r.table();
 * long returns = r.excludedRows(RfmExclusion.NEGATIVE_QUANTITY);
 * }</pre>
 */
public final class Rfm implements FeatureExtractor, Stateful {
    /** Column: days since the last purchase. */
    public static final String RECENCY_DAYS = "recency_days";
    /** Column: number of distinct orders. */
    public static final String FREQUENCY_ORDERS = "frequency_orders";
    /** Column: sum of amounts. */
    public static final String MONETARY = "monetary";
    /** Column: monetary / frequency. */
    public static final String AVG_ORDER_VALUE = "avg_order_value";
    /** Column: days from the first to the last purchase. */
    public static final String TENURE_DAYS = "tenure_days";

    private static final List<String> NAMES =
            List.of(RECENCY_DAYS, FREQUENCY_ORDERS, MONETARY, AVG_ORDER_VALUE, TENURE_DAYS);
    private static final int D = 5;
    private static final int PURCHASE = RfmExclusion.values().length; // kind index of a purchase line
    /** Entities per parallel block (fixed, so blocks depend only on the input size). */
    static final int ENTITIES_PER_BLOCK = 2048;
    private static final Logger LOG = LoggerFactory.getLogger(Rfm.class);

    private final ReturnsPolicy policy;
    private final Predicate<String> cancelledOrders; // null: none
    private final LocalDate asOf; // null: day after the last date
    private final String cancelledPrefix; // non-null when cancelledOrders is the declarative prefix rule
    private final String cancelledPattern; // non-null when it is the declarative regex rule
    private final List<String> cancelledIds; // non-null when it is the declarative id-set rule

    private Rfm(ReturnsPolicy policy, Predicate<String> cancelledOrders, LocalDate asOf) {
        this(policy, cancelledOrders, asOf, null, null, null);
    }

    private Rfm(ReturnsPolicy policy, Predicate<String> cancelledOrders, LocalDate asOf, String cancelledPrefix,
            String cancelledPattern, List<String> cancelledIds) {
        this.policy = policy;
        this.cancelledOrders = cancelledOrders;
        this.asOf = asOf;
        this.cancelledPrefix = cancelledPrefix;
        this.cancelledPattern = cancelledPattern;
        this.cancelledIds = cancelledIds;
    }

    /**
     * Whether {@link #state()} can describe this extractor: false only when cancelled orders are flagged by an
     * arbitrary predicate (code), which a model file cannot hold.
     */
    public boolean isSaveable() {
        return cancelledOrders == null || cancelledPrefix != null || cancelledPattern != null || cancelledIds != null;
    }

    /** The default extractor: returns excluded, no order flagged as cancelled, as-of the day after the last date. */
    public static Rfm defaults() {
        return new Rfm(ReturnsPolicy.EXCLUDE, null, null);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The returns policy. */
    public ReturnsPolicy returnsPolicy() {
        return policy;
    }

    /** The fixed as-of date, if one was set. */
    public Optional<LocalDate> asOf() {
        return Optional.ofNullable(asOf);
    }

    /** The order-id prefix that flags cancelled orders, when set with {@link Builder#cancelledOrderPrefix}. */
    public Optional<String> cancelledOrderPrefix() {
        return Optional.ofNullable(cancelledPrefix);
    }

    /**
     * The settings as plain data (step type {@value RfmStepFactory#TYPE}): returns policy, as-of date and the
     * cancelled-order prefix.
     *
     * @throws IllegalStateException when cancelled orders are flagged by an arbitrary predicate, which is code and
     *     cannot be saved (use {@link Builder#cancelledOrderPrefix(String)})
     */
    @Override
    public StepState state() {
        if (!isSaveable()) {
            throw new IllegalStateException("this Rfm flags cancelled orders with an arbitrary predicate, which is"
                    + " code and cannot be saved in a model file; use Rfm.builder().cancelledOrderPrefix(\"C\"),"
                    + " cancelledOrderPattern(regex) or cancelledOrderIds(ids) instead of cancelledOrders(predicate)");
        }
        StepState.Builder b = StepState.builder(RfmStepFactory.TYPE, RfmStepFactory.VERSION)
                .put("returnsPolicy", policy.name())
                .put("asOf", asOf == null ? "" : asOf.toString());
        if (cancelledPrefix != null) {
            b.put("cancelledOrderPrefix", cancelledPrefix);
        }
        if (cancelledPattern != null) {
            b.put("cancelledOrderPattern", cancelledPattern);
        }
        if (cancelledIds != null) {
            b.putStrings("cancelledOrderIds", cancelledIds);
        }
        return b.build();
    }

    /** {@code recency_days, frequency_orders, monetary, avg_order_value, tenure_days}. */
    @Override
    public List<String> featureNames() {
        return NAMES;
    }

    /**
     * The RFM table of {@code transactions} (see {@link #compute(Transactions, FitContext)}); logs the exclusion
     * counts at INFO level.
     *
     * @throws IllegalArgumentException as {@link #compute(Transactions, FitContext)}
     */
    @Override
    public FeatureTable extract(Transactions transactions, FitContext context) {
        RfmResult r = compute(transactions, context);
        LOG.info("{}", r.summary());
        return r.table();
    }

    /** {@link #compute(Transactions, FitContext)} on all available processors. */
    public RfmResult compute(Transactions transactions) {
        return compute(transactions, FitContext.seeded(0));
    }

    /**
     * Computes the RFM table and the exclusion report.
     *
     * @throws IllegalArgumentException when {@code transactions} has no row, or an entity's last purchase day is
     *     after the fixed as-of date (naming the entity, the day and the as-of date)
     */
    public RfmResult compute(Transactions transactions, FitContext context) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(context, "context");
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("transactions has no rows: RFM needs at least one row");
        }
        final Transactions t = transactions;
        final long asOfDay = context.asOf().isPresent() ? context.asOf().get().toEpochDay()
                : asOf != null ? asOf.toEpochDay() : Math.floorDiv(t.maxEpochSecond(), 86_400L) + 1;
        final boolean[] cancelled = new boolean[t.orderCount()];
        if (cancelledOrders != null) {
            for (int o = 0; o < cancelled.length; o++) {
                cancelled[o] = cancelledOrders.test(t.orderIdOfCode(o));
            }
        }
        final int ne = t.entityCount();
        final double[] values = new double[ne * D];
        final long[] lastDay = new long[ne];
        final boolean[] present = new boolean[ne];
        final int nBlocks = Parallel.blocks(ne, ENTITIES_PER_BLOCK);
        final long[][] blockCounts = new long[nBlocks][PURCHASE + 1];
        final boolean net = policy == ReturnsPolicy.NET;
        // one order-marker array per concurrently running block, reused across blocks of this call: stamps are
        // entity + 1, unique within the call, so a stale stamp never matches (one array per block cost O(orders)
        // allocation per 2048 entities: 39 GB at 20 million orders)
        java.util.concurrent.ConcurrentLinkedQueue<int[]> markers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Cancel cancel = Cancel.of(context.cancellation()::isCancelled, FitCancelledException::new);
        Parallel.forEachBlock(nBlocks, context.threads(), cancel, b -> {
            int[] marker = markers.poll();
            if (marker == null) {
                marker = new int[cancelled.length];
            }
            computeBlock(t, b, cancelled, net, asOfDay, values, lastDay, present, blockCounts[b], marker);
            markers.add(marker);
        });

        long[] kinds = new long[PURCHASE + 1];
        for (int b = 0; b < nBlocks; b++) {
            for (int k = 0; k < kinds.length; k++) {
                kinds[k] += blockCounts[b][k];
            }
        }
        int kept = 0;
        List<String> dropped = new ArrayList<>();
        for (int e = 0; e < ne; e++) {
            if (!present[e]) {
                dropped.add(t.entityId(e));
                continue;
            }
            if (lastDay[e] > asOfDay) {
                throw new IllegalArgumentException("entity '" + t.entityId(e) + "' has a purchase on "
                        + LocalDate.ofEpochDay(lastDay[e]) + ", after the as-of date " + LocalDate.ofEpochDay(asOfDay)
                        + "; filter the transactions (Transactions.between) or move the as-of date");
            }
            kept++;
        }
        String[] ids = new String[kept];
        double[] out = new double[kept * D];
        int i = 0;
        for (int e = 0; e < ne; e++) {
            if (present[e]) {
                ids[i] = t.entityId(e);
                System.arraycopy(values, e * D, out, i * D, D);
                i++;
            }
        }
        long[] reasonCounts = new long[PURCHASE];
        System.arraycopy(kinds, 0, reasonCounts, 0, PURCHASE);
        return new RfmResult(FeatureTable.wrap(ids, NAMES.toArray(new String[0]), out), policy,
                LocalDate.ofEpochDay(asOfDay), reasonCounts, kinds[PURCHASE], dropped);
    }

    private static void computeBlock(Transactions t, int block, boolean[] cancelled, boolean net, long asOfDay,
            double[] values, long[] lastDayOut, boolean[] present, long[] counts, int[] marker) {
        final int ne = t.entityCount();
        final int e0 = block * ENTITIES_PER_BLOCK;
        final int e1 = Math.min(ne, e0 + ENTITIES_PER_BLOCK);
        // marker holds entity + 1 of the last entity that saw the order
        final int kCancelled = RfmExclusion.CANCELLED_ORDER.ordinal();
        final int kNegative = RfmExclusion.NEGATIVE_QUANTITY.ordinal();
        final int kZero = RfmExclusion.ZERO_QUANTITY.ordinal();
        final int kNonPositive = RfmExclusion.NON_POSITIVE_AMOUNT.ordinal();
        for (int e = e0; e < e1; e++) {
            final int stamp = e + 1;
            final int end = t.entityEnd(e);
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            int orders = 0;
            double sum = 0;
            double comp = 0;
            for (int r = t.entityStart(e); r < end; r++) {
                final int o = t.orderCode(r);
                final double q = t.quantity(r);
                final double a = t.amount(r);
                final int kind;
                if (cancelled[o]) {
                    kind = kCancelled;
                } else if (q < 0) {
                    kind = kNegative;
                } else if (q == 0) {
                    kind = kZero;
                } else if (!(a > 0)) {
                    kind = kNonPositive;
                } else {
                    kind = PURCHASE;
                }
                counts[kind]++;
                if (kind == PURCHASE) {
                    final long day = Math.floorDiv(t.epochSecond(r), 86_400L);
                    if (day < first) {
                        first = day;
                    }
                    if (day > last) {
                        last = day;
                    }
                    if (marker[o] != stamp) {
                        marker[o] = stamp;
                        orders++;
                    }
                } else if (!net || (kind != kCancelled && kind != kNegative)) {
                    continue;
                }
                // a purchase adds its amount, a netted return line subtracts its absolute amount
                final double v = kind == PURCHASE ? a : -Math.abs(a);
                // Neumaier compensated summation
                final double s = sum + v;
                if (Math.abs(sum) >= Math.abs(v)) {
                    comp += (sum - s) + v;
                } else {
                    comp += (v - s) + sum;
                }
                sum = s;
            }
            if (orders == 0) {
                continue;
            }
            final double monetary = sum + comp;
            final int base = e * D;
            values[base] = asOfDay - last;
            values[base + 1] = orders;
            values[base + 2] = monetary;
            values[base + 3] = monetary / orders;
            values[base + 4] = last - first;
            lastDayOut[e] = last;
            present[e] = true;
        }
    }

    @Override
    public String toString() {
        return "Rfm[returns=" + policy + ", cancelledOrders=" + (cancelledOrders == null ? "none"
                : cancelledPrefix != null ? "prefix '" + cancelledPrefix + "'" : "predicate")
                + ", asOf=" + (asOf == null ? "day after last date" : asOf.toString()) + "]";
    }

    /**
     * Configures an {@link Rfm}. Each setter validates its argument at once; {@link #build()} may be called many
     * times and never changes the builder. Not thread-safe.
     */
    public static final class Builder {
        private ReturnsPolicy policy = ReturnsPolicy.EXCLUDE;
        private Predicate<String> cancelledOrders;
        private String cancelledPrefix;
        private String cancelledPattern;
        private List<String> cancelledIds;
        private LocalDate asOf;

        private Builder() {
        }

        /** What to do with return lines (default {@link ReturnsPolicy#EXCLUDE}). */
        public Builder returnsPolicy(ReturnsPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Flags cancelled orders by order id (e.g. {@code id -> id.startsWith("C")} for UCI Online Retail); every row
         * of a flagged order is a return line. Default: none flagged.
         */
        public Builder cancelledOrders(Predicate<String> isCancelled) {
            this.cancelledOrders = Objects.requireNonNull(isCancelled, "isCancelled");
            this.cancelledPrefix = null;
            this.cancelledPattern = null;
            this.cancelledIds = null;
            return this;
        }

        /**
         * Flags as cancelled every order whose id starts with {@code prefix} ({@code "C"} for UCI Online Retail).
         * Unlike {@link #cancelledOrders(Predicate)} this rule is data, so a model using it can be saved. Replaces
         * a predicate set before.
         *
         * @throws IllegalArgumentException when the prefix is empty
         */
        public Builder cancelledOrderPrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("cancelledOrderPrefix must not be empty (it would flag every order)");
            }
            this.cancelledOrders = id -> id.startsWith(prefix);
            this.cancelledPrefix = prefix;
            this.cancelledPattern = null;
            this.cancelledIds = null;
            return this;
        }

        /**
         * Flags as cancelled every order whose whole id matches the regular expression {@code regex}. Data, so a
         * model using it can be saved. Replaces a rule set before.
         *
         * @throws IllegalArgumentException when the expression does not compile or matches the empty string
         */
        public Builder cancelledOrderPattern(String regex) {
            Objects.requireNonNull(regex, "regex");
            java.util.regex.Pattern p;
            try {
                p = java.util.regex.Pattern.compile(regex);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("cancelledOrderPattern '" + regex + "' is not a regular expression: "
                        + e.getDescription(), e);
            }
            if (p.matcher("").matches()) {
                throw new IllegalArgumentException("cancelledOrderPattern '" + regex + "' matches the empty string");
            }
            this.cancelledOrders = id -> p.matcher(id).matches();
            this.cancelledPrefix = null;
            this.cancelledPattern = regex;
            this.cancelledIds = null;
            return this;
        }

        /**
         * Flags as cancelled exactly the orders in {@code ids}. Data, so a model using it can be saved. Replaces a
         * rule set before.
         *
         * @throws IllegalArgumentException when the set is empty
         */
        public Builder cancelledOrderIds(java.util.Collection<String> ids) {
            Objects.requireNonNull(ids, "ids");
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("cancelledOrderIds must not be empty");
            }
            java.util.TreeSet<String> set = new java.util.TreeSet<>();
            for (String id : ids) {
                set.add(Objects.requireNonNull(id, "ids element"));
            }
            java.util.Set<String> lookup = java.util.Set.copyOf(set);
            this.cancelledOrders = lookup::contains;
            this.cancelledPrefix = null;
            this.cancelledPattern = null;
            this.cancelledIds = List.copyOf(set);
            return this;
        }

        /**
         * Fixes the as-of date of recency (default: the day after the last date in the transactions extracted).
         *
         * @throws IllegalArgumentException when the date is outside the range {@link Transactions} accepts
         */
        public Builder asOf(LocalDate asOf) {
            Objects.requireNonNull(asOf, "asOf");
            long s = asOf.toEpochDay() * 86_400L;
            if (s < Transactions.MIN_EPOCH_SECOND || s > Transactions.END_EPOCH_SECOND) {
                throw new IllegalArgumentException("asOf must be within 1900-01-01..2200-01-01 but was " + asOf);
            }
            this.asOf = asOf;
            return this;
        }

        /** Clears a fixed as-of date: recency is then measured from the day after the last date. */
        public Builder asOfDayAfterLastDate() {
            this.asOf = null;
            return this;
        }

        /** The extractor. */
        public Rfm build() {
            return new Rfm(policy, cancelledOrders, asOf, cancelledPrefix, cancelledPattern, cancelledIds);
        }
    }
}
