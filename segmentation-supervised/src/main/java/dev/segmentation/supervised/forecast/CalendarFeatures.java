package dev.segmentation.supervised.forecast;

import dev.segmentation.features.Period;
import java.util.List;
import java.util.Objects;

/**
 * Calendar features of a period, for forecasting models: {@code season_slot} (ISO week 1..52 with 53 folded into
 * 52 for weeks, month 1..12 for months, ISO day of week 1..7 for days, as {@link Period#seasonSlot(int)}),
 * {@code month} (calendar month 1..12 of the period's first day) and {@code day_of_month} (1..31 for days, NaN for
 * weeks and months). Known in advance for any future period. O(1) per period; stateless and thread-safe.
 */
public final class CalendarFeatures {
    /** The feature names, in the order {@link #fill} writes them. */
    public static final List<String> NAMES = List.of("season_slot", "month", "day_of_month");

    private CalendarFeatures() {
    }

    /** Number of calendar features. */
    public static int count() {
        return NAMES.size();
    }

    /** Writes the calendar features of period {@code periodIndex} into {@code out[offset..offset + 3)}. */
    public static void fill(Period period, int periodIndex, double[] out, int offset) {
        Objects.requireNonNull(period, "period");
        out[offset] = period.seasonSlot(periodIndex);
        out[offset + 1] = period.calendarMonth(periodIndex);
        out[offset + 2] = period == Period.DAY ? period.start(periodIndex).getDayOfMonth() : Double.NaN;
    }
}
