package dev.segmentation.io;

import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Parses timestamp fields to epoch seconds (UTC) with a {@link DateTimeFormatter} pattern.
 *
 * <p>Patterns made only of {@code yyyy}/{@code uuuu}, {@code MM}, {@code dd}, {@code HH}, {@code mm}, {@code ss}
 * and literal separators (e.g. {@code yyyy-MM-dd HH:mm:ss}, {@code dd.MM.yyyy}, {@code yyyy-MM-dd'T'HH:mm})
 * are read by a fixed-width byte parser; any other pattern, and any field whose length does not fit the fixed
 * layout, goes to the formatter. Both apply strict resolution (no 30 February, no hour 24), the fast path giving the
 * same result as the formatter. A date-only pattern gives midnight; a pattern with an offset or zone gives that
 * instant; a pattern with a zone id ({@code VV}) gives the local time in that zone; otherwise the local date-time is
 * read in the parser's zone (UTC unless given). A local time inside a daylight-saving gap of its zone is handled as
 * the {@link DstGap} policy says (rejected by default; shifted forward and counted in {@link #shiftedForward()}).
 * The last field parsed is cached, since consecutive rows often share a timestamp. Not thread-safe (one per
 * reader).
 */
final class TimestampParser {
    private static final int YEAR = 0;
    private static final int MONTH = 1;
    private static final int DAY = 2;
    private static final int HOUR = 3;
    private static final int MINUTE = 4;
    private static final int SECOND = 5;

    private final String pattern;
    private final DateTimeFormatter formatter;
    private final Charset charset;
    /** Fixed layout: width of the text, offset of each component (-1 = absent), literal bytes (0 = digit slot). */
    private final int width;
    private final int[] offset = {-1, -1, -1, -1, -1, -1};
    private final byte[] literal;
    private final boolean fixed;

    /** The zone of local date-times, or null for UTC. */
    private final ZoneId zone;
    private final DstGap gap;
    private long shifted;

    private final byte[] last = new byte[64];
    private int lastLength = -1;
    private long lastValue;
    private boolean lastShifted;

    /**
     * @throws IllegalArgumentException when the pattern is not a valid DateTimeFormatter pattern
     */
    TimestampParser(String pattern, Charset charset) {
        this(pattern, charset, null, DstGap.REJECT);
    }

    /**
     * @param zone the zone of local date-times without zone or offset in the text; null or UTC for UTC
     * @param gap what to do with a local time inside a daylight-saving gap
     * @throws IllegalArgumentException when the pattern is not a valid DateTimeFormatter pattern
     */
    TimestampParser(String pattern, Charset charset, ZoneId zone, DstGap gap) {
        this.zone = zone == null || zone.equals(ZoneOffset.UTC) ? null : zone.normalized();
        this.gap = Objects.requireNonNull(gap, "gap");
        this.pattern = pattern;
        this.charset = charset;
        DateTimeFormatter f;
        try {
            f = DateTimeFormatter.ofPattern(yearOfEraToYear(pattern), Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException | ClassCastException e) {
            // ClassCastException: the JDK's pattern parser throws it for a pad letter 'p' before adjacent values
            // (e.g. "peu"), found by fuzzing; a pattern it cannot build is a bad argument like any other
            throw new IllegalArgumentException("timestamp pattern '" + pattern + "' is not valid: " + e.getMessage(), e);
        }
        this.formatter = f;
        byte[] lit = new byte[pattern.length()];
        int w = 0;
        boolean ok = true;
        int i = 0;
        while (i < pattern.length() && ok) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int j = pattern.indexOf('\'', i + 1);
                if (j < 0 || j == i + 1) {
                    ok = false;
                    break;
                }
                for (int k = i + 1; k < j; k++) {
                    char q = pattern.charAt(k);
                    if (q > 127 || (q >= '0' && q <= '9')) {
                        ok = false;
                    }
                    lit[w++] = (byte) q;
                }
                i = j + 1;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                int j = i;
                while (j < pattern.length() && pattern.charAt(j) == c) {
                    j++;
                }
                int run = j - i;
                int component;
                int need;
                switch (c) {
                    case 'y':
                    case 'u':
                        component = YEAR;
                        need = 4;
                        break;
                    case 'M':
                        component = MONTH;
                        need = 2;
                        break;
                    case 'd':
                        component = DAY;
                        need = 2;
                        break;
                    case 'H':
                        component = HOUR;
                        need = 2;
                        break;
                    case 'm':
                        component = MINUTE;
                        need = 2;
                        break;
                    case 's':
                        component = SECOND;
                        need = 2;
                        break;
                    default:
                        component = -1;
                        need = -1;
                }
                if (component < 0 || run != need || offset[component] >= 0) {
                    ok = false;
                    break;
                }
                offset[component] = w;
                w += run;
                i = j;
            } else {
                if (c > 127 || (c >= '0' && c <= '9')) {
                    ok = false;
                    break;
                }
                lit[w++] = (byte) c;
                i++;
            }
        }
        // a date is needed; a time needs its hour (minutes and seconds may be left out, in that order)
        ok = ok && offset[YEAR] >= 0 && offset[MONTH] >= 0 && offset[DAY] >= 0
                && (offset[SECOND] < 0 || offset[MINUTE] >= 0) && (offset[MINUTE] < 0 || offset[HOUR] >= 0);
        this.fixed = ok;
        this.width = ok ? w : -1;
        this.literal = Arrays.copyOf(lit, Math.max(w, 0));
    }

    /** The pattern as given. */
    String pattern() {
        return pattern;
    }

    /** Number of timestamps moved forward out of a daylight-saving gap (under {@link DstGap#SHIFT_FORWARD}). */
    long shiftedForward() {
        return shifted;
    }

    /** True when the fixed-width fast path applies to this pattern. */
    boolean isFixedWidth() {
        return fixed;
    }

    /**
     * Epoch seconds of {@code b[from, to)}, or {@link Long#MIN_VALUE} when the text does not match the pattern.
     */
    long parse(byte[] b, int from, int to) {
        int n = to - from;
        if (n == lastLength && sameAsLast(b, from, n)) {
            if (lastShifted) {
                shifted++;
            }
            return lastValue;
        }
        long shiftedBefore = shifted;
        long v = fixed && n == width ? parseFixed(b, from) : Long.MIN_VALUE;
        if (v != Long.MIN_VALUE && zone != null) {
            v = inZone(LocalDateTime.ofEpochSecond(v, 0, ZoneOffset.UTC), zone);
        } else if (v == Long.MIN_VALUE) {
            v = parseWithFormatter(new String(b, from, n, charset));
        }
        if (n <= last.length) {
            System.arraycopy(b, from, last, 0, n);
            lastLength = n;
            lastValue = v;
            lastShifted = shifted != shiftedBefore;
        }
        return v;
    }

    private boolean sameAsLast(byte[] b, int from, int n) {
        // compare from the end: consecutive timestamps differ in their last characters
        for (int j = n - 1; j >= 0; j--) {
            if (b[from + j] != last[j]) {
                return false;
            }
        }
        return true;
    }

    private long parseFixed(byte[] b, int from) {
        final byte[] lit = literal;
        for (int k = 0; k < width; k++) {
            byte c = b[from + k];
            if (lit[k] != 0) {
                if (c != lit[k]) {
                    return Long.MIN_VALUE;
                }
            } else if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
        }
        int y = digits(b, from + offset[YEAR], 4);
        int mo = digits(b, from + offset[MONTH], 2);
        int d = digits(b, from + offset[DAY], 2);
        int h = offset[HOUR] < 0 ? 0 : digits(b, from + offset[HOUR], 2);
        int mi = offset[MINUTE] < 0 ? 0 : digits(b, from + offset[MINUTE], 2);
        int s = offset[SECOND] < 0 ? 0 : digits(b, from + offset[SECOND], 2);
        if (mo < 1 || mo > 12 || d < 1 || d > lengthOfMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
            // the formatter decides (and rejects): keeps both paths in agreement
            return Long.MIN_VALUE;
        }
        return epochDay(y, mo, d) * 86_400L + h * 3600L + mi * 60L + s;
    }

    private static int digits(byte[] b, int p, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            v = v * 10 + (b[p + k] - '0');
        }
        return v;
    }

    private static int lengthOfMonth(int y, int m) {
        switch (m) {
            case 2:
                return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long epochDay(int y, int m, int d) {
        long yy = m <= 2 ? y - 1 : y;
        long era = Math.floorDiv(yy, 400);
        long yoe = yy - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** Epoch seconds through the formatter, or Long.MIN_VALUE when the text does not match. */
    long parseWithFormatter(String text) {
        try {
            TemporalAccessor t = formatter.parse(text);
            LocalDate date = t.query(TemporalQueries.localDate());
            ZoneId textZone = t.query(TemporalQueries.zoneId());
            ZoneOffset textOffset = t.query(TemporalQueries.offset());
            if (date != null && textOffset == null) {
                LocalTime time = t.query(TemporalQueries.localTime());
                LocalDateTime local = date.atTime(time == null ? LocalTime.MIDNIGHT : time);
                if (textZone != null) {
                    return inZone(local, textZone);
                }
                return zone == null ? local.toEpochSecond(ZoneOffset.UTC) : inZone(local, zone);
            }
            if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
                return t.getLong(ChronoField.INSTANT_SECONDS);
            }
            return Long.MIN_VALUE;
        } catch (DateTimeException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The instant of {@code local} in {@code z}, applying the gap policy; Long.MIN_VALUE when rejected. */
    private long inZone(LocalDateTime local, ZoneId z) {
        if (z instanceof ZoneOffset) {
            return local.toEpochSecond((ZoneOffset) z);
        }
        if (z.getRules().getValidOffsets(local).isEmpty()) {
            if (gap == DstGap.REJECT) {
                return Long.MIN_VALUE;
            }
            shifted++;
        }
        return ZonedDateTime.of(local, z).toEpochSecond();
    }

    /** Replaces the unquoted letter y (year of era, which STRICT resolution cannot use without an era) by u. */
    private static String yearOfEraToYear(String p) {
        StringBuilder sb = new StringBuilder(p.length());
        boolean quoted = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            sb.append(!quoted && c == 'y' ? 'u' : c);
        }
        return sb.toString();
    }
}
