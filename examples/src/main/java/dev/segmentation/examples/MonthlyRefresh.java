package dev.segmentation.examples;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Features;
import dev.segmentation.features.Rfm;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.io.CsvWriter;
import dev.segmentation.io.SegmentationModels;
import dev.segmentation.refresh.RefreshPolicy;
import dev.segmentation.refresh.RollingRefresh;
import dev.segmentation.refresh.WarmStart;
import dev.segmentation.refresh.RollingRefresh.Strategy;
import dev.segmentation.refresh.RollingRefresh.WindowResult;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.Archetype;
import dev.segmentation.sim.RetailSimulator;
import dev.segmentation.sim.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Seed 002's "monitor segment migration monthly" as a rolling evaluation of refresh strategies on UCI Online Retail:
 * RFM segments on windows of {@code --months} months shifted by {@code --shift} months; on every window after the
 * first, four strategies (cold refit, warm refit, warm refit with hysteresis, and the refresh policy deciding
 * between re-scoring with the saved model and a warm refit) each score the window with their saved model (written
 * to a model file and read back, with its refresh baseline inside) and report the migration split into behaviour
 * change and model change, the inertia against a cold refit and the per-segment bootstrap Jaccard, under stable
 * segment IDs and names throughout. Then the same on the retail simulator, whose archetype switches are known, with
 * the precision and recall of detected behaviour change. Also writes causes.csv (the Lloyd path of the bounded refits
 * in the saved model's and the new window's scaled space: model change and inertia per iteration) and gmm.csv
 * (warm-started against cold Gaussian mixtures: mean log-likelihood and model change). Writes rolling.csv,
 * rates.png, simulator.csv and simulator-rates.png.
 */
@Command(name = "monthly-refresh", mixinStandardHelpOptions = true,
        description = "Rolling evaluation of cold, warm and policy-driven refreshes of Online Retail segments.")
public final class MonthlyRefresh implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, description = "Online Retail CSV (gzip allowed). Default: ${DEFAULT-VALUE}")
    Path input = Path.of("examples/data/online_retail.csv.gz");

    @Option(names = {"-k", "--segments"}, description = "Number of segments. Default: ${DEFAULT-VALUE}")
    int k = 5;

    @Option(names = "--start", description = "First window start (inclusive). Default: ${DEFAULT-VALUE}")
    LocalDate start = LocalDate.of(2010, 12, 1);

    @Option(names = "--months", description = "Window length in months. Default: ${DEFAULT-VALUE}")
    int months = 9;

    @Option(names = "--shift", description = "Months between consecutive windows. Default: ${DEFAULT-VALUE}")
    int shift = 1;

    @Option(names = "--shift-weeks", description = "Weeks between consecutive windows instead of --shift months "
            + "(0: use --shift). Default: ${DEFAULT-VALUE}")
    int shiftWeeks = 0;

    @Option(names = "--inertia-budget", description = "Bounded refits: relative inertia allowance above a cold refit. "
            + "Default: ${DEFAULT-VALUE}")
    double inertiaBudget = 0.02;

    @Option(names = "--change-budget", description = "BOUNDED_CHANGE refits: the largest model-change rate; the "
            + "least inertia under it is taken and its cost against a cold refit reported. Default: ${DEFAULT-VALUE}")
    double changeBudget = 0.05;

    @Option(names = "--no-gmm", description = "Skip the comparison of warm-started and cold Gaussian mixtures "
            + "(log-likelihood, model change).")
    boolean noGmm;

    @Option(names = "--windows", description = "Windows wanted (fewer when the data ends). Default: ${DEFAULT-VALUE}")
    int windows = 12;

    @Option(names = "--resamples", description = "Bootstrap resamples per window and strategy (0: none). "
            + "Default: ${DEFAULT-VALUE}")
    int resamples = 20;

    @Option(names = "--hysteresis", description = "Squared-distance gain a warm+hysteresis move must exceed. "
            + "Default: ${DEFAULT-VALUE}")
    double hysteresis = 0.1;

    @Option(names = "--max-psi", description = "Policy: refit from this PSI of a feature. Default: ${DEFAULT-VALUE}")
    double maxPsi = 0.25;

    @Option(names = "--max-ks", description = "Policy: refit from this KS statistic of a feature. "
            + "Default: ${DEFAULT-VALUE}")
    double maxKs = 0.2;

    @Option(names = "--max-quality-loss", description = "Policy: refit from this relative rise of the saved model's "
            + "mean squared distance to the nearest centre. Default: ${DEFAULT-VALUE}")
    double maxQualityLoss = 0.2;

    @Option(names = "--seed", description = "Seed. Default: ${DEFAULT-VALUE}")
    long seed = 42;

    @Option(names = "--simulator-entities", description = "Simulated customers (0 skips the simulator). "
            + "Default: ${DEFAULT-VALUE}")
    int simEntities = 1500;

    @Option(names = "--simulator-window-weeks", description = "Simulator window length in weeks. "
            + "Default: ${DEFAULT-VALUE}")
    int simWindowWeeks = 26;

    @Option(names = "--simulator-shift-weeks", description = "Weeks between simulator windows (and between archetype "
            + "switch dates). Default: ${DEFAULT-VALUE}")
    int simShiftWeeks = 26;

    @Option(names = {"-o", "--output"}, description = "Output folder. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("target/monthly-refresh");

    public static void main(String[] args) {
        System.exit(new CommandLine(new MonthlyRefresh()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(output);
        Transactions all = CsvPresets.onlineRetail().build().read(input);
        LocalDate end = LocalDate.ofEpochDay(Math.floorDiv(all.maxEpochSecond(), 86_400L) + 1);
        List<String> names = new ArrayList<>();
        List<Transactions> ws = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            LocalDate s = shiftWeeks > 0 ? start.plusWeeks((long) i * shiftWeeks) : start.plusMonths((long) i * shift);
            LocalDate e = s.plusMonths(months);
            if (e.isAfter(end)) {
                break;
            }
            names.add(s + ".." + e.minusDays(1));
            ws.add(all.between(s.atStartOfDay().toInstant(ZoneOffset.UTC), e.atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        System.out.printf(Locale.ROOT, "Online Retail: %,d rows up to %s; %d windows of %d months shifted by %s "
                + "fit in the data%s%n", all.size(), end.minusDays(1), ws.size(), months,
                shiftWeeks > 0 ? shiftWeeks + " weeks" : shift + " month(s)",
                ws.size() < windows ? " (asked for " + windows + ": the data ends)" : "");
        if (ws.size() < 2) {
            System.out.println("Fewer than 2 windows: nothing to compare; use shorter or fewer-shifted windows");
            return 1;
        }
        Path modelFile = output.resolve("saved.model.json");
        RollingRefresh rolling = RollingRefresh.builder().k(k).resamples(resamples).hysteresis(hysteresis)
                .inertiaBudget(inertiaBudget).changeBudget(changeBudget).policy(policy()).seed(seed)
                .pipeline(this::segmenter)
                .roundTrip(m -> saveAndLoad(m, modelFile)).build();
        Map<Strategy, List<WindowResult>> res = rolling.run(names, ws);
        report("Online Retail", names, res, null, output.resolve("rolling.csv"), output.resolve("rates.png"));
        causes(names, res, output.resolve("causes.csv"));
        if (!noGmm) {
            mixtures(names, ws, output.resolve("gmm.csv"));
        }

        if (simEntities > 0) {
            simulator();
        }
        return 0;
    }

    /** The retail simulator: half-year windows back to back, with archetype switches between them. */
    private void simulator() throws IOException {
        if (simWindowWeeks < 1 || simShiftWeeks < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--simulator-window-weeks and "
                    + "--simulator-shift-weeks must be >= 1 but were " + simWindowWeeks + " and " + simShiftWeeks);
        }
        int len = simWindowWeeks;
        int shiftW = simShiftWeeks;
        int n = 6;
        Archetype[] arch = {Archetype.STEADY, Archetype.INTERMITTENT, Archetype.BULK};
        Simulation sim = RetailSimulator.builder().seed(seed).entities(simEntities).weeks(len + shiftW * (n - 1))
                .archetypes(arch).switches(0.1, shiftW).build().simulate();
        LocalDate s0 = LocalDate.of(2022, 1, 3);
        List<String> names = new ArrayList<>();
        List<Transactions> ws = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            LocalDate a = s0.plusWeeks((long) t * shiftW);
            LocalDate b = a.plusWeeks(len);
            names.add(a + ".." + b.minusDays(1));
            ws.add(sim.transactions().between(a.atStartOfDay().toInstant(ZoneOffset.UTC),
                    b.atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        System.out.printf(Locale.ROOT, "%nRetail simulator: %,d customers (steady, intermittent, bulk), %d windows of "
                + "%d weeks shifted by %d weeks; each customer switches archetype with probability 0.1 every %d weeks "
                + "(truth: the archetype in the last week of the two windows differs)%n", simEntities, n, len, shiftW,
                shiftW);
        Path modelFile = output.resolve("simulator.model.json");
        Supplier<Segmenter.Builder> pipeline = () -> Segmenter.builder().features(Features.rfm())
                .select(List.of(Rfm.FREQUENCY_ORDERS, Rfm.AVG_ORDER_VALUE))
                .scaling(Scaling.robust().log1p(Rfm.FREQUENCY_ORDERS, Rfm.AVG_ORDER_VALUE)).seed(seed);
        Map<Strategy, List<WindowResult>> res = RollingRefresh.builder().k(3).resamples(resamples).policy(policy())
                .hysteresis(hysteresis).inertiaBudget(inertiaBudget).changeBudget(changeBudget).seed(seed)
                .pipeline(pipeline)
                .roundTrip(m -> saveAndLoad(m, modelFile))
                .build().run(names, ws);
        report("Simulator", names, res, (r, ids) -> {
            int t = r.window();
            Set<String> truth = new HashSet<>();
            for (String id : ids) {
                int e = Integer.parseInt(id.substring(1));
                if (sim.archetypeAt(e, (t - 1) * shiftW + len - 1) != sim.archetypeAt(e, t * shiftW + len - 1)) {
                    truth.add(id);
                }
            }
            return truth;
        }, output.resolve("simulator.csv"), output.resolve("simulator-rates.png"));
    }

    /** The true behaviour changes among the entities of a window's migration. */
    private interface Truth {
        Set<String> changed(WindowResult r, List<String> ids);
    }

    private void report(String title, List<String> names, Map<Strategy, List<WindowResult>> res, Truth truth,
            Path csv, Path png) throws IOException {
        System.out.printf(Locale.ROOT, "%n%s: per window and strategy (rates of the customers in both windows; "
                + "inertia of the partition / a cold refit's, in the cold refit's space)%n", title);
        System.out.printf(Locale.ROOT, "%-24s %-16s %-8s %8s %8s %8s %8s %8s %8s %9s%s%n", "window", "strategy",
                "action", "shared", "behav%", "model%", "ownMod%", "moved%", "minJacc", "inertia", truth == null ? ""
                        : "  precision recall");
        List<List<?>> rows = new ArrayList<>();
        Map<String, double[]> series = new LinkedHashMap<>();
        int nw = names.size() - 1;
        for (Strategy s : Strategy.values()) {
            series.put(s + " behaviour", new double[nw]);
            series.put(s + " model", new double[nw]);
        }
        for (int t = 1; t < names.size(); t++) {
            for (Strategy s : Strategy.values()) {
                WindowResult r = res.get(s).get(t - 1);
                String action = r.decision() != null ? r.decision().action().name().toLowerCase(Locale.ROOT)
                        : s == Strategy.COLD ? "cold" : r.refit() != null ? r.refit().chosen().path()
                                + (r.refit().chosen().path().equals("lloyd") ? "" + r.refit().chosen().step()
                                        : "@" + r.refit().chosen().step() + "/16")
                                : "warm";
                String pr = "";
                double precision = Double.NaN;
                double recall = Double.NaN;
                if (truth != null) {
                    Set<String> tr = truth.changed(r, r.migration().entityIds());
                    Set<String> det = new HashSet<>(r.migration().behaviourChanged());
                    long tp = det.stream().filter(tr::contains).count();
                    precision = det.isEmpty() ? 1.0 : tp / (double) det.size();
                    recall = tr.isEmpty() ? 1.0 : tp / (double) tr.size();
                    pr = String.format(Locale.ROOT, "  %9.3f %6.3f", precision, recall);
                }
                System.out.printf(Locale.ROOT, "%-24s %-16s %-8s %8d %8.2f %8.2f %8.2f %8.2f %8.3f %9.4f%s%n",
                        names.get(t), s, action, r.migration().shared(), 100 * r.migration().behaviourRate(),
                        100 * r.migration().modelRate(), 100 * r.ownModelRate(), 100 * r.migration().movedRate(),
                        r.minJaccard(), r.inertiaRatio(), pr);
                rows.add(List.of(names.get(t), s.name(), action, r.migration().shared(),
                        r.migration().behaviourRate(), r.migration().modelRate(), r.ownModelRate(),
                        r.migration().movedRate(),
                        r.minJaccard(), r.inertia(), r.coldInertia(), r.inertiaRatio(), r.jaccardById().toString(),
                        precision, recall));
                if (series.containsKey(s + " behaviour")) {
                    series.get(s + " behaviour")[t - 1] = 100 * r.migration().behaviourRate();
                    series.get(s + " model")[t - 1] = 100 * r.migration().modelRate();
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%s, policy-driven refresh, per window (stable IDs and names):%n", title);
        for (WindowResult r : res.get(Strategy.POLICY)) {
            System.out.println(names.get(r.window()) + ":");
            for (String line : r.decision().lines()) {
                System.out.println("  " + line);
            }
            for (String sentence : r.migration().sentences(r.namesById(), "customers")) {
                System.out.println("  " + sentence);
            }
        }
        CsvWriter.defaults().writeTable(csv, List.of("window", "strategy", "action", "shared", "behaviour_rate",
                "model_rate", "own_prediction_model_rate", "moved_rate", "min_jaccard", "inertia", "cold_inertia", "inertia_ratio",
                "jaccard_by_id", "precision", "recall"), rows);
        RefreshChart.rates(png, title + ": behaviour change (solid) and model change (dashed)",
                names.subList(1, names.size()), series);
        System.out.printf(Locale.ROOT, "Wrote %s and %s%n", csv, png);
    }

    /**
     * Why warm refits change the model, per transition: the Lloyd path from the saved centres in the saved model's
     * space (scaler kept: iteration 0 changes nobody) and in the new window's space (iteration 0 is the re-scaling
     * alone), with the model change and inertia against a cold refit at each iteration; and the warm refit's model
     * change per previous segment.
     */
    private void causes(List<String> names, Map<Strategy, List<WindowResult>> res, Path csv) throws IOException {
        List<List<?>> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%nCauses of model change (Lloyd path from each bounded chain's saved centres; "
                + "kept = the saved model's scaler, rescaled = the new window's):%n");
        for (Strategy s : List.of(Strategy.BOUNDED, Strategy.BOUNDED_RESCALED)) {
            for (WindowResult r : res.get(s)) {
                StringBuilder line = new StringBuilder();
                for (dev.segmentation.refresh.BoundedRefit.Candidate c : r.refit().lloydPath()) {
                    rows.add(List.of(names.get(r.window()), s == Strategy.BOUNDED ? "kept" : "rescaled", c.step(),
                            c.changeRate(), c.inertiaRatio()));
                    int last = r.refit().lloydPath().size() - 1;
                    if (c.step() <= 2 || c.step() == 5 || c == r.refit().lloydPath().get(last)) {
                        line.append(String.format(Locale.ROOT, "  it %d: %.2f%% / %.4f", c.step(),
                                100 * c.changeRate(), c.inertiaRatio()));
                    }
                }
                System.out.printf(Locale.ROOT, "%-24s %-8s%s%n", names.get(r.window()),
                        s == Strategy.BOUNDED ? "kept" : "rescaled", line);
            }
        }
        System.out.println("New structure: the cold refit's clusters against the BOUNDED chain's saved model's "
                + "prediction (customers in both windows; cold refit's own labels):");
        for (WindowResult r : res.get(Strategy.BOUNDED)) {
            List<String> ev = r.coldStructure().lines();
            System.out.printf(Locale.ROOT, "%-24s %s%n", names.get(r.window()),
                    ev.isEmpty() ? "no birth, death, split or merge" : String.join("; ", ev));
        }
        System.out.println("Warm refit (rescaled, Lloyd to convergence): model change per previous segment "
                + "(moved / present):");
        for (WindowResult r : res.get(Strategy.WARM)) {
            StringBuilder line = new StringBuilder();
            for (dev.segmentation.refresh.DecomposedMigration.SegmentSplit sp : r.migration().segments()) {
                line.append(String.format(Locale.ROOT, "  %d: %d/%d", sp.segment(), sp.modelOnly() + sp.both() + sp.returned(),
                        sp.present()));
            }
            System.out.printf(Locale.ROOT, "%-24s%s%n", names.get(r.window()), line);
        }
        CsvWriter.defaults().writeTable(csv, List.of("window", "space", "lloyd_iteration", "model_rate",
                "inertia_ratio"), rows);
    }

    /**
     * Gaussian mixtures (k components, diagonal covariances) per window: a cold fit (3 k-means++ restarts) and a
     * warm fit from the previous window's warm mixture ({@link WarmStart#gaussianMixture}, mapped through the new
     * scaling); mean log-likelihood per customer of each in the new window's scaled space, and the warm fit's
     * model change (the previous mixture's prediction on the new window against the warm fit's label, component
     * identity kept, over customers in both windows).
     */
    private void mixtures(List<String> names, List<Transactions> ws, Path csv) throws IOException {
        Supplier<Segmenter.Builder> cold = () -> segmenter().clusterer(GaussianMixture.builder().k(k).nInit(3)
                .covarianceType(GaussianMixture.CovarianceType.DIAG).build());
        SegmentationModel prev = cold.get().build().fit(ws.get(0));
        List<List<?>> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%nGaussian mixtures (k %d, diagonal): mean log-likelihood per customer, cold "
                + "fit vs warm fit from the previous window's warm mixture%n", k);
        for (int t = 1; t < ws.size(); t++) {
            SegmentationModel c = cold.get().build().fit(ws.get(t));
            SegmentationModel w = segmenter().clusterer(WarmStart.gaussianMixture(prev, c.scaler()).build()).build()
                    .fit(ws.get(t));
            double llCold = mean(((GaussianMixtureModel) c.clusterModel()).trainingLogLikelihoods());
            double llWarm = mean(((GaussianMixtureModel) w.clusterModel()).trainingLogLikelihoods());
            SegmentAssignments scored = prev.predict(ws.get(t));
            Map<String, Integer> before = new java.util.HashMap<>();
            for (int i = 0; i < prev.entityIds().size(); i++) {
                before.put(prev.entityIds().get(i), prev.labels()[i]);
            }
            Map<String, Integer> predicted = new java.util.HashMap<>();
            for (int i = 0; i < scored.entityIds().size(); i++) {
                predicted.put(scored.entityIds().get(i), scored.labels()[i]);
            }
            long shared = 0;
            long changed = 0;
            for (int i = 0; i < w.entityIds().size(); i++) {
                String id = w.entityIds().get(i);
                Integer p = predicted.get(id);
                if (before.containsKey(id) && p != null) {
                    shared++;
                    if (p != w.labels()[i]) {
                        changed++;
                    }
                }
            }
            double rate = shared == 0 ? 0 : changed / (double) shared;
            System.out.printf(Locale.ROOT, "%-24s cold %.4f  warm %.4f  (warm - cold %+.4f)  warm model change "
                    + "%.2f%% of %d%n", names.get(t), llCold, llWarm, llWarm - llCold, 100 * rate, shared);
            rows.add(List.of(names.get(t), llCold, llWarm, llWarm - llCold, rate, shared));
            prev = w;
        }
        CsvWriter.defaults().writeTable(csv, List.of("window", "cold_mean_loglik", "warm_mean_loglik",
                "warm_minus_cold", "warm_model_rate", "shared"), rows);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private RefreshPolicy policy() {
        return RefreshPolicy.builder().maxPsi(maxPsi).maxKs(maxKs).maxQualityLoss(maxQualityLoss).build();
    }

    private Segmenter.Builder segmenter() {
        return Segmenter.builder()
                .features(Rfm.builder().cancelledOrderPrefix("C").build())
                .scaling(Scaling.robust().log1p("frequency_orders", "monetary", "avg_order_value"))
                .namer(dev.segmentation.EffectSizeNamer.rfm())
                .seed(seed);
    }

    private static SegmentationModel saveAndLoad(SegmentationModel m, Path file) {
        try {
            SegmentationModels.write(m, file);
            return SegmentationModels.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
