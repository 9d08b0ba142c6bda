package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentationModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments back to a table: DuckDB and SQLite files, twice (row count unchanged), and Parquet. */
class SegmentTableWriterTest {
    @TempDir
    Path dir;

    static final Instant T1 = Instant.parse("2026-12-01T10:15:30.700Z");
    static final Instant T2 = Instant.parse("2026-12-02T08:00:00Z");

    private static SegmentTableWriter writer(Instant at) {
        return SegmentTableWriter.builder().modelId("customers").modelVersion("v1").scoredAt(at).batchRows(64)
                .build();
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row of the table (entity to "segment|name|strength|outlier|status|rule|scored_at"). */
    static Map<String, String> rows(Connection c, String table) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT entity, segment_id, "
                + "segment_name, strength, outlier_score, status, eligibility_rule, CAST(scored_at AS VARCHAR), "
                + "model_id, model_version FROM " + table)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getObject(2) + "|" + rs.getString(3) + "|" + rs.getObject(4) + "|"
                        + rs.getObject(5) + "|" + rs.getString(6) + "|" + rs.getString(7) + "|" + rs.getString(8)
                        + "|" + rs.getString(9) + "|" + rs.getString(10));
            }
        }
        return out;
    }

    static void assertTableHolds(AssignmentTable t, Map<String, String> rows, String time) {
        assertEquals(t.size(), rows.size());
        for (int i = 0; i < t.size(); i++) {
            String[] cells = rows.get(t.entity(i)).split("\\|", -1);
            assertEquals(t.segment(i).isPresent() ? String.valueOf(t.segment(i).getAsInt()) : "null", cells[0]);
            assertEquals(t.segmentName(i).orElse("null"), cells[1]);
            assertEquals(t.strength(i).isPresent() ? t.strength(i).getAsDouble() : null,
                    "null".equals(cells[2]) ? null : Double.valueOf(cells[2]), "strength of " + t.entity(i));
            assertEquals(t.outlierScore(i).isPresent() ? t.outlierScore(i).getAsDouble() : null,
                    "null".equals(cells[3]) ? null : Double.valueOf(cells[3]));
            assertEquals(t.status(i).name(), cells[4]);
            assertEquals(t.eligibilityRule(i).orElse("null"), cells[5]);
            assertTrue(cells[6].startsWith(time), cells[6] + " vs " + time);
            assertEquals("customers", cells[7]);
            assertEquals("v1", cells[8]);
        }
    }

    private void writeTwice(String url) throws Exception {
        try (Connection c = JdbcConnections.open(url)) {
            writeTwice(c);
        }
    }

    private static void writeTwice(Connection c) throws Exception {
        SegmentationModel model = ModelFixtures.hdbscanModel();
        AssignmentTable training = AssignmentTable.training(model);
        {
            assertEquals(training.size(), writer(T1).write(c, training));
            assertEquals(training.size(), count(c, "SELECT COUNT(*) FROM segment_assignments"));
            assertTableHolds(training, rows(c, "segment_assignments"), "2026-12-01 10:15:30");
            // the same assignments again, later: same row count, scored_at updated
            writer(T2).write(c, training);
            assertEquals(training.size(), count(c, "SELECT COUNT(*) FROM segment_assignments"));
            assertTableHolds(training, rows(c, "segment_assignments"), "2026-12-02 08:00:00");
            // another model version adds its rows beside the first
            SegmentTableWriter.builder().modelId("customers").modelVersion("v2").scoredAt(T2).build().write(c,
                    training);
            assertEquals(2L * training.size(), count(c, "SELECT COUNT(*) FROM segment_assignments"));
            assertTrue(c.getAutoCommit(), "auto-commit restored");
        }
    }

    @Test
    void duckDbFileWrittenTwiceKeepsOneRowPerEntityAndVersion() throws Exception {
        writeTwice("jdbc:duckdb:" + dir.resolve("segments.duckdb"));
    }

    @Test
    void sqliteFileWrittenTwiceKeepsOneRowPerEntityAndVersion() throws Exception {
        writeTwice("jdbc:sqlite:" + dir.resolve("segments.sqlite"));
    }

    @Test
    void postgresTableWrittenTwiceKeepsOneRowPerEntityAndVersion() throws Exception {
        String url = System.getenv(PostgresTransactionReaderTest.URL);
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null && !url.isBlank(), PostgresTransactionReaderTest.URL
                + " is not set: no PostgreSQL server to test against (run 'eval \"$(bash .ci/postgres.sh)\"' as root "
                + "to start one)");
        java.util.Properties p = new java.util.Properties();
        if (System.getenv(PostgresTransactionReaderTest.USER) != null) {
            p.setProperty("user", System.getenv(PostgresTransactionReaderTest.USER));
        }
        if (System.getenv(PostgresTransactionReaderTest.PASSWORD) != null) {
            p.setProperty("password", System.getenv(PostgresTransactionReaderTest.PASSWORD));
        }
        try (Connection c = JdbcConnections.open(url, p)) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS segment_assignments");
            }
            try {
                writeTwice(c);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS segment_assignments");
                }
            }
        }
    }

    @Test
    void predictedRowsWithIneligibleEntitiesHaveNullSegments() throws Exception {
        SegmentationModel model = ModelFixtures.kmeansModel();
        AssignmentTable scored = AssignmentTable.predicted(model, model.predict(ModelFixtures.next()));
        try (Connection c = JdbcConnections.open("jdbc:sqlite:" + dir.resolve("p.sqlite"))) {
            writer(T1).write(c, scored);
            assertTableHolds(scored, rows(c, "segment_assignments"), "2026-12-01 10:15:30");
        }
    }

    @Test
    void replaceVersionDropsEntitiesMissingFromTheNewWrite() throws Exception {
        SegmentationModel model = ModelFixtures.kmeansModel();
        AssignmentTable all = AssignmentTable.training(model);
        AssignmentTable fewer = AssignmentTable.predicted(model, model.predict(ModelFixtures.next()));
        try (Connection c = JdbcConnections.open("jdbc:duckdb:")) {
            writer(T1).write(c, all);
            SegmentTableWriter.builder().modelId("customers").modelVersion("v1").scoredAt(T2).replaceVersion()
                    .build().write(c, fewer);
            assertTableHolds(fewer, rows(c, "segment_assignments"), "2026-12-02 08:00:00");
        }
    }

    @Test
    void entityIdsWithQuotesCommasLineBreaksAndAccentsRoundTrip() throws Exception {
        dev.segmentation.data.Transactions base = ModelFixtures.train();
        dev.segmentation.data.Transactions.Builder b = dev.segmentation.data.Transactions.builder();
        for (int r = 0; r < base.size(); r++) {
            String id = base.entityId(base.entityOf(r));
            String odd = switch (r % 4) {
                case 0 -> "a,\"" + id + "\"";
                case 1 -> id + "\nline 2";
                case 2 -> "Zoë-" + id + " ";
                default -> "'" + id + "'";
            };
            b.add(odd, base.epochSecond(r), base.orderId(r), base.quantity(r), base.amount(r));
        }
        SegmentationModel model = dev.segmentation.Segmenter.builder().features(ModelFixtures.rfm())
                .scaling(dev.segmentation.scaling.Scaling.standard())
                .clusterer(dev.segmentation.cluster.KMeans.builder().k(3).nInit(1)).seed(5).build().fit(b.build());
        AssignmentTable t = AssignmentTable.training(model);
        for (String url : java.util.List.of("jdbc:duckdb:", "jdbc:sqlite:" + dir.resolve("odd.sqlite"))) {
            try (Connection c = JdbcConnections.open(url)) {
                writer(T1).write(c, t);
                assertTableHolds(t, rows(c, "segment_assignments"), "2026-12-01 10:15:30");
            }
        }
    }

    @Test
    void aFailedWriteLeavesTheTableAsItWas() throws Exception {
        SegmentationModel model = ModelFixtures.kmeansModel();
        AssignmentTable t = AssignmentTable.training(model);
        try (Connection c = JdbcConnections.open("jdbc:sqlite:" + dir.resolve("f.sqlite"))) {
            writer(T1).write(c, t);
            // a trigger that fails on the last row: the whole second write must roll back
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TRIGGER boom BEFORE UPDATE ON segment_assignments WHEN NEW.entity = '"
                        + t.entity(t.size() - 1) + "' BEGIN SELECT RAISE(ABORT, 'boom'); END");
            }
            assertThrows(SQLException.class, () -> writer(T2).write(c, t));
            assertTableHolds(t, rows(c, "segment_assignments"), "2026-12-01 10:15:30");
            assertTrue(c.getAutoCommit());
        }
    }

    @Test
    void parquetOutputHoldsEveryRowAndLeavesNoTemporaryFile() throws Exception {
        SegmentationModel model = ModelFixtures.hdbscanModel();
        AssignmentTable t = AssignmentTable.training(model);
        Path file = dir.resolve("segments.parquet");
        writer(T1).writeParquet(t, file);
        writer(T1).writeParquet(t, file); // over an existing file
        try (Connection c = DuckDb.open()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE VIEW p AS SELECT * FROM " + DuckDb.parquetScan(file));
            }
            assertTableHolds(t, rows(c, "p"), "2026-12-01 10:15:30");
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the Parquet file");
        }
    }

    @Test
    void anExistingTableWithAnotherLayoutIsRefusedNamingTheMissingColumns() throws Exception {
        try (Connection c = JdbcConnections.open("jdbc:duckdb:")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE segment_assignments (entity VARCHAR, segment INTEGER)");
            }
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> writer(T1).write(c, AssignmentTable.training(ModelFixtures.kmeansModel())));
            assertTrue(e.getMessage().startsWith("the table segment_assignments exists but lacks the columns "
                    + "[model_version, model_id, segment_id,"), e.getMessage());
        }
    }

    @Test
    void settersCheckTheirValues() {
        assertEquals("table must be an SQL identifier such as segment_assignments or features.segments (letters, "
                + "digits and '_', not starting with a digit) but was 'x; DROP TABLE y'",
                assertThrows(IllegalArgumentException.class, () -> SegmentTableWriter.builder()
                        .table("x; DROP TABLE y")).getMessage());
        assertEquals("modelVersion must not be blank but was ' '", assertThrows(IllegalArgumentException.class,
                () -> SegmentTableWriter.builder().modelVersion(" ")).getMessage());
        assertEquals("batchRows must be within [1, 3000] but was 0", assertThrows(IllegalArgumentException.class,
                () -> SegmentTableWriter.builder().batchRows(0)).getMessage());
        assertEquals("modelId and modelVersion are required (modelId: m, modelVersion: null)",
                assertThrows(IllegalStateException.class, () -> SegmentTableWriter.builder().modelId("m").build())
                        .getMessage());
        assertFalse(SegmentTableWriter.builder().modelId("m").modelVersion("v").build().toString().isEmpty());
    }

    @Test
    void anUnknownDatabaseOrMissingDriverIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JdbcConnections.open("jdbc:nosuchdb:x"));
        assertEquals("no JDBC driver on the class path accepts the URL 'jdbc:nosuchdb:x'", e.getMessage());
        assertEquals("no JDBC driver on the class path accepts the URL 'orders.db' (a JDBC URL starts with 'jdbc:', "
                + "e.g. jdbc:duckdb:segments.db)", assertThrows(IllegalStateException.class,
                        () -> JdbcConnections.open("orders.db")).getMessage());
    }
}
