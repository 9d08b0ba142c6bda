package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.testing.SharedData;
import dev.segmentation.testing.SyntheticRetail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC source against an embedded SQLite database (a file in a temporary folder); on the full Online Retail
 * file (when ../shared is present) the database path must give exactly the same transactions and model as the CSV
 * path. {@link PostgresTransactionReaderTest} repeats the Online Retail check on a PostgreSQL server.
 */
class JdbcTransactionReaderTest {
    private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path dir;
    Connection c;

    @BeforeEach
    void open() throws Exception {
        c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tx.db"));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sales (customer VARCHAR(20), ts TIMESTAMP, invoice VARCHAR(20), qty DOUBLE,"
                    + " price DOUBLE, sku VARCHAR(20), cat VARCHAR(20), disc VARCHAR(20), ts_text VARCHAR(30),"
                    + " ts_epoch BIGINT)");
        }
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    private JdbcTransactionReader.Builder mapping() {
        return JdbcTransactionReader.builder().entity("customer").timestamp("ts").order("invoice").quantity("qty")
                .unitPrice("price").item("sku").category("cat");
    }

    private void insert(Transactions t) throws Exception {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO sales VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int r = 0; r < t.size(); r++) {
                LocalDateTime time = LocalDateTime.ofEpochSecond(t.epochSecond(r), 0, ZoneOffset.UTC);
                p.setString(1, t.entityId(t.entityOf(r)));
                p.setObject(2, time);
                p.setString(3, t.orderId(r));
                p.setDouble(4, t.quantity(r));
                p.setDouble(5, t.amount(r) / t.quantity(r));
                p.setString(6, "i" + (r % 7));
                p.setString(7, "k" + (r % 3));
                p.setString(8, Double.toString(r % 5 * 0.5));
                p.setString(9, time.format(F));
                p.setLong(10, t.epochSecond(r));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    @Test
    void theDatabaseGivesTheSameTransactionsAsTheCsvFile() throws Exception {
        Transactions source = SyntheticRetail.transactions(80, 4);
        insert(source);
        Transactions db = mapping().attribute("discount", "disc").fetchSize(50).build()
                .read(c, "SELECT * FROM sales");
        // the same rows as CSV, read by the CSV source
        Path csv = dir.resolve("sales.csv");
        List<String> lines = new ArrayList<>();
        lines.add("customer,ts,invoice,qty,price,sku,cat,disc");
        try (Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT customer, ts_text, invoice, qty, price, sku, cat, disc FROM sales")) {
            while (rs.next()) {
                lines.add(rs.getString(1) + "," + rs.getString(2) + "," + rs.getString(3) + ","
                        + Double.toString(rs.getDouble(4)) + "," + Double.toString(rs.getDouble(5)) + ","
                        + rs.getString(6) + "," + rs.getString(7) + "," + rs.getString(8));
            }
        }
        Files.write(csv, lines);
        Transactions fromCsv = CsvTransactionReader.builder().entity("customer").timestamp("ts",
                "yyyy-MM-dd HH:mm:ss").order("invoice").quantity("qty").unitPrice("price").item("sku").category("cat")
                .attribute("discount", "disc").build().read(csv);
        assertSame(fromCsv, db);
        Rfm rfm = Rfm.builder().cancelledOrderPrefix("C").build();
        assertEquals(rfm.extract(fromCsv, FitContext.seeded(0)), rfm.extract(db, FitContext.seeded(0)));
        assertEquals(rfm.extract(source, FitContext.seeded(0)).featureNames(),
                rfm.extract(db, FitContext.seeded(0)).featureNames());
        // text and epoch-second timestamps give the same instants
        Transactions text = JdbcTransactionReader.builder().entity("customer").timestamp("ts_text",
                "yyyy-MM-dd HH:mm:ss").order("invoice").quantity("qty").unitPrice("price").build()
                .read(c, "SELECT * FROM sales");
        Transactions epoch = JdbcTransactionReader.builder().entity("customer").timestamp("ts_epoch").order("invoice")
                .quantity("qty").unitPrice("price").build().read(c, "SELECT * FROM sales");
        for (int r = 0; r < db.size(); r++) {
            assertEquals(db.epochSecond(r), text.epochSecond(r));
            assertEquals(db.epochSecond(r), epoch.epochSecond(r));
        }
    }

    @Test
    void onlineRetailFromSqliteGivesTheSameTransactionsAndModelAsTheCsvFile() throws Exception {
        Path file = SharedData.require(OnlineRetailDatabase.FILE);
        // SQLite has no date-time type: invoice_date is the file's text, read with the pattern
        assertEquals(541_909, OnlineRetailDatabase.load(c, file, "TEXT", "REAL", "TEXT"));
        Transactions fromCsv = CsvPresets.onlineRetail().build().read(file);
        Transactions fromDb = OnlineRetailDatabase.reader().read(c, OnlineRetailDatabase.QUERY);
        assertEquals(406_829, fromDb.size());
        assertEquals(135_080, fromDb.rejected().count(RowProblem.BLANK_ENTITY));
        OnlineRetailDatabase.assertSameTransactions(fromCsv, fromDb);
        OnlineRetailDatabase.assertSameModel(OnlineRetailDatabase.fit(fromCsv), OnlineRetailDatabase.fit(fromDb));
    }

    private static void assertSame(Transactions a, Transactions b) {
        assertEquals(a.size(), b.size());
        assertEquals(a.entityIds(), b.entityIds());
        assertEquals(a.attributeNames(), b.attributeNames());
        for (int r = 0; r < a.size(); r++) {
            assertEquals(a.entityOf(r), b.entityOf(r), "row " + r);
            assertEquals(a.epochSecond(r), b.epochSecond(r), "row " + r);
            assertEquals(a.orderId(r), b.orderId(r), "row " + r);
            assertEquals(a.quantity(r), b.quantity(r), "row " + r);
            assertEquals(a.amount(r), b.amount(r), "row " + r);
            assertEquals(a.itemId(r), b.itemId(r), "row " + r);
            assertEquals(a.category(r), b.category(r), "row " + r);
            assertEquals(a.attribute(0, r), b.attribute(0, r), "row " + r);
        }
    }

    private void insertRaw(String values) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO sales (customer, ts, invoice, qty, price, disc) VALUES " + values);
        }
    }

    @Test
    void badRowsAreNamedByRowAndColumnOrSkippedAndCounted() throws Exception {
        insertRaw("('a', '2011-01-02 10:00:00', 'o1', 1, 2.5, '1'),"
                + "('b', '2011-01-03 10:00:00', 'o2', 2, 3, '1'),"
                + "('c', '2011-01-04 10:00:00', 'o3', NULL, 3, '1'),"
                + "('d', NULL, 'o4', 1, 3, '1'),"
                + "('e', '2011-01-04 10:00:00', 'o5', 1, 3, 'lots'),"
                + "(NULL, '2011-01-04 10:00:00', 'o6', 1, 3, '1')");
        String sql = "SELECT * FROM sales ORDER BY invoice";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mapping().build()
                .read(c, sql));
        assertTrue(e.getMessage().startsWith("row 3, column qty: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", value null"), e.getMessage());
        Transactions t = mapping().attribute("discount", "disc").onInvalidRow(InvalidRowPolicy.SKIP).build()
                .read(c, sql);
        assertEquals(2, t.size());
        assertEquals(3, t.rejected().count(RowProblem.UNPARSEABLE));
        assertEquals(1, t.rejected().count(RowProblem.BLANK_ENTITY));
        assertEquals(List.of("a", "b"), t.entityIds());
        assertEquals(2.5, t.amount(0), "unit price x quantity");
        assertEquals(6.0, t.amount(1), "unit price x quantity");
        List<String> examples = t.rejected().examples();
        assertTrue(examples.get(1).startsWith("row 4, column ts: "), examples.toString());
        assertTrue(examples.get(2).startsWith("row 5, column disc: "), examples.toString());
        assertTrue(examples.get(2).endsWith(", value 'lots'"), examples.toString());
        assertTrue(examples.get(3).startsWith("row 6, column customer: entity id is null or blank"),
                examples.toString());
    }

    @Test
    void mappingErrorsAreClear() throws Exception {
        assertEquals("no column 'amount' in the query result; columns are [customer, ts, invoice, qty, price, sku,"
                + " cat, disc, ts_text, ts_epoch]", assertThrows(IllegalArgumentException.class,
                        () -> JdbcTransactionReader.builder().entity("customer").timestamp("ts").order("invoice")
                                .quantity("qty").amount("amount").build().read(c, "SELECT * FROM sales"))
                        .getMessage());
        assertEquals("required columns are not mapped: [timestamp, quantity]", assertThrows(
                IllegalStateException.class, () -> JdbcTransactionReader.builder().entity("e").order("o")
                        .amount("a").build()).getMessage());
        assertEquals("map exactly one of amount and unitPrice (amount: a, unitPrice: p)", assertThrows(
                IllegalStateException.class, () -> mapping().amount("a").unitPrice("p").build()).getMessage());
        assertEquals("fetchSize must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> JdbcTransactionReader.builder().fetchSize(0)).getMessage());
        assertEquals("attribute 'x' is mapped twice", assertThrows(IllegalArgumentException.class,
                () -> JdbcTransactionReader.builder().attribute("x", "a").attribute("x", "b")).getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> JdbcTransactionReader.builder().timestamp("t", "yyyy-MM-dd {"));
        assertTrue(p.getMessage().startsWith("invalid timestamp pattern 'yyyy-MM-dd {': "), p.getMessage());
        assertEquals("entity column name must not be blank", assertThrows(IllegalArgumentException.class,
                () -> JdbcTransactionReader.builder().entity(" ")).getMessage());
    }
}
