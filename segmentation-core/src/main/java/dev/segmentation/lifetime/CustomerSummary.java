package dev.segmentation.lifetime;

import dev.segmentation.data.Transactions;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Per customer, the statistics the buy-till-you-die models are fitted on, in lifetimes' conventions (Fader, Hardie
 * and Lee 2005): {@code frequency} x, the number of repeat purchase periods; {@code recency} t<sub>x</sub>, the
 * time from the first to the last purchase period (0 when x = 0); {@code T}, the time from the first purchase period
 * to the observation end; and {@code monetaryValue}, the mean value of the repeat purchase periods (0 when x = 0).
 * Time is counted in whole {@link TimeUnit}s.
 *
 * <p>From {@link Transactions} ({@link #of(Transactions, TimeUnit, LocalDate)}): one purchase is one (customer,
 * period) with at least one row; its value is the sum of the amounts of those rows (compensated summation, in the
 * table's canonical row order). Rows are taken as given: remove cancellations and returns first (e.g. with
 * {@link Transactions#filterRows}).
 *
 * <p>Columnar: one {@code double[]} per statistic, in the order of {@link #customerIds()} (the table's entity order).
 * Building is O(rows); accessors copy. Immutable and thread-safe; deterministic.
 */
public final class CustomerSummary {
    private final List<String> ids;
    private final double[] frequency;
    private final double[] recency;
    private final double[] age;
    private final double[] monetary;
    private final TimeUnit unit;
    private final LocalDate observationEnd;

    private CustomerSummary(List<String> ids, double[] frequency, double[] recency, double[] age, double[] monetary,
            TimeUnit unit, LocalDate observationEnd) {
        this.ids = ids;
        this.frequency = frequency;
        this.recency = recency;
        this.age = age;
        this.monetary = monetary;
        this.unit = unit;
        this.observationEnd = observationEnd;
    }

    /**
     * The summary of every customer of {@code transactions} observed until the end of {@code observationEnd}
     * (inclusive).
     *
     * @throws IllegalArgumentException when a row falls after {@code observationEnd}, or has a negative amount
     *     (naming the customer, the row and the value), or the table is empty
     */
    public static CustomerSummary of(Transactions transactions, TimeUnit unit, LocalDate observationEnd) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(observationEnd, "observationEnd");
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("transactions: the table has no rows");
        }
        long endDay = observationEnd.toEpochDay();
        checkRows(transactions, endDay, observationEnd);
        return summarise(transactions, unit, observationEnd, Long.MAX_VALUE);
    }

    /**
     * lifetimes' {@code calibration_and_holdout_data}: the summary of the purchases up to {@code calibrationEnd}
     * (inclusive) for the customers who bought by then, and per customer the number of purchase periods and their
     * mean value in the holdout period after it, up to {@code observationEnd} (inclusive). Customers whose first
     * purchase falls in the holdout period are left out and counted.
     *
     * @throws IllegalArgumentException when {@code calibrationEnd} is not before {@code observationEnd}, a row falls
     *     after {@code observationEnd} or has a negative amount, or no row falls in the calibration period
     */
    public static CalibrationHoldout calibrationHoldout(Transactions transactions, TimeUnit unit,
            LocalDate calibrationEnd, LocalDate observationEnd) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        Objects.requireNonNull(observationEnd, "observationEnd");
        if (unit.period(calibrationEnd.toEpochDay()) >= unit.period(observationEnd.toEpochDay())) {
            throw new IllegalArgumentException("calibrationEnd " + calibrationEnd + " must fall in a " + unit
                    + " before that of observationEnd " + observationEnd);
        }
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("transactions: the table has no rows");
        }
        checkRows(transactions, observationEnd.toEpochDay(), observationEnd);
        long calDay = calibrationEnd.toEpochDay();
        CustomerSummary cal = summarise(transactions, unit, calibrationEnd, calDay);
        if (cal.size() == 0) {
            throw new IllegalArgumentException("no purchase falls on or before calibrationEnd " + calibrationEnd);
        }
        int n = cal.size();
        double[] hf = new double[n];
        double[] hm = new double[n];
        int c = 0;
        int newCustomers = 0;
        PeriodValues pv = new PeriodValues();
        for (int e = 0; e < transactions.entityCount(); e++) {
            int s = transactions.entityStart(e);
            if (transactions.epochDay(s) > calDay) {
                newCustomers++;
                continue;
            }
            pv.collect(transactions, unit, s, transactions.entityEnd(e), calDay, Long.MAX_VALUE);
            hf[c] = pv.periods;
            hm[c] = pv.periods > 0 ? pv.meanFrom(0) : 0.0;
            c++;
        }
        double duration = unit.period(observationEnd.toEpochDay()) - unit.period(calDay);
        return new CalibrationHoldout(cal, hf, hm, duration, newCustomers, observationEnd);
    }

    private static void checkRows(Transactions t, long endDay, LocalDate observationEnd) {
        for (int r = 0; r < t.size(); r++) {
            if (t.epochDay(r) > endDay) {
                throw new IllegalArgumentException("customer '" + t.entityId(t.entityOf(r)) + "': row " + r
                        + " (order '" + t.orderId(r) + "') is dated " + LocalDate.ofEpochDay(t.epochDay(r))
                        + ", after the observation end " + observationEnd);
            }
            if (t.amount(r) < 0) {
                throw new IllegalArgumentException("customer '" + t.entityId(t.entityOf(r)) + "': row " + r
                        + " (order '" + t.orderId(r) + "') has a negative amount " + t.amount(r)
                        + "; remove returns and cancellations before summarising");
            }
        }
    }

    /** The summary of the rows dated on or before {@code lastDay} (all rows when it is Long.MAX_VALUE). */
    private static CustomerSummary summarise(Transactions t, TimeUnit unit, LocalDate end, long lastDay) {
        int entities = t.entityCount();
        String[] ids = new String[entities];
        double[] x = new double[entities];
        double[] tx = new double[entities];
        double[] age = new double[entities];
        double[] m = new double[entities];
        long endPeriod = unit.period(end.toEpochDay());
        PeriodValues pv = new PeriodValues();
        int n = 0;
        for (int e = 0; e < entities; e++) {
            int s = t.entityStart(e);
            if (t.epochDay(s) > lastDay) {
                continue;
            }
            pv.collect(t, unit, s, t.entityEnd(e), Long.MIN_VALUE, lastDay);
            ids[n] = t.entityId(e);
            x[n] = pv.periods - 1;
            tx[n] = pv.lastPeriod - pv.firstPeriod;
            age[n] = endPeriod - pv.firstPeriod;
            m[n] = pv.periods > 1 ? pv.meanFrom(1) : 0.0;
            n++;
        }
        return new CustomerSummary(List.of(Arrays.copyOf(ids, n)), Arrays.copyOf(x, n), Arrays.copyOf(tx, n),
                Arrays.copyOf(age, n), Arrays.copyOf(m, n), unit, end);
    }

    /**
     * The purchases (periods) of one customer and their values. A period's value sums its rows' amounts in
     * increasing order with Kahan's compensated summation, and a mean of period values is a Kahan sum in period order
     * divided by the count: the arithmetic pandas' grouped sum and mean use, so the result does not depend on the
     * order of the rows and matches lifetimes bit for bit when lifetimes saw the same rows.
     */
    static final class PeriodValues {
        int periods;
        long firstPeriod;
        long lastPeriod;
        double[] values = new double[16];
        private double[] scratch = new double[64];

        /** Collects rows [start, stop) dated after {@code afterDay} and on or before {@code lastDay}. */
        void collect(Transactions t, TimeUnit unit, int start, int stop, long afterDay, long lastDay) {
            periods = 0;
            int k = 0;
            long current = Long.MIN_VALUE;
            for (int r = start; r < stop; r++) {
                long day = t.epochDay(r);
                if (day <= afterDay) {
                    continue;
                }
                if (day > lastDay) {
                    break;
                }
                long p = unit.period(day);
                if (k > 0 && p != current) {
                    close(k);
                    k = 0;
                }
                if (k == 0) {
                    if (periods == 0) {
                        firstPeriod = p;
                    }
                    current = p;
                    lastPeriod = p;
                }
                if (k == scratch.length) {
                    scratch = Arrays.copyOf(scratch, 2 * k);
                }
                scratch[k++] = t.amount(r);
            }
            if (k > 0) {
                close(k);
            }
        }

        private void close(int k) {
            Arrays.sort(scratch, 0, k);
            double sum = 0;
            double comp = 0;
            for (int i = 0; i < k; i++) {
                double y = scratch[i] - comp;
                double u = sum + y;
                comp = (u - sum) - y;
                sum = u;
            }
            if (periods == values.length) {
                values = Arrays.copyOf(values, 2 * periods);
            }
            values[periods++] = sum;
        }

        /** Kahan mean of values[from..periods). */
        double meanFrom(int from) {
            double sum = 0;
            double comp = 0;
            for (int i = from; i < periods; i++) {
                double y = values[i] - comp;
                double u = sum + y;
                comp = (u - sum) - y;
                sum = u;
            }
            return sum / (periods - from);
        }
    }

    /**
     * A summary from columns (copied), e.g. read from a file: customer ids, frequency, recency, T and monetary value
     * in {@code unit}s.
     *
     * @throws IllegalArgumentException when the lengths differ, there is no customer, or a customer's values are
     *     invalid: frequency not a whole number >= 0, recency outside [0, T], recency not 0 when frequency is 0,
     *     monetary value negative, or any value not finite (naming the customer, the column and the value)
     */
    public static CustomerSummary of(List<String> customerIds, double[] frequency, double[] recency, double[] t,
            double[] monetaryValue, TimeUnit unit) {
        Objects.requireNonNull(customerIds, "customerIds");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(recency, "recency");
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(monetaryValue, "monetaryValue");
        Objects.requireNonNull(unit, "unit");
        int n = customerIds.size();
        if (n == 0) {
            throw new IllegalArgumentException("customerIds: the summary needs at least one customer");
        }
        checkLength("frequency", frequency.length, n);
        checkLength("recency", recency.length, n);
        checkLength("T", t.length, n);
        checkLength("monetaryValue", monetaryValue.length, n);
        for (int i = 0; i < n; i++) {
            String id = Objects.requireNonNull(customerIds.get(i), "customerIds[" + i + "]");
            double x = frequency[i];
            if (!(x >= 0) || x != Math.rint(x) || Double.isInfinite(x)) {
                throw bad(id, "frequency", x, "a whole number >= 0");
            }
            if (!(t[i] >= 0) || Double.isInfinite(t[i])) {
                throw bad(id, "T", t[i], "finite and >= 0");
            }
            if (!(recency[i] >= 0) || recency[i] > t[i]) {
                throw bad(id, "recency", recency[i], "in [0, T = " + t[i] + "]");
            }
            if (x == 0 && recency[i] != 0) {
                throw bad(id, "recency", recency[i], "0 because frequency is 0");
            }
            if (!(monetaryValue[i] >= 0) || Double.isInfinite(monetaryValue[i])) {
                throw bad(id, "monetaryValue", monetaryValue[i], "finite and >= 0");
            }
        }
        return new CustomerSummary(List.copyOf(customerIds), frequency.clone(), recency.clone(), t.clone(),
                monetaryValue.clone(), unit, null);
    }

    private static IllegalArgumentException bad(String id, String column, double value, String rule) {
        return new IllegalArgumentException("customer '" + id + "': " + column + " is " + value + " but must be "
                + rule);
    }

    private static void checkLength(String name, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException(
                    "column " + name + " has " + length + " values but customerIds has " + expected);
        }
    }

    /** Number of customers. */
    public int size() {
        return ids.size();
    }

    /** Customer ids in row order (unmodifiable). */
    public List<String> customerIds() {
        return ids;
    }

    /** Repeat purchase periods x per customer (a copy). */
    public double[] frequency() {
        return frequency.clone();
    }

    /** Recency t<sub>x</sub> per customer, in time units (a copy). */
    public double[] recency() {
        return recency.clone();
    }

    /** Age T per customer: time units from the first purchase to the observation end (a copy). */
    public double[] t() {
        return age.clone();
    }

    /** Mean value of the repeat purchases per customer, 0 when frequency is 0 (a copy). */
    public double[] monetaryValue() {
        return monetary.clone();
    }

    /** The time unit of recency and T. */
    public TimeUnit timeUnit() {
        return unit;
    }

    /** The observation end, when the summary was computed from transactions. */
    public Optional<LocalDate> observationEnd() {
        return Optional.ofNullable(observationEnd);
    }

    /** Row accessors without copies, for the fitters and predictors of this package. */
    double frequency(int i) {
        return frequency[i];
    }

    double recency(int i) {
        return recency[i];
    }

    double age(int i) {
        return age[i];
    }

    double monetary(int i) {
        return monetary[i];
    }

    double[] frequencyArray() {
        return frequency;
    }

    double[] recencyArray() {
        return recency;
    }

    double[] ageArray() {
        return age;
    }

    double[] monetaryArray() {
        return monetary;
    }

    @Override
    public String toString() {
        return "CustomerSummary[" + size() + " customers, unit " + unit
                + (observationEnd == null ? "" : ", observed until " + observationEnd) + "]";
    }
}
