package dev.segmentation.examples;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Rfm;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.supervised.ClassificationReport;
import dev.segmentation.supervised.Classifier;
import dev.segmentation.supervised.ClassifierModel;
import dev.segmentation.supervised.CrossValidation;
import dev.segmentation.supervised.EarlyBehaviour;
import dev.segmentation.supervised.PermutationImportance;
import dev.segmentation.supervised.StratifiedKFold;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 16, task (a): which segment will a new customer end up in? On UCI Online Retail, a full-history segmentation
 * (RFM, log1p, robust scaling, K-Means, as OnlineRetailSegmentation) labels every customer; features of each
 * customer's first 30, 60 and 90 days (EarlyBehaviour) then predict that label. Each figure is a stratified k-fold
 * cross-validation and stands next to two baselines: the majority segment, and the full-history model applied to the
 * early window itself (what one would do without a classifier).
 */
@Command(name = "new-customer-segment", mixinStandardHelpOptions = true,
        description = "Predicts a new customer's segment from the first days of behaviour (Online Retail).")
public final class NewCustomerSegment implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, description = "Online Retail CSV (gzip allowed). Default: ${DEFAULT-VALUE}")
    Path input = Path.of("examples/data/online_retail.csv.gz");

    @Option(names = {"-k", "--segments"}, description = "Number of segments. Default: ${DEFAULT-VALUE}")
    int k = 5;

    @Option(names = "--folds", description = "Cross-validation folds. Default: ${DEFAULT-VALUE}")
    int folds = 5;

    @Option(names = "--days", split = ",", description = "Days observed. Default: ${DEFAULT-VALUE}")
    int[] days = {30, 60, 90};

    @Option(names = "--threads", description = "XGBoost threads. Default: ${DEFAULT-VALUE}")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-o", "--output"}, description = "Output folder. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("target/new-customer-segment");

    @Option(names = "--seed", description = "Seed. Default: ${DEFAULT-VALUE}")
    long seed = 42;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NewCustomerSegment()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Transactions tx = CsvPresets.onlineRetail().build().read(input);
        LocalDate asOf = LocalDate.ofEpochDay(Math.floorDiv(tx.maxEpochSecond(), 86_400L) + 1);
        SegmentationModel segments = Segmenter.builder()
                .features(Rfm.builder().cancelledOrderPrefix("C").asOf(asOf).build())
                .scaling(Scaling.robust().log1p("frequency_orders", "monetary", "avg_order_value"))
                .clusterer(KMeans.builder().k(k).nInit(10))
                .seed(seed)
                .build()
                .fit(tx);
        System.out.printf(Locale.ROOT, "Loaded %,d rows, %,d customers; %d full-history segments as of %s (%.1f s)%n%n",
                tx.size(), tx.entityCount(), segments.segmentCount(), asOf, (System.nanoTime() - t0) / 1e9);

        Classifier gb = gradientBoosting();
        Classifier rf = Classifier.randomForest().numParallelTree(100).maxDepth(8).seed(seed).nThread(threads)
                .build();
        System.out.printf(Locale.ROOT, "%-5s %9s | %-27s | %-31s | %-9s | %-9s%n", "", "", "baselines (accuracy)",
                "gradient boosting, " + folds + "-fold CV", "random f.", "GB + age");
        System.out.printf(Locale.ROOT, "%-5s %9s | %12s %14s | %8s %8s %6s %6s | %9s | %9s%n", "days", "customers",
                "majority", "model@window", "accuracy", "balanced", "macroF1", "logloss", "accuracy", "accuracy");
        List<List<?>> table = new ArrayList<>();
        for (int d : days) {
            EarlyBehaviour early = EarlyBehaviour.firstDays(d, "C");
            FeatureTable x = early.extract(tx);
            int[] y = labels(segments, x);
            long t1 = System.nanoTime();
            CrossValidation.Result cv = CrossValidation.stratifiedKFold(gb, x, y, folds, seed);
            double gbSeconds = (System.nanoTime() - t1) / 1e9;
            CrossValidation.Result cvRf = CrossValidation.stratifiedKFold(rf, x, y, folds, seed);
            FeatureTable withAge = early.withFirstPurchaseAge(asOf).extract(tx);
            CrossValidation.Result cvAge = CrossValidation.stratifiedKFold(gb, withAge, y, folds, seed);
            ClassificationReport naive = windowBaseline(segments, early.alignedWindows(tx), x, y);
            ClassificationReport m = cv.report();
            System.out.printf(Locale.ROOT, "%-5d %9d | %12.4f %14.4f | %8.4f %8.4f %6.4f %6.4f | %9.4f | %9.4f"
                    + "   (GB CV %.1f s)%n", d, x.rows(), cv.baseline().accuracy(), naive.accuracy(), m.accuracy(),
                    m.balancedAccuracy(), m.macroF1(), m.logLoss(), cvRf.report().accuracy(),
                    cvAge.report().accuracy(), gbSeconds);
            table.add(List.of(d, x.rows(), cv.baseline().accuracy(), naive.accuracy(), m.accuracy(),
                    m.balancedAccuracy(), m.macroF1(), m.logLoss(), cvRf.report().accuracy(),
                    cvAge.report().accuracy()));
            if (d == days[days.length - 1]) {
                details(d, x, y, cv, segments);
            }
        }
        Files.createDirectories(output);
        StringBuilder csv = new StringBuilder("days,customers,majority_accuracy,model_on_window_accuracy,gb_accuracy,"
                + "gb_balanced_accuracy,gb_macro_f1,gb_log_loss,rf_accuracy,gb_with_age_accuracy\n");
        for (List<?> row : table) {
            for (int j = 0; j < row.size(); j++) {
                csv.append(j == 0 ? "" : ",").append(row.get(j));
            }
            csv.append('\n');
        }
        Files.writeString(output.resolve("accuracy_by_days.csv"), csv);
        System.out.printf(Locale.ROOT, "%nWrote accuracy_by_days.csv and confusion_%dd.csv to %s (%.1f s in all)%n",
                days[days.length - 1], output, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private void details(int d, FeatureTable x, int[] y, CrossValidation.Result cv, SegmentationModel segments)
            throws Exception {
        ClassificationReport m = cv.report();
        List<String> names = new ArrayList<>();
        for (int s = 0; s < segments.segmentCount(); s++) {
            names.add("segment " + s);
        }
        System.out.printf(Locale.ROOT, "%nFirst %d days, per segment (out-of-fold):%n%-10s %8s %9s %7s %7s%n", d,
                "segment", "support", "precision", "recall", "F1");
        double[] p = m.precision();
        double[] r = m.recall();
        double[] f = m.f1();
        for (int s = 0; s < segments.segmentCount(); s++) {
            System.out.printf(Locale.ROOT, "%-10s %8d %9.4f %7.4f %7.4f%n", names.get(s), m.confusion().support(s),
                    p[s], r[s], f[s]);
        }
        Files.createDirectories(output);
        Files.writeString(output.resolve("confusion_" + d + "d.csv"), m.confusion().toCsv(names));

        // one model on 4 folds, importance on the held-out fold
        int[] fold = StratifiedKFold.folds(y, folds, seed);
        int[] tr = StratifiedKFold.rows(fold, 0, false);
        int[] te = StratifiedKFold.rows(fold, 0, true);
        int[] ytr = new int[tr.length];
        int[] yte = new int[te.length];
        for (int i = 0; i < tr.length; i++) {
            ytr[i] = y[tr[i]];
        }
        for (int i = 0; i < te.length; i++) {
            yte[i] = y[te[i]];
        }
        long t = System.nanoTime();
        ClassifierModel model = gradientBoosting().fit(x.selectRows(tr), ytr);
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf(Locale.ROOT, "%nOne model on %d customers: %d rounds kept (early stopping), trained in"
                + " %.2f s; held-out accuracy %.4f%n", tr.length, model.rounds(), seconds,
                ClassificationReport.of(yte, model.probabilities(x.selectRows(te))).accuracy());
        Map<String, Double> gain = model.gainImportance();
        Map<String, Double> perm = PermutationImportance.means(PermutationImportance.of(model, x.selectRows(te), yte,
                PermutationImportance.Score.ACCURACY, 5, seed));
        System.out.printf(Locale.ROOT, "%-20s %10s %12s%n", "feature", "gain", "permutation");
        for (String name : model.featureNames()) {
            System.out.printf(Locale.ROOT, "%-20s %10.3f %12.4f%n", name, gain.get(name), perm.get(name));
        }
    }

    private Classifier gradientBoosting() {
        return Classifier.gradientBoosting().nRounds(300).eta(0.1).maxDepth(4).subsample(0.8).colsampleBytree(0.8)
                .earlyStoppingRounds(20).seed(seed).nThread(threads).build();
    }

    private static int[] labels(SegmentationModel segments, FeatureTable x) {
        int[] y = new int[x.rows()];
        for (int i = 0; i < y.length; i++) {
            OptionalInt s = segments.label(x.entityId(i));
            if (s.isEmpty()) {
                throw new IllegalStateException("customer " + x.entityId(i) + " has a purchase but no segment");
            }
            y[i] = s.getAsInt();
        }
        return y;
    }

    private static ClassificationReport windowBaseline(SegmentationModel segments, Transactions windows,
            FeatureTable x, int[] y) {
        SegmentAssignments a = segments.predict(windows);
        int[] pred = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            OptionalInt s = a.label(x.entityId(i));
            pred[i] = s.isPresent() && s.getAsInt() >= 0 ? s.getAsInt() : 0;
        }
        return ClassificationReport.ofPredictions(y, pred, segments.segmentCount());
    }
}
