package dev.segmentation.benchmarks.forecast;

import dev.segmentation.features.Period;
import dev.segmentation.supervised.forecast.Forecast;
import dev.segmentation.supervised.forecast.ForecastPanel;
import dev.segmentation.supervised.forecast.ForecastPanel.Availability;
import dev.segmentation.supervised.forecast.ForecastPanel.Level;
import dev.segmentation.supervised.forecast.GradientBoostedForecaster;
import dev.segmentation.supervised.forecast.GradientBoostedModel;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Random;

/**
 * Scale run of the global forecaster (a main program, not a JMH benchmark): simulated weekly demand for
 * {@code series} entities x {@code weeks} weeks (default 100,000 x 104), then
 * <ol>
 *   <li>the panel build (100 stores, 50 categories, a known-in-advance promotion flag);</li>
 *   <li>feature building at full size: a fit at origin {@code weeks - 13} with one boosting round, whose feature
 *   time the model reports ({@link GradientBoostedModel#featureBuildNanos()}); the one-round engine time is mostly
 *   XGBoost's matrix build and quantile sketch;</li>
 *   <li>training: a fit with {@code rounds} rounds on every {@code trainEvery}-th series (default every 10th:
 *   10,000 series), features and engine timed apart;</li>
 *   <li>forecasting throughput: that model forecasts 13 weeks (P10/P50/P90) for every series of the full panel.</li>
 * </ol>
 * Each stage prints wall time, process CPU time (all threads, XGBoost's native ones included) and the load
 * average: on a shared machine CPU time says how much of the cores the run got.
 *
 * <p>Arguments (all optional, {@code name=value}): {@code series}, {@code weeks}, {@code trainEvery},
 * {@code rounds}, {@code trainingOrigins}, {@code threads}, {@code seed}.
 */
public final class ForecastScaleRun {
    private ForecastScaleRun() {
    }

    public static void main(String[] args) {
        int series = 100_000;
        int weeks = 104;
        int trainEvery = 10;
        int rounds = 60;
        int trainingOrigins = 4;
        int threads = 2;
        long seed = 42;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            int v = kv.length == 2 && !kv[0].equals("seed") ? Integer.parseInt(kv[1]) : 0;
            switch (kv[0]) {
                case "series" -> series = v;
                case "weeks" -> weeks = v;
                case "trainEvery" -> trainEvery = v;
                case "rounds" -> rounds = v;
                case "trainingOrigins" -> trainingOrigins = v;
                case "threads" -> threads = v;
                case "seed" -> seed = Long.parseLong(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        System.out.printf(Locale.ROOT, "ForecastScaleRun: %d series x %d weeks, train on every %d-th, %d rounds, "
                + "%d training origins x 13 steps, %d threads, JDK %s, %d processors%n", series, weeks, trainEvery,
                rounds, trainingOrigins, threads, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        Stage st = new Stage("panel build");
        ForecastPanel panel = simulate(series, weeks, seed);
        st.end(String.format(Locale.ROOT, "%d cells", (long) series * weeks));

        int origin = weeks - 13;
        GradientBoostedForecaster.Builder b = GradientBoostedForecaster.builder().maxHorizon(13).seasonLength(52)
                .lags(1, 2, 3, 4, 8, 13, 26).rollingWindows(4, 13, 52).trainingOrigins(trainingOrigins)
                .originStride(4).weightByScale(true).seasonalGrowthWindows(4, 13).eta(0.2).maxDepth(6).seed(seed)
                .threads(threads);
        st = new Stage("features, full size (1 round)");
        try (GradientBoostedModel m = b.rounds(1).build().fit(panel, origin)) {
            st.end(String.format(Locale.ROOT, "%d rows x %d features; features %.1f s (%.0f rows/s), engine %.1f s",
                    m.trainingRows(), m.featureNames().size(), m.featureBuildNanos() / 1e9,
                    m.trainingRows() / (m.featureBuildNanos() / 1e9), m.trainingNanos() / 1e9));
        }
        int[] sub = new int[(series + trainEvery - 1) / trainEvery];
        for (int i = 0; i < sub.length; i++) {
            sub[i] = i * trainEvery;
        }
        ForecastPanel train = panel.subset(sub);
        st = new Stage("training (" + sub.length + " series, " + rounds + " rounds)");
        GradientBoostedModel model = b.rounds(rounds).build().fit(train, origin);
        st.end(String.format(Locale.ROOT, "%d rows; features %.1f s, engine %.1f s", model.trainingRows(),
                model.featureBuildNanos() / 1e9, model.trainingNanos() / 1e9));
        st = new Stage("forecast (" + series + " series x 13 weeks)");
        Forecast f = model.forecast(panel, 13);
        double wall = st.end("");
        System.out.printf(Locale.ROOT, "  throughput %.0f series/s, %.0f series-steps/s (P10/P50/P90 each)%n",
                series / wall, series * 13.0 / wall);
        double sum = 0;
        for (double v : f.points()) {
            sum += v;
        }
        System.out.printf(Locale.ROOT, "  checksum of point forecasts %.6e%n", sum);
        model.close();
    }

    /** Weekly demand: level x (1 + yearly season) x trend + noise; a fifth of the series intermittent. */
    static ForecastPanel simulate(int series, int weeks, long seed) {
        Random r = new Random(seed);
        LocalDate d0 = LocalDate.of(2022, 1, 3);
        ForecastPanel.Builder b = ForecastPanel.builder(Period.WEEK).covariate("promo",
                Availability.KNOWN_IN_ADVANCE);
        double[] promo = new double[series * weeks];
        for (int e = 0; e < series; e++) {
            String id = "s" + e;
            b.label(id, Level.LOCATION, "store" + (e / 10) % 100).label(id, Level.CATEGORY, "cat" + (e / 7) % 50);
            double level = Math.exp(2 + 1.5 * r.nextGaussian());
            double amp = 0.5 * r.nextDouble();
            double phase = 2 * Math.PI * r.nextDouble();
            double trend = 0.004 * r.nextGaussian();
            boolean intermittent = r.nextDouble() < 0.2;
            for (int t = 0; t < weeks; t++) {
                boolean p = r.nextDouble() < 0.1;
                promo[e * weeks + t] = p ? 1 : 0;
                double mu = level * (1 + amp * Math.sin(2 * Math.PI * t / 52 + phase)) * (1 + trend * t)
                        * (p ? 1.3 : 1);
                double v = intermittent ? (r.nextDouble() < 0.3 ? Math.round(mu * (1 + 0.3 * r.nextGaussian())) : 0)
                        : mu * (1 + 0.15 * r.nextGaussian());
                b.add(id, d0.plusWeeks(t), Math.max(0, v));
            }
        }
        return b.build().withCovariate(0, promo);
    }

    /** Wall time, process CPU time and load average of one stage. */
    private static final class Stage {
        private final String name;
        private final long wall0 = System.nanoTime();
        private final long cpu0 = cpu();

        Stage(String name) {
            this.name = name;
        }

        double end(String detail) {
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (cpu() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "%-45s wall %8.1f s  CPU %8.1f s  load %5.2f  %s%n", name, wall, cpu,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), detail);
            return wall;
        }

        private static long cpu() {
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean
                    ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
        }
    }
}
