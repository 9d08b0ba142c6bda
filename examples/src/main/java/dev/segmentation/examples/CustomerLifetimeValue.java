package dev.segmentation.examples;

import dev.segmentation.EffectSizeNamer;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Rfm;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.io.HtmlReport;
import dev.segmentation.lifetime.BgNbd;
import dev.segmentation.lifetime.BgNbdModel;
import dev.segmentation.lifetime.CalibrationHoldout;
import dev.segmentation.lifetime.CustomerSummary;
import dev.segmentation.lifetime.GammaGamma;
import dev.segmentation.lifetime.GammaGammaModel;
import dev.segmentation.lifetime.LifetimePredictor;
import dev.segmentation.lifetime.LifetimeValues;
import dev.segmentation.lifetime.TimeUnit;
import dev.segmentation.scaling.Scaling;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Customer lifetime value on UCI Online Retail, next to the segments: the purchase lines (cancellations, returns and
 * free items left out, as lifetimes' reference run) are summarised per customer in days; a BG/NBD model fitted on the
 * calibration period (to 2011-09-08) predicts each customer's purchases in the holdout period, checked against what
 * they did, per calibration frequency 0..7+ (the papers' figure); then BG/NBD and Gamma-Gamma fitted on the whole
 * period give 12-month CLV per customer, and the RFM segments of {@link OnlineRetailSegmentation} (named by {@link EffectSizeNamer#rfm()}) get their
 * expected purchases, P(alive) and CLV, printed and written into an HTML report.
 */
@Command(name = "customer-lifetime-value", mixinStandardHelpOptions = true,
        description = "BG/NBD + Gamma-Gamma CLV on UCI Online Retail: holdout check and CLV per RFM segment.")
public final class CustomerLifetimeValue implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, description = "Online Retail CSV (gzip allowed). Default: ${DEFAULT-VALUE}")
    Path input = Path.of("examples/data/online_retail.csv.gz");

    @Option(names = {"-o", "--output"}, description = "Output folder. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("target/customer-lifetime-value");

    @Option(names = "--calibration-end", description = "Last day of the calibration period. Default: ${DEFAULT-VALUE}")
    LocalDate calibrationEnd = LocalDate.of(2011, 9, 8);

    @Option(names = {"-k", "--segments"}, description = "Number of RFM segments. Default: ${DEFAULT-VALUE}")
    int k = 5;

    @Option(names = "--months", description = "CLV horizon in months. Default: ${DEFAULT-VALUE}")
    int months = 12;

    @Option(names = "--discount", description = "Monthly discount rate. Default: ${DEFAULT-VALUE}")
    double discount = 0.01;

    @Option(names = "--seed", description = "Seed of the segmentation. Default: ${DEFAULT-VALUE}")
    long seed = 42;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CustomerLifetimeValue()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Transactions all = CsvPresets.onlineRetail().build().read(input);
        Transactions tx = all.filterRows(r -> !all.orderId(r).startsWith("C") && all.quantity(r) > 0
                && all.amount(r) > 0);
        LocalDate end = LocalDate.ofEpochDay(Math.floorDiv(tx.maxEpochSecond(), 86_400L));
        out.printf(Locale.ROOT, "Loaded %,d rows; %,d purchase lines of %,d customers up to %s%n%n", all.size(),
                tx.size(), tx.entityCount(), end);

        // 1. calibration fit and holdout check
        CalibrationHoldout ch = CustomerSummary.calibrationHoldout(tx, TimeUnit.DAY, calibrationEnd, end);
        CustomerSummary cal = ch.calibration();
        BgNbdModel calModel = BgNbd.builder().build().fit(cal);
        out.printf(Locale.ROOT, "Calibration to %s: %,d customers (%,d first bought in the holdout and are left out)"
                + "%nBG/NBD %s%n  %s%n", calibrationEnd, cal.size(), ch.customersNewInHoldout(), calModel,
                calModel.diagnostics().orElseThrow());
        double[] predicted = calModel.expectedPurchases(ch.holdoutDuration(), cal);
        double[] actual = ch.holdoutFrequency();
        double[] x = cal.frequency();
        int buckets = 8;
        int[] count = new int[buckets];
        double[] sumPredicted = new double[buckets];
        double[] sumActual = new double[buckets];
        for (int i = 0; i < x.length; i++) {
            int b = (int) Math.min(buckets - 1, x[i]);
            count[b]++;
            sumPredicted[b] += predicted[i];
            sumActual[b] += actual[i];
        }
        out.printf(Locale.ROOT, "%nHoldout check: purchases in the %.0f days after %s, by calibration frequency%n",
                ch.holdoutDuration(), calibrationEnd);
        out.printf(Locale.ROOT, "%-9s %9s %14s %14s %12s %12s%n", "frequency", "customers", "mean predicted",
                "mean actual", "predicted", "actual");
        double totalPredicted = 0;
        double totalActual = 0;
        for (int b = 0; b < buckets; b++) {
            out.printf(Locale.ROOT, "%-9s %9d %14.3f %14.3f %12.1f %12.0f%n", b == buckets - 1 ? b + "+" : b,
                    count[b], sumPredicted[b] / count[b], sumActual[b] / count[b], sumPredicted[b], sumActual[b]);
            totalPredicted += sumPredicted[b];
            totalActual += sumActual[b];
        }
        out.printf(Locale.ROOT, "%-9s %9d %14.3f %14.3f %12.1f %12.0f%n%n", "all", x.length,
                totalPredicted / x.length, totalActual / x.length, totalPredicted, totalActual);

        // 2. whole-period models and CLV
        CustomerSummary summary = CustomerSummary.of(tx, TimeUnit.DAY, end);
        BgNbdModel bg = BgNbd.builder().build().fit(summary);
        GammaGammaModel gg = GammaGamma.builder().build().fit(summary);
        out.printf(Locale.ROOT, "Whole period to %s: BG/NBD %s%nGamma-Gamma %s (fitted on %,d repeat customers)%n",
                end, bg, gg, gg.diagnostics().orElseThrow().customers());
        // is the holdout shortfall the calibration fit's or the model's? The whole-period parameters have seen the
        // holdout period, yet predict about as little: the model has one stationary purchase rate per customer and
        // the autumn peak (October-November) is not in it
        double wholePeriodPredicted = 0;
        for (double v : bg.expectedPurchases(ch.holdoutDuration(), cal)) {
            wholePeriodPredicted += v;
        }
        out.printf(Locale.ROOT, "Holdout shortfall: calibration fit %.1f, whole-period parameters (which include the"
                + " holdout) %.1f, actual %.0f (%+.1f%% and %+.1f%%): the model's stationary purchase rates, not the"
                + " calibration fit, miss the autumn peak%n", totalPredicted, wholePeriodPredicted, totalActual,
                100 * (totalPredicted / totalActual - 1), 100 * (wholePeriodPredicted / totalActual - 1));
        LifetimeValues values = LifetimePredictor.builder().purchaseHorizon(90).months(months)
                .monthlyDiscountRate(discount).threads(Runtime.getRuntime().availableProcessors()).build()
                .predict(bg, gg, summary);

        // 3. CLV per RFM segment
        SegmentationModel model = Segmenter.builder()
                .features(Rfm.builder().cancelledOrderPrefix("C").build())
                .scaling(Scaling.robust().log1p("frequency_orders", "monetary", "avg_order_value"))
                .clusterer(KMeans.builder().k(k).nInit(10))
                .namer(EffectSizeNamer.rfm())
                .seed(seed)
                .build()
                .fit(all);
        List<SegmentProfile> profiles = model.profiles(values);
        double clvTotal = 0;
        for (SegmentProfile p : profiles) {
            clvTotal += p.lifetime().orElseThrow().clvSum();
        }
        out.printf(Locale.ROOT, "%nCLV over %d months at %.1f%% a month, by RFM segment%n", months, 100 * discount);
        out.printf(Locale.ROOT, "%-3s %-26s %9s %11s %10s %11s %14s %8s %10s%n", "#", "Segment", "Customers",
                "E[purch 90d]", "P(alive)", "CLV mean", "CLV sum", "CLV %", "Revenue %");
        for (SegmentProfile p : profiles) {
            SegmentProfile.Lifetime l = p.lifetime().orElseThrow();
            out.printf(Locale.ROOT, "%-3d %-26s %9d %11.3f %10.3f %11.1f %14.0f %8.1f %10.1f%n", p.segment(),
                    p.name(), l.customers(), l.expectedPurchasesMean(), l.probabilityAliveMean(), l.clvMean(),
                    l.clvSum(), 100 * l.clvSum() / clvTotal, 100 * p.valueShare().orElse(0));
        }
        Files.createDirectories(output);
        HtmlReport.builder(model).title("Online Retail: lifetime value by segment").lifetime(values)
                .write(output.resolve("report.html"));
        out.printf(Locale.ROOT, "%nWrote report.html to %s (%.1f s in all)%n", output, (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }
}
