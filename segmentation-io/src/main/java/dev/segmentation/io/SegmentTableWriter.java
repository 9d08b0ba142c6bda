package dev.segmentation.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@link AssignmentTable} to a SQL table (DuckDB, PostgreSQL, SQLite) or a Parquet file: the
 * feature-store table of segments that other models (forecasting, churn) join on {@code entity}.
 *
 * <p><b>Layout</b> (table {@value #DEFAULT_TABLE} unless {@link Builder#table} says otherwise), one row per entity and
 * model version:
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>entity</td><td>text, not null</td><td>the entity id (customer, SKU) as in the source</td></tr>
 *   <tr><td>model_version</td><td>text, not null</td><td>identifies the fitted model (e.g. a hash of its
 *       file); primary key with {@code entity}</td></tr>
 *   <tr><td>model_id</td><td>text, not null</td><td>the model's name (e.g. "customers-rfm")</td></tr>
 *   <tr><td>segment_id</td><td>integer</td><td>the segment; NULL when the entity was not assigned</td></tr>
 *   <tr><td>segment_name</td><td>text</td><td>the segment's name; NULL when not assigned</td></tr>
 *   <tr><td>strength</td><td>double</td><td>membership strength in [0, 1] (soft cluster models), else NULL</td></tr>
 *   <tr><td>outlier_score</td><td>double</td><td>outlier score in [0, 1]: HDBSCAN GLOSH (training rows) or approximate GLOSH (predicted rows, noise included); NULL for K-Means and Gaussian-mixture predictions and unassigned entities</td></tr>
 *   <tr><td>status</td><td>text, not null</td><td>ASSIGNED, NOT_ELIGIBLE, FILTERED or NOT_DESCRIBED</td></tr>
 *   <tr><td>eligibility_rule</td><td>text</td><td>the eligibility rule a NOT_ELIGIBLE entity failed, or the filter that removed a FILTERED one</td></tr>
 *   <tr><td>scored_at</td><td>timestamp (UTC, no zone)</td><td>when the assignment was computed (seconds);
 *       SQLite stores ISO-8601 text {@code yyyy-MM-dd HH:mm:ss}</td></tr>
 * </table>
 * The table is created when absent (with the primary key {@code (entity, model_version)}); an existing table must
 * have these columns (more are allowed) or the write fails before changing anything.
 *
 * <p><b>Idempotent.</b> {@link #write(Connection, AssignmentTable)} runs in one transaction (rolled back on any
 * failure) and upserts each row on {@code (entity, model_version)}: PostgreSQL and SQLite (3.24 or later) through
 * {@code INSERT ... ON CONFLICT (entity, model_version) DO UPDATE SET ...}, DuckDB through
 * {@code INSERT OR REPLACE}. Writing the same assignments twice leaves the same rows; entities of the same model
 * version missing from a later write keep their earlier row unless {@link Builder#replaceVersion()} deletes the
 * version's rows first (in the same transaction). PostgreSQL and SQLite get multi-row {@code VALUES}
 * statements of {@link Builder#batchRows} rows; DuckDB, which binds parameters slowly, reads the rows from a
 * temporary CSV file in one {@code INSERT OR REPLACE ... SELECT}.
 *
 * <p><b>Parquet.</b> {@link #writeParquet} loads the rows into an in-memory DuckDB table and copies it to a
 * temporary file beside the target, then moves it over the target: a reader never sees half a file.
 *
 * <p>The drivers are the caller's (this class uses {@code java.sql} only; Parquet needs
 * {@code org.duckdb:duckdb_jdbc}). O(rows) time; memory of one batch. Immutable and thread-safe; a connection must
 * not be shared by concurrent writes.
 *
 * <pre>{@code
 * SegmentTableWriter writer = SegmentTableWriter.builder().modelId("customers-rfm").modelVersion("2026-12-v1")
 *     .build();
 * try (Connection c = JdbcConnections.open("jdbc:duckdb:features.db")) {
 *     writer.write(c, AssignmentTable.training(model));
 * }
 * }</pre>
 */
public final class SegmentTableWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentTableWriter.class);
    /** The default table name. */
    public static final String DEFAULT_TABLE = "segment_assignments";
    /** The columns, in table order. */
    public static final List<String> COLUMNS = List.of("entity", "model_version", "model_id", "segment_id",
            "segment_name", "strength", "outlier_score", "status", "eligibility_rule", "scored_at");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}"
            + "(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
    private static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss",
            Locale.ROOT);

    /** The SQL dialects the writer knows. */
    public enum Dialect {
        /** DuckDB (embedded). */
        DUCKDB,
        /** PostgreSQL. */
        POSTGRESQL,
        /** SQLite 3.24 or later. */
        SQLITE;

        /**
         * The dialect of {@code connection}, from its database product name.
         *
         * @throws IllegalArgumentException for another database, naming it
         * @throws SQLException when the metadata cannot be read
         */
        public static Dialect of(Connection connection) throws SQLException {
            String product = connection.getMetaData().getDatabaseProductName();
            String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
            if (p.contains("duckdb")) {
                return DUCKDB;
            }
            if (p.contains("postgres")) {
                return POSTGRESQL;
            }
            if (p.contains("sqlite")) {
                return SQLITE;
            }
            throw new IllegalArgumentException("segment tables can be written to DuckDB, PostgreSQL and SQLite, not to "
                    + "'" + product + "'");
        }
    }

    private final String table;
    private final String modelId;
    private final String modelVersion;
    private final Instant scoredAt;
    private final int batchRows;
    private final boolean replaceVersion;

    private SegmentTableWriter(Builder b) {
        this.table = b.table;
        this.modelId = b.modelId;
        this.modelVersion = b.modelVersion;
        this.scoredAt = b.scoredAt;
        this.batchRows = b.batchRows;
        this.replaceVersion = b.replaceVersion;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The table name. */
    public String table() {
        return table;
    }

    /**
     * Creates the table when absent and upserts every row of {@code rows} in one transaction (see the class
     * comment). The connection's auto-commit setting is restored afterwards.
     *
     * @return the number of rows written
     * @throws IllegalArgumentException when the database is not DuckDB, PostgreSQL or SQLite
     * @throws IllegalStateException when an existing table lacks some of the {@link #COLUMNS} (naming them)
     * @throws SQLException when the database fails (the transaction is rolled back)
     */
    public long write(Connection connection, AssignmentTable rows) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(rows, "rows");
        Dialect dialect = Dialect.of(connection);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        boolean done = false;
        try {
            try (Statement s = connection.createStatement()) {
                s.execute(createTable(dialect));
            }
            checkColumns(connection);
            if (replaceVersion) {
                try (PreparedStatement d = connection.prepareStatement("DELETE FROM " + table
                        + " WHERE model_version = ?")) {
                    d.setString(1, modelVersion);
                    int deleted = d.executeUpdate();
                    LOG.debug("deleted {} rows of model version {} from {}", deleted, modelVersion, table);
                }
            }
            long written = insert(connection, dialect, rows);
            connection.commit();
            done = true;
            LOG.info("wrote {} rows of model {} version {} to {} ({})", written, modelId, modelVersion, table,
                    dialect);
            return written;
        } finally {
            if (!done) {
                try {
                    connection.rollback();
                } catch (SQLException e) {
                    LOG.warn("rollback of the segment table write failed: {}", e.getMessage());
                }
            }
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Writes {@code rows} as a Parquet file with the table's columns (through an in-memory DuckDB database),
     * atomically: a temporary file beside {@code file}, then a move over it.
     *
     * @throws IllegalStateException when the DuckDB driver is not on the class path
     * @throws IOException when the file cannot be written or moved
     * @throws SQLException when DuckDB fails
     */
    public void writeParquet(AssignmentTable rows, Path file) throws IOException, SQLException {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(file, "file");
        Path target = AtomicFiles.followLinks(file.toAbsolutePath());
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (Connection c = DuckDb.open()) {
                write(c, rows);
                try (Statement s = c.createStatement()) {
                    s.execute("COPY (SELECT * FROM " + table + " ORDER BY entity) TO "
                            + DuckDb.literal(tmp.toString()) + " (FORMAT PARQUET)");
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The {@code CREATE TABLE IF NOT EXISTS} statement of the dialect. */
    String createTable(Dialect d) {
        String text = d == Dialect.SQLITE ? "TEXT" : "VARCHAR";
        String dbl = switch (d) {
            case POSTGRESQL -> "DOUBLE PRECISION";
            case SQLITE -> "REAL";
            case DUCKDB -> "DOUBLE";
        };
        String time = d == Dialect.SQLITE ? "TEXT" : "TIMESTAMP";
        return "CREATE TABLE IF NOT EXISTS " + table + " (entity " + text + " NOT NULL, model_version " + text
                + " NOT NULL, model_id " + text + " NOT NULL, segment_id INTEGER, segment_name " + text
                + ", strength " + dbl + ", outlier_score " + dbl + ", status " + text + " NOT NULL, eligibility_rule "
                + text + ", scored_at " + time + " NOT NULL, PRIMARY KEY (entity, model_version))";
    }

    private void checkColumns(Connection c) throws SQLException {
        Set<String> have = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table
                + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                have.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String col : COLUMNS) {
            if (!have.contains(col)) {
                missing.add(col);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the table " + table + " exists but lacks the columns " + missing
                    + " (it has " + have + "): drop it or choose another table name");
        }
    }

    /** The upsert statement for {@code n} rows. */
    String upsert(Dialect d, int n) {
        StringBuilder sql = new StringBuilder(64 + n * 24);
        sql.append(d == Dialect.DUCKDB ? "INSERT OR REPLACE INTO " : "INSERT INTO ").append(table).append(" (")
                .append(String.join(", ", COLUMNS)).append(") VALUES ");
        String one = "(" + "?, ".repeat(COLUMNS.size() - 1) + "?)";
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : ", ").append(one);
        }
        if (d != Dialect.DUCKDB) {
            sql.append(" ON CONFLICT (entity, model_version) DO UPDATE SET ");
            List<String> sets = new ArrayList<>();
            for (String col : COLUMNS.subList(2, COLUMNS.size())) {
                sets.add(col + " = excluded." + col);
            }
            sql.append(String.join(", ", sets));
        }
        return sql.toString();
    }

    private long insert(Connection c, Dialect d, AssignmentTable rows) throws SQLException {
        int n = rows.size();
        if (n == 0) {
            return 0;
        }
        if (d == Dialect.DUCKDB) {
            return insertDuckDb(c, rows);
        }
        LocalDateTime at = LocalDateTime.ofInstant(scoredAt.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        Object time = d == Dialect.SQLITE ? SQLITE_TIME.format(at) : at;
        int full = Math.min(batchRows, n);
        PreparedStatement big = c.prepareStatement(upsert(d, full));
        try {
            int row = 0;
            while (row < n) {
                int k = Math.min(full, n - row);
                PreparedStatement st = k == full ? big : c.prepareStatement(upsert(d, k));
                try {
                    int p = 1;
                    for (int i = row; i < row + k; i++) {
                        st.setString(p++, rows.entity(i));
                        st.setString(p++, modelVersion);
                        st.setString(p++, modelId);
                        var seg = rows.segment(i);
                        if (seg.isPresent()) {
                            st.setInt(p++, seg.getAsInt());
                        } else {
                            st.setNull(p++, Types.INTEGER);
                        }
                        setText(st, p++, rows.segmentName(i).orElse(null));
                        setDouble(st, p++, rows.strength(i));
                        setDouble(st, p++, rows.outlierScore(i));
                        st.setString(p++, rows.status(i).name());
                        setText(st, p++, rows.eligibilityRule(i).orElse(null));
                        st.setObject(p++, time);
                    }
                    st.executeUpdate();
                } finally {
                    if (st != big) {
                        st.close();
                    }
                }
                row += k;
            }
        } finally {
            big.close();
        }
        return n;
    }

    /**
     * DuckDB binds parameters slowly (about 4,000 rows per CPU second through multi-row {@code VALUES}), so its rows
     * are staged in a temporary CSV file (deleted afterwards) and upserted by one {@code INSERT OR REPLACE ...
     * SELECT FROM read_csv(...)} with every column typed: doubles are written in Java's shortest round-trip form,
     * text quoted, NULL as an empty unquoted field.
     */
    private long insertDuckDb(Connection c, AssignmentTable rows) throws SQLException {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("segment-rows-", ".csv");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                StringBuilder line = new StringBuilder(128);
                for (int i = 0; i < rows.size(); i++) {
                    line.setLength(0);
                    quoted(line, rows.entity(i)).append(',');
                    if (rows.segment(i).isPresent()) {
                        line.append(rows.segment(i).getAsInt());
                    }
                    line.append(',');
                    quoted(line, rows.segmentName(i).orElse(null)).append(',');
                    if (rows.strength(i).isPresent()) {
                        line.append(Double.toString(rows.strength(i).getAsDouble()));
                    }
                    line.append(',');
                    if (rows.outlierScore(i).isPresent()) {
                        line.append(Double.toString(rows.outlierScore(i).getAsDouble()));
                    }
                    line.append(',');
                    quoted(line, rows.status(i).name()).append(',');
                    quoted(line, rows.eligibilityRule(i).orElse(null)).append('\n');
                    w.append(line);
                }
            }
            LocalDateTime at = LocalDateTime.ofInstant(scoredAt.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
            String sql = "INSERT OR REPLACE INTO " + table + " (" + String.join(", ", COLUMNS) + ") SELECT entity, "
                    + DuckDb.literal(modelVersion) + ", " + DuckDb.literal(modelId) + ", segment_id, segment_name, "
                    + "strength, outlier_score, status, eligibility_rule, TIMESTAMP '" + SQLITE_TIME.format(at)
                    + "' FROM read_csv(" + DuckDb.literal(tmp.toString()) + ", header = false, auto_detect = false, "
                    + "delim = ',', quote = '\"', escape = '\"', nullstr = '', allow_quoted_nulls = false, "
                    + "columns = {'entity': 'VARCHAR', 'segment_id': 'INTEGER', 'segment_name': 'VARCHAR', "
                    + "'strength': 'DOUBLE', 'outlier_score': 'DOUBLE', 'status': 'VARCHAR', "
                    + "'eligibility_rule': 'VARCHAR'})";
            try (Statement st = c.createStatement()) {
                long written = st.executeUpdate(sql);
                if (written != rows.size()) {
                    throw new SQLException("DuckDB upserted " + written + " rows but the assignment table has " + rows.size());
                }
            }
            return rows.size();
        } catch (IOException e) {
            throw new SQLException("cannot stage the rows for DuckDB in a temporary file: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warn("cannot delete the temporary file {}: {}", tmp, e.getMessage());
                }
            }
        }
    }

    /** Appends {@code v} quoted (quotes doubled), or nothing for null. */
    private static StringBuilder quoted(StringBuilder b, String v) {
        if (v != null) {
            b.append('"');
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                b.append(ch);
                if (ch == '"') {
                    b.append('"');
                }
            }
            b.append('"');
        }
        return b;
    }

    private static void setText(PreparedStatement st, int p, String v) throws SQLException {
        if (v == null) {
            st.setNull(p, Types.VARCHAR);
        } else {
            st.setString(p, v);
        }
    }

    private static void setDouble(PreparedStatement st, int p, OptionalDouble v) throws SQLException {
        if (v.isPresent()) {
            st.setDouble(p, v.getAsDouble());
        } else {
            st.setNull(p, Types.DOUBLE);
        }
    }

    @Override
    public String toString() {
        return "SegmentTableWriter[table=" + table + ", modelId=" + modelId + ", modelVersion=" + modelVersion
                + ", scoredAt=" + scoredAt + ", batchRows=" + batchRows + ", replaceVersion=" + replaceVersion + "]";
    }

    /** Settings of a {@link SegmentTableWriter}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private String table = DEFAULT_TABLE;
        private String modelId;
        private String modelVersion;
        private Instant scoredAt;
        private int batchRows = 500;
        private boolean replaceVersion;

        private Builder() {
        }

        /**
         * The table name: an SQL identifier, optionally schema-qualified ({@code features.segments}); default
         * {@value SegmentTableWriter#DEFAULT_TABLE}.
         *
         * @throws IllegalArgumentException when it is not a plain identifier (letters, digits, '_')
         */
        public Builder table(String name) {
            Objects.requireNonNull(name, "table");
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("table must be an SQL identifier such as segment_assignments or "
                        + "features.segments (letters, digits and '_', not starting with a digit) but was '" + name
                        + "'");
            }
            this.table = name;
            return this;
        }

        /**
         * The model's name, written in {@code model_id} (required).
         *
         * @throws IllegalArgumentException when blank
         */
        public Builder modelId(String id) {
            this.modelId = nonBlank("modelId", id);
            return this;
        }

        /**
         * The model version, part of the primary key (required): it must differ between models written to one
         * table, e.g. a hash of the model file.
         *
         * @throws IllegalArgumentException when blank
         */
        public Builder modelVersion(String version) {
            this.modelVersion = nonBlank("modelVersion", version);
            return this;
        }

        /** When the assignments were computed (default: the time of {@link #build()}), stored to the second. */
        public Builder scoredAt(Instant at) {
            this.scoredAt = Objects.requireNonNull(at, "scoredAt");
            return this;
        }

        /**
         * Rows per {@code INSERT} statement (default 500).
         *
         * @throws IllegalArgumentException unless 1 to 3,000 (SQLite allows 32,766 parameters per statement)
         */
        public Builder batchRows(int rows) {
            if (rows < 1 || rows > 3_000) {
                throw new IllegalArgumentException("batchRows must be within [1, 3000] but was " + rows);
            }
            this.batchRows = rows;
            return this;
        }

        /** Deletes the model version's rows before writing (same transaction), so the table holds exactly this write. */
        public Builder replaceVersion() {
            this.replaceVersion = true;
            return this;
        }

        private static String nonBlank(String name, String v) {
            Objects.requireNonNull(v, name);
            if (v.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank but was '" + v + "'");
            }
            return v;
        }

        /**
         * The writer.
         *
         * @throws IllegalStateException when the model id or version is missing
         */
        public SegmentTableWriter build() {
            if (modelId == null || modelVersion == null) {
                throw new IllegalStateException("modelId and modelVersion are required (modelId: " + modelId
                        + ", modelVersion: " + modelVersion + ")");
            }
            if (scoredAt == null) {
                scoredAt = Instant.now();
            }
            return new SegmentTableWriter(this);
        }
    }
}
