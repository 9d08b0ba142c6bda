package dev.segmentation.features;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The length of one panel cell: a calendar day, an ISO week (Monday to Sunday) or a calendar month.
 *
 * <p>Every period has an integer index: for {@link #DAY} the epoch day (days since 1970-01-01), for {@link #WEEK}
 * the number of Mondays since 1969-12-29 ({@code floorDiv(epochDay + 3, 7)}), for {@link #MONTH}
 * {@code year * 12 + month - 1}. Consecutive periods have consecutive indices. Each period also has a <em>season
 * slot</em> used by {@link Seasonality}: the ISO week number with week 53 folded into 52 for weeks, the month
 * 1..12 for months, the ISO day of week 1..7 for days; and a <em>cycle length</em> used by {@link Stl}: 52, 12
 * and 7.
 *
 * <p>All methods are O(1), allocation-free (except {@link #start(int)}) and thread-safe.
 */
public enum Period {
    /** A calendar day. */
    DAY,
    /** An ISO week starting on Monday. */
    WEEK,
    /** A calendar month. */
    MONTH;

    /** The index of the period holding {@code epochDay} (days since 1970-01-01). */
    public int index(long epochDay) {
        switch (this) {
            case DAY:
                return Math.toIntExact(epochDay);
            case WEEK:
                return Calendar.weekIndex(epochDay);
            default:
                return Calendar.monthIndex(epochDay);
        }
    }

    /** The index of the period holding {@code date}. */
    public int index(LocalDate date) {
        return index(Objects.requireNonNull(date, "date").toEpochDay());
    }

    /** Epoch day of the first day of period {@code index}. */
    public long startEpochDay(int index) {
        switch (this) {
            case DAY:
                return index;
            case WEEK:
                return Calendar.weekStart(index);
            default:
                return Calendar.firstDayOfMonthIndex(index);
        }
    }

    /** First day of period {@code index}. */
    public LocalDate start(int index) {
        return LocalDate.ofEpochDay(startEpochDay(index));
    }

    /**
     * The season slot of period {@code index}: ISO week number with 53 folded into 52 (weeks), month 1..12
     * (months), ISO day of week 1..7 (days).
     */
    public int seasonSlot(int index) {
        switch (this) {
            case DAY:
                return Calendar.dayOfWeek(index);
            case WEEK:
                return Math.min(52, Calendar.isoWeekNumber(index));
            default:
                return Math.floorMod(index, 12) + 1;
        }
    }

    /** The largest season slot: 7, 52 or 12. */
    public int seasonSlots() {
        switch (this) {
            case DAY:
                return 7;
            case WEEK:
                return 52;
            default:
                return 12;
        }
    }

    /** The seasonal cycle length STL uses: 7 for days, 52 for weeks, 12 for months. */
    public int cycleLength() {
        return seasonSlots();
    }

    /**
     * The year a period belongs to for yearly aggregates ({@link Growth}, activity per year): the calendar year
     * of a day or month, the ISO week-based year of a week.
     */
    public int year(int index) {
        switch (this) {
            case DAY:
                return Calendar.year(index);
            case WEEK:
                return Calendar.isoWeekYear(index);
            default:
                return Math.floorDiv(index, 12);
        }
    }

    /** The calendar month 1..12 of the first day of period {@code index}. */
    public int calendarMonth(int index) {
        if (this == MONTH) {
            return Math.floorMod(index, 12) + 1;
        }
        return Math.floorMod(Calendar.monthIndex(startEpochDay(index)), 12) + 1;
    }
}
