package dev.segmentation.examples.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.data.Transactions;
import dev.segmentation.io.AssignmentTable;
import dev.segmentation.io.DuckDb;
import dev.segmentation.io.JdbcConnections;
import dev.segmentation.io.JdbcTransactionReader;
import dev.segmentation.io.SegmentTableWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;

/** File helpers of the tool: existence checks with a reason, atomic text writes, reading a source, segment tables. */
final class ToolFiles {
    private ToolFiles() {
    }

    static Path existing(Path file, String what) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, what + " not found");
        }
        return file;
    }

    /** Writes {@code text} to a temporary sibling, then moves it over {@code file}. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The feature the engagement extractor produces: a model with it reads click events. */
    static final String ENGAGEMENT_FEATURE = "events_per_active_day";

    /**
     * Reads the click events of {@code --events}: a CSV (gzip allowed) whose {@code columns} name the entity,
     * timestamp and event type, in that order, separated by commas; a bad row fails naming file, row and column.
     */
    static dev.segmentation.data.Events readEvents(Path csv, String columns) throws IOException {
        String[] c = columns.split(",", -1);
        if (c.length != 3 || c[0].isBlank() || c[1].isBlank() || c[2].isBlank()) {
            throw new IllegalArgumentException("--event-columns: expected three column names ENTITY,TIMESTAMP,TYPE "
                    + "but was \"" + columns + "\"");
        }
        return dev.segmentation.io.EventReader.builder().entity(c[0].strip()).timestamp(c[1].strip())
                .type(c[2].strip()).build().read(existing(csv, "events file")).events();
    }

    /**
     * Refuses a model or pipeline that reads click events when no {@code --events} file was given, naming the
     * option; {@code features} are the model's feature names.
     */
    static void requireEventsWhenRead(java.util.List<String> features, dev.segmentation.data.Events events) {
        if (events == null && features.contains(ENGAGEMENT_FEATURE)) {
            throw new IllegalArgumentException("the engagement features read click events: give --events FILE (a "
                    + "CSV with the columns of --event-columns, default entity,timestamp,type)");
        }
    }

    static Transactions read(Pipeline.Source source, Path override) throws IOException, SQLException {
        return read(source, override, null);
    }

    /**
     * Reads the source: {@code override} (a file) or {@code query} (DuckDB SQL) in place of the pipeline's own;
     * a file named .parquet is read through DuckDB with the SQL mapping.
     */
    static Transactions read(Pipeline.Source source, Path override, String query) throws IOException, SQLException {
        if (override != null && query != null) {
            throw new IllegalArgumentException("give either --input or --query, not both");
        }
        if (query != null) {
            return DuckDb.query(sqlReader(source, "a --query"), query);
        }
        if (override != null || source.path() != null) {
            Path in = override != null ? override : source.path();
            if (Pipeline.isParquet(in)) {
                return DuckDb.readParquet(sqlReader(source, in.toString()), in);
            }
            existing(in, "input");
            return source.reader().build().read(in);
        }
        if (source.url() == null) {
            return DuckDb.query(sqlReader(source, "the query"), source.query());
        }
        try (Connection c = connect(source.url(), source.user(), source.passwordEnv())) {
            // PostgreSQL streams rows in fetch-size batches only inside a transaction
            c.setAutoCommit(false);
            try {
                return sqlReader(source, "the query").read(c, source.query());
            } finally {
                c.rollback();
            }
        }
    }

    private static JdbcTransactionReader sqlReader(Pipeline.Source source, String what) {
        if (source.sqlReader() == null) {
            throw new IllegalArgumentException(what + ": " + source.sqlProblem());
        }
        return source.sqlReader();
    }

    /** A connection to {@code url}; the password, when any, comes from the environment variable {@code passwordEnv}. */
    static Connection connect(String url, String user, String passwordEnv) throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (passwordEnv != null) {
            String pw = System.getenv(passwordEnv);
            if (pw == null) {
                throw new IllegalArgumentException("the environment variable " + passwordEnv + " (the database "
                        + "password) is not set");
            }
            p.setProperty("password", pw);
        }
        if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            p.setProperty("reWriteBatchedInserts", "true");
        }
        return JdbcConnections.open(url, p);
    }

    /**
     * The default model version: the first 16 hex digits of the SHA-256 of the model file's payload without its
     * provenance (fit time, JVM, thread count), so the same fit gives the same version and a rewrite of its segments
     * replaces the earlier rows.
     */
    static String modelVersion(Path modelFile) throws IOException {
        JsonNode root = Pipeline.MAPPER.readTree(modelFile.toFile());
        JsonNode payload = root.get("payload");
        if (!(payload instanceof ObjectNode p)) {
            throw new IllegalArgumentException(modelFile + ": not a model file of format 2 (no payload object)");
        }
        ObjectNode copy = p.deepCopy();
        copy.remove("provenance");
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Pipeline.MAPPER.writeValueAsBytes(copy));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Writes {@code rows} to the table of {@code out}; returns the rows written. */
    static long writeTable(AssignmentTable rows, Pipeline.TableOutput out, String modelVersion, Instant at)
            throws SQLException {
        SegmentTableWriter w = SegmentTableWriter.builder().table(out.name()).modelId(out.modelId())
                .modelVersion(modelVersion).scoredAt(at).build();
        try (Connection c = connect(out.url(), out.user(), out.passwordEnv())) {
            return w.write(c, rows);
        }
    }

    /** Writes {@code rows} as a Parquet file (atomically). */
    static void writeParquet(AssignmentTable rows, Path file, String modelId, String modelVersion, Instant at)
            throws IOException, SQLException {
        SegmentTableWriter.builder().modelId(modelId).modelVersion(modelVersion).scoredAt(at).build()
                .writeParquet(rows, file);
    }
}
