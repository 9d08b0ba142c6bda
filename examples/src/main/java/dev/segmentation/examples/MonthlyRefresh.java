package dev.segmentation.examples;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.io.SegmentationModels;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.io.AssignmentTable;
import dev.segmentation.io.Charts;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.io.CsvWriter;
import dev.segmentation.io.HtmlReport;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.stability.Alignment;
import dev.segmentation.evaluation.BootstrapStability;
import dev.segmentation.stability.Drift;
import dev.segmentation.stability.Migration;
import dev.segmentation.stability.MigrationReport;
import dev.segmentation.stability.SegmentAlignment;
import dev.segmentation.evaluation.StabilityReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Seed 002's "monitor segment migration monthly" on UCI Online Retail: fit RFM segments on one 9-month window,
 * refit on the window shifted by 3 months, keep segment IDs stable by aligning the new model to the previous one
 * (Hungarian matching on the customers both saw), then print the migration matrix, upgrades and downgrades by
 * value, feature drift between the windows and bootstrap stability of each new segment. Writes the migration
 * matrix (PNG, SVG, CSV), the refitted customers' assignments under the stable IDs (CSV, JSON) and an HTML report of
 * the refitted model.
 */
@Command(name = "monthly-refresh", mixinStandardHelpOptions = true,
        description = "Refits Online Retail segments on a shifted window, aligns IDs and reports migration.")
public final class MonthlyRefresh implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, description = "Online Retail CSV (gzip allowed). Default: ${DEFAULT-VALUE}")
    Path input = Path.of("examples/data/online_retail.csv.gz");

    @Option(names = {"-k", "--segments"}, description = "Number of segments. Default: ${DEFAULT-VALUE}")
    int k = 5;

    @Option(names = "--start", description = "First window start (inclusive). Default: ${DEFAULT-VALUE}")
    LocalDate start = LocalDate.of(2010, 12, 1);

    @Option(names = "--months", description = "Window length in months. Default: ${DEFAULT-VALUE}")
    int months = 9;

    @Option(names = "--shift", description = "Months between the two windows. Default: ${DEFAULT-VALUE}")
    int shift = 3;

    @Option(names = "--resamples", description = "Bootstrap resamples for stability. Default: ${DEFAULT-VALUE}")
    int resamples = 20;

    @Option(names = "--seed", description = "Seed. Default: ${DEFAULT-VALUE}")
    long seed = 42;

    @Option(names = {"-o", "--output"}, description = "Output folder. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("target/monthly-refresh");

    public static void main(String[] args) {
        System.exit(new CommandLine(new MonthlyRefresh()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Transactions all = CsvPresets.onlineRetail().build().read(input);
        LocalDate start2 = start.plusMonths(shift);
        Transactions w1 = window(all, start, months);
        Transactions w2 = window(all, start2, months);
        System.out.printf(Locale.ROOT, "Window 1: %s + %d months, %,d rows, %,d customers%n", start, months,
                w1.size(), w1.entityCount());
        System.out.printf(Locale.ROOT, "Window 2: %s + %d months, %,d rows, %,d customers%n%n", start2, months,
                w2.size(), w2.entityCount());

        SegmentationModel previous;
        SegmentationModel next;
        try (ConsoleProgress progress = new ConsoleProgress()) {
            previous = segmenter(progress).fit(w1);
            next = segmenter(progress).fit(w2);
        }
        // the previous model, saved and loaded as a scheduled job would, scores window 2 without refitting
        Files.createDirectories(output);
        SegmentationModels.write(previous, output.resolve("previous.model.json"));
        SegmentationModel loaded = SegmentationModels.read(output.resolve("previous.model.json"));
        SegmentAssignments scored = loaded.predict(w2);
        int both = 0;
        int kept = 0;
        for (int r = 0; r < previous.entityIds().size(); r++) {
            java.util.OptionalInt now = scored.label(previous.entityIds().get(r));
            if (now.isPresent()) {
                both++;
                if (now.getAsInt() == previous.labels()[r]) {
                    kept++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "The saved window-1 model, reloaded, scores window 2 as of %s: %,d customers;"
                + " of the %,d in both windows, %,d (%.1f%%) keep their window-1 segment under the unchanged model"
                + " (the rest changed behaviour)%n%n", w2.isEmpty() ? "-" : java.time.LocalDate.ofEpochDay(
                        Math.floorDiv(w2.maxEpochSecond(), 86_400L) + 1), scored.size(), both, kept,
                both == 0 ? 0.0 : 100.0 * kept / both);

        Alignment alignment = SegmentAlignment.defaults().byEntities(previous.entityIds(), previous.labels(),
                next.entityIds(), next.labels());
        int[] stable = alignment.relabel(next.labels());
        System.out.println("Alignment of the refitted model to the previous one (by shared customers):");
        for (Alignment.Match m : alignment.matches()) {
            System.out.printf(Locale.ROOT, "  new segment %d -> ID %d (shared %d customers, Jaccard %.2f)%n",
                    m.newLabel(), m.stableId(), m.sharedEntities(), m.jaccard());
        }
        if (alignment.appeared().length > 0 || alignment.vanished().length > 0) {
            System.out.printf(Locale.ROOT, "  appeared IDs %s, vanished IDs %s%n",
                    java.util.Arrays.toString(alignment.appeared()), java.util.Arrays.toString(alignment.vanished()));
        }

        MigrationReport migration = Migration.between(previous.entityIds(), previous.labels(), next.entityIds(),
                stable);
        System.out.printf(Locale.ROOT, "%nMigration between the windows (rows: previous ID, columns: new ID; "
                + "%d customers in both, %d stayed):%n%s%n", migration.shared(), migration.stayed(),
                migration.table());
        System.out.printf(Locale.ROOT, "Customers who entered: %d, who left: %d%n", migration.enteredIds().size(),
                migration.leftIds().size());
        Map<Integer, Double> value = new HashMap<>();
        for (SegmentProfile p : previous.profiles()) {
            value.put(p.segment(), p.median("monetary"));
        }
        for (SegmentProfile p : next.profiles()) {
            value.putIfAbsent(alignment.stableId(p.segment()), p.median("monetary"));
        }
        Migration.ValueMoves moves = Migration.valueMoves(migration, value);
        System.out.printf(Locale.ROOT, "By median monetary of the segment: %d upgrades, %d downgrades, %d unchanged"
                + "%n%n", moves.upgrades(), moves.downgrades(), moves.unchanged());

        Files.createDirectories(output);
        Map<Integer, String> previousNames = new HashMap<>();
        for (SegmentProfile p : previous.profiles()) {
            previousNames.put(p.segment(), p.name());
        }
        Map<Integer, String> nextNames = new HashMap<>();
        for (SegmentProfile p : next.profiles()) {
            nextNames.put(alignment.stableId(p.segment()), p.name());
        }
        for (String ext : List.of("png", "svg")) {
            Charts.migrationMatrix(output.resolve("migration." + ext), migration, previousNames, nextNames, 900, 560);
        }
        List<List<?>> cells = new ArrayList<>();
        int[] ids = migration.segments();
        for (int from : ids) {
            for (int to : ids) {
                cells.add(List.of(from, to, migration.count(from, to), migration.share(from, to)));
            }
        }
        CsvWriter.defaults().writeTable(output.resolve("migration.csv"), List.of("previous_id", "new_id",
                "customers", "share_of_previous"), cells);
        // the refitted model's customers under the stable IDs (names are those of the refitted segments)
        AssignmentTable assignments = AssignmentTable.training(next).withSegmentIds(stable);
        assignments.writeCsv(output.resolve("assignments.csv"));
        assignments.writeJson(output.resolve("assignments.json"));
        // one ID scheme on the whole page: the stable IDs of the alignment (the report used to show the refit's own
        // numbers in its profile table beside a migration chart in stable IDs, so "0" named two different segments)
        HtmlReport.builder(next).title("Online Retail segments refitted on " + start2 + " + " + months
                + " months").scatter("recency_days", "monetary")
                .migration(migration, previous, alignment).write(output.resolve("report.html"));
        System.out.printf(Locale.ROOT, "Wrote migration.png/.svg/.csv, assignments.csv/.json (stable IDs) and "
                + "report.html to %s%n%n", output);

        System.out.println("Feature drift from window 1 to window 2 (PSI over training deciles, KS):");
        System.out.println(Drift.compare(previous.features(), next.features()).table());

        DataMatrix scaled = next.scaler().transform(next.features()).matrix();
        StabilityReport stability = BootstrapStability.defaults().resamples(resamples).assess(scaled, next.labels(),
                KMeans.builder().k(k).nInit(3).build(), FitContext.seeded(seed));
        System.out.printf(Locale.ROOT, "Bootstrap stability of the refitted segments (%d resamples, Hennig 2007):%n",
                resamples);
        for (StabilityReport.SegmentStability s : stability.segments()) {
            System.out.printf(Locale.ROOT, "  ID %d (%s): mean Jaccard %.2f, dissolved in %d, %s%n",
                    alignment.stableId(s.segment()), next.profile(s.segment()).name(), s.meanJaccard(),
                    s.dissolved(), s.reading());
        }
        return 0;
    }

    private Segmenter segmenter(ConsoleProgress progress) {
        return Segmenter.builder()
                .features(Rfm.builder().cancelledOrderPrefix("C").build())
                .scaling(Scaling.robust().log1p("frequency_orders", "monetary", "avg_order_value"))
                .clusterer(KMeans.builder().k(k).nInit(10))
                .namer(dev.segmentation.EffectSizeNamer.rfm())
                .seed(seed)
                .listener(progress)
                .build();
    }

    private static Transactions window(Transactions all, LocalDate from, int months) {
        return all.between(from.atStartOfDay().toInstant(ZoneOffset.UTC),
                from.plusMonths(months).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
