package dev.segmentation.features;

/**
 * Allocation-free proleptic Gregorian calendar arithmetic on epoch days (days since 1970-01-01), for hot loops
 * that must not create {@link java.time.LocalDate} objects. The conversions follow the well-known
 * days-from-civil / civil-from-days algorithm (H. Hinnant, "chrono-compatible low-level date algorithms").
 * Package-private; stateless and thread-safe.
 */
final class Calendar {
    private Calendar() {
    }

    /** Year of {@code epochDay}. */
    static int year(long epochDay) {
        long z = epochDay + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
    }

    /** Month index {@code year * 12 + (month - 1)} of {@code epochDay}. */
    static int monthIndex(long epochDay) {
        long z = epochDay + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long m = mp < 10 ? mp + 3 : mp - 9;
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        return (int) (y * 12 + (m - 1));
    }

    /** Epoch day of the first day of month index {@code monthIndex} ({@code year * 12 + month - 1}). */
    static long firstDayOfMonthIndex(int monthIndex) {
        long y = Math.floorDiv(monthIndex, 12);
        long m = Math.floorMod(monthIndex, 12) + 1;
        return daysFromCivil(y, m, 1);
    }

    /** Epoch day of {@code year-month-day}. */
    static long daysFromCivil(long y, long m, long d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }

    /** ISO week index of {@code epochDay}: weeks start on Monday; week 0 starts on 1969-12-29. */
    static int weekIndex(long epochDay) {
        return (int) Math.floorDiv(epochDay + 3, 7);
    }

    /** Epoch day of the Monday that starts week {@code weekIndex}. */
    static long weekStart(int weekIndex) {
        return weekIndex * 7L - 3;
    }

    /** ISO week number (1..53) of the week {@code weekIndex}. */
    static int isoWeekNumber(int weekIndex) {
        long thursday = weekStart(weekIndex) + 3;
        int y = year(thursday);
        long jan1 = daysFromCivil(y, 1, 1);
        return (int) ((thursday - jan1) / 7 + 1);
    }

    /** ISO week-based year of the week {@code weekIndex} (the calendar year of its Thursday). */
    static int isoWeekYear(int weekIndex) {
        return year(weekStart(weekIndex) + 3);
    }

    /** ISO day of week (Monday 1 .. Sunday 7) of {@code epochDay}. */
    static int dayOfWeek(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7) + 1;
    }
}
