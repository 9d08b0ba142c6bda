package dev.segmentation.examples;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.io.SegmentationModels;
import dev.segmentation.features.FeatureFilter;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.Features;
import dev.segmentation.features.PanelSpec;
import dev.segmentation.features.Period;
import dev.segmentation.fit.FitContext;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.io.AssignmentTable;
import dev.segmentation.io.Charts;
import dev.segmentation.io.CsvWriter;
import dev.segmentation.io.HtmlReport;
import dev.segmentation.io.SegmentOutputs;
import dev.segmentation.evaluation.KSelection;
import dev.segmentation.evaluation.KSelectionResult;
import dev.segmentation.scaling.Scaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Seed 000's SKU segmentation on Walmart Store_Dept weekly sales: one weekly panel over the whole span (empty
 * weeks 0), series sold in at least a year of weeks with mean sales of at least 100 (both filters reported), demand level
 * (log1p), volatility (cv), trend ratio and seasonal profile strength per series, robust scaling,
 * a k sweep (inertia, silhouette, Calinski-Harabasz, Davies-Bouldin and the Kneedle elbow), K-Means with the chosen
 * k, per-SKU segments and segment profiles written as CSV, assignments and the summary as JSON, the trend versus
 * cv scatter and the k sweep as PNG and SVG, and an HTML report.
 */
@Command(name = "walmart-sku-segmentation", mixinStandardHelpOptions = true,
        description = "Segments Walmart Store_Dept series by level, volatility, trend and seasonality.")
public final class WalmartSkuSegmentation implements Callable<Integer> {
    /** The features clustered on (profiles report every extracted feature). */
    static final List<String> CLUSTER_FEATURES = List.of("mean", "cv", "trend_ratio", "season_profile_strength");

    @Option(names = {"-i", "--input"}, description = "Walmart train.csv(.gz). Default: ${DEFAULT-VALUE}")
    Path input = Path.of("../shared/data/walmart_store_sales/train.csv.gz");

    @Option(names = {"-k", "--segments"}, description = "Fixed k (default: chosen by the sweep)")
    Integer k;

    @Option(names = "--k-max", description = "Largest k of the sweep. Default: ${DEFAULT-VALUE}")
    int kMax = 10;

    @Option(names = "--criterion", description = "How the sweep picks k: ${COMPLETION-CANDIDATES}. "
            + "Default: ${DEFAULT-VALUE}")
    KSelection.Criterion criterion = KSelection.Criterion.ELBOW;

    @Option(names = {"-o", "--output"}, description = "Output folder. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("target/walmart-sku");

    @Option(names = "--min-weeks", description = "Least weeks with sales to segment a series. "
            + "Default: ${DEFAULT-VALUE}")
    int minWeeks = 52;

    @Option(names = "--min-mean-sales", description = "Least mean weekly sales to segment a series. "
            + "Default: ${DEFAULT-VALUE}")
    double minMeanSales = 100;

    @Option(names = "--seed", description = "Seed. Default: ${DEFAULT-VALUE}")
    long seed = 42;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WalmartSkuSegmentation()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(input)) {
            System.err.println("Walmart train file not found at " + input + "; pass --input (the Kaggle "
                    + "'Walmart Recruiting - Store Sales Forecasting' train.csv, gzip allowed)");
            return 2;
        }
        Transactions loaded = CsvPresets.walmartTrain().build().read(input);
        System.out.printf(Locale.ROOT, "Loaded %,d weekly rows of %,d Store_Dept series%n", loaded.size(),
                loaded.entityCount());
        PanelSpec weekly = PanelSpec.of(Period.WEEK).withMeasure(PanelSpec.Measure.AMOUNT);
        Scaling scaling = Scaling.robust().log1p("mean");
        KSelection selection = KSelection.range(2, kMax).by(criterion);
        KMeans kmeans = KMeans.builder().k(k != null ? k : 2).nInit(10).build();
        // one pipeline: series sold in fewer than minWeeks weeks have no stable volatility, trend or seasonality, and
        // near-zero sellers have no cv or trend ratio (both divide by the mean): both are filtered and reported
        SegmentationModel model;
        try (ConsoleProgress progress = new ConsoleProgress()) {
            model = Segmenter.builder().eligibility(Eligibility.none().minActivePeriods(Period.WEEK, minWeeks))
                    .features(Features.demandStats(weekly), Features.trend(weekly), Features.seasonality(weekly))
                    .filter(FeatureFilter.atLeast("mean", minMeanSales)).select(CLUSTER_FEATURES).scaling(scaling)
                    .clusterer(k != null ? kmeans : selection.sweep(kmeans)).valueFeature("mean").seed(seed)
                    .listener(progress).build().fit(loaded);
        }
        var diag = model.diagnostics();
        System.out.printf(Locale.ROOT, "Segmented %,d series: %,d sold in fewer than %d weeks, %,d with mean weekly "
                + "sales below %.0f left out%n", diag.entitiesSegmented(),
                diag.ineligibleByRule().values().stream().mapToInt(i -> i).sum(), minWeeks,
                diag.filteredByRule().values().stream().mapToInt(i -> i).sum(), minMeanSales);
        // the sweep's table, recomputed from the same scaled matrix and stage seed as the fit's (same models)
        var scaled = model.scaler().transform(model.features()).matrix();
        KSelectionResult sweep = selection.run(scaled, kmeans::withK,
                FitContext.seeded(model.provenance().stageSeeds().get("cluster")));
        System.out.printf(Locale.ROOT, "%nk sweep (K-Means, nInit 10, robust-scaled %s):%n%s%n", CLUSTER_FEATURES,
                sweep.table());
        System.out.printf(Locale.ROOT, "elbow: %s, best silhouette: k=%d, best Calinski-Harabasz: k=%d, "
                + "best Davies-Bouldin: k=%d%n", sweep.elbow().isPresent() ? "k=" + sweep.elbow().getAsInt() : "none",
                sweep.bySilhouette(), sweep.byCalinskiHarabasz(), sweep.byDaviesBouldin());
        int chosen = model.segmentCount();
        System.out.printf(Locale.ROOT, "using k = %d (%s)%n%n", chosen, k != null ? "--segments" : criterion);
        FeatureTable all = model.features();
        System.out.printf(Locale.ROOT, "%-3s %8s %7s %12s %8s %12s %14s %10s%n", "#", "SKUs", "Size %",
                "Mean sales", "CV", "Trend ratio", "Season strength", "Sales %");
        List<List<?>> rows = new ArrayList<>();
        for (SegmentProfile p : model.profiles()) {
            System.out.printf(Locale.ROOT, "%-3d %8d %7.1f %12.0f %8.2f %12.3f %14.3f %10.1f%n", p.segment(),
                    p.size(), 100 * p.share(), p.mean("mean"), p.median("cv"), p.median("trend_ratio"),
                    p.median("season_profile_strength"), 100 * p.valueShare().orElse(0));
            rows.add(List.of(p.segment(), p.size(), p.share(), p.mean("mean"), p.median("cv"),
                    p.median("trend_ratio"), p.median("season_profile_strength"), p.valueShare().orElse(0)));
        }
        Files.createDirectories(output);
        CsvWriter csv = CsvWriter.defaults();
        CsvWriter.Assignments out = csv.assignments(model.entityIds(), model.labels());
        for (String f : all.featureNames()) {
            out.column(f, all.column(f));
        }
        out.write(output.resolve("sku_segments.csv"));
        csv.writeTable(output.resolve("segment_profiles.csv"), List.of("segment", "skus", "share", "mean_sales",
                "median_cv", "median_trend_ratio", "median_season_profile_strength", "sales_share"), rows);
        List<List<?>> sweepRows = new ArrayList<>();
        for (var s : sweep.scores()) {
            sweepRows.add(List.of(s.k(), s.inertia(), s.silhouette(), s.calinskiHarabasz(), s.daviesBouldin()));
        }
        csv.writeTable(output.resolve("k_sweep.csv"), List.of("k", "inertia", "silhouette", "calinski_harabasz",
                "davies_bouldin"), sweepRows);
        // seed 000's trend versus volatility scatter and the k sweep as PNG and SVG, and one HTML report
        for (String ext : List.of("png", "svg")) {
            Charts.segmentScatter(output.resolve("trend_vs_cv." + ext), model.features(), model.labels(), "cv",
                    "trend_ratio", "Trend ratio versus volatility (cv) by segment", 900, 600);
            Charts.kSelection(output.resolve("k_sweep." + ext), sweep, 1000, 400);
        }
        AssignmentTable.training(model).writeJson(output.resolve("assignments.json"));
        SegmentOutputs.writeSummaryJson(model, output.resolve("summary.json"));
        HtmlReport.builder(model).title("Walmart Store_Dept segments (k = " + chosen + ")").scatter("cv",
                "trend_ratio").kSelection(sweep).write(output.resolve("report.html"));
        // the saved model scores the series again in a fresh read, as a scheduled refresh would
        SegmentationModels.write(model, output.resolve("model.json"));
        SegmentationModel reloaded = SegmentationModels.read(output.resolve("model.json"));
        SegmentAssignments rescored = reloaded.predict(loaded);
        int same = 0;
        for (int r = 0; r < model.labels().length; r++) {
            if (rescored.label(model.entityIds().get(r)).orElse(-2) == model.labels()[r]) {
                same++;
            }
        }
        System.out.printf(Locale.ROOT, "Reloaded model.json scores %,d series: %,d of %,d training series keep their"
                + " segment, %,d not eligible, %,d filtered%n", rescored.size(), same, model.labels().length,
                rescored.notEligible().size(), rescored.filtered().size());
        System.out.printf(Locale.ROOT, "%nWrote model.json, sku_segments.csv, segment_profiles.csv, k_sweep.csv, "
                + "assignments.json, summary.json, trend_vs_cv.png/.svg, k_sweep.png/.svg and report.html to %s%n",
                output);
        return 0;
    }
}
