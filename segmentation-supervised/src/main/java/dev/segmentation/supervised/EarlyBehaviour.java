package dev.segmentation.supervised;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Features of each customer's first days: what a retailer knows of a new customer {@code days} days after the first
 * purchase, to predict the segment the customer will belong to (issue 16, task a).
 *
 * <p>A purchase row has quantity > 0, amount > 0 and an order id without the cancelled-order prefix; any other row
 * of the window (cancellations, returns) counts in {@code returned_rows}. A customer's window is the days
 * {@code [F, F + days)} where F is the day of the first purchase. Only customers whose window is fully inside the data
 * ({@code F + days <= last day of the data + 1}) are described, so no customer's early behaviour is cut short by the
 * end of the data; the others are left out (see {@link #extract}'s result size).
 *
 * <p>Features, per customer: {@value #ORDERS} (distinct purchase orders), {@value #MONETARY} (sum of purchase
 * amounts), {@value #AVG_ORDER_VALUE}, {@value #FIRST_ORDER_VALUE} (amount of the order of the first purchase row),
 * {@value #ACTIVE_DAYS} (distinct days with a purchase), {@value #LAST_PURCHASE_DAY} (days from the first to the last
 * purchase in the window, 0..days-1), {@value #UNITS} (sum of purchase quantities), {@value #ITEMS} (distinct items
 * bought; NaN, XGBoost's missing value, when the transactions carry no items) and {@value #RETURNED_ROWS}.
 *
 * <p>O(rows + orders). Deterministic. Immutable and thread-safe.
 */
public final class EarlyBehaviour {
    /** Feature name. */
    public static final String ORDERS = "orders";
    /** Feature name. */
    public static final String MONETARY = "monetary";
    /** Feature name. */
    public static final String AVG_ORDER_VALUE = "avg_order_value";
    /** Feature name. */
    public static final String FIRST_ORDER_VALUE = "first_order_value";
    /** Feature name. */
    public static final String ACTIVE_DAYS = "active_days";
    /** Feature name. */
    public static final String LAST_PURCHASE_DAY = "last_purchase_day";
    /** Feature name. */
    public static final String UNITS = "units";
    /** Feature name. */
    public static final String ITEMS = "items";
    /** Feature name. */
    public static final String RETURNED_ROWS = "returned_rows";

    /** Feature name (only with {@link #withFirstPurchaseAge(LocalDate)}). */
    public static final String FIRST_PURCHASE_AGE_DAYS = "first_purchase_age_days";

    private static final String[] NAMES = {ORDERS, MONETARY, AVG_ORDER_VALUE, FIRST_ORDER_VALUE, ACTIVE_DAYS,
        LAST_PURCHASE_DAY, UNITS, ITEMS, RETURNED_ROWS};

    private final int days;
    private final String cancelledPrefix;
    private final LocalDate ageAsOf;

    private EarlyBehaviour(int days, String cancelledPrefix, LocalDate ageAsOf) {
        this.days = days;
        this.cancelledPrefix = cancelledPrefix;
        this.ageAsOf = ageAsOf;
    }

    /**
     * Early behaviour over each customer's first {@code days} days.
     *
     * @param cancelledOrderPrefix orders whose id starts with it are cancellations (e.g. "C" in UCI Online Retail),
     *     or null for none
     * @throws IllegalArgumentException when days is below 1 or the prefix is empty
     */
    public static EarlyBehaviour firstDays(int days, String cancelledOrderPrefix) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be >= 1 but was " + days);
        }
        if (cancelledOrderPrefix != null && cancelledOrderPrefix.isEmpty()) {
            throw new IllegalArgumentException("cancelledOrderPrefix must not be empty (use null for none)");
        }
        return new EarlyBehaviour(days, cancelledOrderPrefix, null);
    }

    /**
     * The same features plus {@value #FIRST_PURCHASE_AGE_DAYS}: days from the first purchase to {@code asOf}. Use it
     * when the segment to predict is the one a segmentation as of {@code asOf} will give (the customer's tenure then
     * is known when scoring and shapes recency-based segments); leave it out to predict from behaviour alone.
     */
    public EarlyBehaviour withFirstPurchaseAge(LocalDate asOf) {
        return new EarlyBehaviour(days, cancelledPrefix, Objects.requireNonNull(asOf, "asOf"));
    }

    /** The window length in days. */
    public int days() {
        return days;
    }

    /** The feature names, in column order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>(List.of(NAMES));
        if (ageAsOf != null) {
            names.add(FIRST_PURCHASE_AGE_DAYS);
        }
        return List.copyOf(names);
    }

    /**
     * The features of every customer whose first {@code days} days are inside the data, in the transactions' entity
     * order.
     *
     * @throws IllegalArgumentException when the transactions are empty
     */
    public FeatureTable extract(Transactions tx) {
        Objects.requireNonNull(tx, "tx");
        Windows w = windows(tx);
        int d = NAMES.length + (ageAsOf == null ? 0 : 1);
        List<String> ids = new ArrayList<>();
        double[] v = new double[w.count * d];
        boolean[] cancelled = cancelledOrders(tx);
        int[] orderSeen = new int[tx.orderCount()];
        Arrays.fill(orderSeen, -1);
        int[] itemSeen = tx.hasItems() ? new int[tx.itemCount()] : new int[0];
        Arrays.fill(itemSeen, -1);
        int row = 0;
        for (int e = 0; e < tx.entityCount(); e++) {
            long first = w.firstDay[e];
            if (first == Long.MIN_VALUE) {
                continue;
            }
            ids.add(tx.entityId(e));
            long end = first + days;
            int orders = 0;
            double monetary = 0;
            double units = 0;
            int items = 0;
            int returned = 0;
            long lastDay = first;
            int activeDays = 0;
            long firstTime = Long.MAX_VALUE;
            int firstOrder = -1;
            // distinct purchase days (rows are not assumed sorted by time)
            boolean[] daysSeen = new boolean[days];
            for (int r = tx.entityStart(e); r < tx.entityEnd(e); r++) {
                long day = tx.epochDay(r);
                if (day < first || day >= end) {
                    continue;
                }
                if (!isPurchase(tx, r, cancelled)) {
                    returned++;
                    continue;
                }
                int o = tx.orderCode(r);
                if (orderSeen[o] != e) {
                    orderSeen[o] = e;
                    orders++;
                }
                monetary += tx.amount(r);
                units += tx.quantity(r);
                if (tx.hasItems()) {
                    int it = tx.itemCode(r);
                    if (itemSeen[it] != e) {
                        itemSeen[it] = e;
                        items++;
                    }
                }
                int off = (int) (day - first);
                if (!daysSeen[off]) {
                    daysSeen[off] = true;
                    activeDays++;
                }
                lastDay = Math.max(lastDay, day);
                long t = tx.epochSecond(r);
                if (t < firstTime) {
                    firstTime = t;
                    firstOrder = o;
                }
            }
            double firstOrderValue = 0;
            for (int r = tx.entityStart(e); r < tx.entityEnd(e); r++) {
                if (tx.orderCode(r) == firstOrder && isPurchase(tx, r, cancelled)) {
                    firstOrderValue += tx.amount(r);
                }
            }
            int b = row * d;
            v[b] = orders;
            v[b + 1] = monetary;
            v[b + 2] = monetary / orders;
            v[b + 3] = firstOrderValue;
            v[b + 4] = activeDays;
            v[b + 5] = lastDay - first;
            v[b + 6] = units;
            v[b + 7] = tx.hasItems() ? items : Double.NaN;
            v[b + 8] = returned;
            if (ageAsOf != null) {
                v[b + 9] = ageAsOf.toEpochDay() - first;
            }
            row++;
        }
        return FeatureTable.of(ids, featureNames(), v);
    }

    /**
     * The window rows of every described customer, each customer's rows shifted in time by whole days so that the
     * window's last day is the data's last day: features computed "as of the end of the data" (RFM recency, say) are
     * then computed as of the end of each customer's window. Used to apply a segmentation fitted on full histories to
     * early behaviour (the baseline of task a). Items and categories are kept; attributes are dropped.
     */
    public Transactions alignedWindows(Transactions tx) {
        Objects.requireNonNull(tx, "tx");
        Windows w = windows(tx);
        Transactions.Builder b = Transactions.builder();
        for (int e = 0; e < tx.entityCount(); e++) {
            long first = w.firstDay[e];
            if (first == Long.MIN_VALUE) {
                continue;
            }
            long shift = (w.lastDay - (first + days - 1)) * 86_400L;
            for (int r = tx.entityStart(e); r < tx.entityEnd(e); r++) {
                long day = tx.epochDay(r);
                if (day >= first && day < first + days) {
                    b.add(tx.entityId(e), tx.epochSecond(r) + shift, tx.orderId(r), tx.quantity(r), tx.amount(r),
                            tx.hasItems() ? tx.itemId(r) : null, tx.hasCategories() ? tx.category(r) : null);
                }
            }
        }
        return b.build();
    }

    private static final class Windows {
        final long[] firstDay;
        final long lastDay;
        final int count;

        Windows(long[] firstDay, long lastDay, int count) {
            this.firstDay = firstDay;
            this.lastDay = lastDay;
            this.count = count;
        }
    }

    private Windows windows(Transactions tx) {
        if (tx.isEmpty()) {
            throw new IllegalArgumentException("no transactions");
        }
        boolean[] cancelled = cancelledOrders(tx);
        long lastDay = Math.floorDiv(tx.maxEpochSecond(), 86_400L);
        long[] first = new long[tx.entityCount()];
        int count = 0;
        for (int e = 0; e < first.length; e++) {
            long f = Long.MAX_VALUE;
            for (int r = tx.entityStart(e); r < tx.entityEnd(e); r++) {
                if (isPurchase(tx, r, cancelled)) {
                    f = Math.min(f, tx.epochDay(r));
                }
            }
            if (f != Long.MAX_VALUE && f + days <= lastDay + 1) {
                first[e] = f;
                count++;
            } else {
                first[e] = Long.MIN_VALUE;
            }
        }
        return new Windows(first, lastDay, count);
    }

    private boolean[] cancelledOrders(Transactions tx) {
        boolean[] c = new boolean[tx.orderCount()];
        if (cancelledPrefix != null) {
            for (int o = 0; o < c.length; o++) {
                c[o] = tx.orderIdOfCode(o).startsWith(cancelledPrefix);
            }
        }
        return c;
    }

    private static boolean isPurchase(Transactions tx, int r, boolean[] cancelled) {
        return tx.quantity(r) > 0 && tx.amount(r) > 0 && !cancelled[tx.orderCode(r)];
    }

    @Override
    public String toString() {
        return "EarlyBehaviour[first " + days + " days" + (cancelledPrefix == null ? "" : ", cancelled prefix '"
                + cancelledPrefix + "'") + (ageAsOf == null ? "" : ", first-purchase age as of " + ageAsOf) + "]";
    }
}
