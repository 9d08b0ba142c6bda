package dev.segmentation.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * Coverage-guided fuzz tests of the JDBC value conversion ({@link JdbcValues}); the seed corpus under
 * {@code src/test/resources/dev/segmentation/io/JdbcValuesFuzzTestInputs/<method>/} runs as a regression test.
 *
 * <p>Oracle: a value or {@link JdbcValues.BadValue} (which the reader turns into a rejected row); an accepted number
 * is exactly {@link Double#parseDouble} of the trimmed text; nothing else is thrown.
 */
class JdbcValuesFuzzTest {
    private static final String[] PATTERNS = {"yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "dd.MM.yyyy HH:mm",
        "yyyy-MM-dd HH:mm VV", "yyyy-MM-dd'T'HH:mm:ssXXX", "uuuu-MM-dd HH:mm:ss.SSS"};

    /** The input is the text a driver returns for a numeric column. */
    @FuzzTest(maxDuration = "5m")
    void number(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        double v;
        try {
            v = JdbcValues.number(s);
        } catch (JdbcValues.BadValue refused) {
            return;
        }
        double expected = Double.parseDouble(s.strip());
        if (Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(expected)) {
            throw new AssertionError("'" + s + "' gave " + v + " but Double.parseDouble gives " + expected);
        }
    }

    /**
     * First byte: how the driver hands the value over (text with or without a pattern, a number, a date-time
     * object) and which pattern; the rest: the text.
     */
    @FuzzTest(maxDuration = "5m")
    void epochSecond(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int cfg = data[0] & 0xff;
        String text = new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
        String pattern = (cfg & 1) == 0 ? null : PATTERNS[(cfg >> 4) % PATTERNS.length];
        JdbcValues values = new JdbcValues(JdbcValues.parser(pattern,
                (cfg & 2) == 0 ? DstGap.REJECT : DstGap.SHIFT_FORWARD));
        Object value;
        try {
            switch ((cfg >> 2) & 3) {
                case 0:
                    value = text;
                    break;
                case 1:
                    value = new BigDecimal(text.strip());
                    break;
                case 2:
                    value = (cfg & 0x80) == 0 ? LocalDateTime.parse(text.strip()) : OffsetDateTime.parse(text.strip());
                    break;
                default:
                    value = (cfg & 0x80) == 0 ? (Object) Long.parseLong(text.strip()) : LocalDate.parse(text.strip());
            }
        } catch (RuntimeException notThisKind) {
            value = text;
        }
        try {
            values.epochSecond(value);
        } catch (JdbcValues.BadValue refused) {
            // rejected row
        }
    }
}
