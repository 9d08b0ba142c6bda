package dev.segmentation.examples;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.series.DtwKMeans;
import dev.segmentation.cluster.series.DtwKMeansModel;
import dev.segmentation.cluster.series.KShape;
import dev.segmentation.cluster.series.KShapeModel;
import dev.segmentation.cluster.series.SeriesNormalization;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.Transactions;
import dev.segmentation.evaluation.KSelection;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.FeatureFilter;
import dev.segmentation.features.Features;
import dev.segmentation.features.Panel;
import dev.segmentation.features.PanelSpec;
import dev.segmentation.features.Period;
import dev.segmentation.fit.FitContext;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.quality.Contingency;
import dev.segmentation.quality.ExternalIndices;
import dev.segmentation.scaling.Scaling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 19, part 2 on Walmart Store_Dept weekly sales: the shape of demand against the feature-based segments. The
 * feature-based segmentation is {@link WalmartSkuSegmentation}'s (the same eligibility, filter, features, robust
 * scaling and K-Means with the k its sweep picks); the same series, as weekly sales over the whole span (empty weeks 0),
 * are z-normalised and clustered by k-Shape and by DTW K-Means (Sakoe-Chiba band, DBA) with the same k. Prints the
 * adjusted Rand index and the contingency table of each shape clustering against the segments, and writes a chart of
 * each shape clustering's centroid curves (PNG) and the assignments (CSV).
 */
@Command(name = "walmart-shape-clusters", mixinStandardHelpOptions = true,
        description = "Clusters Walmart Store_Dept weekly sales by shape (k-Shape, DTW K-Means) and compares them "
                + "with the feature-based segments.")
public final class WalmartShapeClusters implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, description = "Walmart train.csv(.gz). Default: ${DEFAULT-VALUE}")
    Path input = Path.of("../shared/data/walmart_store_sales/train.csv.gz");

    @Option(names = {"-k", "--segments"}, description = "Fixed k for all three (default: the feature sweep's)")
    Integer k;

    @Option(names = "--band", description = "Sakoe-Chiba band radius of DTW K-Means, weeks. Default: ${DEFAULT-VALUE}")
    int band = 4;

    @Option(names = {"-o", "--output"}, description = "Output folder. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("target/walmart-shapes");

    @Option(names = "--seed", description = "Seed. Default: ${DEFAULT-VALUE}")
    long seed = 42;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WalmartShapeClusters()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(input)) {
            System.err.println("Walmart train file not found at " + input + "; pass --input (the Kaggle "
                    + "'Walmart Recruiting - Store Sales Forecasting' train.csv, gzip allowed)");
            return 2;
        }
        Transactions loaded = CsvPresets.walmartTrain().build().read(input);
        PanelSpec weekly = PanelSpec.of(Period.WEEK).withMeasure(PanelSpec.Measure.AMOUNT);
        KMeans kmeans = KMeans.builder().k(k != null ? k : 2).nInit(10).build();
        SegmentationModel features = Segmenter.builder()
                .eligibility(Eligibility.none().minActivePeriods(Period.WEEK, 52))
                .features(Features.demandStats(weekly), Features.trend(weekly), Features.seasonality(weekly))
                .filter(FeatureFilter.atLeast("mean", 100)).select(WalmartSkuSegmentation.CLUSTER_FEATURES)
                .scaling(Scaling.robust().log1p("mean"))
                .clusterer(k != null ? kmeans : KSelection.range(2, 10).by(KSelection.Criterion.ELBOW).sweep(kmeans))
                .valueFeature("mean").seed(seed).build().fit(loaded);
        int kk = features.segmentCount();
        List<String> ids = features.entityIds();
        int[] segments = features.labels();
        System.out.printf(Locale.ROOT, "Feature-based segments (WalmartSkuSegmentation's pipeline): %,d series, "
                + "k = %d%n", ids.size(), kk);

        Panel panel = Panel.of(loaded, weekly);
        DataMatrix all = SeriesNormalization.fromPanel(panel);
        Map<String, Integer> row = new HashMap<>();
        for (int e = 0; e < panel.entityCount(); e++) {
            row.put(panel.entityId(e), e);
        }
        int[] idx = new int[ids.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = row.get(ids.get(i));
        }
        DataMatrix series = all.selectRows(idx);
        int t = series.cols();
        System.out.printf(Locale.ROOT, "Weekly series: %,d x %d weeks from %s%n", series.rows(), t,
                Period.WEEK.start(panel.spanStart(0)));

        FitContext ctx = FitContext.seeded(seed).withThreads(Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        KShapeModel shapes = KShape.builder().k(kk).build().fit(series, ctx.stage("kshape"));
        long t1 = System.nanoTime();
        DtwKMeansModel dtw = DtwKMeans.builder().k(kk).bandRadius(band).build().fit(series, ctx.stage("dtw"));
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "k-Shape: %d iterations, converged %s, mean SBD %.4f, %.1f s%n",
                shapes.iterations(), shapes.converged(), shapes.inertia() / series.rows(), (t1 - t0) / 1e9);
        System.out.printf(Locale.ROOT, "DTW K-Means (band %d): %d iterations, converged %s, mean DTW %.3f, %.1f s%n",
                band, dtw.iterations(), dtw.converged(), dtw.inertia() / series.rows(), (t2 - t1) / 1e9);

        Files.createDirectories(output);
        report("k-Shape", segments, shapes.labels(), kk);
        report("DTW K-Means", segments, dtw.labels(), kk);
        report("k-Shape vs DTW K-Means", shapes.labels(), dtw.labels(), kk);
        centroidChart(output.resolve("kshape_centroids"), "k-Shape centroids (z-normalised weekly sales)",
                shapes.centroids(), shapes.labels(), t);
        centroidChart(output.resolve("dtw_kmeans_centroids"), "DTW K-Means centroids (band " + band + " weeks)",
                dtw.centroids(), dtw.labels(), t);
        StringBuilder csv = new StringBuilder("series,feature_segment,kshape,dtw_kmeans\n");
        int[] ks = shapes.labels();
        int[] ds = dtw.labels();
        for (int i = 0; i < ids.size(); i++) {
            csv.append(ids.get(i)).append(',').append(segments[i]).append(',').append(ks[i]).append(',')
                    .append(ds[i]).append('\n');
        }
        Files.writeString(output.resolve("shape_clusters.csv"), csv);
        System.out.printf(Locale.ROOT, "%nWrote kshape_centroids.png, dtw_kmeans_centroids.png and "
                + "shape_clusters.csv to %s%n", output);
        return 0;
    }

    private static void report(String name, int[] rowsLabels, int[] colLabels, int k) {
        double ari = ExternalIndices.adjustedRandIndex(rowsLabels, colLabels);
        Contingency c = Contingency.of(rowsLabels, colLabels);
        System.out.printf(Locale.ROOT, "%n%s: ARI %.4f; rows = %s, columns = %s clusters%n", name, ari,
                name.contains(" vs ") ? "k-Shape" : "feature segments", name.contains(" vs ") ? "DTW K-Means" : name);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%8s", ""));
        for (int j = 0; j < c.cols(); j++) {
            b.append(String.format(Locale.ROOT, "%7d", c.colValues()[j]));
        }
        b.append(String.format(Locale.ROOT, "%8s%n", "total"));
        for (int r = 0; r < c.rows(); r++) {
            b.append(String.format(Locale.ROOT, "%8d", c.rowValues()[r]));
            for (int j = 0; j < c.cols(); j++) {
                b.append(String.format(Locale.ROOT, "%7d", c.count(r, j)));
            }
            b.append(String.format(Locale.ROOT, "%8d%n", c.rowSums()[r]));
        }
        b.append(String.format(Locale.ROOT, "%8s", "total"));
        for (int j = 0; j < c.cols(); j++) {
            b.append(String.format(Locale.ROOT, "%7d", c.colSums()[j]));
        }
        b.append(String.format(Locale.ROOT, "%8d%n", c.total()));
        System.out.print(b);
    }

    /** One line per centroid over the weeks, labelled with its cluster size; PNG. */
    static void centroidChart(Path base, String title, DataMatrix centroids, int[] labels, int t) throws IOException {
        XYChart chart = new XYChartBuilder().width(1100).height(550).title(title).xAxisTitle("week")
                .yAxisTitle("z-normalised sales").build();
        int[] size = new int[centroids.rows()];
        for (int l : labels) {
            size[l]++;
        }
        double[] weeks = new double[t];
        for (int w = 0; w < t; w++) {
            weeks[w] = w + 1;
        }
        for (int c = 0; c < centroids.rows(); c++) {
            chart.addSeries("cluster " + c + " (" + size[c] + " series)", weeks, centroids.row(c))
                    .setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
