package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CsvTokenizerTest {

    /** Returns at most one byte per read call, to split records everywhere. */
    private static final class Trickle extends FilterInputStream {
        Trickle(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }
    }

    /** Records as lists of fields, each record prefixed by its line number. */
    static List<List<String>> tokenize(String text, int buffer, boolean trickle) throws IOException {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        CsvTokenizer t = new CsvTokenizer(trickle ? new Trickle(in) : in, (byte) ',', "t.csv", buffer);
        List<List<String>> out = new ArrayList<>();
        while (t.next()) {
            List<String> r = new ArrayList<>();
            r.add("@" + t.recordLine());
            for (int i = 0; i < t.fieldCount(); i++) {
                r.add(t.string(i, StandardCharsets.UTF_8));
            }
            out.add(r);
        }
        return out;
    }

    @Test
    void quotedFieldsDoubledQuotesAndLineBreaks() throws IOException {
        String text = "a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nplain,,\"\"\n\n\"last\",1,2";
        for (int buffer : new int[] {4, 7, 1 << 16}) {
            List<List<String>> r = tokenize(text, buffer, buffer == 4);
            assertEquals(List.of(List.of("@1", "a", "b", "c"), List.of("@2", "x,1", "say \"hi\"", "two\nlines"),
                    List.of("@4", "plain", "", ""), List.of("@6", "last", "1", "2")), r, "buffer " + buffer);
        }
    }

    @Test
    void lineEndingsLfCrlfAndLoneCr() throws IOException {
        assertEquals(List.of(List.of("@1", "a"), List.of("@2", "b"), List.of("@3", "c"), List.of("@4", "d")),
                tokenize("a\r\nb\rc\nd\r", 5, true));
        assertEquals(List.of(List.of("@1", "x\r\ny", "z"), List.of("@3", "w", "")),
                tokenize("\"x\r\ny\",z\rw,", 5, true));
    }

    @Test
    void utf8ByteOrderMarkIsSkipped() throws IOException {
        assertEquals(List.of(List.of("@1", "é", "b")), tokenize("\uFEFFé,b\n", 1 << 10, false));
    }

    @Test
    void emptyInputHasNoRecord() throws IOException {
        assertEquals(List.of(), tokenize("", 16, false));
        assertEquals(List.of(), tokenize("\n\r\n\n", 16, false));
    }

    @Test
    void unterminatedQuoteAtEndOfInputIsAFormatError() {
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> tokenize("a,b\n1,2\n3,\"open\nstill open\n", 8, false));
        assertEquals("t.csv: line 3: the quoted field 2 that starts on this line is not closed before the end of "
                + "the input", e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void textAfterClosingQuoteMarksTheRecord() throws IOException {
        CsvTokenizer t = new CsvTokenizer(new ByteArrayInputStream("\"a\"b,c\nd,e\n".getBytes(StandardCharsets.UTF_8)),
                (byte) ',', "t.csv", 64);
        assertTrue(t.next());
        assertEquals(0, t.malformedField());
        assertEquals(2, t.fieldCount());
        assertTrue(t.next());
        assertEquals(-1, t.malformedField());
        assertFalse(t.next());
    }

    @Test
    void recordLongerThanTheBufferMakesItGrow() throws IOException {
        String longField = "x".repeat(10_000);
        assertEquals(List.of(List.of("@1", longField, "\"" + longField)),
                tokenize(longField + ",\"\"\"" + longField + "\"\n", 16, false));
    }

    @Provide
    Arbitrary<List<List<String>>> tables() {
        Arbitrary<String> field = Arbitraries.strings().withChars("ab,\"\r\n é").ofMaxLength(6);
        return field.list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(1).ofMaxSize(8);
    }

    /** Whatever CsvWriter quotes, the tokenizer reads back, with any buffer size and read granularity. */
    @Property(tries = 500)
    void readsBackWhatTheWriterQuotes(@ForAll("tables") List<List<String>> rows,
            @ForAll @IntRange(min = 4, max = 40) int buffer) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<List<String>> expected = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue; // a lone empty field is a blank line, which is skipped
            }
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                String f = row.get(i);
                boolean quote = f.contains(",") || f.contains("\"") || f.contains("\r") || f.contains("\n");
                sb.append(quote ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
            }
            sb.append("\n");
            expected.add(row);
        }
        List<List<String>> actual = tokenize(sb.toString(), buffer, buffer % 2 == 0);
        assertEquals(expected.size(), actual.size());
        for (int r = 0; r < expected.size(); r++) {
            assertEquals(expected.get(r), actual.get(r).subList(1, actual.get(r).size()));
        }
    }
}
