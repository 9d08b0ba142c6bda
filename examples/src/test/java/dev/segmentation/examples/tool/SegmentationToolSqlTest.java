package dev.segmentation.examples.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.examples.tool.SegmentationToolTest.Run;
import dev.segmentation.io.DuckDb;
import dev.segmentation.io.JdbcConnections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool with SQL sources and segment tables, end to end on the bundled Online Retail: fit on a window selected
 * by a DuckDB query and on the same rows as a Parquet file (the same assignments), then score the later window
 * with the saved model into DuckDB and SQLite tables, twice (row count unchanged), and a Parquet file.
 */
class SegmentationToolSqlTest {
    @TempDir
    static Path dir;

    static Run fit;

    /** Typed columns of the bundled CSV, read by DuckDB. */
    static final String TYPED = "SELECT InvoiceNo, StockCode, CAST(Quantity AS DOUBLE) AS Quantity, "
            + "strptime(InvoiceDate, '%Y-%m-%d %H:%M:%S') AS InvoiceDate, CAST(UnitPrice AS DOUBLE) AS UnitPrice, "
            + "CustomerID, Country FROM read_csv('" + SegmentationToolTest.DATA + "', all_varchar = true)";

    /** The bundled data as typed Parquet, written once (each query then scans it, not the CSV). */
    static Path all;

    /** Rows of the window [from, to) in file order. */
    static String window(String from, String to) {
        return "SELECT * FROM " + DuckDb.literal(all.toString()) + " WHERE InvoiceDate >= TIMESTAMP '" + from + "' AND InvoiceDate < "
                + "TIMESTAMP '" + to + "'";
    }

    static String pipeline(String source, String out) {
        return """
                {
                  "source": %s,
                  "eligibility": {"minOrders": 2},
                  "features": [{"type": "rfm", "cancelledOrderPrefix": "C", "asOf": "2011-09-01"}],
                  "scaling": {"method": "robust", "log1p": ["frequency_orders", "monetary", "avg_order_value"]},
                  "clusterer": {"kmeans": {"k": 4, "nInit": 2}},
                  "seed": 7,
                  "threads": 2,
                  "outputs": {"dir": "%s", "title": "Customers"}
                }
                """.formatted(source, out);
    }

    static Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @BeforeAll
    static void fitOnAQuery() throws Exception {
        all = dir.resolve("online_retail.parquet");
        try (Connection c = DuckDb.open(); Statement s = c.createStatement()) {
            s.execute("COPY (" + TYPED + ") TO " + DuckDb.literal(all.toString()) + " (FORMAT PARQUET)");
        }
        String query = window("2011-06-01", "2011-09-01").replace("\"", "\\\"");
        Path p = write("query.json", pipeline("{\"query\": \"" + query + "\", \"preset\": \"onlineRetail\"}",
                dir.resolve("fit-query").toString()));
        fit = SegmentationToolTest.run("fit", "-q", p.toString());
    }

    static long count(String url, String sql) throws SQLException {
        try (Connection c = JdbcConnections.open(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void fitFromAQueryAndFromTheSameRowsAsParquetGiveTheSameSegments() throws Exception {
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("segmented into 4 segments"), fit.out());
        Path parquet = dir.resolve("window.parquet");
        try (Connection c = DuckDb.open(); Statement s = c.createStatement()) {
            s.execute("COPY (" + window("2011-06-01", "2011-09-01") + ") TO " + DuckDb.literal(parquet.toString())
                    + " (FORMAT PARQUET)");
        }
        Run fromParquet = SegmentationToolTest.run("fit", "-q", dir.resolve("fit-query/pipeline.json").toString(),
                "--input", parquet.toString(), "-o", dir.resolve("fit-parquet").toString());
        assertEquals(0, fromParquet.code(), fromParquet.err());
        assertEquals(Files.readString(dir.resolve("fit-query/assignments.csv")),
                Files.readString(dir.resolve("fit-parquet/assignments.csv")));
        // the pipeline as run names the Parquet file as its source
        assertTrue(Files.readString(dir.resolve("fit-parquet/pipeline.json")).contains("window.parquet"));
        // and a --query on the command line reads the same rows
        Run fromQuery = SegmentationToolTest.run("fit", "-q", dir.resolve("fit-query/pipeline.json").toString(),
                "--query", "SELECT * FROM " + DuckDb.parquetScan(parquet), "-o", dir.resolve("fit-q2").toString());
        assertEquals(0, fromQuery.code(), fromQuery.err());
        assertEquals(Files.readString(dir.resolve("fit-query/assignments.csv")),
                Files.readString(dir.resolve("fit-q2/assignments.csv")));
    }

    @Test
    void scoreOfTheLaterWindowToDuckDbAndSqliteTwiceKeepsTheRowCount() throws Exception {
        assertEquals(0, fit.code(), fit.err());
        String later = window("2011-09-01", "2011-12-10");
        Map<String, Long> counts = new HashMap<>();
        for (String url : List.of("jdbc:duckdb:" + dir.resolve("features.duckdb"),
                "jdbc:sqlite:" + dir.resolve("features.sqlite"))) {
            for (int run = 0; run < 2; run++) {
                Run score = SegmentationToolTest.run("score", "-m", dir.resolve("fit-query/model.json").toString(),
                        "-p", dir.resolve("fit-query/pipeline.json").toString(), "--query", later, "--as-of",
                        "2011-12-10", "-o", dir.resolve("score").toString(), "--output-table", url);
                assertEquals(0, score.code(), score.err());
                assertTrue(score.out().contains("rows to table segment_assignments"), score.out());
                long scored = Files.readAllLines(dir.resolve("score/scores.csv")).size() - 1;
                assertEquals(scored, count(url, "SELECT COUNT(*) FROM segment_assignments"), url + " run " + run);
                assertEquals(scored, count(url, "SELECT COUNT(DISTINCT entity) FROM segment_assignments"));
                assertEquals(1, count(url, "SELECT COUNT(DISTINCT model_version) FROM segment_assignments"));
                counts.put(url, scored);
            }
        }
        assertTrue(counts.values().iterator().next() > 1_000, counts.toString());
        // the assigned rows name the model and one of its four segments
        String url = "jdbc:sqlite:" + dir.resolve("features.sqlite");
        assertEquals(0, count(url, "SELECT COUNT(*) FROM segment_assignments WHERE status = 'ASSIGNED' AND "
                + "(segment_id NOT BETWEEN 0 AND 3 OR segment_name IS NULL OR model_id <> 'Customers')"));

        Path parquet = dir.resolve("segments.parquet");
        Run toParquet = SegmentationToolTest.run("score", "-m", dir.resolve("fit-query/model.json").toString(),
                "-p", dir.resolve("fit-query/pipeline.json").toString(), "--query", later, "--as-of", "2011-12-10",
                "-o", dir.resolve("score-p").toString(), "--output-parquet", parquet.toString());
        assertEquals(0, toParquet.code(), toParquet.err());
        try (Connection c = DuckDb.open(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + DuckDb.parquetScan(parquet))) {
            rs.next();
            assertEquals(counts.values().iterator().next(), rs.getLong(1));
        }
    }

    @Test
    void aPipelineFileWritesItsSegmentsToATableAndParquet() throws Exception {
        assertEquals(0, fit.code(), fit.err());
        Path db = dir.resolve("pipeline-out.sqlite");
        String source = "{\"query\": \"" + window("2011-06-01", "2011-09-01").replace("\"", "\\\"")
                + "\", \"preset\": \"onlineRetail\"}";
        String text = pipeline(source, dir.resolve("fit-table").toString()).replace("\"title\": \"Customers\"}",
                "\"title\": \"Customers\", \"table\": {\"url\": \"jdbc:sqlite:" + db + "\", \"name\": \"segments\"}, "
                + "\"parquet\": \"" + dir.resolve("fit-table/segments.parquet") + "\"}");
        Path p = write("table.json", text);
        for (int run = 0; run < 2; run++) {
            Run r = SegmentationToolTest.run("fit", "-q", p.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("rows to table segments of jdbc:sqlite:"), r.out());
        }
        long assigned = Files.readAllLines(dir.resolve("fit-table/assignments.csv")).size() - 1;
        assertEquals(assigned, count("jdbc:sqlite:" + db, "SELECT COUNT(*) FROM segments"));
        try (Connection c = DuckDb.open(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM "
                        + DuckDb.parquetScan(dir.resolve("fit-table/segments.parquet")))) {
            rs.next();
            assertEquals(assigned, rs.getLong(1));
        }
        // the bundled DuckDB pipeline file parses (it runs from the repository root)
        Pipeline bundled = Pipeline.read(Path.of("pipelines/online-retail-duckdb.yaml"));
        assertEquals("segment_assignments", bundled.outputs().table().name());
        assertTrue(bundled.source().query().contains("read_csv('examples/data/online_retail.csv.gz'"));
    }

    /** Copies the first {@code n} rows of the window into table {@code orders} of {@code target} (text dates). */
    static void copyRows(Connection target, String from, String to, int n) throws SQLException {
        try (Statement s = target.createStatement()) {
            s.execute("DROP TABLE IF EXISTS orders");
            s.execute("CREATE TABLE orders (line INTEGER, InvoiceNo TEXT, StockCode TEXT, Quantity DOUBLE PRECISION, "
                    + "InvoiceDate TEXT, UnitPrice DOUBLE PRECISION, CustomerID TEXT)");
        }
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try (Connection d = DuckDb.open(); Statement s = d.createStatement();
                ResultSet rs = s.executeQuery("SELECT InvoiceNo, StockCode, Quantity, strftime(InvoiceDate, "
                        + "'%Y-%m-%d %H:%M:%S'), UnitPrice, CustomerID FROM (" + window(from, to) + ") LIMIT " + n);
                java.sql.PreparedStatement p = target.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, "
                        + "?)")) {
            int line = 0;
            while (rs.next()) {
                p.setInt(1, ++line);
                p.setString(2, rs.getString(1));
                p.setString(3, rs.getString(2));
                p.setDouble(4, rs.getDouble(3));
                p.setString(5, rs.getString(4));
                p.setDouble(6, rs.getDouble(5));
                p.setString(7, rs.getString(6));
                p.addBatch();
            }
            p.executeBatch();
            target.commit();
        } finally {
            target.setAutoCommit(autoCommit);
        }
    }

    @Test
    void fitFromSqliteAndPostgresUrlsGivesTheSegmentsOfTheSameRowsThroughDuckDb() throws Exception {
        assertEquals(0, fit.code(), fit.err());
        int n = 30_000;
        Path db = dir.resolve("shop.sqlite");
        try (Connection c = JdbcConnections.open("jdbc:sqlite:" + db)) {
            copyRows(c, "2011-06-01", "2011-09-01", n);
        }
        String duck = "SELECT * FROM (" + window("2011-06-01", "2011-09-01") + ") LIMIT " + n;
        Run viaDuck = SegmentationToolTest.run("fit", "-q", dir.resolve("fit-query/pipeline.json").toString(),
                "--query", duck, "-o", dir.resolve("fit-duck").toString());
        assertEquals(0, viaDuck.code(), viaDuck.err());
        Path p = write("sqlite.json", pipeline("{\"url\": \"jdbc:sqlite:" + db + "\", \"query\": \"SELECT * FROM "
                + "orders ORDER BY line\", \"preset\": \"onlineRetail\"}", dir.resolve("fit-sqlite").toString()));
        Run viaSqlite = SegmentationToolTest.run("fit", "-q", p.toString());
        assertEquals(0, viaSqlite.code(), viaSqlite.err());
        assertEquals(Files.readString(dir.resolve("fit-duck/assignments.csv")),
                Files.readString(dir.resolve("fit-sqlite/assignments.csv")));

        String pg = System.getenv("SEGMENTATION_PG_URL");
        org.junit.jupiter.api.Assumptions.assumeTrue(pg != null && !pg.isBlank(), "SEGMENTATION_PG_URL is not set: "
                + "the PostgreSQL source is not tested (run 'eval \"$(bash .ci/postgres.sh)\"' as root)");
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", System.getenv("SEGMENTATION_PG_USER"));
        props.setProperty("password", System.getenv("SEGMENTATION_PG_PASSWORD"));
        try (Connection c = java.sql.DriverManager.getConnection(pg, props)) {
            copyRows(c, "2011-06-01", "2011-09-01", n);
        }
        try {
            Path q = write("pg.json", pipeline("{\"url\": \"" + pg + "\", \"user\": \""
                    + System.getenv("SEGMENTATION_PG_USER") + "\", \"passwordEnv\": \"SEGMENTATION_PG_PASSWORD\", "
                    + "\"query\": \"SELECT * FROM orders ORDER BY line\", \"preset\": \"onlineRetail\"}",
                    dir.resolve("fit-pg").toString()));
            Run viaPg = SegmentationToolTest.run("fit", "-q", q.toString());
            assertEquals(0, viaPg.code(), viaPg.err());
            assertEquals(Files.readString(dir.resolve("fit-duck/assignments.csv")),
                    Files.readString(dir.resolve("fit-pg/assignments.csv")));
        } finally {
            try (Connection c = java.sql.DriverManager.getConnection(pg, props); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS orders");
            }
        }
    }

    @Test
    void sqlSourceErrorsAreNamed() throws IOException {
        Path p = write("bad.json", pipeline("{\"query\": \"SELECT 1\", \"path\": \"x.csv\", \"preset\": "
                + "\"onlineRetail\"}", dir.resolve("bad").toString()));
        Run both = SegmentationToolTest.run("fit", p.toString());
        assertEquals(1, both.code());
        assertTrue(both.err().contains("$.source.query: give either a file \"path\" (CSV, or Parquet when named "
                + ".parquet) or an SQL \"query\" (DuckDB, or the database of \"url\"), not both"), both.err());

        Path w = write("walmart.json", pipeline("{\"query\": \"SELECT 1\", \"preset\": \"walmartTrain\"}",
                dir.resolve("bad").toString()));
        Run csvOnly = SegmentationToolTest.run("fit", w.toString());
        assertEquals(1, csvOnly.code());
        assertTrue(csvOnly.err().contains("the preset \"walmartTrain\" reads CSV files only; give a column mapping"),
                csvOnly.err());

        Path q = write("nowhere.json", pipeline("{\"query\": \"SELECT * FROM nowhere\", \"preset\": "
                + "\"onlineRetail\"}", dir.resolve("bad").toString()));
        Run missing = SegmentationToolTest.run("fit", q.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("DuckDB query failed: ") && missing.err().contains("nowhere"),
                missing.err());

        Run noParquet = SegmentationToolTest.run("fit", q.toString(), "--input", dir.resolve("no.parquet")
                .toString());
        assertEquals(2, noParquet.code(), noParquet.err());
        assertTrue(noParquet.err().contains("no.parquet (Parquet file not found)"), noParquet.err());

        Run badUrl = SegmentationToolTest.run("score", "-m", dir.resolve("nothing.json").toString(), "--preset",
                "onlineRetail", "--query", "SELECT 1");
        assertEquals(2, badUrl.code(), badUrl.err());
    }
}
