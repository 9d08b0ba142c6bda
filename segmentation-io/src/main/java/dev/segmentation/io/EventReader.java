package dev.segmentation.io;

import dev.segmentation.data.Events;
import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RejectedRows;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads engagement events (clicks, visits, app opens) into the {@link Events} table that the engagement features
 * read: three mapped columns, the entity id, the timestamp and the event type, from a CSV file (gzip allowed; UTF-8,
 * header row) or any SQL query.
 *
 * <pre>{@code
 * EventReader reader = EventReader.builder().entity("user_id").timestamp("clicked_at").type("event_type").build();
 * EventReader.Result clicks = reader.read(Path.of("clicks.csv.gz"));
 * SegmentationModel model = Segmenter.builder().features(Rfm.defaults(), Features.engagement())
 *         .clusterer(KMeans.builder().k(5)).build().fit(transactions, clicks.events());
 * }</pre>
 *
 * <p><b>Timestamps</b> are read as UTC: in CSV, text in the pattern given to {@link Builder#timestamp(String,
 * String)} or, without one, ISO-8601 {@code uuuu-MM-dd} with an optional time after {@code T} or a space; in SQL,
 * also {@code TIMESTAMP}, {@code TIMESTAMP WITH TIME ZONE}, {@code DATE} and integer epoch seconds (as
 * {@link JdbcTransactionReader}).
 *
 * <p><b>Bad rows</b> (numbered from 1: the CSV line, or the result-set row): a blank entity id
 * ({@link RowProblem#BLANK_ENTITY}), an unparseable or NULL timestamp or a blank type ({@link RowProblem#UNPARSEABLE}),
 * a timestamp outside 1900-2199 ({@link RowProblem#IMPOSSIBLE_TIMESTAMP}). Under {@link InvalidRowPolicy#FAIL}
 * (default) the first throws an {@link IllegalArgumentException} naming the source, row, column and value as
 * written; under {@link InvalidRowPolicy#SKIP} they are counted in {@link Result#rejected()}.
 *
 * <p>Cost: one pass, O(n log n) to build the table (sorted by entity and time). Immutable and thread-safe; the
 * connection is the caller's.
 */
public final class EventReader {
    private final String entity;
    private final String timestamp;
    private final String pattern;
    private final String type;
    private final char delimiter;
    private final InvalidRowPolicy policy;

    private EventReader(Builder b) {
        this.entity = b.entity;
        this.timestamp = b.timestamp;
        this.pattern = b.pattern;
        this.type = b.type;
        this.delimiter = b.delimiter;
        this.policy = b.policy;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The events read and the rows rejected under {@link InvalidRowPolicy#SKIP}. */
    public record Result(Events events, RejectedRows rejected) {
        /** Checks the parts are present. */
        public Result {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(rejected, "rejected");
        }
    }

    /**
     * Reads a CSV file with a header row.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws IllegalArgumentException when a mapped column is missing from the header, or on a bad row under
     *     {@link InvalidRowPolicy#FAIL}, naming the file, line, column and value
     * @throws CsvFormatException when the file is not well-formed CSV
     * @throws IOException when the file cannot be read
     */
    public Result read(Path csv) throws IOException {
        Objects.requireNonNull(csv, "csv");
        if (!Files.isRegularFile(csv)) {
            throw new NoSuchFileException(csv.toString(), null, "event file not found");
        }
        try (InputStream in = CsvInput.gunzipIfNeeded(Files.newInputStream(csv))) {
            CsvTokenizer t = new CsvTokenizer(in, (byte) delimiter, csv.toString());
            if (!t.next()) {
                throw new IllegalArgumentException(csv + ": the file is empty (expected a header row)");
            }
            List<String> header = new ArrayList<>();
            for (int i = 0; i < t.fieldCount(); i++) {
                header.add(t.string(i, StandardCharsets.UTF_8).strip());
            }
            int ce = index(header, entity, csv);
            int ct = index(header, timestamp, csv);
            int cy = index(header, type, csv);
            int need = Math.max(ce, Math.max(ct, cy));
            Collect c = new Collect(csv.toString());
            while (t.next()) {
                long line = t.recordLine();
                if (t.fieldCount() <= need) {
                    c.reject(RowProblem.UNPARSEABLE, line, header.get(Math.min(need, header.size() - 1)),
                            "(the record has " + t.fieldCount() + " fields, the header " + header.size() + ")");
                    continue;
                }
                c.add(line, t.string(ce, StandardCharsets.UTF_8), t.string(ct, StandardCharsets.UTF_8),
                        t.string(cy, StandardCharsets.UTF_8), header.get(ce), header.get(ct), header.get(cy));
            }
            return c.result();
        }
    }

    /**
     * Runs {@code sql} on {@code connection} and reads its rows.
     *
     * @throws IllegalArgumentException when a mapped column is missing from the result (or two labels match it), or
     *     on a bad row under {@link InvalidRowPolicy#FAIL}
     * @throws SQLException when the database fails
     */
    public Result read(Connection connection, String sql) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(sql, "sql");
        try (PreparedStatement st = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> labels = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    labels.add(md.getColumnLabel(i));
                }
                int ce = index(labels, entity, null) + 1;
                int ct = index(labels, timestamp, null) + 1;
                int cy = index(labels, type, null) + 1;
                int tType = md.getColumnType(ct);
                Collect c = new Collect("the query");
                long row = 0;
                while (rs.next()) {
                    row++;
                    Object time = switch (tType) {
                        case Types.TIMESTAMP -> rs.getObject(ct, LocalDateTime.class);
                        case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(ct, OffsetDateTime.class);
                        case Types.INTEGER, Types.BIGINT, Types.SMALLINT -> {
                            long v = rs.getLong(ct);
                            yield rs.wasNull() ? null : (Object) v;
                        }
                        case Types.DATE -> rs.getObject(ct);
                        default -> rs.getString(ct);
                    };
                    c.add(row, rs.getString(ce), time, rs.getString(cy), labels.get(ce - 1), labels.get(ct - 1),
                            labels.get(cy - 1));
                }
                return c.result();
            }
        }
    }

    /** The 0-based index of {@code name} in {@code names} (any case). */
    private static int index(List<String> names, String name, Path file) {
        int found = -1;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                if (found >= 0) {
                    throw new IllegalArgumentException((file != null ? file + ": " : "") + "the column '" + name
                            + "' is ambiguous: columns " + (found + 1) + " and " + (i + 1) + " both match");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException((file != null ? file + ": no column '" + name + "' in the header"
                    : "no column '" + name + "' in the query result") + "; columns are " + names);
        }
        return found;
    }

    /** Collects rows under the policy. */
    private final class Collect {
        private final String source;
        private final JdbcValues values = new JdbcValues(JdbcValues.parser(pattern, DstGap.REJECT));
        private final Events.Builder events = Events.builder();
        private final RejectedRows.Collector rejected = new RejectedRows.Collector();

        Collect(String source) {
            this.source = source;
        }

        void add(long row, String id, Object time, String kind, String idLabel, String timeLabel, String typeLabel) {
            if (Texts.isBlank(id)) {
                reject(RowProblem.BLANK_ENTITY, row, idLabel, id);
                return;
            }
            long t;
            try {
                t = time instanceof String s ? values.text(s) : values.epochSecond(time);
            } catch (JdbcValues.BadValue e) {
                reject(RowProblem.UNPARSEABLE, row, timeLabel, e.text);
                return;
            }
            if (t < Transactions.MIN_EPOCH_SECOND || t >= Transactions.END_EPOCH_SECOND) {
                reject(RowProblem.IMPOSSIBLE_TIMESTAMP, row, timeLabel, String.valueOf(time));
                return;
            }
            if (Texts.isBlank(kind)) {
                reject(RowProblem.UNPARSEABLE, row, typeLabel, kind);
                return;
            }
            events.add(id, t, kind);
        }

        void reject(RowProblem problem, long row, String column, String value) {
            String message = source + ": row " + row + ", column " + column + ": " + describe(problem) + ", value "
                    + (value == null ? "null" : "'" + value + "'");
            if (policy == InvalidRowPolicy.FAIL) {
                throw new IllegalArgumentException(message);
            }
            rejected.reject(problem, rejected.wantsExample() ? message : null);
        }

        Result result() {
            return new Result(events.build(), rejected.build());
        }
    }

    private static String describe(RowProblem p) {
        return switch (p) {
            case BLANK_ENTITY -> "entity id is null or blank";
            case IMPOSSIBLE_TIMESTAMP -> "impossible timestamp";
            default -> "cannot parse the value";
        };
    }

    @Override
    public String toString() {
        return "EventReader[entity=" + entity + ", timestamp=" + timestamp + (pattern != null ? " (" + pattern + ")"
                : "") + ", type=" + type + ", policy=" + policy + "]";
    }

    /** Settings of an {@link EventReader}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private String entity;
        private String timestamp;
        private String pattern;
        private String type;
        private char delimiter = ',';
        private InvalidRowPolicy policy = InvalidRowPolicy.FAIL;

        private Builder() {
        }

        /**
         * The entity id column (required).
         *
         * @throws IllegalArgumentException when blank
         */
        public Builder entity(String column) {
            this.entity = name("entity", column);
            return this;
        }

        /**
         * The timestamp column, read as ISO-8601 text or a SQL timestamp (required).
         *
         * @throws IllegalArgumentException when blank
         */
        public Builder timestamp(String column) {
            this.timestamp = name("timestamp", column);
            this.pattern = null;
            return this;
        }

        /**
         * The timestamp column and the {@link java.time.format.DateTimeFormatter} pattern of its text (strict).
         *
         * @throws IllegalArgumentException when blank, or the pattern is not a valid pattern
         */
        public Builder timestamp(String column, String pattern) {
            this.timestamp = name("timestamp", column);
            Objects.requireNonNull(pattern, "pattern");
            try {
                JdbcValues.parser(pattern, DstGap.REJECT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pattern '" + pattern + "' is not a valid date-time pattern: "
                        + e.getMessage(), e);
            }
            this.pattern = pattern;
            return this;
        }

        /**
         * The event type column (required).
         *
         * @throws IllegalArgumentException when blank
         */
        public Builder type(String column) {
            this.type = name("type", column);
            return this;
        }

        /**
         * The CSV delimiter (default ',').
         *
         * @throws IllegalArgumentException for a quote, CR or LF
         */
        public Builder delimiter(char c) {
            if (c == '"' || c == '\r' || c == '\n' || c > 127) {
                throw new IllegalArgumentException("delimiter must be an ASCII character other than a quote, CR or "
                        + "LF but was '" + c + "'");
            }
            this.delimiter = c;
            return this;
        }

        /** What to do with a bad row (default {@link InvalidRowPolicy#FAIL}). */
        public Builder onInvalidRow(InvalidRowPolicy p) {
            this.policy = Objects.requireNonNull(p, "policy");
            return this;
        }

        private static String name(String what, String column) {
            Objects.requireNonNull(column, what);
            if (column.isBlank()) {
                throw new IllegalArgumentException(what + " column must not be blank but was '" + column + "'");
            }
            return column;
        }

        /**
         * The reader.
         *
         * @throws IllegalStateException when a column is not mapped, naming them
         */
        public EventReader build() {
            List<String> missing = new ArrayList<>();
            if (entity == null) {
                missing.add("entity");
            }
            if (timestamp == null) {
                missing.add("timestamp");
            }
            if (type == null) {
                missing.add("type");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("required columns are not mapped: " + missing);
            }
            return new EventReader(this);
        }
    }
}
