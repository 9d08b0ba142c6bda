package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One regression test per item of issue 13 (hardening) that lives in the CSV side of segmentation-io, named after
 * the item ({@code defectN_...} for the defects, {@code weak_...} for the weak spots).
 */
class HardeningRegressionTest {

    private static CsvTransactionReader.Builder simple() {
        return CsvTransactionReader.builder().entity("id").timestamp("when", "yyyy-MM-dd").quantity("qty")
                .amount("amount");
    }

    private static Transactions read(CsvTransactionReader r, byte[] bytes) throws IOException {
        return r.read(new ByteArrayInputStream(bytes), "mem.csv");
    }

    private static Transactions read(CsvTransactionReader r, String text) throws IOException {
        return read(r, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String failure(CsvTransactionReader r, String text) {
        return assertThrows(IllegalArgumentException.class, () -> read(r, text)).getMessage();
    }

    /** A stream of {@code n} copies of one byte, made on the fly (nothing of that size is allocated). */
    private static InputStream repeated(byte b, long n) {
        return new InputStream() {
            private long left = n;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return b & 0xff;
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int k = (int) Math.min(len, left);
                java.util.Arrays.fill(buf, off, off + k, b);
                left -= k;
                return k;
            }
        };
    }

    private static InputStream concat(InputStream... parts) {
        InputStream s = parts[0];
        for (int i = 1; i < parts.length; i++) {
            s = new SequenceInputStream(s, parts[i]);
        }
        return s;
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    // ---- defect 1 ----

    @Test
    void defect1_blankLinesStreamInConstantMemory() throws IOException {
        long blank = 16L << 20; // 16 MiB of line breaks, 256 Ki times the buffer
        for (String eol : new String[] {"\n", "\r", "\r\n"}) {
            long n = eol.length() == 1 ? blank : blank / 2;
            InputStream in = concat(text("a,b\n"),
                    eol.equals("\r\n") ? concatCrlf(n) : repeated((byte) eol.charAt(0), n), text("c,d\n"));
            CsvTokenizer t = new CsvTokenizer(in, (byte) ',', "blank.csv", 64, 1 << 20);
            assertTrue(t.next());
            assertTrue(t.next());
            assertEquals("c", t.string(0, StandardCharsets.UTF_8));
            assertEquals(2 + n, t.recordLine(), eol.replace("\r", "CR").replace("\n", "LF"));
            assertFalse(t.next());
            // the buffer never grew: the run of blank lines was consumed as it was scanned
            assertEquals(64, t.bufferCapacity(), "buffer capacity after " + n + " blank lines");
        }
    }

    private static InputStream concatCrlf(long pairs) {
        return new InputStream() {
            private long i;

            @Override
            public int read() {
                if (i == 2 * pairs) {
                    return -1;
                }
                return (i++ & 1) == 0 ? '\r' : '\n';
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                if (i == 2 * pairs) {
                    return -1;
                }
                int k = 0;
                while (k < len && i < 2 * pairs) {
                    buf[off + k++] = (byte) ((i++ & 1) == 0 ? '\r' : '\n');
                }
                return k;
            }
        };
    }

    // ---- defect 2 ----

    @Test
    void defect2_undecodableBytesAreAnErrorOrACountedSkipNeverAReplacement() throws IOException {
        // Latin-1 bytes read as UTF-8: "Müller" and "Möller" used to become the same "M\uFFFDller"
        byte[] latin1 = "id,when,qty,amount\nMüller,2020-01-02,1,2\nMöller,2020-01-03,1,2\nok,2020-01-04,1,2\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(simple().build(), latin1));
        assertEquals("mem.csv: row 2, column id: cannot parse the value, value 'M\\xFCller'", e.getMessage());

        Transactions skipped = read(simple().onInvalidRow(InvalidRowPolicy.SKIP).build(), latin1);
        assertEquals(List.of("ok"), skipped.entityIds());
        assertEquals(2, skipped.rejected().count(RowProblem.UNPARSEABLE));
        assertEquals("row 3, column id: cannot parse the value, value 'M\\xF6ller'",
                skipped.rejected().examples().get(1));

        // declared as Latin-1, the two customers stay two
        Transactions right = read(simple().charset(StandardCharsets.ISO_8859_1).build(), latin1);
        assertEquals(List.of("Möller", "Müller", "ok"), right.entityIds());

        // an undecodable header is a format error naming the line and the field
        byte[] badHeader = "id,wh\u00e9n,qty,amount\n".getBytes(StandardCharsets.ISO_8859_1);
        CsvFormatException h = assertThrows(CsvFormatException.class, () -> read(simple().build(), badHeader));
        assertEquals("mem.csv: line 1: header field 2 'wh\\xE9n' holds bytes that are not valid UTF-8 (byte 3 of the "
                + "field); set the charset the file is written in", h.getMessage());

        // a charset that must be transcoded (UTF-16) reports the physical line of the bad bytes
        ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
        utf16.write("id,when,qty,amount\na,2020-01-02,1,2\nb".getBytes(StandardCharsets.UTF_16LE));
        utf16.write(new byte[] {0x00, (byte) 0xDC}); // a lone low surrogate
        utf16.write(",2020-01-03,1,2\n".getBytes(StandardCharsets.UTF_16LE));
        CsvFormatException u = assertThrows(CsvFormatException.class,
                () -> read(simple().charset(StandardCharsets.UTF_16LE).build(), utf16.toByteArray()));
        assertEquals("mem.csv: line 3: bytes that are not valid UTF-16LE; set the charset the file is written in",
                u.getMessage());
    }

    // ---- weak spots ----

    @Test
    void weak_csvNumbersInJavaLiteralSyntaxAreRejected() throws IOException {
        String head = "id,when,qty,amount\n";
        for (String[] c : new String[][] {{"12d", "qty"}, {"0x1p3", "qty"}, {"5f", "qty"}, {"1D", "qty"}}) {
            String msg = failure(simple().build(), head + "a,2020-01-02," + c[0] + ",1\n");
            assertEquals("mem.csv: row 2, column " + c[1] + ": cannot parse the value, value '" + c[0] + "'", msg);
        }
        // plain decimals, exponents and surrounding spaces still read
        Transactions t = read(simple().build(), head + "a,2020-01-02, 12 ,1.5e2\n");
        assertEquals(12.0, t.quantity(0));
        assertEquals(150.0, t.amount(0));
    }

    @Test
    void weak_messagesNameTheColumnAsWrittenAndTheTextAsWritten() {
        CsvTransactionReader r = CsvTransactionReader.builder().entity("Customer").timestamp("Date", "yyyy-MM-dd")
                .quantity("Quantity").unitPrice("Price").attribute("discount", "Disc").build();
        String head = "Customer,Date,Quantity,Price,Disc\n";
        assertEquals("mem.csv: row 2, column Quantity: quantity is not finite, value '1e309'",
                failure(r, head + "a,2020-01-02,1e309,1,0\n"));
        assertEquals("mem.csv: row 2, column Price: amount is not finite, value '-Infinity'",
                failure(r, head + "a,2020-01-02,1,-Infinity,0\n"));
        assertEquals("mem.csv: row 2, column Price x Quantity: amount is not finite, value '1e200' x '1e200'",
                failure(r, head + "a,2020-01-02,1e200,1e200,0\n"));
        assertEquals("mem.csv: row 2, column Disc: attribute is not finite, value 'NaN'",
                failure(r, head + "a,2020-01-02,1,1,NaN\n"));
        assertEquals("mem.csv: row 2, column Date: impossible timestamp, value '2200-01-01'",
                failure(r, head + "a,2200-01-01,1,1,0\n"));
        assertEquals("mem.csv: row 2, column Customer: entity id is null or blank, value ' '",
                failure(r, head + " ,2020-01-02,1,1,0\n"));
    }

    @Test
    void weak_blankIdsIncludeEveryUnicodeSpaceAndFormatCharacter() throws IOException {
        CsvTransactionReader r = CsvTransactionReader.builder().entity("id").timestamp("when", "yyyy-MM-dd")
                .order("order").amount("amount").onInvalidRow(InvalidRowPolicy.SKIP).build();
        StringBuilder csv = new StringBuilder("id,when,order,amount\n");
        String[] blanks = {"\u00A0", "\u200B", "\u3000", "\uFEFF", "\u2060", " \u00A0\u200B\t", "\u2007", "\u202F"};
        for (String b : blanks) {
            csv.append(b).append(",2020-01-02,o1,1\n");
            csv.append("c,2020-01-02,").append(b).append(",1\n");
        }
        csv.append("x\u00A0y,2020-01-02,o1,1\n"); // a space inside an id is text
        Transactions t = read(r, csv.toString());
        assertEquals(List.of("x\u00A0y"), t.entityIds());
        assertEquals(blanks.length, t.rejected().count(RowProblem.BLANK_ENTITY));
        assertEquals(blanks.length, t.rejected().count(RowProblem.BLANK_ORDER));
        assertEquals("row 2, column id: entity id is null or blank, value '\u00A0'", t.rejected().examples().get(0));
        assertEquals("row 3, column order: order id is null or blank, value '\u00A0'",
                t.rejected().examples().get(1));
    }

    @Test
    void weak_dstGapIsRejectedByDefaultOrShiftedForwardAndCounted() throws IOException {
        String csv = "id,when,amount\na,2011-03-27 01:30 Europe/London,1\nb,2011-03-27 03:30 Europe/London,1\n";
        CsvTransactionReader.Builder zoned = CsvTransactionReader.builder().entity("id")
                .timestamp("when", "yyyy-MM-dd HH:mm VV").amount("amount");
        assertEquals("mem.csv: row 2, column when: cannot parse the value, value '2011-03-27 01:30 Europe/London'",
                failure(zoned.build(), csv));
        Transactions shifted = read(zoned.dstGap(DstGap.SHIFT_FORWARD).build(), csv);
        long expected = LocalDateTime.of(2011, 3, 27, 1, 30).toEpochSecond(ZoneOffset.UTC); // 02:30 BST
        assertEquals(expected, shifted.epochSecond(0));
        assertEquals(expected + 3600, shifted.epochSecond(1)); // 03:30 BST, an hour later

        // the same through the reader's zone, and the count of shifted rows
        TimestampParser p = new TimestampParser("yyyy-MM-dd HH:mm", StandardCharsets.UTF_8,
                ZoneId.of("Europe/London"), DstGap.SHIFT_FORWARD);
        byte[] gap = "2011-03-27 01:30".getBytes(StandardCharsets.US_ASCII);
        assertEquals(expected, p.parse(gap, 0, gap.length));
        assertEquals(expected, p.parse(gap, 0, gap.length)); // cached, still counted
        byte[] ok = "2011-03-27 00:30".getBytes(StandardCharsets.US_ASCII);
        assertEquals(expected - 3600, p.parse(ok, 0, ok.length));
        assertEquals(2, p.shiftedForward());
        TimestampParser strict = new TimestampParser("yyyy-MM-dd HH:mm", StandardCharsets.UTF_8,
                ZoneId.of("Europe/London"), DstGap.REJECT);
        assertEquals(Long.MIN_VALUE, strict.parse(gap, 0, gap.length));
        // an overlap takes the earlier offset (BST): 01:30 on 2011-10-30 is 00:30 UTC
        byte[] overlap = "2011-10-30 01:30".getBytes(StandardCharsets.US_ASCII);
        assertEquals(LocalDateTime.of(2011, 10, 30, 0, 30).toEpochSecond(ZoneOffset.UTC),
                strict.parse(overlap, 0, overlap.length));
    }

    @Test
    void weak_compositeKeysAreEncodedUnambiguously() throws IOException {
        CsvTransactionReader r = CsvTransactionReader.builder().entity("a", "b").timestamp("when", "yyyy-MM-dd")
                .amount("amount").build();
        Transactions t = read(r, "a,b,when,amount\n1_1,2,2020-01-02,1\n1,1_2,2020-01-02,1\n1,1,2020-01-02,1\n"
                + "x\\,_y,2020-01-02,1\n");
        // (1_1, 2) and (1, 1_2) used to both become 1_1_2
        assertEquals(List.of("1\\_1_2", "1_1", "1_1\\_2", "x\\\\_\\_y"), t.entityIds());
        assertEquals(4, t.entityCount());
    }

    @Test
    void weak_recordSizeCapGivesATypedErrorNamingTheLine() {
        // a stream with no line break at all, under the default cap of 1 MiB
        InputStream noNewline = concat(text("id,when,qty,amount\na,2020-01-02,1,1\n"),
                repeated((byte) 'x', 3L << 20));
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> simple().build().read(noNewline, "huge.csv"));
        assertEquals("huge.csv: line 3: the record that starts on this line is longer than the limit of 1048576 "
                + "bytes", e.getMessage());
        assertEquals(3, e.line());
        // a stray quote that would swallow the rest of the file, under a configured cap
        StringBuilder sb = new StringBuilder("id,when,qty,amount\na,2020-01-02,1,\"1\n");
        for (int i = 0; i < 200; i++) {
            sb.append("b,2020-01-02,1,1\n");
        }
        CsvFormatException q = assertThrows(CsvFormatException.class,
                () -> read(simple().maxRecordBytes(1024).build(), sb.toString()));
        assertEquals("mem.csv: line 2: the record that starts on this line is longer than the limit of 1024 bytes; "
                + "the quoted field 4 opened in it is still open (a stray quote?)", q.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> simple().maxRecordBytes(8));
        assertEquals("maxRecordBytes must be in [16, 1073741824] but was 8", bad.getMessage());
    }

    @Test
    void weak_truncatedOrCorruptGzipNamesTheFileAndTheLastGoodLine(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(raw)) {
            gz.write("id,when,qty,amount\n".getBytes(StandardCharsets.US_ASCII));
            java.util.Random rnd = new java.util.Random(13);
            for (int i = 0; i < 20_000; i++) {
                gz.write(("c" + rnd.nextInt(100_000) + ",2020-01-02," + rnd.nextInt(9) + "," + rnd.nextInt(999)
                        + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        byte[] full = raw.toByteArray();
        Path truncated = dir.resolve("sales.csv.gz");
        Files.write(truncated, java.util.Arrays.copyOf(full, full.length / 2));
        CsvFormatException t = assertThrows(CsvFormatException.class, () -> simple().build().read(truncated));
        assertTrue(t.getMessage().startsWith("sales.csv.gz: the input cannot be read after line "), t.getMessage());
        assertTrue(t.getMessage().contains("(the last complete line; the data is truncated or corrupt): "
                + "java.io.EOFException: Unexpected end of ZLIB input stream"), t.getMessage());
        assertTrue(t.line() > 100 && t.line() < 20_001, "last good line " + t.line());

        byte[] corrupt = full.clone();
        for (int i = corrupt.length / 3; i < corrupt.length / 3 + 64; i++) {
            corrupt[i] ^= 0x5A;
        }
        Path bad = dir.resolve("corrupt.csv.gz");
        Files.write(bad, corrupt);
        // under SKIP the garbage rows before the inflater notices are skipped; the stream error still ends the read
        CsvFormatException c = assertThrows(CsvFormatException.class,
                () -> simple().onInvalidRow(InvalidRowPolicy.SKIP).build().read(bad));
        assertTrue(c.getMessage().startsWith("corrupt.csv.gz: the input cannot be read after line "),
                c.getMessage());
        assertTrue(c.getCause() instanceof java.util.zip.ZipException || c.getCause() instanceof java.io.EOFException,
                String.valueOf(c.getCause()));
    }

    @Test
    void weak_writingThroughASymlinkReplacesTheTargetAtomically(@TempDir Path dir) throws IOException {
        Path real = Files.createDirectory(dir.resolve("real")).resolve("model.json");
        Files.writeString(real, "old");
        Path link = dir.resolve("current.json");
        Files.createSymbolicLink(link, dir.relativize(real)); // a relative link, as `ln -s real/model.json` makes
        AtomicFiles.write(link, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("new", Files.readString(real));
        assertEquals("new", Files.readString(link));
        try (var files = Files.list(real.getParent())) {
            assertEquals(List.of(real.getFileName()), files.map(Path::getFileName).toList(), "no temporary left");
        }
        // a chain of links, and a dangling link that creates its target
        Path chain = dir.resolve("chain.json");
        Files.createSymbolicLink(chain, link);
        AtomicFiles.write(chain, out -> out.write("newer".getBytes(StandardCharsets.UTF_8)));
        assertEquals("newer", Files.readString(real));
        Path dangling = dir.resolve("dangling.json");
        Files.createSymbolicLink(dangling, dir.resolve("real/absent.json"));
        AtomicFiles.write(dangling, out -> out.write("made".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("made", Files.readString(dir.resolve("real/absent.json")));
    }

    @Test
    void weak_skipReadThatRejectsEveryRowFailsNamingTheLikelyCause() {
        CsvTransactionReader skip = simple().onInvalidRow(InvalidRowPolicy.SKIP).build();
        // rows split by ';' under a ',' header
        CsvFormatException rows = assertThrows(CsvFormatException.class,
                () -> read(skip, "id,when,qty,amount\na;2020-01-02;1;2\nb;2020-01-03;1;2\n"));
        assertEquals("mem.csv: every one of the 2 records was rejected (most often UNPARSEABLE, 2 times; for example "
                + "row 2, column (record): cannot parse the value, value '1 fields where the header has 4'); is the "
                + "delimiter right?", rows.getMessage());
        // a wrong timestamp pattern
        CsvFormatException pattern = assertThrows(CsvFormatException.class,
                () -> read(skip, "id,when,qty,amount\na,02.01.2020,1,2\n"));
        assertEquals("mem.csv: every one of the 1 records was rejected (most often UNPARSEABLE, 1 times; for example "
                + "row 2, column when: cannot parse the value, value '02.01.2020'); is the timestamp pattern "
                + "'yyyy-MM-dd' right?", pattern.getMessage());
        // a whole file in another delimiter: the header names the cause
        CsvFormatException header = assertThrows(CsvFormatException.class,
                () -> read(skip, "id;when;qty;amount\na;2020-01-02;1;2\n"));
        assertEquals("mem.csv: the entity column 'id' is not in the header; the header's columns are "
                + "[id;when;qty;amount]; the header is one field holding ';': is the delimiter wrong?",
                header.getMessage());
    }

    @Test
    void weak_whitespaceDelimitedHeaderlessAndPositionalColumns() throws IOException {
        // whitespace-delimited with a header: runs of spaces and tabs, leading and trailing space ignored
        CsvTransactionReader ws = simple().item("item").whitespaceDelimited().build();
        Transactions a = read(ws, "id   when\tqty amount item\n  c1 2020-01-02  3\t4.5 \"red hat\"  \n \t \n"
                + "c2 2020-01-03 1 2 x\n");
        assertEquals(List.of("c1", "c2"), a.entityIds());
        assertEquals(3.0, a.quantity(0));
        assertEquals("red hat", a.itemId(0));
        assertEquals(4, a.rejected().total() + 4); // nothing rejected

        // headerless, columns by position, with the physical line numbers kept in messages
        CsvTransactionReader.Builder byPosition = CsvTransactionReader.builder().header(false).entity("2")
                .timestamp("1", "dd.MM.yyyy").quantity("3").amount("4");
        Transactions b = read(byPosition.build(), "02.01.2020,c1,1,5\n03.01.2020,c2,2,6\n");
        assertEquals(List.of("c1", "c2"), b.entityIds());
        assertEquals(6.0, b.amount(1));
        assertEquals("mem.csv: row 2, column 3: cannot parse the value, value 'x'",
                failure(byPosition.build(), "02.01.2020,c1,1,5\n03.01.2020,c2,x,6\n"));

        // headerless and whitespace-delimited, the layout of many public purchase logs
        Transactions c = read(byPosition.whitespaceDelimited().build(), "02.01.2020 c1 1 5\n03.01.2020  c2 2 6\n");
        assertEquals(2, c.size());

        CsvFormatException out = assertThrows(CsvFormatException.class,
                () -> read(byPosition.amount("9").build(), "02.01.2020 c1 1 5\n"));
        assertEquals("mem.csv: the amount column '9' is not a column position of this headerless file; line 1 has 4 "
                + "fields, named 1 to 4", out.getMessage());
    }

    @Test
    void weak_cancellationAReadHonoursTheThreadInterrupt() {
        // the reading thread is interrupted: the read stops with a typed error and the flag stays set
        StringBuilder sb = new StringBuilder("id,when,qty,amount\n");
        for (int i = 0; i < 40_000; i++) {
            sb.append('c').append(i % 97).append(",2020-01-02,1,2\n");
        }
        Thread.currentThread().interrupt();
        try {
            java.io.InterruptedIOException e = assertThrows(java.io.InterruptedIOException.class,
                    () -> read(simple().build(), sb.toString()));
            assertEquals("mem.csv: the read was interrupted at line 16385", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void weak_fixedWidthFilesAreReadByPosition() throws IOException {
        // widths 6, 10, 4, 7: id, date, qty, amount; the header is cut the same way
        String file = "id    when      qty amount \n"
                + "c1    2020-01-02   3    4.5\n"
                + "c22   2020-01-03  12  100.0\n"
                + "c3    2020-01-04   1\n"          // short line: amount empty, unparseable
                + "c4    2020-01-05   1    1.0  extra\n";
        CsvTransactionReader r = simple().fixedWidth(6, 10, 4, 7).onInvalidRow(InvalidRowPolicy.SKIP).build();
        Transactions t = read(r, file);
        assertEquals(List.of("c1", "c22"), t.entityIds());
        assertEquals(12.0, t.quantity(1));
        assertEquals(100.0, t.amount(1));
        assertEquals(2, t.rejected().count(RowProblem.UNPARSEABLE));
        assertEquals("row 4, column amount: cannot parse the value, value ''", t.rejected().examples().get(0));
        assertEquals("row 5, column (record): cannot parse the value, value '5 fields where the header has 4'",
                t.rejected().examples().get(1));
        Transactions headerless = read(CsvTransactionReader.builder().header(false).fixedWidth(6, 10, 4, 7)
                .entity("1").timestamp("2", "yyyy-MM-dd").quantity("3").amount("4").build(),
                "c1    2020-01-02   3    4.5\n");
        assertEquals(4.5, headerless.amount(0));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> simple().fixedWidth(3, 0));
        assertEquals("width 2 must be >= 1 but was 0", bad.getMessage());
    }
}
