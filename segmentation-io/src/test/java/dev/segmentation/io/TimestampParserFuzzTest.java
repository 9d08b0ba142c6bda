package dev.segmentation.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzz tests of {@link TimestampParser} (Jazzer); the seed corpus under
 * {@code src/test/resources/dev/segmentation/io/TimestampParserFuzzTestInputs/<method>/} runs as a regression test.
 *
 * <p>Oracles: the fixed-width fast path gives exactly what the formatter gives for the same text (or both reject);
 * any pattern either is refused at construction with an {@link IllegalArgumentException} or parses every text to a
 * value or to "no match"; nothing else is thrown and nothing hangs.
 */
class TimestampParserFuzzTest {
    private static final String[] FIXED = {"yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "dd.MM.yyyy", "uuuu-MM-dd'T'HH:mm",
        "yyyy/MM/dd HH", "yyyyMMdd", "MM/dd/yyyy HH:mm"};

    /** First byte: the pattern (modulo) ; the rest: the text. */
    @FuzzTest(maxDuration = "5m")
    void fastPathAgreesWithFormatter(byte[] data) {
        if (data.length == 0) {
            return;
        }
        TimestampParser p = new TimestampParser(FIXED[(data[0] & 0xff) % FIXED.length], StandardCharsets.UTF_8);
        long fast = p.parse(data, 1, data.length);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, 1, data.length - 1)).toString();
        } catch (CharacterCodingException e) {
            return; // the formatter would see replacement characters: no common ground to compare
        }
        long slow = p.parseWithFormatter(text);
        if (fast != slow) {
            throw new AssertionError("pattern " + p.pattern() + ", text '" + text + "': fast path " + fast
                    + ", formatter " + slow);
        }
        // a second call is served by the cache and must agree
        if (p.parse(data, 1, data.length) != fast) {
            throw new AssertionError("the cached value differs for '" + text + "'");
        }
    }

    /** The input up to the first line feed is the pattern, the rest the text; bit 0 of its length picks the policy. */
    @FuzzTest(maxDuration = "5m")
    void anyPattern(byte[] data) {
        int nl = 0;
        while (nl < data.length && data[nl] != '\n') {
            nl++;
        }
        String pattern = new String(data, 0, nl, StandardCharsets.UTF_8);
        TimestampParser p;
        try {
            p = new TimestampParser(pattern, StandardCharsets.UTF_8, null,
                    (nl & 1) == 0 ? DstGap.REJECT : DstGap.SHIFT_FORWARD);
        } catch (IllegalArgumentException refused) {
            return;
        }
        int from = Math.min(nl + 1, data.length);
        p.parse(data, from, data.length);
        p.parseWithFormatter(new String(data, from, data.length - from, StandardCharsets.UTF_8));
    }
}
