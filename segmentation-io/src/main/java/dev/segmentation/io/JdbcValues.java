package dev.segmentation.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Converts the values a JDBC driver hands over into numbers and epoch seconds, one rule for every driver.
 *
 * <p>Numbers: any {@link Number} (integers exactly as far as a double can hold them), or text in the plain decimal
 * grammar of {@link Decimals} ({@code 12d}, {@code 5f} and {@code 0x1p3} are refused, as in CSV). Timestamps:
 * {@link LocalDateTime} and {@link java.sql.Timestamp} (read as UTC), {@link OffsetDateTime},
 * {@link ZonedDateTime}, {@link Instant}, {@link LocalDate} and {@link java.sql.Date} (midnight UTC), an integral
 * number (epoch seconds), or text. Text is parsed with the reader's pattern when it has one (strict resolution, so
 * {@code 2011-02-30} and {@code 24:00} are refused; date-only patterns give midnight), and otherwise as ISO-8601
 * {@code uuuu-MM-dd}, optionally followed by a time {@code HH:mm[:ss[.fraction]]} after a {@code T} or a space: the
 * time of day in the text is never dropped, whatever SQL type the driver reports (sqlite-jdbc reports a
 * {@code DATETIME} column holding {@code 2011-02-28 10:00:00} as {@code Types.DATE}).
 *
 * <p>Stateless apart from the pattern's parser; one instance per read (the parser caches its last value).
 */
final class JdbcValues {
    /** ISO date, then optionally 'T' or ' ' and an ISO time; strict. */
    static final DateTimeFormatter DEFAULT_TEXT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
            .optionalStart().appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /** A value that cannot be read; {@code text} is its text as the driver gave it (null for SQL NULL). */
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;
        final String text;

        BadValue(String text) {
            super(text, null, false, false);
            this.text = text;
        }
    }

    private final TimestampParser pattern;

    /** @param pattern the parser of the reader's timestamp pattern, or null for the default ISO text */
    JdbcValues(TimestampParser pattern) {
        this.pattern = pattern;
    }

    /**
     * The number a driver's value stands for.
     *
     * @throws BadValue for SQL NULL, text outside the plain decimal grammar, or another kind of object
     */
    static double number(Object o) throws BadValue {
        if (o == null) {
            throw new BadValue(null);
        }
        if (o instanceof Double || o instanceof Float || o instanceof Long || o instanceof Integer
                || o instanceof Short || o instanceof Byte || o instanceof BigDecimal || o instanceof BigInteger) {
            return ((Number) o).doubleValue();
        }
        if (o instanceof CharSequence) {
            String s = o.toString();
            try {
                return Decimals.parse(s);
            } catch (NumberFormatException e) {
                throw new BadValue(s);
            }
        }
        throw new BadValue(String.valueOf(o));
    }

    /**
     * Epoch seconds (UTC) of a driver's timestamp value.
     *
     * @throws BadValue for SQL NULL, text that does not match, a fractional number, or another kind of object
     */
    long epochSecond(Object o) throws BadValue {
        if (o == null) {
            throw new BadValue(null);
        }
        try {
            if (o instanceof LocalDateTime) {
                return ((LocalDateTime) o).toEpochSecond(ZoneOffset.UTC);
            }
            if (o instanceof java.sql.Timestamp) {
                return ((java.sql.Timestamp) o).toLocalDateTime().toEpochSecond(ZoneOffset.UTC);
            }
            if (o instanceof java.sql.Date) {
                return ((java.sql.Date) o).toLocalDate().toEpochDay() * 86_400L;
            }
            if (o instanceof LocalDate) {
                return ((LocalDate) o).toEpochDay() * 86_400L;
            }
            if (o instanceof OffsetDateTime) {
                return ((OffsetDateTime) o).toEpochSecond();
            }
            if (o instanceof ZonedDateTime) {
                return ((ZonedDateTime) o).toEpochSecond();
            }
            if (o instanceof Instant) {
                return ((Instant) o).getEpochSecond();
            }
            if (o instanceof java.util.Date) {
                return Math.floorDiv(((java.util.Date) o).getTime(), 1000L);
            }
            if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
                return ((Number) o).longValue();
            }
            if (o instanceof BigInteger) {
                return ((BigInteger) o).longValueExact();
            }
            if (o instanceof BigDecimal) {
                return ((BigDecimal) o).longValueExact();
            }
        } catch (ArithmeticException | DateTimeException e) {
            throw new BadValue(String.valueOf(o));
        }
        if (o instanceof CharSequence) {
            return text(o.toString());
        }
        throw new BadValue(String.valueOf(o));
    }

    /** Epoch seconds of timestamp text (see the class comment). */
    long text(String s) throws BadValue {
        String t = s.strip();
        if (pattern != null) {
            long v = pattern.parseWithFormatter(t);
            if (v == Long.MIN_VALUE) {
                throw new BadValue(s);
            }
            return v;
        }
        try {
            TemporalAccessor a = DEFAULT_TEXT.parse(t);
            LocalDate date = a.query(TemporalQueries.localDate());
            LocalTime time = a.query(TemporalQueries.localTime());
            return date.atTime(time == null ? LocalTime.MIDNIGHT : time).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException | ArithmeticException e) {
            throw new BadValue(s);
        }
    }

    /** A parser for a reader's pattern (strict, {@code yyyy} read as {@code uuuu}). */
    static TimestampParser parser(String pattern, DstGap gap) {
        return pattern == null ? null : new TimestampParser(pattern, StandardCharsets.UTF_8, null, gap);
    }
}
