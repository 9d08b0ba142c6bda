package dev.segmentation.examples.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.data.Transactions;
import dev.segmentation.evaluation.KSelectionResult;
import dev.segmentation.io.AssignmentTable;
import dev.segmentation.io.HtmlReport;
import dev.segmentation.io.JdbcConnections;
import dev.segmentation.io.SegmentOutputs;
import dev.segmentation.io.SegmentTableWriter;
import dev.segmentation.io.SegmentationModels;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code fit}: runs a pipeline file on its source and writes the model, assignments, summaries and report. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fits the pipeline file on its source and writes to the output folder: model.json, "
                + "assignments.csv/.json, summary.csv/.json, profiles.csv/.json, report.html and pipeline.json "
                + "(or .yaml: the pipeline as run, every default written out)."},
        footer = {"", "Exit codes: 0 ok, 1 bad input or usage, 2 file not found, 3 internal error."})
final class FitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PIPELINE",
            description = "Pipeline file: JSON, or YAML when named .yaml/.yml.")
    Path pipelineFile;

    @Option(names = {"-i", "--input"}, description = "Input file: CSV (gzip allowed), or Parquet when named .parquet "
            + "(read through DuckDB with the source's column mapping); overrides the pipeline's source.")
    Path input;

    @Option(names = "--query", paramLabel = "SQL", description = "A DuckDB query whose rows are the transactions "
            + "(it may read files: FROM 'orders/*.parquet', read_csv(...), joins); overrides the pipeline's source.")
    String query;

    @Option(names = "--output-table", paramLabel = "JDBC_URL", description = "Also write the assignments to the "
            + "segment table of this database (jdbc:duckdb:FILE, jdbc:sqlite:FILE, jdbc:postgresql://HOST/DB); "
            + "overrides outputs.table.url.")
    String outputTable;

    @Option(names = "--output-parquet", paramLabel = "FILE", description = "Also write the assignments as a "
            + "Parquet file with the segment table's columns; overrides outputs.parquet.")
    Path outputParquet;

    @Option(names = "--events", paramLabel = "CSV", description = "Click events (CSV, gzip allowed) for the "
            + "engagement features: one row per event with the entity, timestamp and event type.")
    Path events;

    @Option(names = "--event-columns", paramLabel = "ENTITY,TIMESTAMP,TYPE", description = "The columns of --events. "
            + "Default: ${DEFAULT-VALUE}")
    String eventColumns = "entity,timestamp,type";

    @Option(names = {"-o", "--output"}, description = "Output folder; overrides outputs.dir.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print the stack trace of an error.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        Pipeline pipeline = Pipeline.read(pipelineFile);
        Path dir = output != null ? output : pipeline.outputs().dir();
        LogProgress progress = new LogProgress(spec.commandLine().getErr(), quiet);
        progress.message("reading " + (query != null ? "the --query" : input != null ? input
                : pipeline.source().describe()));
        Transactions tx = ToolFiles.read(pipeline.source(), input, query);
        out.printf(Locale.ROOT, "Read %,d rows for %,d entities (%,d rows skipped: %s)%n", tx.size(),
                tx.entityCount(), tx.rejected().total(), tx.rejected().counts());
        dev.segmentation.data.Events clicks = events == null ? null : ToolFiles.readEvents(events, eventColumns);
        ToolFiles.requireEventsWhenRead(pipeline.extractorFeatures(), clicks);
        if (clicks != null) {
            out.printf(Locale.ROOT, "Read %,d click events of %,d entities%n", clicks.size(), clicks.entityCount());
        }
        SegmentationModel model = clicks == null ? pipeline.segmenter(progress).fit(tx)
                : pipeline.segmenter(progress).fit(tx, clicks);
        Files.createDirectories(dir);
        SegmentationModels.write(model, dir.resolve("model.json"));
        AssignmentTable table = AssignmentTable.training(model);
        table.writeCsv(dir.resolve("assignments.csv"));
        table.writeJson(dir.resolve("assignments.json"));
        SegmentOutputs.writeSummaryCsv(model, dir.resolve("summary.csv"));
        SegmentOutputs.writeSummaryJson(model, dir.resolve("summary.json"));
        SegmentOutputs.writeProfilesCsv(model, dir.resolve("profiles.csv"));
        SegmentOutputs.writeProfilesJson(model, dir.resolve("profiles.json"));
        HtmlReport report = HtmlReport.builder(model).title(pipeline.outputs().title());
        if (pipeline.outputs().scatterX() != null) {
            report.scatter(pipeline.outputs().scatterX(), pipeline.outputs().scatterY());
        }
        if (pipeline.selection() != null) {
            KSelectionResult sweep = SweepCommand.sweep(model, pipeline.selection(), pipeline.kmeans());
            report.kSelection(sweep);
        }
        report.write(dir.resolve("report.html"));
        String version = ToolFiles.modelVersion(dir.resolve("model.json"));
        Instant now = Instant.now();
        Pipeline.TableOutput tableOut = pipeline.outputs().table();
        if (outputTable != null) {
            tableOut = new Pipeline.TableOutput(outputTable, tableOut != null ? tableOut.name()
                    : SegmentTableWriter.DEFAULT_TABLE, tableOut != null ? tableOut.modelId()
                    : pipeline.outputs().title(), tableOut != null ? tableOut.user() : null,
                    tableOut != null ? tableOut.passwordEnv() : null);
        }
        String written = "";
        if (tableOut != null) {
            long rows = ToolFiles.writeTable(table, tableOut, version, now);
            written += String.format(Locale.ROOT, "; %,d rows to table %s of %s (model %s version %s)", rows,
                    tableOut.name(), JdbcConnections.redact(tableOut.url()), tableOut.modelId(), version);
        }
        Path parquet = outputParquet != null ? outputParquet : pipeline.outputs().parquet();
        if (parquet != null) {
            ToolFiles.writeParquet(table, parquet, tableOut != null ? tableOut.modelId() : pipeline.outputs().title(),
                    version, now);
            written += "; " + parquet;
        }
        ObjectNode ran = pipeline.resolvedJson();
        ObjectNode src = (ObjectNode) ran.get("source");
        if (input != null || query != null) {
            src.remove(List.of("path", "query", "url", "user", "passwordEnv"));
            if (input != null) {
                src.put("path", input.toString());
            } else {
                src.put("query", query);
            }
        }
        ((ObjectNode) ran.get("outputs")).put("dir", dir.toString());
        boolean yaml = Pipeline.isYaml(pipelineFile);
        ToolFiles.writeAtomically(dir.resolve(yaml ? "pipeline.yaml" : "pipeline.json"), yaml
                ? Pipeline.YAML.writeValueAsString(ran) : Pipeline.MAPPER.writeValueAsString(ran)
                        + System.lineSeparator());

        var diag = model.diagnostics();
        out.printf(Locale.ROOT, "%,d entities segmented into %d segments (%,d not eligible, %,d not described, %,d "
                + "filtered)%n", diag.entitiesSegmented(), model.segmentCount(), diag.entitiesIneligible(),
                diag.entitiesNotDescribed(), diag.filteredByRule().values().stream().mapToInt(i -> i).sum());
        out.printf(Locale.ROOT, "%-4s %-24s %10s %7s%n", "#", "segment", "entities", "share");
        for (SegmentProfile p : model.profiles()) {
            out.printf(Locale.ROOT, "%-4d %-24s %10d %6.1f%%%n", p.segment(), p.name(), p.size(), 100 * p.share());
        }
        out.printf(Locale.ROOT, "Wrote model.json, assignments, summary, profiles, report.html and the pipeline as run"
                + " to %s%s in %.1f s%n", dir, written, (System.nanoTime() - t0) / 1e9);
        out.flush();
        return SegmentationTool.OK;
    }
}
