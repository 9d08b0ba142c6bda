package dev.segmentation.examples.tool;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.data.Transactions;
import dev.segmentation.io.AssignmentTable;
import dev.segmentation.io.Charts;
import dev.segmentation.io.CsvWriter;
import dev.segmentation.io.HtmlReport;
import dev.segmentation.io.SegmentationModels;
import dev.segmentation.refresh.DecomposedMigration;
import dev.segmentation.stability.Alignment;
import dev.segmentation.stability.Drift;
import dev.segmentation.stability.DriftReport;
import dev.segmentation.stability.MigrationReport;
import dev.segmentation.stability.Migration;
import dev.segmentation.stability.SegmentAlignment;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code refresh}: a new window scored with the saved model, then refitted with the same pipeline; the refit's
 * segments take the saved model's IDs (matched by shared entities), with the migration between the two and the
 * feature drift.
 */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = {"Scores a new window with a saved model (scores.csv/.json), refits the pipeline on it "
                + "(model.json, assignments.csv/.json under the saved model's segment IDs, report.html), aligns the "
                + "refit's segments to the saved ones by shared entities (alignment.csv), and writes the migration "
                + "(migration.csv/.png) split into behaviour change and model change (migration-split.csv), and the "
                + "feature drift (drift.csv: PSI and KS per feature).",
                "Drift compares the new window's features with the previous window's, recomputed by the saved model "
                + "from --previous-input (a model file keeps no training features); without it drift is skipped."},
        footer = {"", "Exit codes: 0 ok, 1 bad input or usage, 2 file not found, 3 internal error."})
final class RefreshCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, description = "The saved model (fit's model.json).")
    Path modelFile;

    @Option(names = {"-p", "--pipeline"}, required = true,
            description = "The pipeline to refit with (fit's pipeline.json); its source names the input layout.")
    Path pipelineFile;

    @Option(names = {"-i", "--input"}, required = true, description = "The new window's transactions.")
    Path input;

    @Option(names = "--previous-input", description = "The previous window's transactions, for drift.")
    Path previousInput;

    @Option(names = "--as-of", description = "Scoring date yyyy-MM-dd of the new window (default: the day after "
            + "its last date, unless the model fixed one).")
    LocalDate asOf;

    @Option(names = {"-o", "--output"}, description = "Output folder. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("target/segmentation-refresh");

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print the stack trace of an error.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SegmentationModel previous = SegmentationModels.read(ToolFiles.existing(modelFile, "model file"));
        Pipeline pipeline = Pipeline.read(pipelineFile);
        Transactions tx = ToolFiles.read(pipeline.source(), input);
        Transactions before = previousInput == null ? null : ToolFiles.read(pipeline.source(), previousInput);
        if (previous.entityIds().isEmpty()) {
            throw new IllegalArgumentException(modelFile + " holds no training assignments (format 1): refresh "
                    + "aligns by the entities the saved model was fitted on");
        }
        Files.createDirectories(output);

        SegmentAssignments scored = asOf != null ? previous.predict(tx, asOf) : previous.predict(tx);
        var counts = ScoreCommand.writeScores(previous, scored, output.resolve("scores.csv"),
                output.resolve("scores.json"));
        out.printf(Locale.ROOT, "The saved model scores the new window: %s%n", counts);

        SegmentationModel next = pipeline.segmenter(new LogProgress(spec.commandLine().getErr(), quiet)).fit(tx);
        Alignment alignment = SegmentAlignment.defaults().byEntities(previous.entityIds(), previous.labels(),
                next.entityIds(), next.labels());
        int[] stable = alignment.relabel(next.labels());
        List<List<?>> matches = new ArrayList<>();
        out.println("Refit segments -> saved model IDs (by shared entities):");
        for (Alignment.Match m : alignment.matches()) {
            matches.add(List.of(m.newLabel(), next.profile(m.newLabel()).name(), m.stableId(), m.sharedEntities(),
                    m.jaccard()));
            out.printf(Locale.ROOT, "  refit %d (%s) -> ID %d: %d shared, Jaccard %.2f%n", m.newLabel(),
                    next.profile(m.newLabel()).name(), m.stableId(), m.sharedEntities(), m.jaccard());
        }
        out.printf(Locale.ROOT, "  appeared IDs %s, vanished IDs %s%n", Arrays.toString(alignment.appeared()),
                Arrays.toString(alignment.vanished()));
        CsvWriter csv = CsvWriter.defaults();
        csv.writeTable(output.resolve("alignment.csv"), List.of("refit_segment", "refit_name", "stable_id",
                "shared_entities", "jaccard"), matches);

        MigrationReport migration = Migration.between(previous.entityIds(), previous.labels(), next.entityIds(),
                stable);
        List<List<?>> cells = new ArrayList<>();
        for (int from : migration.segments()) {
            for (int to : migration.segments()) {
                cells.add(List.of(from, to, migration.count(from, to), migration.share(from, to)));
            }
        }
        csv.writeTable(output.resolve("migration.csv"), List.of("previous_id", "new_id", "entities",
                "share_of_previous"), cells);
        Charts.migrationMatrix(output.resolve("migration.png"), migration, 700, 500);
        out.printf(Locale.ROOT, "Migration: %d entities in both fits, %d stayed, %d entered, %d left%n",
                migration.shared(), migration.stayed(), migration.enteredIds().size(), migration.leftIds().size());
        DecomposedMigration split = DecomposedMigration.of(previous.entityIds(), previous.labels(),
                scored.entityIds(), scored.labels(), next.entityIds(), stable);
        out.printf(Locale.ROOT, "Behaviour change %.1f%% (the saved model now places them elsewhere), model change "
                + "%.1f%% (the refit draws other boundaries) of the %d entities in both%n",
                100 * split.behaviourRate(), 100 * split.modelRate(), split.shared());
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        previous.profiles().forEach(p -> names.put(p.segment(), p.name()));
        for (String sentence : split.sentences(names, "entities")) {
            out.println("  " + sentence);
        }
        List<List<?>> splitRows = new ArrayList<>();
        for (DecomposedMigration.SegmentSplit s : split.segments()) {
            splitRows.add(List.of(s.segment(), s.present(), s.moved(), s.behaviourOnly(), s.modelOnly(), s.both(),
                    s.returned()));
        }
        csv.writeTable(output.resolve("migration-split.csv"), List.of("previous_id", "present", "moved",
                "behaviour_only", "model_only", "both", "returned"), splitRows);

        if (before != null) {
            SegmentAssignments then = previous.predict(before);
            DriftReport drift = Drift.compare(then.features(), scored.features());
            List<List<?>> rows = new ArrayList<>();
            for (DriftReport.FeatureDrift d : drift.features()) {
                rows.add(List.of(d.feature(), d.psi(), d.ks(), d.level().name()));
            }
            csv.writeTable(output.resolve("drift.csv"), List.of("feature", "psi", "ks", "level"), rows);
            out.println("Feature drift, previous window -> new window (PSI, KS):");
            out.println(drift.table());
        } else {
            out.println("Drift skipped: give --previous-input to compare the two windows' features");
        }

        SegmentationModels.write(next, output.resolve("model.json"));
        AssignmentTable assignments = AssignmentTable.training(next).withSegmentIds(stable);
        assignments.writeCsv(output.resolve("assignments.csv"));
        assignments.writeJson(output.resolve("assignments.json"));
        HtmlReport report = HtmlReport.builder(next).title(pipeline.outputs().title() + " (refreshed)")
                .migration(migration);
        if (pipeline.outputs().scatterX() != null) {
            report.scatter(pipeline.outputs().scatterX(), pipeline.outputs().scatterY());
        }
        report.write(output.resolve("report.html"));
        out.printf(Locale.ROOT, "Wrote scores, model.json, assignments (stable IDs), alignment.csv, migration.csv/"
                + ".png%s and report.html to %s%n", before != null ? ", drift.csv" : "", output);
        out.flush();
        return SegmentationTool.OK;
    }
}
