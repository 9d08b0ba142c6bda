package dev.segmentation.lifetime;

/**
 * The unit in which {@link CustomerSummary} counts time (recency, T) and in which the fitted models'
 * {@code alpha}, {@code beta} and prediction horizons are expressed.
 *
 * <p>Periods follow lifetimes' (pandas') conventions: a {@link #DAY} is a calendar day (UTC); a {@link #WEEK} is a
 * Monday-to-Sunday week (pandas' {@code "W"} period, anchored on Sunday). A purchase belongs to the period that
 * holds its date, and time between two dates is the number of whole periods between their periods.
 */
public enum TimeUnit {
    /** One calendar day. */
    DAY(1, 30.0),
    /** One Monday-to-Sunday week. */
    WEEK(7, 4.345);

    private final int days;
    private final double perMonth;

    TimeUnit(int days, double perMonth) {
        this.days = days;
        this.perMonth = perMonth;
    }

    /** Length of the unit in days. */
    public int days() {
        return days;
    }

    /**
     * Units in one month in lifetimes' {@code customer_lifetime_value} convention: 30 days, or 4.345 weeks.
     */
    public double unitsPerMonth() {
        return perMonth;
    }

    /** The period index of a date given as days since 1970-01-01 (weeks start on Monday; 1969-12-29 was one). */
    long period(long epochDay) {
        return this == DAY ? epochDay : Math.floorDiv(epochDay + 3, 7L);
    }
}
