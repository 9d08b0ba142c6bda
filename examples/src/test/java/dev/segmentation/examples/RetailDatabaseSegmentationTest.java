package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.examples.tool.SegmentationTool;
import dev.segmentation.io.DuckDb;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The retail database example through the tool's {@code example} subcommand on a small synthetic population: the
 * schema is filled, read through its views, segmented, and the segments written back (DuckDB in the suite,
 * PostgreSQL when {@code SEGMENTATION_PG_URL} is set, as in {@code .ci/run}).
 */
class RetailDatabaseSegmentationTest {
    @TempDir
    Path dir;

    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SegmentationTool.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        assertEquals(0, code, err.toString() + out);
        return out.toString();
    }

    @Test
    void segmentsTheDuckDbRetailDatabaseAndWritesTheSegmentsBack() throws Exception {
        Path db = dir.resolve("shop.duckdb");
        String out = run("example", "RetailDatabaseSegmentation", "--users", "400", "--database", db.toString());
        assertTrue(out.contains("Created the retail schema and 400 users"), out);
        assertTrue(out.contains("Wrote "), out);
        try (Connection c = DuckDb.open(db); Statement s = c.createStatement()) {
            long customers;
            try (ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT entity_id) FROM segmentation_transactions")) {
                rs.next();
                customers = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT segment_id), MIN(model_version) "
                    + "FROM segment_assignments")) {
                rs.next();
                assertTrue(rs.getLong(1) > 0.9 * customers && rs.getLong(1) <= customers, rs.getLong(1) + " of "
                        + customers);
                assertEquals(4, rs.getLong(2));
                assertEquals("seed-42", rs.getString(3));
            }
        }
    }

    @Test
    void segmentsThePostgresRetailDatabase() throws Exception {
        String url = System.getenv("SEGMENTATION_PG_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "SEGMENTATION_PG_URL is not set: no PostgreSQL server "
                + "to test against (run 'eval \"$(bash .ci/postgres.sh)\"' as root to start one)");
        String pgUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=retail_example";
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", System.getenv("SEGMENTATION_PG_USER"));
        p.setProperty("password", System.getenv("SEGMENTATION_PG_PASSWORD"));
        try (Connection c = java.sql.DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS retail_example CASCADE");
            s.execute("CREATE SCHEMA retail_example");
        }
        try {
            // the password travels in the URL here (the example reads PGPASSWORD, which the test cannot set)
            String withPassword = pgUrl + "&password=" + System.getenv("SEGMENTATION_PG_PASSWORD");
            String out = run("example", "RetailDatabaseSegmentation", "--users", "200", "--url", withPassword,
                    "--user", System.getenv("SEGMENTATION_PG_USER"));
            assertTrue(out.contains("rows to segment_assignments"), out);
        } finally {
            try (Connection c = java.sql.DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS retail_example CASCADE");
            }
        }
    }
}
