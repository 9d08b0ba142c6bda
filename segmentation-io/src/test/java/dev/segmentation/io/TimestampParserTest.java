package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TimestampParserTest {

    private static long parse(TimestampParser p, String s) {
        byte[] b = ("|" + s + "|").getBytes(StandardCharsets.UTF_8);
        return p.parse(b, 1, b.length - 1);
    }

    private static long utc(int y, int mo, int d, int h, int mi, int s) {
        return LocalDateTime.of(y, mo, d, h, mi, s).toEpochSecond(ZoneOffset.UTC);
    }

    @Test
    void isoDateTimeOnTheFastPath() {
        TimestampParser p = new TimestampParser("yyyy-MM-dd HH:mm:ss", StandardCharsets.UTF_8);
        assertTrue(p.isFixedWidth());
        assertEquals(utc(2010, 12, 1, 8, 26, 0), parse(p, "2010-12-01 08:26:00"));
        assertEquals(utc(2011, 12, 9, 12, 50, 59), parse(p, "2011-12-09 12:50:59"));
        // cached value, then a different one
        assertEquals(utc(2011, 12, 9, 12, 50, 59), parse(p, "2011-12-09 12:50:59"));
        assertEquals(utc(2000, 2, 29, 0, 0, 0), parse(p, "2000-02-29 00:00:00"));
    }

    @Test
    void dateOnlyPatternsGiveMidnightUtc() {
        TimestampParser iso = new TimestampParser("yyyy-MM-dd", StandardCharsets.UTF_8);
        TimestampParser dotted = new TimestampParser("dd.MM.yyyy", StandardCharsets.UTF_8);
        assertTrue(dotted.isFixedWidth());
        assertEquals(LocalDate.of(2010, 2, 5).toEpochDay() * 86_400, parse(iso, "2010-02-05"));
        assertEquals(LocalDate.of(2013, 1, 3).toEpochDay() * 86_400, parse(dotted, "03.01.2013"));
    }

    @Test
    void impossibleDatesAndMismatchesAreRejected() {
        TimestampParser p = new TimestampParser("yyyy-MM-dd HH:mm:ss", StandardCharsets.UTF_8);
        for (String s : new String[] {"2011-02-29 00:00:00", "2010-13-01 00:00:00", "2010-12-01 24:00:00",
            "2010-12-01 08:60:00", "2010-12-01T08:26:00", "2010-12-1 08:26:00", "", "garbage", "2010-12-01"}) {
            assertEquals(Long.MIN_VALUE, parse(p, s), s);
        }
    }

    @Test
    void otherPatternsUseTheFormatter() {
        TimestampParser p = new TimestampParser("M/d/yyyy H:mm", StandardCharsets.UTF_8);
        assertFalse(p.isFixedWidth());
        assertEquals(utc(2010, 12, 1, 8, 26, 0), parse(p, "12/1/2010 8:26"));
        TimestampParser zoned = new TimestampParser("yyyy-MM-dd'T'HH:mm:ssXXX", StandardCharsets.UTF_8);
        assertEquals(utc(2010, 12, 1, 6, 26, 0), parse(zoned, "2010-12-01T08:26:00+02:00"));
        TimestampParser quotedT = new TimestampParser("yyyy-MM-dd'T'HH:mm", StandardCharsets.UTF_8);
        assertTrue(quotedT.isFixedWidth());
        assertEquals(utc(2010, 12, 1, 8, 26, 0), parse(quotedT, "2010-12-01T08:26"));
    }

    @Test
    void invalidPatternIsRefusedWithItsText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TimestampParser("yyyy-MM-dd {", StandardCharsets.UTF_8));
        assertTrue(e.getMessage().startsWith("timestamp pattern 'yyyy-MM-dd {' is not valid"), e.getMessage());
    }

    @Provide
    Arbitrary<String> nearlyValid() {
        return Combinators.combine(Arbitraries.integers().between(1890, 2210), Arbitraries.integers().between(0, 13),
                Arbitraries.integers().between(0, 32), Arbitraries.integers().between(0, 25),
                Arbitraries.integers().between(0, 61), Arbitraries.integers().between(0, 61))
                .as((y, mo, d, h, mi, s) -> String.format("%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s));
    }

    /** The fixed-width path and the formatter agree on valid and invalid texts alike. */
    @Property(tries = 3000)
    void fastPathAgreesWithFormatter(@ForAll("nearlyValid") String s) {
        TimestampParser p = new TimestampParser("yyyy-MM-dd HH:mm:ss", StandardCharsets.UTF_8);
        assertEquals(p.parseWithFormatter(s), parse(p, s), s);
    }

    @Property(tries = 1000)
    void epochDayMatchesLocalDate(@ForAll("days") long day) {
        LocalDate d = LocalDate.ofEpochDay(day);
        assertEquals(day, TimestampParser.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
    }

    @Provide
    Arbitrary<Long> days() {
        return Arbitraries.longs().between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay());
    }

    /** Found by fuzzing (TimestampParserFuzzTest#anyPattern): the JDK throws ClassCastException for this pattern. */
    @Test
    void fuzzFinding_padBeforeAdjacentValuesIsAnInvalidPattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TimestampParser("peu", StandardCharsets.UTF_8));
        assertTrue(e.getMessage().startsWith("timestamp pattern 'peu' is not valid: "), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> JdbcTransactionReader.builder().timestamp("ts", "peu"));
        assertThrows(IllegalArgumentException.class,
                () -> CsvTransactionReader.builder().timestamp("ts", "peu"));
    }
}
