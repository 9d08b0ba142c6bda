package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTransactionReaderTest {

    static Path fixture(String name) {
        try {
            return Paths.get(CsvTransactionReaderTest.class.getResource("/csv/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CsvTransactionReader.Builder simple() {
        return CsvTransactionReader.builder().entity("id").timestamp("when", "yyyy-MM-dd").quantity("qty")
                .amount("amount");
    }

    private static Transactions read(CsvTransactionReader r, String text, Charset cs) throws IOException {
        return r.read(new ByteArrayInputStream(text.getBytes(cs)), "mem.csv");
    }

    private static long day(String iso) {
        return LocalDate.parse(iso).toEpochDay() * 86_400L;
    }

    @Test
    void quotedFieldsEmbeddedNewlinesAndBlankLines() throws IOException {
        Transactions t = simple().item("note").build().read(fixture("quoting.csv"));
        assertEquals(4, t.size());
        assertEquals(List.of("a,1", "b", "c", "d"), t.entityIds());
        assertEquals("say \"hi\"", t.itemId(0));
        assertEquals("two\nlines", t.itemId(1));
        assertEquals(null, t.itemId(2)); // empty field: no item
        assertEquals(day("2020-01-05"), t.epochSecond(3));
        assertEquals(5.5, t.amount(3));
        assertEquals(4.0, t.quantity(3));
    }

    @Test
    void gzipIsDetectedByMagicBytesAndGivesTheSameTable() throws IOException {
        CsvTransactionReader r = simple().item("note").build();
        Transactions plain = r.read(fixture("quoting.csv"));
        Transactions gz = r.read(fixture("quoting.csv.gz"));
        assertEquals(plain.entityIds(), gz.entityIds());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(plain.epochSecond(i), gz.epochSecond(i));
            assertEquals(plain.amount(i), gz.amount(i));
            assertEquals(plain.itemId(i), gz.itemId(i));
        }
    }

    @Test
    void badRowsFailWithLineColumnAndText() throws IOException {
        CsvTransactionReader r = simple().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.read(fixture("bad_rows.csv")));
        assertEquals("bad_rows.csv: row 3, column qty: cannot parse the value, value 'x1'", e.getMessage());
    }

    @Test
    void eachKindOfBadRowNamesItsLine() {
        String head = "id,when,qty,amount\na,2020-01-02,1,2.5\n";
        String[][] cases = {
            {"c,2020-13-04,3,4.5\n", "mem.csv: row 3, column when: cannot parse the value, value '2020-13-04'"},
            {"d,2020-01-05,4\n", "mem.csv: row 3, column (record): cannot parse the value, value '3 fields where the "
                + "header has 4'"},
            {",2020-01-07,6,7.5\n", "mem.csv: row 3, column id: entity id is null or blank, value ''"},
            {"f,2020-01-08,7,NaN\n", "mem.csv: row 3, column amount: amount is not finite, value 'NaN'"},
            {"g,2020-01-09,8,\"9\"x\n", "mem.csv: row 3, column amount: cannot parse the value, value 'text after "
                + "the closing quote of field 4'"},
            {"\"h\nh\",2020-01-09,8,\n", "mem.csv: row 3, column amount: cannot parse the value, value ''"},
            {"i,1899-12-31,1,1\n", "mem.csv: row 3, column when: impossible timestamp, value '1899-12-31'"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> read(simple().build(), head + c[0], StandardCharsets.UTF_8), c[0]);
            assertEquals(c[1], e.getMessage());
        }
    }

    @Test
    void skipCountsEveryBadRowByReason() throws IOException {
        Transactions t = simple().onInvalidRow(InvalidRowPolicy.SKIP).build().read(fixture("bad_rows.csv"));
        assertEquals(List.of("a", "e", "h"), t.entityIds());
        assertEquals(4, t.rejected().count(RowProblem.UNPARSEABLE));
        assertEquals(1, t.rejected().count(RowProblem.BLANK_ENTITY));
        assertEquals(1, t.rejected().count(RowProblem.NON_FINITE_AMOUNT));
        assertEquals(6, t.rejected().total());
        assertEquals("row 3, column qty: cannot parse the value, value 'x1'", t.rejected().examples().get(0));
        assertEquals("row 5, column (record): cannot parse the value, value '3 fields where the header has 4'",
                t.rejected().examples().get(2));
        assertEquals(5.0, t.quantity(1)); // "5" quoted is still a number
    }

    @Test
    void missingColumnListsTheHeader() {
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> read(simple().item("sku").build(), "id,when,qty,amount\n", StandardCharsets.UTF_8));
        assertEquals("mem.csv: the item column 'sku' is not in the header; the header's columns are "
                + "[id, when, qty, amount]", e.getMessage());
        CsvFormatException dup = assertThrows(CsvFormatException.class,
                () -> read(simple().build(), "id,when,qty,amount,id\n", StandardCharsets.UTF_8));
        assertEquals("mem.csv: line 1: the entity column 'id' appears more than once in the header "
                + "[id, when, qty, amount, id]", dup.getMessage());
        CsvFormatException empty = assertThrows(CsvFormatException.class,
                () -> read(simple().build(), "\n\n", StandardCharsets.UTF_8));
        assertEquals("mem.csv: the input is empty; a header line is required", empty.getMessage());
    }

    @Test
    void unterminatedQuoteIsAFormatException() {
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> read(simple().build(), "id,when,qty,amount\na,2020-01-02,1,\"2.5\n", StandardCharsets.UTF_8));
        assertEquals("mem.csv: line 2: the quoted field 4 that starts on this line is not closed before the end of "
                + "the input", e.getMessage());
    }

    @Test
    void entityFromSeveralColumnsUnitPriceAndSyntheticOrders() throws IOException {
        String text = "Store;Dept;Date;Price;Units;Promo\n1;1;2010-02-05;2.5;4;0\n1;1;2010-02-05;1;1;1\n"
                + "10;2;2010-02-12;3;2;0\n";
        CsvTransactionReader r = CsvTransactionReader.builder().delimiter(';').entity("Store", "Dept")
                .timestamp("Date", "yyyy-MM-dd").unitPrice("Price").quantity("Units").attribute("promo", "Promo")
                .build();
        Transactions t = read(r, text, StandardCharsets.UTF_8);
        assertEquals(List.of("10_2", "1_1"), t.entityIds());
        int e = t.entityIndex("1_1").getAsInt();
        int row = t.entityStart(e);
        assertEquals("1_1@2010-02-05", t.orderId(row));
        assertEquals(2, t.orderCount());
        assertEquals(6.0, t.amount(t.entityStart(0)));
        assertEquals(List.of("promo"), t.attributeNames());
        Transactions perLine = read(r.toBuilder().syntheticOrder(CsvTransactionReader.SyntheticOrder.LINE).build(),
                text, StandardCharsets.UTF_8);
        assertEquals(3, perLine.orderCount());
        assertEquals("4", perLine.orderId(perLine.entityStart(0)));
    }

    @Test
    void quantityAbsentMeansOne() throws IOException {
        Transactions t = read(CsvTransactionReader.builder().entity("c").timestamp("t", "yyyy-MM-dd HH:mm:ss")
                .order("o").amount("v").category("cat").build(),
                "c,t,o,v,cat\nx,2011-01-01 10:00:00,o1,9.5,toys\n", StandardCharsets.UTF_8);
        assertEquals(1.0, t.quantity(0));
        assertEquals(9.5, t.amount(0));
        assertEquals("toys", t.category(0));
        assertEquals(day("2011-01-01") + 36_000, t.epochSecond(0));
    }

    @Test
    void otherCharsetsAreDecodedAsDeclared() throws IOException {
        String text = "id,when,qty,amount\nJosé,2020-01-02,1,2.5\n";
        for (Charset cs : new Charset[] {StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16,
            StandardCharsets.UTF_16LE, StandardCharsets.UTF_8}) {
            Transactions t = read(simple().charset(cs).build(), text, cs);
            assertEquals(List.of("José"), t.entityIds(), cs.name());
            assertEquals(2.5, t.amount(0));
        }
    }

    @Test
    void streamsWithoutHoldingTheInput() throws IOException {
        // 40,000 generated rows read through a stream that makes them as it goes, one byte per call
        int n = 40_000;
        InputStream in = new InputStream() {
            private final byte[] head = "id,when,qty,amount\n".getBytes(StandardCharsets.US_ASCII);
            private byte[] cur = head;
            private int pos;
            private int row;

            @Override
            public int read() {
                if (pos == cur.length) {
                    if (row == n) {
                        return -1;
                    }
                    cur = ("e" + (row % 97) + ",2020-01-" + (10 + row % 19) + "," + (row % 5)
                            + "," + row + ".25\n").getBytes(StandardCharsets.US_ASCII);
                    row++;
                    pos = 0;
                }
                return cur[pos++];
            }
        };
        Transactions t = simple().build().read(in, "generated");
        assertEquals(n, t.size());
        assertEquals(97, t.entityCount());
        double sum = 0;
        for (int i = 0; i < t.size(); i++) {
            sum += t.amount(i);
        }
        assertEquals((double) n * (n - 1) / 2 + 0.25 * n, sum, 1e-3);
    }

    @Test
    void builderValidatesAtOnceAndOnBuild() {
        CsvTransactionReader.Builder b = CsvTransactionReader.builder();
        assertEquals("entity needs at least one column",
                assertThrows(IllegalArgumentException.class, () -> b.entity()).getMessage());
        assertEquals("entity column 1 is blank: ' '",
                assertThrows(IllegalArgumentException.class, () -> b.entity("a", " ")).getMessage());
        assertEquals("timestamp pattern 'yyyy-MM-dd {' is not valid",
                assertThrows(IllegalArgumentException.class, () -> b.timestamp("t", "yyyy-MM-dd {")).getMessage()
                        .substring(0, 45));
        assertEquals("delimiter must be an ASCII character other than NUL, a double quote, CR and LF but was '\"' (U+0022); "
                + "for fields separated by runs of spaces or tabs use whitespaceDelimited()",
                assertThrows(IllegalArgumentException.class, () -> b.delimiter('"')).getMessage());
        assertEquals("no entity column: call entity(...)",
                assertThrows(IllegalStateException.class, b::build).getMessage());
        b.entity("e");
        assertEquals("no timestamp column: call timestamp(column, pattern)",
                assertThrows(IllegalStateException.class, b::build).getMessage());
        b.timestamp("t", "yyyy-MM-dd");
        assertEquals("no amount: call amount(column) or unitPrice(column)",
                assertThrows(IllegalStateException.class, b::build).getMessage());
        b.amount("a").unitPrice("p");
        assertEquals("both amount('a') and unitPrice('p') are mapped; choose one",
                assertThrows(IllegalStateException.class, b::build).getMessage());
        b.attribute("x", "colx");
        assertEquals("attribute 'x' is already mapped to column 'colx'",
                assertThrows(IllegalArgumentException.class, () -> b.attribute("x", "y")).getMessage());
        assertThrows(NullPointerException.class, () -> b.charset(null));
    }

    @Test
    void sameRowsInAnyOrderGiveTheSameTable() throws IOException {
        String a = "id,when,qty,amount\nx,2020-01-02,1,2.5\ny,2020-01-01,2,1.5\nx,2020-01-01,3,0.5\n";
        String b = "id,when,qty,amount\nx,2020-01-01,3,0.5\nx,2020-01-02,1,2.5\ny,2020-01-01,2,1.5\n";
        Transactions ta = read(simple().build(), a, StandardCharsets.UTF_8);
        Transactions tb = read(simple().build(), b, StandardCharsets.UTF_8);
        assertEquals(ta.entityIds(), tb.entityIds());
        double[] qa = new double[3];
        double[] qb = new double[3];
        for (int i = 0; i < 3; i++) {
            qa[i] = ta.quantity(i);
            qb[i] = tb.quantity(i);
        }
        assertArrayEquals(qa, qb);
        assertTrue(ta.rejected().total() == 0);
        assertFalse(ta.hasItems());
    }
}
