package dev.segmentation.io;

import dev.segmentation.data.FeatureTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes tables as CSV files, atomically: the text goes to a temporary file in the target's folder, which is then
 * moved into place with {@code ATOMIC_MOVE} (falling back to
 * {@code REPLACE_EXISTING} where the file system cannot move atomically). If anything fails
 * before the move, the temporary file is deleted and the target is left as it was: readers never see a half-written
 * file.
 *
 * <p>Format: RFC 4180 with a header line; a field is quoted when it holds the delimiter, a double quote (doubled
 * inside), CR or LF, or starts or ends with a space; a null is written as an empty field. Doubles are written with
 * {@link Double#toString(double)}, which {@link Double#parseDouble(String)} reads back to the same bits
 * ({@code NaN}, {@code Infinity} and {@code -Infinity} included). Lines end with {@code \n} unless configured.
 *
 * <pre>{@code
 * CsvWriter.defaults().write(path, List.of("entity", "label"), rows -> {
 *     for (int i = 0; i < ids.length; i++) {
 *         rows.row(ids[i], labels[i]);
 *     }
 * });
 * }</pre>
 *
 * <p>Cost O(cells). Immutable and thread-safe; concurrent writes to the same target end with one complete file.
 */
public final class CsvWriter {
    private static final CsvWriter DEFAULTS = new CsvWriter(',', "\n", StandardCharsets.UTF_8);

    private final char delimiter;
    private final String lineSeparator;
    private final Charset charset;

    private CsvWriter(char delimiter, String lineSeparator, Charset charset) {
        this.delimiter = delimiter;
        this.lineSeparator = lineSeparator;
        this.charset = charset;
    }

    /** Comma, {@code \n}, UTF-8. */
    public static CsvWriter defaults() {
        return DEFAULTS;
    }

    /**
     * This writer with another delimiter.
     *
     * @throws IllegalArgumentException for a double quote, CR or LF
     */
    public CsvWriter withDelimiter(char delimiter) {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("delimiter must not be a double quote, CR or LF but was U+"
                    + String.format("%04X", (int) delimiter));
        }
        return new CsvWriter(delimiter, lineSeparator, charset);
    }

    /**
     * This writer with another line separator.
     *
     * @throws IllegalArgumentException unless it is {@code \n} or {@code \r\n}
     */
    public CsvWriter withLineSeparator(String lineSeparator) {
        if (!"\n".equals(lineSeparator) && !"\r\n".equals(lineSeparator)) {
            throw new IllegalArgumentException("line separator must be \\n or \\r\\n but was '"
                    + String.valueOf(lineSeparator).replace("\r", "\\r").replace("\n", "\\n") + "'");
        }
        return new CsvWriter(delimiter, lineSeparator, charset);
    }

    /** This writer with another encoding. */
    public CsvWriter withCharset(Charset charset) {
        return new CsvWriter(delimiter, lineSeparator, Objects.requireNonNull(charset, "charset"));
    }

    /** Receives the rows of a table being written. */
    @FunctionalInterface
    public interface RowProducer {
        /** Writes every row through {@code rows}; any exception aborts the write and leaves no file. */
        void produce(Rows rows) throws IOException;
    }

    /** The sink for rows; each row must have as many cells as the header. Not thread-safe. */
    public interface Rows {
        /**
         * Writes one row; cells are formatted as the class documentation says.
         *
         * @throws IllegalArgumentException when the number of cells differs from the header's
         */
        void row(Object... cells) throws IOException;
    }

    /**
     * Writes a header and the rows {@code producer} emits, atomically.
     *
     * @throws IOException when writing or moving fails (no file is left behind)
     * @throws IllegalArgumentException on an empty header or a row of the wrong width (no file is left behind)
     */
    public void write(Path file, List<String> header, RowProducer producer) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(producer, "producer");
        if (header.isEmpty()) {
            throw new IllegalArgumentException("the header must name at least one column");
        }
        final String[] head = header.toArray(new String[0]);
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, charset), 1 << 16);
            StringBuilder line = new StringBuilder(256);
            appendRow(line, head);
            w.append(line);
            long[] rowNumber = {0};
            producer.produce(cells -> {
                Objects.requireNonNull(cells, "cells");
                rowNumber[0]++;
                if (cells.length != head.length) {
                    throw new IllegalArgumentException("row " + rowNumber[0] + " has " + cells.length
                            + " cells but the header has " + head.length + " columns " + Arrays.toString(head));
                }
                line.setLength(0);
                appendRow(line, cells);
                w.append(line);
            });
            w.flush();
        });
    }

    /**
     * Writes a header and rows given as lists, atomically.
     *
     * @throws IOException when writing or moving fails
     * @throws IllegalArgumentException on an empty header or a row of the wrong width
     */
    public void writeTable(Path file, List<String> header, Iterable<? extends List<?>> rows) throws IOException {
        Objects.requireNonNull(rows, "rows");
        write(file, header, sink -> {
            for (List<?> r : rows) {
                sink.row(r.toArray());
            }
        });
    }

    /**
     * Writes a feature table: a first column {@code entityColumn} with the entity ids, then one column per feature
     * in table order.
     *
     * @throws IllegalArgumentException when {@code entityColumn} equals a feature name
     */
    public void writeFeatureTable(Path file, FeatureTable table, String entityColumn) throws IOException {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(entityColumn, "entityColumn");
        if (table.findColumn(entityColumn).isPresent()) {
            throw new IllegalArgumentException("entity column name '" + entityColumn + "' is also a feature name");
        }
        List<String> header = new ArrayList<>(table.cols() + 1);
        header.add(entityColumn);
        header.addAll(table.featureNames());
        final int d = table.cols();
        final double[] values = table.values();
        write(file, header, rows -> {
            Object[] cells = new Object[d + 1];
            for (int r = 0; r < table.rows(); r++) {
                cells[0] = table.entityId(r);
                for (int c = 0; c < d; c++) {
                    cells[c + 1] = values[r * d + c];
                }
                rows.row(cells);
            }
        });
    }

    /** As {@link #writeFeatureTable(Path, FeatureTable, String)} with the entity column named {@code entity}. */
    public void writeFeatureTable(Path file, FeatureTable table) throws IOException {
        writeFeatureTable(file, table, "entity");
    }

    /**
     * Starts a per-entity assignments table: columns {@code entity} and {@code label}, then any extra columns
     * added to the returned builder.
     *
     * @throws IllegalArgumentException when the two arrays differ in length
     */
    public Assignments assignments(List<String> entityIds, int[] labels) {
        return new Assignments(this, entityIds, labels);
    }

    /**
     * A per-entity assignments table being assembled: entity and label, then extra columns in the order added.
     * Arrays are copied when added. Not thread-safe.
     */
    public static final class Assignments {
        private final CsvWriter writer;
        private final String[] ids;
        private final int[] labels;
        private final List<String> names = new ArrayList<>(List.of("entity", "label"));
        private final List<Object> columns = new ArrayList<>();

        private Assignments(CsvWriter writer, List<String> entityIds, int[] labels) {
            this.writer = writer;
            Objects.requireNonNull(entityIds, "entityIds");
            Objects.requireNonNull(labels, "labels");
            if (entityIds.size() != labels.length) {
                throw new IllegalArgumentException("there are " + entityIds.size() + " entity ids but "
                        + labels.length + " labels");
            }
            this.ids = entityIds.toArray(new String[0]);
            this.labels = labels.clone();
        }

        /** Adds a numeric column (e.g. strength, outlier score). */
        public Assignments column(String name, double[] values) {
            add(name, Objects.requireNonNull(values, "values").length);
            columns.add(values.clone());
            return this;
        }

        /** Adds an integer column. */
        public Assignments column(String name, int[] values) {
            add(name, Objects.requireNonNull(values, "values").length);
            columns.add(values.clone());
            return this;
        }

        /** Adds a text column (e.g. segment name); null elements are written empty. */
        public Assignments column(String name, List<String> values) {
            add(name, Objects.requireNonNull(values, "values").size());
            columns.add(values.toArray(new String[0]));
            return this;
        }

        /** Adds a boolean column (e.g. eligibility), written {@code true}/{@code false}. */
        public Assignments column(String name, boolean[] values) {
            add(name, Objects.requireNonNull(values, "values").length);
            columns.add(values.clone());
            return this;
        }

        private void add(String name, int length) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("column name is blank: '" + name + "'");
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("column '" + name + "' is already present in " + names);
            }
            if (length != ids.length) {
                throw new IllegalArgumentException("column '" + name + "' has " + length + " values but there are "
                        + ids.length + " entities");
            }
            names.add(name);
        }

        /** Writes the table atomically. */
        public void write(Path file) throws IOException {
            final int extra = columns.size();
            writer.write(file, names, rows -> {
                Object[] cells = new Object[2 + extra];
                for (int r = 0; r < ids.length; r++) {
                    cells[0] = ids[r];
                    cells[1] = labels[r];
                    for (int c = 0; c < extra; c++) {
                        Object col = columns.get(c);
                        if (col instanceof double[]) {
                            cells[2 + c] = ((double[]) col)[r];
                        } else if (col instanceof int[]) {
                            cells[2 + c] = ((int[]) col)[r];
                        } else if (col instanceof boolean[]) {
                            cells[2 + c] = ((boolean[]) col)[r];
                        } else {
                            cells[2 + c] = ((String[]) col)[r];
                        }
                    }
                    rows.row(cells);
                }
            });
        }
    }

    private void appendRow(StringBuilder sb, Object[] cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            appendCell(sb, cells[i]);
        }
        sb.append(lineSeparator);
    }

    private void appendCell(StringBuilder sb, Object cell) {
        if (cell == null) {
            return;
        }
        if (cell instanceof Double) {
            sb.append(Double.toString((Double) cell));
            return;
        }
        if (cell instanceof Float) {
            sb.append(Float.toString((Float) cell));
            return;
        }
        if (cell instanceof Number || cell instanceof Boolean) {
            sb.append(cell);
            return;
        }
        String s = cell.toString();
        if (needsQuotes(s)) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    sb.append('"');
                }
                sb.append(c);
            }
            sb.append('"');
        } else {
            sb.append(s);
        }
    }

    private boolean needsQuotes(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
