package dev.segmentation.supervised.forecast;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Forecasts as a table of plain rows, one per entity and step, for files (CSV, JSON) and for row sinks (JDBC
 * batches, Spark {@code createDataFrame} from rows).
 *
 * <p><b>Column layout</b> ({@link #columns()}), in this order:
 * <ol>
 *   <li>{@code entity_id} (text): the panel's entity id;</li>
 *   <li>{@code segment} (text): the entity's segment label, {@code ""} when none was given;</li>
 *   <li>{@code method} (text): the forecasting method's name;</li>
 *   <li>{@code origin_date} (date): the first day of the origin period (the first forecast period);</li>
 *   <li>{@code target_date} (date): the first day of the forecast period;</li>
 *   <li>{@code step} (integer): 1 for the origin period, up to the horizon;</li>
 *   <li>{@code forecast} (double): the point forecast;</li>
 *   <li>one double column per quantile level, named {@code q} and the level in percent ({@code q10}, {@code q50},
 *   {@code q90}; {@code q2.5} for 0.025), absent when the method makes no quantiles.</li>
 * </ol>
 * Rows are ordered by entity (panel order), then step. {@link Row#values()} gives a row's cells in column order
 * as {@code String}, {@code LocalDate}, {@code Integer} and {@code Double} (JDBC {@code setObject} maps them to
 * VARCHAR, DATE, INTEGER and DOUBLE).
 *
 * <p><b>Files.</b> {@link #writeCsv} and {@link #writeJson} write through a temporary file in the target's folder,
 * forced to disk and moved over the target, so a reader sees the old file or the complete new one, never a part.
 * Doubles are written with {@link Double#toString} (shortest round-trip form). Immutable and thread-safe; O(rows).
 */
public final class ForecastTable {
    /** One row: the forecast of one entity at one step. Immutable; {@link #quantiles()} returns a copy. */
    public static final class Row {
        private final String entityId;
        private final String segment;
        private final String method;
        private final LocalDate origin;
        private final LocalDate target;
        private final int step;
        private final double forecast;
        private final double[] quantiles;

        Row(String entityId, String segment, String method, LocalDate origin, LocalDate target, int step,
                double forecast, double[] quantiles) {
            this.entityId = entityId;
            this.segment = segment;
            this.method = method;
            this.origin = origin;
            this.target = target;
            this.step = step;
            this.forecast = forecast;
            this.quantiles = quantiles;
        }

        public String entityId() {
            return entityId;
        }

        public String segment() {
            return segment;
        }

        public String method() {
            return method;
        }

        public LocalDate originDate() {
            return origin;
        }

        public LocalDate targetDate() {
            return target;
        }

        public int step() {
            return step;
        }

        public double forecast() {
            return forecast;
        }

        /** The quantile forecasts in the order of {@link ForecastTable#quantileLevels()}. */
        public double[] quantiles() {
            return quantiles.clone();
        }

        /** The cells in column order (see the class description for the types). */
        public List<Object> values() {
            List<Object> v = new ArrayList<>(7 + quantiles.length);
            v.add(entityId);
            v.add(segment);
            v.add(method);
            v.add(origin);
            v.add(target);
            v.add(step);
            v.add(forecast);
            for (double q : quantiles) {
                v.add(q);
            }
            return Collections.unmodifiableList(v);
        }

        @Override
        public String toString() {
            return values().toString();
        }
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final double[] levels;
    private final List<Row> rows;

    private ForecastTable(double[] levels, List<Row> rows) {
        this.levels = levels;
        this.rows = List.copyOf(rows);
    }

    /**
     * The rows of {@code forecast} for the entities of {@code panel}.
     *
     * @param segments segment label per entity id, or an empty map (then the segment cells are {@code ""})
     * @throws IllegalArgumentException when the forecast has another entity count than the panel, or runs past
     *     the dates the panel's period can name
     */
    public static ForecastTable of(ForecastPanel panel, Forecast forecast, Map<String, String> segments) {
        Objects.requireNonNull(panel, "panel");
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(segments, "segments");
        if (forecast.entityCount() != panel.entityCount()) {
            throw new IllegalArgumentException("the forecast has " + forecast.entityCount() + " entities but the panel "
                    + panel.entityCount());
        }
        double[] lv = forecast.quantileLevels();
        double[][] q = new double[lv.length][];
        for (int k = 0; k < lv.length; k++) {
            q[k] = forecast.quantiles(k);
        }
        double[] p = forecast.points();
        int hz = forecast.horizon();
        LocalDate origin = panel.period().start(panel.firstPeriod() + forecast.origin());
        LocalDate[] target = new LocalDate[hz];
        for (int k = 0; k < hz; k++) {
            target[k] = panel.period().start(panel.firstPeriod() + forecast.origin() + k);
        }
        List<Row> rows = new ArrayList<>(panel.entityCount() * hz);
        for (int e = 0; e < panel.entityCount(); e++) {
            String id = panel.entityId(e);
            String seg = segments.getOrDefault(id, "");
            for (int k = 0; k < hz; k++) {
                double[] qs = new double[lv.length];
                for (int j = 0; j < lv.length; j++) {
                    qs[j] = q[j][e * hz + k];
                }
                rows.add(new Row(id, seg, forecast.method(), origin, target[k], k + 1, p[e * hz + k], qs));
            }
        }
        return new ForecastTable(lv, rows);
    }

    /**
     * This table followed by {@code other}'s rows (e.g. several methods or origins in one file).
     *
     * @throws IllegalArgumentException when the quantile levels differ
     */
    public ForecastTable concat(ForecastTable other) {
        if (!Arrays.equals(levels, other.levels)) {
            throw new IllegalArgumentException("quantile levels differ: " + Arrays.toString(levels) + " and "
                    + Arrays.toString(other.levels));
        }
        List<Row> all = new ArrayList<>(rows);
        all.addAll(other.rows);
        return new ForecastTable(levels, all);
    }

    /** The rows (unmodifiable). */
    public List<Row> rows() {
        return rows;
    }

    /** The quantile levels of the quantile columns. */
    public double[] quantileLevels() {
        return levels.clone();
    }

    /** The column names in order (see the class description). */
    public List<String> columns() {
        List<String> c = new ArrayList<>(List.of("entity_id", "segment", "method", "origin_date", "target_date", "step",
                "forecast"));
        for (double l : levels) {
            c.add(quantileColumn(l));
        }
        return Collections.unmodifiableList(c);
    }

    static String quantileColumn(double level) {
        java.math.BigDecimal pct = java.math.BigDecimal.valueOf(level).movePointRight(2).stripTrailingZeros();
        return "q" + pct.toPlainString();
    }

    /**
     * Writes the table as CSV (RFC 4180: a header line of {@link #columns()}, text quoted when it holds a comma,
     * quote or line break, {@code \n} line ends, UTF-8) atomically.
     *
     * @throws IOException when the file cannot be written (the target is then unchanged)
     */
    public void writeCsv(Path file) throws IOException {
        writeAtomically(file, out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(String.join(",", columns()));
            w.write('\n');
            StringBuilder sb = new StringBuilder();
            for (Row r : rows) {
                sb.setLength(0);
                sb.append(csv(r.entityId)).append(',').append(csv(r.segment)).append(',').append(csv(r.method))
                        .append(',').append(r.origin).append(',').append(r.target).append(',').append(r.step)
                        .append(',').append(r.forecast);
                for (double q : r.quantiles) {
                    sb.append(',').append(q);
                }
                sb.append('\n');
                w.write(sb.toString());
            }
            w.flush();
        });
    }

    /**
     * Writes the table as JSON atomically: {@code {"columns": [...], "quantile_levels": [...], "rows": [{...}, ...]}},
     * each row an object keyed by column name.
     *
     * @throws IOException when the file cannot be written (the target is then unchanged)
     */
    public void writeJson(Path file) throws IOException {
        List<String> cols = columns();
        writeAtomically(file, out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder("{\"columns\": [");
            for (int i = 0; i < cols.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(json(cols.get(i)));
            }
            sb.append("], \"quantile_levels\": [");
            for (int i = 0; i < levels.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(levels[i]);
            }
            sb.append("], \"rows\": [");
            w.write(sb.toString());
            for (int r = 0; r < rows.size(); r++) {
                Row x = rows.get(r);
                sb.setLength(0);
                sb.append(r == 0 ? "\n" : ",\n").append("  {\"entity_id\": ").append(json(x.entityId))
                        .append(", \"segment\": ").append(json(x.segment)).append(", \"method\": ")
                        .append(json(x.method)).append(", \"origin_date\": \"").append(x.origin)
                        .append("\", \"target_date\": \"").append(x.target).append("\", \"step\": ").append(x.step)
                        .append(", \"forecast\": ").append(x.forecast);
                for (int k = 0; k < levels.length; k++) {
                    sb.append(", ").append(json(cols.get(7 + k))).append(": ").append(x.quantiles[k]);
                }
                sb.append('}');
                w.write(sb.toString());
            }
            w.write("\n]}\n");
            w.flush();
        });
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }

    /** What writes a file's content. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes through a temporary sibling forced to disk and an atomic move (a plain replacing move where the file
     * system has no atomic move); on failure the temporary file is deleted and the target left as it was.
     */
    static void writeAtomically(Path target, Body body) throws IOException {
        Objects.requireNonNull(target, "target");
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        // a sibling created with the default permissions (Files.createTempFile would make it owner-only)
        Path tmp = null;
        for (int attempt = 0; tmp == null; attempt++) {
            Path p = abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try {
                tmp = Files.createFile(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 9) {
                    throw e;
                }
            }
        }
        boolean done = false;
        try {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch),
                            1 << 16)) {
                body.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    @Override
    public String toString() {
        return "ForecastTable[" + rows.size() + " rows, columns " + columns() + "]";
    }
}
