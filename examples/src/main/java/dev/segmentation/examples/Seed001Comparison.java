package dev.segmentation.examples;

import dev.segmentation.io.SegmentationModels;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.embedding.Pca;
import dev.segmentation.evaluation.RepresentationComparison;
import dev.segmentation.features.Entropy;
import dev.segmentation.features.Features;
import dev.segmentation.fit.FitContext;
import dev.segmentation.io.AssignmentTable;
import dev.segmentation.io.Charts;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.io.HtmlReport;
import dev.segmentation.io.SegmentOutputs;
import dev.segmentation.nn.Autoencoder;
import dev.segmentation.nn.FittedAutoencoder;
import dev.segmentation.quality.Dbcv;
import dev.segmentation.quality.Silhouette;
import dev.segmentation.scaling.QuantileScaling;
import dev.segmentation.scaling.Scaler;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.evaluation.BootstrapStability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Seed 001's thesis checked honestly on UCI Online Retail (customers as seed 001's shops, StockCodes as its
 * products): the 29 seed-001 features (monthly quantity and item profiles, stability, period entropy, growth),
 * scaling (scikit-learn's quantile transform to a normal by default, see {@code --scaling}), then HDBSCAN
 * (minClusterSize 50) on four representations of the same customers: the scaled features, PCA with 5 components, the seed-001
 * autoencoder untrained (same seed) and trained. Silhouette and DBCV are measured in the scaled feature space,
 * noise included as scikit-learn and hdbscan-py do. Writes the trained autoencoder's loss curve (PNG and SVG) and,
 * unless {@code --no-report}, the trained-latent model's assignments (with HDBSCAN strengths and outlier scores),
 * profiles and HTML report.
 */
@Command(name = "seed001-comparison", mixinStandardHelpOptions = true,
        description = "Raw features vs PCA vs untrained vs trained autoencoder, HDBSCAN on each.")
public final class Seed001Comparison implements Callable<Integer> {
    /** The 29 columns seed 001 clusters on. */
    static final List<String> SEED001_COLUMNS;

    static {
        List<String> c = new java.util.ArrayList<>();
        for (String kind : new String[] {"qty", "items"}) {
            for (int m = 1; m <= 12; m++) {
                c.add(String.format(Locale.ROOT, "avg_%s_month_%02d", kind, m));
            }
        }
        c.addAll(List.of("cv_qty", "cv_items", "entropy_period", "growth_qty", "growth_items"));
        SEED001_COLUMNS = List.copyOf(c);
    }

    @Option(names = {"-i", "--input"}, description = "Online Retail CSV (gzip allowed). Default: ${DEFAULT-VALUE}")
    Path input = Path.of("examples/data/online_retail.csv.gz");

    @Option(names = "--min-cluster-size", description = "HDBSCAN minClusterSize. Default: ${DEFAULT-VALUE}")
    int minClusterSize = 50;

    @Option(names = "--seed", description = "Seed. Default: ${DEFAULT-VALUE}")
    long seed = 42;

    @Option(names = {"-o", "--output"}, description = "Output folder. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("target/seed001-comparison");

    @Option(names = "--stability-resamples", description = "Bootstrap resamples for the stability columns "
            + "(0: none). Default: ${DEFAULT-VALUE}")
    int stabilityResamples = 20;

    @Option(names = "--scaling", description = "Scaling of the features: robust (scikit-learn's RobustScaler; a "
            + "zero interquartile range scales by 1), robust-fallback (a zero range falls back to the MAD, then the "
            + "standard deviation), quantile-normal or quantile-uniform (scikit-learn's QuantileTransformer). "
            + "Default: ${DEFAULT-VALUE}")
    String scaling = "quantile-normal";

    @Option(names = "--no-report", description = "Skip refitting the trained-latent model for "
            + "the report (the loss curve is still written).")
    boolean noReport;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Seed001Comparison()).execute(args));
    }

    /** Seed 001's features of Online Retail customers, with the reference's row filter. */
    static FeatureTable seed001Features(Path input, FitContext ctx) throws java.io.IOException {
        Transactions all = CsvPresets.onlineRetail().build().read(input);
        Transactions tx = all.filterRows(r -> !all.orderId(r).startsWith("C") && all.quantity(r) > 0
                && all.amount(r) > 0);
        return Features.monthlyProfile().extract(tx, ctx)
                .join(Features.stability(Features.entityMonthlySpec()).extract(tx, ctx))
                .join(Features.entropy(Entropy.Over.PERIOD).extract(tx, ctx))
                .join(Features.growth().extract(tx, ctx))
                .select(SEED001_COLUMNS);
    }

    @Override
    public Integer call() throws Exception {
        FitContext ctx = FitContext.seeded(seed);
        FeatureTable features = seed001Features(input, ctx);
        Scaler scaler = scaler(scaling);
        DataMatrix scaled = scaler.fit(features).transform(features).matrix();
        int zeroRange = 0;
        for (int c = 0; c < features.cols(); c++) {
            double[] col = new double[features.rows()];
            for (int r = 0; r < col.length; r++) {
                col[r] = features.get(r, c);
            }
            Arrays.sort(col);
            // both quartiles equal exactly when the values from the 25th to the 75th percentile's neighbours agree
            zeroRange += col[(col.length - 1) / 4] == col[(int) Math.ceil((col.length - 1) * 0.75)] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%,d customers x %d seed-001 features (%d with a zero interquartile range),"
                + " scaled with %s%n%n", features.rows(), features.cols(), zeroRange, scaler);

        ConsoleProgress progress = new ConsoleProgress();
        RepresentationComparison.Builder builder = RepresentationComparison.builder();
        if (stabilityResamples > 0) {
            builder.stability(BootstrapStability.defaults().resamples(stabilityResamples));
        }
        RepresentationComparison comparison = builder
                .clusterer(Hdbscan.builder().minClusterSize(minClusterSize).build())
                .features("scaled features")
                .embedding("PCA(5)", Pca.components(5))
                .embedding("autoencoder, untrained", Autoencoder.halfWidthPreset().epochs(0).build())
                .embedding("autoencoder, trained", Autoencoder.halfWidthPreset().build())
                .strengths(m -> ((HdbscanModel) m).strengths())
                .metric("silhouette (features)", Seed001Comparison::silhouette)
                .metric("DBCV (features)", Seed001Comparison::dbcv)
                .build();
        RepresentationComparison.Result result = comparison.compare(scaled, ctx.withListener(progress));
        progress.close();
        System.out.println(result.table());
        for (RepresentationComparison.Row row : result.rows()) {
            System.out.printf(Locale.ROOT, "%-24s clusters %d, sizes %s, noise %.1f%%%n", row.name(),
                    row.clusterCount(), Arrays.toString(row.sizes()), 100 * row.noiseShare());
            if (row.embedding().isPresent() && row.embedding().get() instanceof FittedAutoencoder) {
                FittedAutoencoder ae = (FittedAutoencoder) row.embedding().get();
                System.out.printf(Locale.ROOT, "    %d epochs, training loss %s%n    validation loss %s%n",
                        ae.epochsRun(), format(ae.trainingLoss()), format(ae.validationLoss()));
                double[] v = ae.validationLoss();
                if (v.length > 1) {
                    double best = Arrays.stream(v).min().getAsDouble();
                    System.out.printf(Locale.ROOT, "    validation loss from %.4g (epoch 1) to %.4g (best): %.1f%%"
                            + " lower%n", v[0], best, 100 * (1 - best / v[0]));
                }
            }
        }
        System.out.println();
        Files.createDirectories(output);
        FittedAutoencoder trained = null;
        for (RepresentationComparison.Row row : result.rows()) {
            if (row.name().equals("autoencoder, trained") && row.embedding().isPresent()) {
                trained = (FittedAutoencoder) row.embedding().get();
            }
        }
        if (trained != null) {
            for (String ext : List.of("png", "svg")) {
                Charts.lossCurve(output.resolve("autoencoder_loss." + ext), trained.trainingLoss(),
                        trained.validationLoss(), 800, 450);
            }
            System.out.printf(Locale.ROOT, "Wrote the trained autoencoder's loss curve to %s%n",
                    output.resolve("autoencoder_loss.png/.svg"));
        }
        if (!noReport && trained != null) {
            // the trained-latent pipeline as one model (the same seed trains the same encoder again), for a report
            // and per-customer assignments with HDBSCAN's membership strengths and outlier scores
            SegmentationModel latent;
            try (ConsoleProgress p = new ConsoleProgress()) {
                latent = Segmenter.builder().scaling(scaler).embedding(Autoencoder.halfWidthPreset().build())
                        .clusterer(Hdbscan.builder().minClusterSize(minClusterSize)).seed(seed).listener(p).build()
                        .fit(features);
            }
            AssignmentTable.training(latent).writeCsv(output.resolve("assignments.csv"));
            // the model with its trained encoder saves and scores through the loaded copy
            SegmentationModels.write(latent, output.resolve("model.json"));
            SegmentationModel reloaded = SegmentationModels.read(output.resolve("model.json"));
            int same = 0;
            int[] again = reloaded.predict(features).labels();
            int[] fresh = latent.predict(features).labels();
            for (int i = 0; i < again.length; i++) {
                same += again[i] == fresh[i] ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "Saved model.json; the reloaded model predicts the same segment for %,d of"
                    + " %,d customers%n", same, fresh.length);
            SegmentOutputs.writeProfilesCsv(latent, output.resolve("profiles.csv"));
            HtmlReport.builder(latent).title("Seed 001: HDBSCAN on the trained autoencoder's latent space")
                    .lossCurve(trained.trainingLoss(), trained.validationLoss()).write(output.resolve("report.html"));
            System.out.printf(Locale.ROOT, "Trained-latent model: %d segments; wrote assignments.csv (with "
                    + "strengths and outlier scores), profiles.csv and report.html to %s%n", latent.segmentCount(),
                    output);
        }
        System.out.println();
        System.out.println("Seed 001 reports 99.6% noise on raw features and 21.5% in its latent space; its latent"
                + " table came from an untrained encoder (see issue 4). Compare the two autoencoder rows above.");
        return 0;
    }

    /** The scaling recipe named by {@code --scaling}. */
    static Scaler scaler(String name) {
        switch (name) {
            case "robust": return Scaling.robust();
            case "robust-fallback": return Scaling.robust().withZeroRangeFallback();
            case "quantile-normal": return QuantileScaling.normal();
            case "quantile-uniform": return QuantileScaling.uniform();
            default:
                throw new CommandLine.ParameterException(new CommandLine(new Seed001Comparison()), "--scaling must be"
                        + " robust, robust-fallback, quantile-normal or quantile-uniform but was '" + name + "'");
        }
    }

    private static double silhouette(DataMatrix x, int[] labels) {
        return distinct(labels) < 2 ? Double.NaN : Silhouette.score(x, labels);
    }

    private static double dbcv(DataMatrix x, int[] labels) {
        for (int l : labels) {
            if (l >= 0) {
                return Dbcv.score(x, labels);
            }
        }
        return Double.NaN;
    }

    private static int distinct(int[] labels) {
        return (int) Arrays.stream(labels).distinct().count();
    }

    private static String format(double[] losses) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < losses.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", losses[i]));
        }
        return sb.append(']').toString();
    }

}
