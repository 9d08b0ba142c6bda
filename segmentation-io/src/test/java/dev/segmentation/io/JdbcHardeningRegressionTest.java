package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One regression test per item of issue 13 (hardening) that lives in the JDBC source, named after the item, on an
 * embedded SQLite database (sqlite-jdbc, the driver that reports {@code DATETIME} columns as {@code Types.DATE}).
 */
class JdbcHardeningRegressionTest {
    @TempDir
    Path dir;
    Connection c;

    @BeforeEach
    void open() throws Exception {
        c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("h.db"));
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    private void sql(String... statements) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }

    private static long utc(int y, int mo, int d, int h, int mi, int s) {
        return LocalDateTime.of(y, mo, d, h, mi, s).toEpochSecond(ZoneOffset.UTC);
    }

    private static JdbcTransactionReader.Builder mapping(String ts, String pattern) {
        JdbcTransactionReader.Builder b = JdbcTransactionReader.builder().entity("customer").order("invoice")
                .quantity("qty").amount("amount");
        return pattern == null ? b.timestamp(ts) : b.timestamp(ts, pattern);
    }

    @Test
    void defect7a_textTimestampsWithAPatternResolveStrictly() throws Exception {
        sql("CREATE TABLE s (customer TEXT, ts TEXT, invoice TEXT, qty REAL, amount REAL)",
                "INSERT INTO s VALUES ('a', '2011-02-30 10:00:00', 'i1', 1, 1)",
                "INSERT INTO s VALUES ('b', '2011-02-28 24:00:00', 'i2', 1, 1)",
                "INSERT INTO s VALUES ('c', '2011-02-28 23:59:59', 'i3', 1, 1)");
        JdbcTransactionReader fail = mapping("ts", "yyyy-MM-dd HH:mm:ss").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fail.read(c, "SELECT * FROM s ORDER BY customer"));
        // used to be read as 2011-02-28 (SMART resolution)
        assertEquals("row 1, column ts: cannot parse the value, value '2011-02-30 10:00:00'", e.getMessage());
        Transactions t = mapping("ts", "yyyy-MM-dd HH:mm:ss").onInvalidRow(InvalidRowPolicy.SKIP).build()
                .read(c, "SELECT * FROM s ORDER BY customer");
        assertEquals(List.of("c"), t.entityIds());
        assertEquals(utc(2011, 2, 28, 23, 59, 59), t.epochSecond(0));
        assertEquals(2, t.rejected().count(RowProblem.UNPARSEABLE)); // 30 February and hour 24
        // without a pattern, ISO text is strict too
        Transactions iso = mapping("ts", null).onInvalidRow(InvalidRowPolicy.SKIP).build()
                .read(c, "SELECT * FROM s ORDER BY customer");
        assertEquals(List.of("c"), iso.entityIds());
    }

    @Test
    void defect7b_aDatetimeReportedAsDateKeepsItsTimeOfDay() throws Exception {
        sql("CREATE TABLE s (customer TEXT, ts DATETIME, day DATE, invoice TEXT, qty REAL, amount REAL)",
                "INSERT INTO s VALUES ('a', '2011-02-28 10:00:00', '2011-02-28', 'i1', 1, 1)",
                "INSERT INTO s VALUES ('b', '2011-03-01T07:30:15', '2011-03-01', 'i2', 1, 1)");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ts FROM s")) {
            // the driver's report that made the time of day disappear
            assertEquals(Types.DATE, rs.getMetaData().getColumnType(1));
        }
        Transactions t = mapping("ts", null).build().read(c, "SELECT * FROM s ORDER BY customer");
        assertEquals(utc(2011, 2, 28, 10, 0, 0), t.epochSecond(0)); // was midnight
        assertEquals(utc(2011, 3, 1, 7, 30, 15), t.epochSecond(1));
        Transactions patterned = mapping("ts", "yyyy-MM-dd HH:mm:ss").onInvalidRow(InvalidRowPolicy.SKIP).build()
                .read(c, "SELECT * FROM s ORDER BY customer");
        assertEquals(utc(2011, 2, 28, 10, 0, 0), patterned.epochSecond(0));
        // a real date column still gives midnight
        Transactions days = mapping("day", null).build().read(c, "SELECT * FROM s ORDER BY customer");
        assertEquals(utc(2011, 2, 28, 0, 0, 0), days.epochSecond(0));
    }

    @Test
    void weak_jdbcDateOnlyPatternIsSupported() throws Exception {
        sql("CREATE TABLE s (customer TEXT, ts TEXT, invoice TEXT, qty REAL, amount REAL)",
                "INSERT INTO s VALUES ('a', '2011-02-28', 'i1', 1, 1)",
                "INSERT INTO s VALUES ('b', '2012-02-29', 'i2', 1, 1)");
        Transactions t = mapping("ts", "yyyy-MM-dd").build().read(c, "SELECT * FROM s ORDER BY customer");
        assertEquals(utc(2011, 2, 28, 0, 0, 0), t.epochSecond(0));
        assertEquals(utc(2012, 2, 29, 0, 0, 0), t.epochSecond(1));
    }

    @Test
    void weak_jdbcTextNumbersInJavaLiteralSyntaxAreRejected() throws Exception {
        sql("CREATE TABLE s (customer TEXT, ts TEXT, invoice TEXT, qty TEXT, amount TEXT)",
                "INSERT INTO s VALUES ('a', '2011-02-28 10:00:00', 'i1', '12d', '1')",
                "INSERT INTO s VALUES ('b', '2011-02-28 10:00:00', 'i2', '1', '0x1p3')",
                "INSERT INTO s VALUES ('c', '2011-02-28 10:00:00', 'i3', '5f', '1')",
                "INSERT INTO s VALUES ('d', '2011-02-28 10:00:00', 'i4', ' 2 ', '1.5e1')");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapping("ts", null).build().read(c, "SELECT * FROM s ORDER BY customer"));
        assertEquals("row 1, column qty: cannot parse the value, value '12d'", e.getMessage());
        Transactions t = mapping("ts", null).onInvalidRow(InvalidRowPolicy.SKIP).build()
                .read(c, "SELECT * FROM s ORDER BY customer");
        assertEquals(List.of("d"), t.entityIds());
        assertEquals(2.0, t.quantity(0));
        assertEquals(15.0, t.amount(0));
        assertEquals(3, t.rejected().count(RowProblem.UNPARSEABLE));
    }

    @Test
    void weak_jdbcMessagesNameTheLabelAndTheValueAsGiven() throws Exception {
        sql("CREATE TABLE s (Customer TEXT, ts TEXT, invoice TEXT, Quantity TEXT, amount REAL)",
                "INSERT INTO s VALUES ('a', '2011-02-28 10:00:00', 'i1', '1e309', 1)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdbcTransactionReader.builder().entity("customer").timestamp("ts").order("invoice")
                        .quantity("quantity").amount("amount").build().read(c, "SELECT * FROM s"));
        assertEquals("row 1, column Quantity: quantity is not finite, value '1e309'", e.getMessage());
    }

    @Test
    void weak_duplicateJdbcColumnLabelsAreAnError() throws Exception {
        sql("CREATE TABLE s (customer TEXT, ts TEXT, invoice TEXT, qty REAL, amount REAL, list REAL)",
                "INSERT INTO s VALUES ('a', '2011-02-28 10:00:00', 'i1', 1, 2, 3)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapping("ts", null).build().read(c,
                        "SELECT customer, ts, invoice, qty, amount, list AS AMOUNT FROM s"));
        assertEquals("the column label 'amount' is ambiguous: result columns 5 ('amount') and 6 ('AMOUNT') both "
                + "match; give them distinct aliases in the query", e.getMessage());
    }

    @Test
    void weak_jdbcBlankIdsIncludeNbspAndZeroWidthSpace() throws Exception {
        sql("CREATE TABLE s (customer TEXT, ts TEXT, invoice TEXT, qty REAL, amount REAL)",
                "INSERT INTO s VALUES (char(160), '2011-02-28 10:00:00', 'i1', 1, 1)",
                "INSERT INTO s VALUES (char(8203), '2011-02-28 10:00:00', 'i2', 1, 1)",
                "INSERT INTO s VALUES ('a', '2011-02-28 10:00:00', char(12288), 1, 1)",
                "INSERT INTO s VALUES ('b', '2011-02-28 10:00:00', 'i4', 1, 1)");
        Transactions t = mapping("ts", null).onInvalidRow(InvalidRowPolicy.SKIP).build()
                .read(c, "SELECT * FROM s ORDER BY rowid");
        assertEquals(List.of("b"), t.entityIds());
        assertEquals(2, t.rejected().count(RowProblem.BLANK_ENTITY));
        assertEquals(1, t.rejected().count(RowProblem.BLANK_ORDER));
        assertEquals("row 1, column customer: entity id is null or blank, value '\u00A0'",
                t.rejected().examples().get(0));
    }

    @Test
    void weak_jdbcSkipReadThatRejectsEveryRowFails() throws Exception {
        sql("CREATE TABLE s (customer TEXT, ts TEXT, invoice TEXT, qty REAL, amount REAL)",
                "INSERT INTO s VALUES ('a', '28.02.2011', 'i1', 1, 1)",
                "INSERT INTO s VALUES ('b', '01.03.2011', 'i2', 1, 1)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapping("ts", "yyyy-MM-dd").onInvalidRow(InvalidRowPolicy.SKIP).build()
                        .read(c, "SELECT * FROM s ORDER BY customer"));
        assertEquals("every one of the 2 rows was rejected (most often UNPARSEABLE, 2 times; for example row 1, "
                + "column ts: cannot parse the value, value '28.02.2011'); check the column mapping and the "
                + "timestamp pattern 'yyyy-MM-dd'", e.getMessage());
    }

    @Test
    void weak_jdbcDstGapIsRejectedByDefault() throws Exception {
        sql("CREATE TABLE s (customer TEXT, ts TEXT, invoice TEXT, qty REAL, amount REAL)",
                "INSERT INTO s VALUES ('a', '2011-03-27 01:30 Europe/London', 'i1', 1, 1)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapping("ts", "yyyy-MM-dd HH:mm VV").build().read(c, "SELECT * FROM s"));
        assertEquals("row 1, column ts: cannot parse the value, value '2011-03-27 01:30 Europe/London'",
                e.getMessage());
        Transactions t = mapping("ts", "yyyy-MM-dd HH:mm VV").dstGap(DstGap.SHIFT_FORWARD).build()
                .read(c, "SELECT * FROM s");
        assertEquals(utc(2011, 3, 27, 1, 30, 0), t.epochSecond(0)); // 02:30 BST
    }

    @Test
    void weak_cancellationAJdbcReadHonoursTheThreadInterrupt() throws Exception {
        sql("CREATE TABLE s (customer TEXT, ts TEXT, invoice TEXT, qty REAL, amount REAL)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                        + "INSERT INTO s SELECT 'c' || (i % 97), '2011-02-28 10:00:00', 'o' || i, 1, 1 FROM n");
        JdbcTransactionReader r = mapping("ts", null).build();
        Thread.currentThread().interrupt();
        try {
            java.util.concurrent.CancellationException e = assertThrows(
                    java.util.concurrent.CancellationException.class, () -> r.read(c, "SELECT * FROM s"));
            assertEquals("the read was interrupted at row 16384", e.getMessage());
            assertEquals(true, Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals(20_000, r.read(c, "SELECT * FROM s").size());
    }
}
