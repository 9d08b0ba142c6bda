package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class FeatureProperties {
    private static final LocalDate MONDAY = LocalDate.of(2020, 1, 6);

    static Panel weekly(double[]... series) {
        Panel.RowsBuilder b = Panel.rowsBuilder(PanelSpec.of(Period.WEEK));
        for (int e = 0; e < series.length; e++) {
            for (int i = 0; i < series[e].length; i++) {
                b.add("e" + e, MONDAY.plusWeeks(i), series[e][i]);
            }
        }
        return b.build();
    }

    @Provide
    Arbitrary<double[]> series() {
        return Arbitraries.doubles().between(-50, 1000).ofScale(3).array(double[].class).ofMinSize(1).ofMaxSize(160);
    }

    @Provide
    Arbitrary<double[]> longSeries() {
        return Arbitraries.doubles().between(0, 1000).ofScale(3).array(double[].class).ofMinSize(104).ofMaxSize(160);
    }

    private static double[] scaled(double[] x, double a) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] *= a;
        }
        return y;
    }

    @Property(tries = 200)
    void entropyLiesInUnitInterval(@ForAll("series") double[] x) {
        Panel p = weekly(x);
        double e = Features.entropy(Entropy.Over.PERIOD, PanelSpec.of(Period.WEEK)).compute(p).get(0, 0);
        double m = Features.entropy(Entropy.Over.CALENDAR_MONTH, PanelSpec.of(Period.WEEK)).compute(p)
                .get(0, 0);
        assertTrue(e >= 0 && e <= 1, "entropy_period " + e);
        assertTrue(m >= 0 && m <= 1, "entropy_calendar_month " + m);
    }

    @Property(tries = 150)
    void cvEntropyAndStrengthsAreScaleInvariant(@ForAll("longSeries") double[] x,
            @ForAll @DoubleRange(min = 0.01, max = 1000) double a) {
        Panel p = weekly(x);
        Panel q = weekly(scaled(x, a));
        double cv = Features.demandStats(Period.WEEK).compute(p).get(0, "cv");
        double cvA = Features.demandStats(Period.WEEK).compute(q).get(0, "cv");
        assertEquals(cv, cvA, 1e-9 * Math.max(1, Math.abs(cv)));
        PanelSpec spec = PanelSpec.of(Period.WEEK);
        assertEquals(Features.entropy(Entropy.Over.PERIOD, spec).compute(p).get(0, 0),
                Features.entropy(Entropy.Over.PERIOD, spec).compute(q).get(0, 0), 1e-9);
        FeatureTable s = Features.stlStrengths(Period.WEEK).compute(p);
        FeatureTable sA = Features.stlStrengths(Period.WEEK).compute(q);
        for (int c = 0; c < 2; c++) {
            assertEquals(s.get(0, c), sA.get(0, c), 1e-7);
            assertTrue(s.get(0, c) >= 0 && s.get(0, c) <= 1);
        }
    }

    @Property(tries = 100)
    void demandStatsDoNotDependOnRowOrEntityOrder(@ForAll @IntRange(min = 1, max = 30) int entities,
            @ForAll long seed) {
        Random r = new Random(seed);
        List<Object[]> rows = new ArrayList<>();
        for (int e = 0; e < entities; e++) {
            int n = 1 + r.nextInt(40);
            for (int i = 0; i < n; i++) {
                rows.add(new Object[] {"c" + e, (long) r.nextInt(700) * 86_400L + r.nextInt(86_400),
                        "o" + r.nextInt(1000), (double) (1 + r.nextInt(20)), r.nextInt(10_000) / 100.0});
            }
        }
        Transactions a = build(rows);
        Collections.shuffle(rows, r);
        Transactions b = build(rows);
        FitContext ctx = FitContext.seeded(1);
        for (PanelFeatureExtractor x : new PanelFeatureExtractor[] {Features.demandStats(Period.WEEK),
                Features.demandStats(PanelSpec.of(Period.DAY).withMeasure(PanelSpec.Measure.AMOUNT)),
                Features.trend(Period.MONTH), Features.demandClass(Period.WEEK)}) {
            assertEquals(x.extract(a, ctx), x.extract(b, ctx));
        }
    }

    private static Transactions build(List<Object[]> rows) {
        Transactions.Builder b = Transactions.builder();
        for (Object[] row : rows) {
            b.add((String) row[0], (long) row[1] + 1_500_000_000L, (String) row[2], (double) row[3],
                    (double) row[4]);
        }
        return b.build();
    }

    @Property(tries = 100)
    void panelsConserveTotals(@ForAll @IntRange(min = 1, max = 20) int entities, @ForAll long seed) {
        Random r = new Random(seed);
        Transactions.Builder b = Transactions.builder();
        long q = 0;
        for (int e = 0; e < entities; e++) {
            int n = 1 + r.nextInt(30);
            for (int i = 0; i < n; i++) {
                int qty = 1 + r.nextInt(9);
                q += qty;
                b.add("c" + e, 1_500_000_000L + r.nextInt(400) * 86_400L, "o" + i, qty, qty * 2.5, "i" + r.nextInt(5),
                        null);
            }
        }
        Transactions t = b.build();
        for (Period period : Period.values()) {
            for (PanelSpec.Span span : PanelSpec.Span.values()) {
                for (PanelSpec.EmptyCells cells : PanelSpec.EmptyCells.values()) {
                    Panel p = Panel.of(t, PanelSpec.of(period).withSpan(span).withEmptyCells(cells));
                    assertEquals((double) q, p.total());
                    int rows = 0;
                    for (int c = 0; c < p.cellCount(); c++) {
                        rows += p.rowCount(c);
                    }
                    assertEquals(t.size(), rows);
                    Panel amounts = Panel.of(t, PanelSpec.of(period).withSpan(span).withEmptyCells(cells)
                            .withMeasure(PanelSpec.Measure.AMOUNT));
                    assertEquals(q * 2.5, amounts.total(), 1e-9);
                }
            }
        }
    }

    @Property(tries = 100)
    void trendRatioAndSlopeShareTheirSignOnMonotoneSeries(@ForAll @IntRange(min = 2, max = 120) int n,
            @ForAll @DoubleRange(min = 0.01, max = 50) double step, @ForAll boolean up,
            @ForAll @DoubleRange(min = 1, max = 1000) double base) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = base + (up ? 1 : -1) * step * i * (1 + (i % 3) * 0.1);
        }
        // keep it monotone: cumulative sums of positive increments
        for (int i = 1; i < n; i++) {
            if (up ? x[i] < x[i - 1] : x[i] > x[i - 1]) {
                x[i] = x[i - 1];
            }
        }
        FeatureTable t = Features.trend(Period.WEEK).compute(weekly(x));
        double ratio = t.get(0, "trend_ratio");
        double slope = t.get(0, "trend_slope");
        assertEquals(Math.signum(ratio), Math.signum(slope), "ratio " + ratio + " slope " + slope);
    }

    @Property(tries = 30)
    void pure52WeekSineHasSeasonProfileStrengthNearOne(@ForAll @IntRange(min = 3, max = 6) int years,
            @ForAll @DoubleRange(min = 1, max = 100) double amplitude,
            @ForAll @DoubleRange(min = 0, max = 6.28) double phase) {
        // weeks from 2018-01-01 (ISO week 1); 2020 has an ISO week 53, folded into slot 52, which shifts the
        // sine against the slots by one week from 2021 on: hence "near" 1, not 1
        Panel.RowsBuilder b = Panel.rowsBuilder(PanelSpec.of(Period.WEEK));
        LocalDate start = LocalDate.of(2018, 1, 1);
        for (int i = 0; i < 52 * years; i++) {
            b.add("s", start.plusWeeks(i), 200 + amplitude * Math.sin(2 * Math.PI * i / 52 + phase));
        }
        double s = Features.seasonality(Period.WEEK).compute(b.build()).get(0, 0);
        assertTrue(s > 0.99, "season_profile_strength " + s);
    }
}
