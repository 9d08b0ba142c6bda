package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import dev.segmentation.testing.SharedData;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet and SQL over files through DuckDB: UCI Online Retail converted to Parquet (typed columns: DOUBLE numbers,
 * TIMESTAMP invoice date) and split in two files must give exactly the {@code Transactions} and model of the CSV
 * reader; a query joining files gives the rows it selects.
 */
class DuckDbTest {
    @TempDir
    static Path dir;

    static Path csv;
    static Path parquet;

    /** The JDBC mapping of the Parquet files (typed timestamp: no pattern needed, but a text one would parse too). */
    static JdbcTransactionReader reader() {
        return JdbcTransactionReader.builder().entity("CustomerID").timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .order("InvoiceNo").item("StockCode").quantity("Quantity").unitPrice("UnitPrice")
                .onInvalidRow(dev.segmentation.data.InvalidRowPolicy.SKIP).build();
    }

    @BeforeAll
    static void convert() throws Exception {
        csv = SharedData.require(OnlineRetailDatabase.FILE);
        parquet = dir.resolve("online_retail.parquet");
        try (Connection c = DuckDb.open(); Statement s = c.createStatement()) {
            // the file's text as written, then typed columns; row order kept (one thread, ordered by line)
            s.execute("SET threads = 1");
            s.execute("CREATE TABLE raw AS SELECT row_number() OVER () AS line, * FROM read_csv("
                    + DuckDb.literal(csv.toString()) + ", all_varchar = true, header = true)");
            s.execute("COPY (SELECT InvoiceNo, StockCode, Description, CAST(Quantity AS DOUBLE) AS Quantity, "
                    + "strptime(InvoiceDate, '%Y-%m-%d %H:%M:%S') AS InvoiceDate, CAST(UnitPrice AS DOUBLE) AS "
                    + "UnitPrice, CustomerID, Country FROM raw ORDER BY line) TO " + DuckDb.literal(parquet.toString())
                    + " (FORMAT PARQUET)");
            s.execute("COPY (SELECT * EXCLUDE (line) FROM raw WHERE line <= 10000 ORDER BY line) TO "
                    + DuckDb.literal(dir.resolve("part-1.parquet").toString()) + " (FORMAT PARQUET)");
            s.execute("COPY (SELECT * EXCLUDE (line) FROM raw WHERE line > 10000 AND line <= 25000 ORDER BY line) TO "
                    + DuckDb.literal(dir.resolve("part-2.parquet").toString()) + " (FORMAT PARQUET)");
        }
    }

    @Test
    void onlineRetailFromParquetGivesTheSameTransactionsAndModelAsTheCsvFile() throws Exception {
        Transactions fromCsv = CsvPresets.onlineRetail().build().read(csv);
        long t0 = System.nanoTime();
        Transactions fromParquet = DuckDb.readParquet(reader(), parquet);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(406_829, fromParquet.size());
        assertEquals(135_080, fromParquet.rejected().count(RowProblem.BLANK_ENTITY));
        OnlineRetailDatabase.assertSameTransactions(fromCsv, fromParquet);
        OnlineRetailDatabase.assertSameModel(OnlineRetailDatabase.fit(fromCsv), OnlineRetailDatabase.fit(fromParquet));
        System.getLogger("DuckDbTest").log(System.Logger.Level.INFO, String.format(java.util.Locale.ROOT,
                "Parquet read: 541,909 rows in %.2f s (%.0f rows/s)", seconds, 541_909 / seconds));
    }

    @Test
    void severalParquetFilesOfTextColumnsReadInOrderAsOneAndAsTheTypedFile() throws Exception {
        // the first 25,000 records, as text (two files) and typed (one file, insertion order kept)
        Transactions typed = DuckDb.query(reader(), "SELECT * FROM " + DuckDb.parquetScan(parquet) + " LIMIT 25000");
        Transactions parts = DuckDb.readParquet(reader(), dir.resolve("part-1.parquet"),
                dir.resolve("part-2.parquet"));
        assertTrue(parts.size() > 15_000, "rows " + parts.size());
        OnlineRetailDatabase.assertSameTransactions(typed, parts);
        // a glob pattern names the same files
        Transactions glob = DuckDb.readParquet(reader(), dir.resolve("part-*.parquet"));
        assertEquals(parts.size(), glob.size());
    }

    @Test
    void aQueryJoiningFilesReadsTheRowsItSelects() throws Exception {
        Path countries = dir.resolve("countries.csv");
        java.nio.file.Files.writeString(countries, "Country,Region\nFrance,EU\nGermany,EU\nUnited Kingdom,UK\n");
        Transactions eu = DuckDb.query(reader(), "SELECT o.* FROM " + DuckDb.parquetScan(parquet) + " o JOIN "
                + "read_csv(" + DuckDb.literal(countries.toString()) + ") c USING (Country) WHERE c.Region = 'EU'");
        long expected;
        // every row of the join is a French or German customer's; count them in the CSV read
        try (Connection c = DuckDb.open(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM " + DuckDb.parquetScan(parquet)
                        + " WHERE Country IN ('France', 'Germany') AND CustomerID IS NOT NULL")) {
            rs.next();
            expected = rs.getLong(1);
        }
        assertEquals(expected, eu.size());
        assertTrue(eu.entityCount() > 50 && eu.entityCount() < 500, "entities " + eu.entityCount());
    }

    @Test
    void aMissingFileOrBadQueryIsNamed() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> DuckDb.readParquet(reader(), dir.resolve("nope.parquet")));
        assertEquals(dir.resolve("nope.parquet").toString(), e.getFile());
        assertEquals("Parquet file not found", e.getReason());
        SQLException q = assertThrows(SQLException.class, () -> DuckDb.query(reader(), "SELECT * FROM nowhere"));
        assertTrue(q.getMessage().startsWith("DuckDB query failed: ") && q.getMessage().endsWith(
                "(query: SELECT * FROM nowhere)"), q.getMessage());
        assertEquals("files: give at least one Parquet file", assertThrows(IllegalArgumentException.class,
                () -> DuckDb.parquetScan()).getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> DuckDb.query(
                JdbcTransactionReader.builder().entity("who").timestamp("t").order("o").quantity("q").amount("a")
                        .build(), "SELECT 1 AS t"));
        assertTrue(m.getMessage().startsWith("no column 'who' in the query result"), m.getMessage());
    }
}
