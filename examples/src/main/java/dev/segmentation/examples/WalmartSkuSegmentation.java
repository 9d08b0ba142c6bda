package dev.segmentation.examples;

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
        FitContext ctx = FitContext.seeded(seed);
        // series sold in fewer than minWeeks weeks have no stable volatility, trend or seasonality: report, not hide
        Eligibility.Result eligible = Eligibility.none().minActivePeriods(Period.WEEK, minWeeks).apply(loaded, ctx);
        Transactions tx = eligible.eligible();
        PanelSpec weekly = PanelSpec.of(Period.WEEK).withMeasure(PanelSpec.Measure.AMOUNT);
        FeatureTable extracted = Features.demandStats(weekly).extract(tx, ctx)
                .join(Features.trend(weekly).extract(tx, ctx))
                .join(Features.seasonality(weekly).extract(tx, ctx));
        // cv and trend ratio divide by the mean: near-zero sellers have neither, and would each form a segment
        double[] mean = extracted.column("mean");
        java.util.Map<String, Double> meanOf = new java.util.HashMap<>();
        for (int r = 0; r < mean.length; r++) {
            meanOf.put(extracted.entityId(r), mean[r]);
        }
        FeatureTable all = extracted.filterEntities(id -> meanOf.get(id) >= minMeanSales);
        System.out.printf(Locale.ROOT, "Segmenting %,d series: %,d sold in fewer than %d weeks, %,d with mean weekly "
                + "sales below %.0f left out%n", all.rows(), eligible.removedCount(), minWeeks,
                extracted.rows() - all.rows(), minMeanSales);
        FeatureTable features = all.select(CLUSTER_FEATURES);
        Scaling scaling = Scaling.robust().log1p("mean");

        // the sweep on the same scaled matrix the segmenter will cluster
        var scaled = scaling.fit(features).transform(features).matrix();
        KSelectionResult sweep = KSelection.range(2, kMax).by(criterion)
                .run(scaled, kk -> KMeans.builder().k(kk).nInit(10).build(), ctx.stage("sweep"));
        System.out.printf(Locale.ROOT, "%nk sweep (K-Means, nInit 10, robust-scaled %s):%n%s%n", CLUSTER_FEATURES,
                sweep.table());
        System.out.printf(Locale.ROOT, "elbow: %s, best silhouette: k=%d, best Calinski-Harabasz: k=%d, "
                + "best Davies-Bouldin: k=%d%n", sweep.elbow().isPresent() ? "k=" + sweep.elbow().getAsInt() : "none",
                sweep.bySilhouette(), sweep.byCalinskiHarabasz(), sweep.byDaviesBouldin());
        int chosen = k != null ? k : sweep.chosenK();
        System.out.printf(Locale.ROOT, "using k = %d (%s)%n%n", chosen, k != null ? "--segments" : criterion);

        SegmentationModel model;
        try (ConsoleProgress progress = new ConsoleProgress()) {
            model = Segmenter.builder().scaling(scaling).clusterer(KMeans.builder().k(chosen).nInit(10))
                    .valueFeature("mean").seed(seed).listener(progress).build().fit(features);
        }
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
        System.out.printf(Locale.ROOT, "%nWrote sku_segments.csv, segment_profiles.csv, k_sweep.csv, "
                + "assignments.json, summary.json, trend_vs_cv.png/.svg, k_sweep.png/.svg and report.html to %s%n",
                output);
        return 0;
    }
}
