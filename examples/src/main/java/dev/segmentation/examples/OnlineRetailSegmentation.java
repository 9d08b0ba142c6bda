package dev.segmentation.examples;

import dev.segmentation.EffectSizeNamer;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Features;
import dev.segmentation.features.Rfm;
import dev.segmentation.features.RfmScores;
import dev.segmentation.features.RfmSegment;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.io.CsvWriter;
import dev.segmentation.io.HtmlReport;
import dev.segmentation.io.JsonOutputs;
import dev.segmentation.io.SegmentationModels;
import dev.segmentation.scaling.Scaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Seeds 002-004's customer segmentation on UCI Online Retail: transactions -> RFM (cancellations excluded) ->
 * log1p on money columns -> robust scaling -> K-Means -> segments named by their distinguishing features
 * ({@link EffectSizeNamer#rfm()}), with a summary table, per-customer
 * assignments and a per-segment summary written as CSV, profiles as JSON, the model file and an HTML report.
 */
@Command(name = "online-retail-segmentation", mixinStandardHelpOptions = true,
        description = "Segments UCI Online Retail customers by RFM behaviour with K-Means.")
public final class OnlineRetailSegmentation implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, description = "Online Retail CSV (gzip allowed). Default: ${DEFAULT-VALUE}")
    Path input = Path.of("examples/data/online_retail.csv.gz");

    @Option(names = {"-k", "--segments"}, description = "Number of segments. Default: ${DEFAULT-VALUE}")
    int k = 5;

    @Option(names = {"-o", "--output"}, description = "Output folder. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("target/online-retail");

    @Option(names = "--seed", description = "Seed. Default: ${DEFAULT-VALUE}")
    long seed = 42;

    @Option(names = "--n-init", description = "K-Means restarts. Default: ${DEFAULT-VALUE}")
    int nInit = 10;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OnlineRetailSegmentation()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Transactions tx;
        try (ConsoleProgress progress = new ConsoleProgress()) {
            progress.progress("load", 0, 1);
            tx = CsvPresets.onlineRetail().build().read(input);
            progress.progress("load", 1, 1);
        }
        System.out.printf(Locale.ROOT, "Loaded %,d rows for %,d customers in %.1f s (%,d rows skipped: %s)%n",
                tx.size(), tx.entityCount(), (System.nanoTime() - t0) / 1e9, tx.rejected().total(),
                tx.rejected().counts());

        // UCI Online Retail marks cancellations with a C prefix on the invoice; a prefix rule (unlike a lambda) can be
        // saved with the model
        Rfm rfm = Rfm.builder().cancelledOrderPrefix("C").build();
        SegmentationModel model;
        try (ConsoleProgress progress = new ConsoleProgress()) {
            model = Segmenter.builder()
                    .features(rfm)
                    .scaling(Scaling.robust().log1p("frequency_orders", "monetary", "avg_order_value"))
                    .clusterer(KMeans.builder().k(k).nInit(nInit))
                    .namer(EffectSizeNamer.rfm())
                    .seed(seed)
                    .listener(progress)
                    .build()
                    .fit(tx);
        }
        KMeansModel km = (KMeansModel) model.clusterModel();
        System.out.printf(Locale.ROOT, "%,d customers segmented (%d left out: no purchase after exclusions); "
                + "K-Means inertia %.2f after %d iterations; stages (ms) %s%n%n",
                model.entityIds().size(), model.diagnostics().entitiesNotDescribed(), km.inertia(),
                km.iterations(), model.diagnostics().stageMillis());

        FeatureTable features = model.features();
        RfmScores scores = RfmScores.of(features);
        int[] labels = model.labels();
        Map<Integer, EnumMap<RfmSegment, Integer>> mix = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            mix.computeIfAbsent(labels[i], s -> new EnumMap<>(RfmSegment.class)).merge(scores.segment(i), 1,
                    Integer::sum);
        }

        List<String> header = List.of("segment", "name", "customers", "size_pct", "avg_orders", "avg_monetary",
                "avg_recency_days", "revenue_share_pct", "rfm_mix", "sets_it_apart");
        List<List<?>> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-3s %-26s %9s %7s %10s %12s %12s %9s  %-58s %s%n", "#", "Segment",
                "Customers", "Size %", "Avg orders", "Avg monetary", "Avg recency", "Revenue %", "RFM-name mix",
                "Sets it apart (Cliff's delta)");
        for (SegmentProfile p : model.profiles()) {
            String mixText = mixText(mix.get(p.segment()), p.size());
            String apart = apart(p);
            System.out.printf(Locale.ROOT, "%-3d %-26s %9d %7.1f %10.1f %12.0f %12.0f %9.1f  %-58s %s%n",
                    p.segment(), p.name(), p.size(), 100 * p.share(), p.mean("frequency_orders"), p.mean("monetary"),
                    p.mean("recency_days"), 100 * p.valueShare().orElse(0), mixText, apart);
            rows.add(List.of(p.segment(), p.name(), p.size(), 100 * p.share(), p.mean("frequency_orders"),
                    p.mean("monetary"), p.mean("recency_days"), 100 * p.valueShare().orElse(0), mixText, apart));
        }

        Files.createDirectories(output);
        List<String> names = new ArrayList<>(labels.length);
        List<String> rfmNames = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            names.add(model.profile(labels[i]).name());
            rfmNames.add(scores.segment(i).displayName());
        }
        CsvWriter csv = CsvWriter.defaults();
        csv.assignments(model.entityIds(), labels)
                .column("segment_name", names)
                .column("recency_days", features.column("recency_days"))
                .column("frequency_orders", features.column("frequency_orders"))
                .column("monetary", features.column("monetary"))
                .column("rfm_r", scores.recencyScores())
                .column("rfm_f", scores.frequencyScores())
                .column("rfm_m", scores.monetaryScores())
                .column("rfm_segment", rfmNames)
                .write(output.resolve("assignments.csv"));
        csv.writeTable(output.resolve("summary.csv"), header, rows);
        JsonOutputs.writeProfiles(model, output.resolve("profiles.json"));
        SegmentationModels.write(model, output.resolve("model.json"));
        // score the last month again through the saved model, as a monthly job would (recency as of that month)
        SegmentationModel loaded = SegmentationModels.read(output.resolve("model.json"));
        java.time.Instant end = java.time.Instant.ofEpochSecond(tx.maxEpochSecond() + 1);
        Transactions lastMonth = tx.between(end.minus(java.time.Duration.ofDays(30)), end);
        dev.segmentation.SegmentAssignments scored = loaded.predict(lastMonth);
        System.out.printf(Locale.ROOT, "The reloaded model scores the %,d customers active in the last 30 days: %s "
                + "(segment, customers)%n", scored.size(), scored.counts().stream()
                        .map(c -> c[0] + ": " + c[1]).toList());
        HtmlReport.builder(model).title("Online Retail customer segments (k = " + k + ")")
                .scatter("recency_days", "monetary").write(output.resolve("report.html"));
        System.out.printf(Locale.ROOT, "%nWrote assignments.csv, summary.csv, profiles.json, model.json (%,d bytes; "
                + "score new customers with SegmentationModels.read(...).predict(...)) and report.html to %s "
                + "(%.1f s in all)%n", Files.size(output.resolve("model.json")), output,
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static String mixText(Map<RfmSegment, Integer> counts, int size) {
        List<Map.Entry<RfmSegment, Integer>> e = new ArrayList<>(counts.entrySet());
        e.sort(Map.Entry.<RfmSegment, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey()));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(3, e.size()); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(e.get(i).getKey().displayName()).append(' ')
                    .append(Math.round(100.0 * e.get(i).getValue() / size)).append('%');
        }
        return sb.toString();
    }

    /** The two features with the largest |delta| against the other segments, e.g. "monetary +0.99, ...". */
    private static String apart(SegmentProfile p) {
        double[] d = p.effectSizes();
        int first = -1;
        int second = -1;
        for (int j = 0; j < d.length; j++) {
            if (first < 0 || Math.abs(d[j]) > Math.abs(d[first])) {
                second = first;
                first = j;
            } else if (second < 0 || Math.abs(d[j]) > Math.abs(d[second])) {
                second = j;
            }
        }
        StringBuilder b = new StringBuilder();
        for (int j : new int[] {first, second}) {
            if (j >= 0 && !Double.isNaN(d[j])) {
                b.append(b.length() > 0 ? ", " : "").append(p.featureNames().get(j))
                        .append(String.format(Locale.ROOT, " %+.2f", d[j]));
            }
        }
        return b.toString();
    }
}
