package dev.segmentation.examples;

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
import dev.segmentation.scaling.Scaling;
import dev.segmentation.supervised.forecast.Backtest;
import dev.segmentation.supervised.forecast.BacktestResult;
import dev.segmentation.supervised.forecast.Baseline;
import dev.segmentation.supervised.forecast.ErrorMetrics;
import dev.segmentation.supervised.forecast.Forecast;
import dev.segmentation.supervised.forecast.ForecastCharts;
import dev.segmentation.supervised.forecast.ForecastMethod;
import dev.segmentation.supervised.forecast.ForecastPanel;
import dev.segmentation.supervised.forecast.ForecastPanel.Availability;
import dev.segmentation.supervised.forecast.ForecastPanel.Level;
import dev.segmentation.supervised.forecast.ForecastTable;
import dev.segmentation.supervised.forecast.GradientBoostedForecaster;
import dev.segmentation.supervised.forecast.StrategyPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Daily demand forecasting per shop x item on the Predict Future Sales subset (1C Company; 25 shops, 494 items,
 * 2013-01-01..2015-09-30): a rolling-origin backtest (by default 3 origins x 14 days, the last 42 days) of the
 * classical baselines (naive, seasonal naive over the week, 28-day moving average, SES, Croston and SBA with fitted
 * smoothing) and the global gradient-boosted model, with WAPE, MASE, RMSSE, R² and bias overall, per SKU segment and
 * per demand class, the strategy plan per segment and per demand class, the last origin's forecasts as CSV and JSON,
 * and charts (actuals against forecasts for sample series of each segment; WAPE per segment).
 *
 * <p><b>Price.</b> The data records a price only on days with a sale, so the price of a future day would tell the
 * model that a sale happens: price is an {@link Availability#OBSERVED observed} covariate, forward-filled (the last
 * price seen on or before the day; missing before the first sale) and read by the model at the day before the
 * origin. A planned price list would be known in advance; this data has none.
 *
 * <p><b>Series.</b> Shop x item pairs with at least {@code --min-active-days} days with a sale (default 30) over
 * the whole file; the others are left out and counted.
 *
 * <p><b>WAPE on intermittent daily data.</b> The global model's point forecast is its median; for a day with a
 * sale chance below one half the median is 0, and a zero forecast wins WAPE (measured on the full subset: gbm WAPE
 * 0.87 against seasonal naive's 1.46, but bias -0.76). Judge it by RMSSE and bias too, or plan by
 * {@code StrategyPlan.Criterion.RMSSE}; segmentation-supervised's FORECASTING.md has the figures. The SKU segments are K-Means (k = 4) on the weekly mean, CV
 * and trend of the history before the first origin, for series with at least 8 active weeks there; the others form
 * the segment {@code unsegmented}.
 */
@Command(name = "daily-shop-item-forecast", mixinStandardHelpOptions = true,
        description = "Backtests baselines and a global gradient-boosted model on daily shop x item sales "
                + "(Predict Future Sales subset).")
public final class DailyShopItemForecast implements Callable<Integer> {
    @Option(names = "--data", description = "Folder with sales_train.csv.gz and items.csv. Default: ${DEFAULT-VALUE}")
    Path data = Path.of("../shared/data/predict_future_sales_subset");

    @Option(names = {"-o", "--output"}, description = "Output folder. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("target/daily-shop-item-forecast");

    @Option(names = "--folds", description = "Backtest origins. Default: ${DEFAULT-VALUE}")
    int folds = 3;

    @Option(names = "--horizon", description = "Days per origin. Default: ${DEFAULT-VALUE}")
    int horizon = 14;

    @Option(names = "--min-active-days", description = "Least days with a sale per series. Default: ${DEFAULT-VALUE}")
    int minActiveDays = 30;

    @Option(names = "--segments", description = "K-Means k of the SKU segments. Default: ${DEFAULT-VALUE}")
    int k = 4;

    @Option(names = "--rounds", description = "Boosting rounds. Default: ${DEFAULT-VALUE}")
    int rounds = 60;

    @Option(names = "--eta", description = "Learning rate. Default: ${DEFAULT-VALUE}")
    double eta = 0.2;

    @Option(names = "--training-origins", description = "Training origins per step. Default: ${DEFAULT-VALUE}")
    int trainingOrigins = 13;

    @Option(names = "--origin-stride", description = "Days between training origins. Default: ${DEFAULT-VALUE}")
    int originStride = 7;

    @Option(names = "--season", description = "Season length of the seasonal lags in days (0: none; 364 is a year "
            + "of whole weeks). Default: ${DEFAULT-VALUE}")
    int season = 364;

    @Option(names = "--threads", description = "Threads. Default: ${DEFAULT-VALUE}")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--seed", description = "Seed. Default: ${DEFAULT-VALUE}")
    long seed = 42;

    @Option(names = "--quiet", description = "No progress bar. Default: ${DEFAULT-VALUE}")
    boolean quiet;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DailyShopItemForecast()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path sales = data.resolve("sales_train.csv.gz");
        if (!Files.exists(sales)) {
            spec.commandLine().getErr().println("Predict Future Sales data not found in " + data + "; pass --data (a "
                    + "folder with the Kaggle 'Predict Future Sales' sales_train.csv.gz and items.csv)");
            return 2;
        }
        long t0 = System.nanoTime();
        Transactions all = CsvPresets.predictFutureSales().build().read(sales);
        boolean[] keep = new boolean[all.entityCount()];
        for (int e = 0; e < keep.length; e++) {
            long days = java.util.stream.IntStream.range(all.entityStart(e), all.entityEnd(e))
                    .mapToLong(all::epochDay).distinct().count();
            keep[e] = days >= minActiveDays;
        }
        Transactions tx = all.filterRows(r -> keep[all.entityOf(r)]);
        if (tx.isEmpty()) {
            spec.commandLine().getErr().println("no shop x item series has " + minActiveDays + " days with a sale");
            return 2;
        }
        Map<String, String> categoryOfItem = itemCategories(data.resolve("items.csv"));
        ForecastPanel.Builder b = ForecastPanel.builder(Period.DAY).transactions(tx, PanelSpec.Measure.QUANTITY)
                .covariate("price", Availability.OBSERVED);
        int unknownCategory = 0;
        for (String id : tx.entityIds()) {
            String shop = id.substring(0, id.indexOf('_'));
            String item = id.substring(id.indexOf('_') + 1);
            String category = categoryOfItem.get(item);
            if (category == null) {
                unknownCategory++;
                category = "not_in_items_csv";
            }
            b.label(id, Level.LOCATION, shop).label(id, Level.SKU, item).label(id, Level.CATEGORY, category);
        }
        ForecastPanel panel = b.build();
        panel = panel.withCovariate(0, forwardFilledPrice(tx, panel));
        out.printf(Locale.ROOT, "%s: %d of %d shop x item series with >= %d sale days (%d items not in items.csv: "
                + "category not_in_items_csv), loaded in %.1f s%n", panel, panel.entityCount(), all.entityCount(),
                minActiveDays, unknownCategory, (System.nanoTime() - t0) / 1e9);

        Backtest backtest = Backtest.builder().folds(folds).horizon(horizon).build();
        int[] origins = backtest.origins(panel.periodCount());
        LocalDate firstOrigin = panel.date(origins[0]);
        out.printf(Locale.ROOT, "Backtest: %d origins x %d days, first origin %s (t = %d of %d)%n", folds, horizon,
                firstOrigin, origins[0], panel.periodCount());
        Map<String, String> segments = segments(tx, firstOrigin, out);
        String[] segmentOf = new String[panel.entityCount()];
        for (int e = 0; e < segmentOf.length; e++) {
            segmentOf[e] = segments.get(panel.entityId(e));
        }

        GradientBoostedForecaster.Builder gb = GradientBoostedForecaster.builder().maxHorizon(horizon)
                .lags(1, 2, 3, 4, 5, 6, 7, 14, 21, 28).rollingWindows(7, 28, 91).scaleWindow(91)
                .seasonLength(season).trainingOrigins(trainingOrigins).originStride(originStride).weightByScale(true)
                .segments(segments).rounds(rounds).maxDepth(6).eta(eta).seed(seed).threads(threads);
        GradientBoostedForecaster gbm = gb.build();
        List<ForecastMethod> methods = List.of(Baseline.naive().withThreads(threads),
                Baseline.seasonalNaive(7).withThreads(threads), Baseline.movingAverage(28).withThreads(threads),
                Baseline.ses().withThreads(threads), Baseline.crostonFitted().withThreads(threads),
                Baseline.sbaFitted().withThreads(threads), gbm);
        BacktestResult result;
        long t1 = System.nanoTime();
        long cpu0 = cpuNanos();
        if (quiet) {
            result = backtest.run(panel, methods);
        } else {
            try (ConsoleProgress progress = new ConsoleProgress()) {
                result = backtest.run(panel, methods, progress);
            }
        }
        out.printf(Locale.ROOT, "Backtest ran in %.1f s (CPU %.1f s, load average %.2f)%n%n",
                (System.nanoTime() - t1) / 1e9, (cpuNanos() - cpu0) / 1e9,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        List<ErrorMetrics> overall = result.overall();
        print(out, "Overall", overall);
        double snaive = find(overall, "seasonal_naive_7").wape();
        double g = find(overall, gbm.name()).wape();
        out.printf(Locale.ROOT, "%nGlobal model WAPE %.4f vs seasonal naive (7 days) %.4f: %.1f%% lower%n", g, snaive,
                100 * (1 - g / snaive));
        List<ErrorMetrics> bySegment = result.byGroup(segmentOf);
        print(out, "Per SKU segment", bySegment);
        List<ErrorMetrics> byClass = result.byDemandClass();
        print(out, "Per demand class (history before the first origin)", byClass);
        StrategyPlan segmentPlan = StrategyPlan.select(bySegment, StrategyPlan.Criterion.WAPE);
        StrategyPlan classPlan = StrategyPlan.select(byClass, StrategyPlan.Criterion.WAPE);
        out.println("\nStrategy plan per SKU segment (lowest WAPE):");
        segmentPlan.explain().forEach(l -> out.println("  " + l));
        out.println("Strategy plan per demand class (lowest WAPE):");
        classPlan.explain().forEach(l -> out.println("  " + l));

        Files.createDirectories(output);
        try (Writer w = Files.newBufferedWriter(output.resolve("backtest_metrics.csv"), StandardCharsets.UTF_8)) {
            w.write("grouping," + ErrorMetrics.csvHeader() + "\n");
            for (ErrorMetrics m : overall) {
                w.write("overall," + m.toCsvRow() + "\n");
            }
            for (ErrorMetrics m : bySegment) {
                w.write("segment," + m.toCsvRow() + "\n");
            }
            for (ErrorMetrics m : byClass) {
                w.write("demand_class," + m.toCsvRow() + "\n");
            }
        }
        try (Writer w = Files.newBufferedWriter(output.resolve("plan_by_segment.txt"), StandardCharsets.UTF_8)) {
            segmentPlan.write(w);
        }
        try (Writer w = Files.newBufferedWriter(output.resolve("plan_by_demand_class.txt"), StandardCharsets.UTF_8)) {
            classPlan.write(w);
        }
        // the last origin's forecasts of the global model (with P10/P50/P90), and charts with seasonal naive beside it
        int lastFold = result.origins().length - 1;
        Forecast gf = result.forecast(result.methods().indexOf(gbm.name()), lastFold);
        Forecast sf = result.forecast(result.methods().indexOf("seasonal_naive_7"), lastFold);
        ForecastTable table = ForecastTable.of(panel, gf, segments);
        table.writeCsv(output.resolve("forecasts_last_origin.csv"));
        table.writeJson(output.resolve("forecasts_last_origin.json"));
        ForecastCharts.actualsVersusForecast(output.resolve("actuals_vs_forecast.png"), panel, List.of(gf, sf),
                segmentOf, 3, 56, 420, 260);
        List<ErrorMetrics> chartRows = new ArrayList<>();
        for (ErrorMetrics m : bySegment) {
            if (m.method().equals(gbm.name()) || m.method().equals("seasonal_naive_7")
                    || m.method().equals("sba_fitted") || m.method().equals("moving_average_28")) {
                chartRows.add(m);
            }
        }
        ForecastCharts.errorBySegment(output.resolve("wape_by_segment.png"), chartRows, ErrorMetrics::wape, "WAPE",
                900, 450);
        out.printf(Locale.ROOT, "%nWrote backtest_metrics.csv, plan_by_segment.txt, plan_by_demand_class.txt, "
                + "forecasts_last_origin.csv/.json (global model, %d rows), actuals_vs_forecast.png and wape_by_segment.png to %s%n",
                table.rows().size(), output);
        return 0;
    }

    /** Last price seen on or before each day (mean unit price of that day's rows), NaN before the first sale. */
    static double[] forwardFilledPrice(Transactions tx, ForecastPanel panel) {
        int periods = panel.periodCount();
        double[] sum = new double[panel.entityCount() * periods];
        int[] n = new int[sum.length];
        Map<String, Integer> index = new HashMap<>();
        for (int e = 0; e < panel.entityCount(); e++) {
            index.put(panel.entityId(e), e);
        }
        for (int e = 0; e < tx.entityCount(); e++) {
            int pe = index.get(tx.entityId(e));
            for (int r = tx.entityStart(e); r < tx.entityEnd(e); r++) {
                double q = tx.quantity(r);
                if (q == 0) {
                    continue;
                }
                int t = Period.DAY.index(tx.epochDay(r)) - panel.firstPeriod();
                sum[pe * periods + t] += tx.amount(r) / q;
                n[pe * periods + t]++;
            }
        }
        double[] out = new double[sum.length];
        for (int e = 0; e < panel.entityCount(); e++) {
            double last = Double.NaN;
            for (int t = 0; t < periods; t++) {
                int i = e * periods + t;
                if (n[i] > 0) {
                    last = sum[i] / n[i];
                }
                out[i] = last;
            }
        }
        return out;
    }

    private static ErrorMetrics find(List<ErrorMetrics> rows, String method) {
        for (ErrorMetrics m : rows) {
            if (m.method().equals(method)) {
                return m;
            }
        }
        throw new IllegalStateException("no row for " + method);
    }

    private static void print(PrintWriter out, String title, List<ErrorMetrics> rows) {
        out.println(title + ":");
        out.printf(Locale.ROOT, "  %-16s %-20s %6s %8s %8s %8s %8s %8s%n", "group", "method", "series", "WAPE", "MASE",
                "RMSSE", "R2", "bias");
        for (ErrorMetrics m : rows) {
            out.printf(Locale.ROOT, "  %-16s %-20s %6d %8.4f %8.4f %8.4f %8.4f %+8.4f%n", m.group(), m.method(),
                    m.series(), m.wape(), m.mase(), m.rmsse(), m.r2(), m.bias());
        }
    }

    /** K-Means SKU segments on weekly mean, CV and trend of the days before {@code firstOrigin}. */
    private Map<String, String> segments(Transactions tx, LocalDate firstOrigin, PrintWriter out) {
        Transactions history = tx.between(Instant.EPOCH, firstOrigin.atStartOfDay().toInstant(ZoneOffset.UTC));
        Map<String, String> result = new HashMap<>();
        for (String id : tx.entityIds()) {
            result.put(id, "unsegmented");
        }
        FitContext ctx = FitContext.seeded(seed).withThreads(threads);
        Transactions el = Eligibility.none().minActivePeriods(Period.WEEK, 8).apply(history, ctx).eligible();
        if (el.entityCount() < 2 * k) {
            out.printf(Locale.ROOT, "SKU segments: only %d series with 8 active weeks before %s; all unsegmented%n",
                    el.entityCount(), firstOrigin);
            return result;
        }
        PanelSpec weekly = PanelSpec.of(Period.WEEK).withMeasure(PanelSpec.Measure.QUANTITY);
        FeatureTable f = Features.demandStats(weekly).extract(el, ctx).join(Features.trend(weekly).extract(el, ctx))
                .select(List.of("mean", "cv", "trend_ratio"));
        SegmentationModel model = Segmenter.builder().scaling(Scaling.robust().log1p("mean"))
                .clusterer(KMeans.builder().k(k).nInit(10)).seed(seed).build().fit(f);
        List<String> ids = model.entityIds();
        int[] labels = model.labels();
        int[] sizes = new int[k];
        for (int i = 0; i < ids.size(); i++) {
            result.put(ids.get(i), "segment_" + labels[i]);
            sizes[labels[i]]++;
        }
        out.printf(Locale.ROOT, "SKU segments (K-Means k = %d on %d series, history before %s): sizes %s; %d series "
                + "unsegmented%n", k, ids.size(), firstOrigin, Arrays.toString(sizes), tx.entityCount() - ids.size());
        return result;
    }

    /** item_id -> item_category_id from items.csv (quoted names may hold commas: the last two fields are read). */
    private static Map<String, String> itemCategories(Path items) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.exists(items)) {
            return out;
        }
        List<String> lines = Files.readAllLines(items, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            int c2 = l.lastIndexOf(',');
            int c1 = c2 < 0 ? -1 : l.lastIndexOf(',', c2 - 1);
            if (c1 < 0) {
                throw new IOException(items + " row " + (i + 1) + ": expected item_name,item_id,item_category_id but "
                        + "was: " + l);
            }
            out.put(l.substring(c1 + 1, c2).trim(), l.substring(c2 + 1).trim());
        }
        return out;
    }

    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return 0;
    }
}
