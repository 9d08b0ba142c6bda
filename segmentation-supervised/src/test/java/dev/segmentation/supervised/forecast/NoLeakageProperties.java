package dev.segmentation.supervised.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.segmentation.features.Period;
import dev.segmentation.supervised.forecast.ForecastPanel.Availability;
import dev.segmentation.supervised.forecast.ForecastPanel.Level;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The no-leakage contract of {@link ForecastMethod}: changing demand or observed covariates at or after the origin, or
 * known covariates at or after origin + horizon, leaves every forecast (point and quantiles) unchanged, bit for bit.
 */
class NoLeakageProperties {
    static final int ENTITIES = 6;
    static final int PERIODS = 40;

    static ForecastPanel panel(long seed) {
        Random r = new Random(seed);
        ForecastPanel.Builder b = ForecastPanel.builder(Period.WEEK)
                .covariate("promo", Availability.KNOWN_IN_ADVANCE)
                .covariate("temperature", Availability.OBSERVED);
        LocalDate d0 = LocalDate.of(2023, 1, 2);
        for (int e = 0; e < ENTITIES; e++) {
            String id = "s" + e;
            b.label(id, Level.LOCATION, "store" + (e % 2)).label(id, Level.CATEGORY, "dept" + (e % 3));
            double level = 5 + 20 * r.nextDouble();
            for (int t = 0; t < PERIODS; t++) {
                boolean zero = e == 5 && r.nextDouble() < 0.6; // one intermittent series
                double promo = r.nextDouble() < 0.2 ? 1 : 0;
                b.add(id, d0.plusWeeks(t), zero ? 0 : Math.max(0, level * (1 + 0.3 * Math.sin(t / 3.0)) + 4 * promo
                        + r.nextGaussian()));
                b.covariateValue("promo", id, d0.plusWeeks(t), promo);
                b.covariateValue("temperature", id, d0.plusWeeks(t), 10 + 5 * r.nextGaussian());
            }
        }
        return b.build();
    }

    static List<ForecastMethod> methods() {
        return List.of(Baseline.naive(), Baseline.seasonalNaive(4), Baseline.movingAverage(3), Baseline.ses(),
                Baseline.holtWinters(4), Baseline.croston(0.1), Baseline.sba(0.1),
                GradientBoostedForecaster.builder().lags(1, 2, 4).seasonLength(8).maxHorizon(4).rollingWindows(3, 8)
                        .scaleWindow(8).trainingOrigins(10).rounds(15).maxDepth(3).eta(0.3)
                        .segments(Map.of("s0", "a", "s1", "a", "s2", "b", "s3", "b", "s4", "c", "s5", "c"))
                        .log1p(true).build(),
                GradientBoostedForecaster.builder().lags(1, 2, 4).seasonLength(8).maxHorizon(4).rollingWindows(3, 8)
                        .scaleWindow(8).trainingOrigins(10).rounds(15).maxDepth(3).eta(0.3).name("gbm_all_options")
                        .seasonalNeighbourhood(2).seasonalGrowthWindows(2, 4).seasonalCovariates(true)
                        .easterFeatures(true).weightByScale(true).build(),
                Baseline.holtWintersMultiplicative(4), Baseline.crostonFitted(), Baseline.sbaFitted());
    }

    @Property(tries = 10)
    void changingTheFutureLeavesTheForecastUnchanged(@ForAll long seed, @ForAll @IntRange(min = 14, max = 34) int origin,
            @ForAll @IntRange(min = 1, max = 4) int horizon) {
        ForecastPanel p = panel(seed);
        Random r = new Random(seed + 1);
        double[] y = p.values();
        double[] promo = new double[y.length];
        double[] temp = new double[y.length];
        for (int e = 0; e < ENTITIES; e++) {
            for (int t = 0; t < PERIODS; t++) {
                int i = e * PERIODS + t;
                y[i] = t >= origin ? 1000 * r.nextGaussian() : y[i];
                promo[i] = t >= origin + horizon ? r.nextInt(5) : p.covariate(0, e, t);
                temp[i] = t >= origin ? Double.NaN : p.covariate(1, e, t);
            }
        }
        ForecastPanel changed = p.withValues(y).withCovariate(0, promo).withCovariate(1, temp);
        for (ForecastMethod m : methods()) {
            Forecast a = m.forecast(p, origin, horizon);
            Forecast b = m.forecast(changed, origin, horizon);
            assertArrayEquals(a.points(), b.points(), m.name());
            for (int q = 0; q < a.quantileLevels().length; q++) {
                assertArrayEquals(a.quantiles(q), b.quantiles(q), m.name() + " quantile " + q);
            }
        }
    }
}
