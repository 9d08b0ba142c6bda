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

    /**
     * Gregorian Easter Sunday of {@code year} (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"; Meeus,
     * <i>Astronomical Algorithms</i>, 1991, ch. 8). O(1).
     */
    public static java.time.LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return java.time.LocalDate.of(year, month, day);
    }

    /**
     * Signed number of periods from period {@code periodIndex} to the one holding Easter Sunday of the year of the
     * period's first day (negative before Easter; 0 for the period holding it). Known in advance for any period.
     */
    public static double periodsFromEaster(Period period, int periodIndex) {
        Objects.requireNonNull(period, "period");
        java.time.LocalDate start = period.start(periodIndex);
        return periodIndex - period.index(easterSunday(start.getYear()));
    }
}
