package dev.segmentation.examples.tool;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.Transactions;
import dev.segmentation.io.AssignmentTable;
import dev.segmentation.io.CsvWriter;
import dev.segmentation.io.JdbcConnections;
import dev.segmentation.io.JdbcTransactionReader;
import dev.segmentation.io.SegmentTableWriter;
import dev.segmentation.io.SegmentationModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code score}: a saved model on new transactions; one row per entity with its status. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores new transactions with a saved model: writes scores.csv and scores.json, one row per "
                + "entity of the input with its status (ASSIGNED, NOT_ELIGIBLE, NOT_DESCRIBED, FILTERED), segment, "
                + "segment name, strength (soft cluster models), outlier score (HDBSCAN: approximate GLOSH, 0 "
                + "typical to 1 outlying; empty for K-Means and Gaussian mixtures) and the rule that left it out.",
                "The input layout comes from a pipeline file's source (e.g. the pipeline.json that fit wrote) or a "
                + "preset."},
        footer = {"", "Exit codes: 0 ok, 1 bad input or usage, 2 file not found, 3 internal error."})
final class ScoreCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, description = "Model file written by fit.")
    Path modelFile;

    @Option(names = {"-i", "--input"}, description = "Transactions to score: CSV (gzip allowed), or Parquet when named "
            + ".parquet. Without --input or --query, the pipeline's own source is scored.")
    Path input;

    @Option(names = "--query", paramLabel = "SQL", description = "A DuckDB query whose rows are the transactions to "
            + "score (read with the pipeline's column mapping).")
    String query;

    @Option(names = "--output-table", paramLabel = "JDBC_URL", description = "Also write the scores to the segment "
            + "table of this database: jdbc:duckdb:FILE, jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB (one "
            + "transaction, upsert per entity and model version).")
    String outputTable;

    @Option(names = "--table", description = "The segment table's name. Default: ${DEFAULT-VALUE}")
    String table = SegmentTableWriter.DEFAULT_TABLE;

    @Option(names = "--model-id", description = "The model_id column (default: the pipeline's outputs.title, or the "
            + "model file's name).")
    String modelId;

    @Option(names = "--model-version", description = "The model_version column (default: the first 16 hex digits of "
            + "the SHA-256 of the model file's payload without its provenance: the same fit, the same version).")
    String modelVersion;

    @Option(names = "--db-user", description = "The database user of --output-table.")
    String dbUser;

    @Option(names = "--db-password-env", paramLabel = "VARIABLE", description = "The environment variable holding the "
            + "database password of --output-table.")
    String dbPasswordEnv;

    @Option(names = "--output-parquet", paramLabel = "FILE", description = "Also write the scores as a Parquet file "
            + "with the segment table's columns (atomically).")
    Path outputParquet;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Layout layout;

    static final class Layout {
        @Option(names = {"-p", "--pipeline"}, description = "Pipeline file whose source names the input layout.")
        Path pipeline;

        @Option(names = "--preset", description = "Input layout preset: onlineRetail, walmartTrain, "
                + "predictFutureSales, predictFutureSalesByShop.")
        String preset;
    }

    @Option(names = "--as-of", description = "Scoring date yyyy-MM-dd (default: the day after the input's last "
            + "date, unless the model fixed one).")
    LocalDate asOf;

    @Option(names = "--events", paramLabel = "CSV", description = "Click events (CSV, gzip allowed) for a model "
            + "with engagement features: one row per event with the entity, timestamp and event type.")
    Path events;

    @Option(names = "--event-columns", paramLabel = "ENTITY,TIMESTAMP,TYPE", description = "The columns of --events. "
            + "Default: ${DEFAULT-VALUE}")
    String eventColumns = "entity,timestamp,type";

    @Option(names = {"-o", "--output"}, description = "Output folder. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("target/segmentation-scores");

    @Option(names = "--verbose", description = "Print the stack trace of an error.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SegmentationModel model = SegmentationModels.read(ToolFiles.existing(modelFile, "model file"));
        Pipeline.Source source;
        String title = null;
        if (layout.pipeline != null) {
            Pipeline p = Pipeline.read(layout.pipeline);
            source = p.source();
            title = p.outputs().title();
        } else {
            var reader = Pipeline.preset(layout.preset);
            if (reader == null) {
                throw new IllegalArgumentException("--preset: unknown value \"" + layout.preset + "\" (expected one of "
                        + Pipeline.PRESETS + ")");
            }
            source = new Pipeline.Source(input, reader, sqlReader(layout.preset), "the preset \"" + layout.preset
                    + "\" reads CSV files only: give a pipeline file with a column mapping", null, null, null, null);
            if (input == null && query == null) {
                throw new IllegalArgumentException("give --input or --query with --preset");
            }
        }
        Transactions tx = ToolFiles.read(source, input, query);
        dev.segmentation.data.Events clicks = events == null ? null : ToolFiles.readEvents(events, eventColumns);
        ToolFiles.requireEventsWhenRead(model.extractors().stream().flatMap(e -> e.featureNames().stream()).toList(),
                clicks);
        SegmentAssignments scored;
        if (clicks == null) {
            scored = asOf != null ? model.predict(tx, asOf) : model.predict(tx);
        } else {
            scored = asOf != null ? model.predict(tx, clicks, asOf) : model.predict(tx, clicks);
        }

        Files.createDirectories(output);
        Map<SegmentAssignments.Status, Integer> counts = writeScores(model, scored, output.resolve("scores.csv"),
                output.resolve("scores.json"));
        out.printf(Locale.ROOT, "Scored %,d entities: %s%n", counts.values().stream().mapToInt(i -> i).sum(),
                counts);
        for (int[] c : scored.counts()) {
            out.printf(Locale.ROOT, "  segment %d %-24s %,d%n", c[0], name(model, c[0]), c[1]);
        }
        out.printf(Locale.ROOT, "Wrote scores.csv and scores.json to %s%n", output);
        if (outputTable != null || outputParquet != null) {
            AssignmentTable rows = AssignmentTable.predicted(model, scored);
            String version = modelVersion != null ? modelVersion : ToolFiles.modelVersion(modelFile);
            String id = modelId != null ? modelId : title != null ? title
                    : modelFile.getFileName().toString().replaceFirst("\\.json$", "");
            Instant now = Instant.now();
            if (outputTable != null) {
                long t0 = System.nanoTime();
                long n = ToolFiles.writeTable(rows, new Pipeline.TableOutput(outputTable, table, id, dbUser,
                        dbPasswordEnv), version, now);
                double s = (System.nanoTime() - t0) / 1e9;
                out.printf(Locale.ROOT, "Wrote %,d rows to table %s of %s (model %s version %s) in %.2f s (%,.0f "
                        + "rows/s)%n", n, table, JdbcConnections.redact(outputTable), id, version, s, n / s);
            }
            if (outputParquet != null) {
                ToolFiles.writeParquet(rows, outputParquet, id, version, now);
                out.printf(Locale.ROOT, "Wrote %,d rows to %s%n", rows.size(), outputParquet);
            }
        }
        out.flush();
        return SegmentationTool.OK;
    }

    /**
     * Writes one row per entity of {@code scored} (assigned, then not eligible, filtered, not described) as CSV and
     * JSON; returns the count per status.
     */
    static Map<SegmentAssignments.Status, Integer> writeScores(SegmentationModel model, SegmentAssignments scored,
            Path csv, Path jsonFile) throws IOException {
        List<List<?>> rows = new ArrayList<>();
        Map<SegmentAssignments.Status, Integer> counts = new EnumMap<>(SegmentAssignments.Status.class);
        ArrayNode json = Pipeline.MAPPER.createArrayNode();
        List<String> ids = scored.entityIds();
        int[] labels = scored.labels();
        Optional<double[]> strengths = scored.strengths();
        Optional<double[]> outliers = scored.outlierScores();
        for (int i = 0; i < ids.size(); i++) {
            String name = name(model, labels[i]);
            OptionalDouble s = strengths.isPresent() ? OptionalDouble.of(strengths.get()[i]) : OptionalDouble.empty();
            OptionalDouble o = outliers.isPresent() ? OptionalDouble.of(outliers.get()[i]) : OptionalDouble.empty();
            add(rows, json, counts, ids.get(i), SegmentAssignments.Status.ASSIGNED, labels[i], name, s, o, null);
        }
        for (Map.Entry<String, String> e : scored.notEligible().entrySet()) {
            add(rows, json, counts, e.getKey(), SegmentAssignments.Status.NOT_ELIGIBLE, null, null,
                    OptionalDouble.empty(), OptionalDouble.empty(), e.getValue());
        }
        for (Map.Entry<String, String> e : scored.filtered().entrySet()) {
            add(rows, json, counts, e.getKey(), SegmentAssignments.Status.FILTERED, null, null,
                    OptionalDouble.empty(), OptionalDouble.empty(), e.getValue());
        }
        for (String id : scored.notDescribed()) {
            add(rows, json, counts, id, SegmentAssignments.Status.NOT_DESCRIBED, null, null, OptionalDouble.empty(),
                    OptionalDouble.empty(), "no feature could be computed");
        }
        CsvWriter.defaults().writeTable(csv, List.of("entity", "status", "segment",
                "segment_name", "strength", "outlier_score", "reason"), rows);
        ToolFiles.writeAtomically(jsonFile,
                Pipeline.MAPPER.writeValueAsString(json) + System.lineSeparator());
        return counts;
    }

    private static JdbcTransactionReader sqlReader(String preset) {
        Pipeline.Mapping m = Pipeline.presetMapping(preset);
        return m == null ? null : m.jdbc(InvalidRowPolicy.SKIP);
    }

    /** The segment's name; "noise" for a label without a profile (HDBSCAN's -1). */
    static String name(SegmentationModel model, int label) {
        return model.profiles().stream().filter(p -> p.segment() == label).map(p -> p.name()).findFirst()
                .orElse(label < 0 ? "noise" : "segment " + label);
    }

    private static void add(List<List<?>> rows, ArrayNode json, Map<SegmentAssignments.Status, Integer> counts,
            String id, SegmentAssignments.Status status, Integer segment, String name, OptionalDouble strength,
            OptionalDouble outlierScore, String reason) {
        List<Object> row = new ArrayList<>();
        row.add(id);
        row.add(status.name());
        row.add(segment == null ? "" : segment);
        row.add(name == null ? "" : name);
        row.add(strength.isPresent() ? strength.getAsDouble() : "");
        row.add(outlierScore.isPresent() ? outlierScore.getAsDouble() : "");
        row.add(reason == null ? "" : reason);
        rows.add(row);
        ObjectNode o = json.addObject();
        o.put("entity", id);
        o.put("status", status.name());
        if (segment != null) {
            o.put("segment", segment);
            o.put("segment_name", name);
        }
        if (strength.isPresent()) {
            o.put("strength", strength.getAsDouble());
        }
        if (outlierScore.isPresent()) {
            o.put("outlier_score", outlierScore.getAsDouble());
        }
        if (reason != null) {
            o.put("reason", reason);
        }
        counts.merge(status, 1, Integer::sum);
    }
}
