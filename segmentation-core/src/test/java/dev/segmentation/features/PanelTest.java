package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitContext;
import dev.segmentation.sim.RetailSimulator;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PanelTest {
    private static long t(String iso) {
        return LocalDateTime.parse(iso).toEpochSecond(ZoneOffset.UTC);
    }

    /** a: Jan (2 rows, items x, y), Mar (1 row, item x); b: Feb only. Data span Jan..Mar 2021. */
    private static Transactions small() {
        return Transactions.builder()
                .add("a", t("2021-01-05T10:00"), "o1", 2, 20, "x", "k1")
                .add("a", t("2021-01-20T10:00"), "o2", 3, 30, "y", "k2")
                .add("a", t("2021-03-02T10:00"), "o3", 5, 50, "x", "k1")
                .add("b", t("2021-02-10T10:00"), "o4", 7, 70, "x", "k1")
                .build();
    }

    @Test
    void globalDensePanelFillsEmptyMonthsWithZero() {
        Panel p = Panel.of(small(), PanelSpec.of(Period.MONTH));
        assertEquals(6, p.cellCount());
        assertArrayEquals(new double[] {5, 0, 5}, p.values(0));
        assertArrayEquals(new double[] {0, 7, 0}, p.values(1));
        assertEquals(2, p.distinctItems(0));
        assertEquals(2, p.rowCount(0));
        assertEquals(0, p.rowCount(1));
        assertEquals(Period.MONTH.index(LocalDate.of(2021, 1, 1)), p.spanStart(1));
        assertEquals(3, p.spanLength(1));
    }

    @Test
    void entitySpanWithAbsentCellsKeepsActivePeriodsOnly() {
        Panel p = Panel.of(small(), PanelSpec.of(Period.MONTH).withSpan(PanelSpec.Span.ENTITY)
                .withEmptyCells(PanelSpec.EmptyCells.ABSENT).withMeasure(PanelSpec.Measure.AMOUNT));
        assertArrayEquals(new double[] {50, 50}, p.values(0));
        assertEquals(3, p.spanLength(0));
        assertEquals(Period.MONTH.index(LocalDate.of(2021, 3, 1)), p.cellPeriod(1));
        assertArrayEquals(new double[] {70}, p.values(1));
        assertEquals(1, p.spanLength(1));
    }

    @Test
    void handComputedFeaturesOfTheSmallTable() {
        FitContext ctx = FitContext.seeded(1);
        FeatureTable d = Features.demandStats(Period.MONTH).extract(small(), ctx);
        assertArrayEquals(new double[] {10.0 / 3, Math.sqrt(25.0 / 3), 5, 0, 5, Math.sqrt(25.0 / 3) / (10.0 / 3)},
                d.row(0), 1e-12);
        FeatureTable s = Features.stability(Features.entityMonthlySpec()).extract(small(), ctx);
        assertArrayEquals(new double[] {0, Math.sqrt(0.5) / 1.5}, s.row(0), 1e-12);
        FeatureTable e = Features.entropy(Entropy.Over.PERIOD).extract(small(), ctx);
        assertEquals(Math.log(2) / Math.log(3), e.get(0, 0), 1e-12);
        assertEquals(0, e.get(1, 0));
        FeatureTable c = Features.entropy(Entropy.Over.CATEGORY).extract(small(), ctx);
        double p1 = 7.0 / 10;
        assertEquals(-(p1 * Math.log(p1) + 0.3 * Math.log(0.3)) / Math.log(2), c.get(0, 0), 1e-12);
        FeatureTable dc = Features.demandClass(Period.MONTH).extract(small(), ctx);
        assertArrayEquals(new double[] {1.5, 0, DemandClass.INTERMITTENT.ordinal()}, dc.row(0), 1e-12);
    }

    @Test
    void weeksStartOnMondayAndSlotsFoldWeek53() {
        assertEquals(Period.WEEK.index(LocalDate.of(2021, 1, 4)), Period.WEEK.index(LocalDate.of(2021, 1, 10)));
        assertEquals(Period.WEEK.index(LocalDate.of(2021, 1, 4)) - 1, Period.WEEK.index(LocalDate.of(2021, 1, 3)));
        assertEquals(LocalDate.of(2021, 1, 4), Period.WEEK.start(Period.WEEK.index(LocalDate.of(2021, 1, 7))));
        assertEquals(52, Period.WEEK.seasonSlot(Period.WEEK.index(LocalDate.of(2020, 12, 31)))); // ISO 2020-W53
        assertEquals(1, Period.WEEK.seasonSlot(Period.WEEK.index(LocalDate.of(2021, 1, 4))));
        for (long d = -800_000; d < 800_000; d += 997) {
            LocalDate date = LocalDate.ofEpochDay(d);
            assertEquals(date.getYear() * 12 + date.getMonthValue() - 1, Period.MONTH.index(d));
            assertEquals(date.withDayOfMonth(1), Period.MONTH.start(Period.MONTH.index(d)));
            assertEquals(Math.min(52, date.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                    Period.WEEK.seasonSlot(Period.WEEK.index(d)));
        }
    }

    @Test
    void resultsAreIdenticalForOneTwoAndThreeThreads() {
        Transactions tx = RetailSimulator.builder().seed(4).entities(1200).weeks(60).build().simulate()
                .transactions();
        PanelFeatureExtractor[] all = {Features.demandStats(Period.WEEK), Features.trend(Period.WEEK),
            Features.seasonality(Period.WEEK), Features.stlStrengths(Period.WEEK),
            Features.monthlyProfile(), Features.stability(Period.MONTH),
            Features.entropy(Entropy.Over.PERIOD), Features.entropy(Entropy.Over.ITEM),
            Features.growth(), Features.demandClass(Period.WEEK), Features.activity(Period.DAY)};
        for (PanelFeatureExtractor x : all) {
            FeatureTable one = x.extract(tx, FitContext.seeded(1).withThreads(1));
            assertEquals(one, x.extract(tx, FitContext.seeded(1).withThreads(2)), x.toString());
            assertEquals(one, x.extract(tx, FitContext.seeded(1).withThreads(3)), x.toString());
            assertEquals(1200, one.rows());
            assertEquals(x.featureNames(), one.featureNames());
        }
    }

    @Test
    void errorsNameTheProblem() {
        Transactions noItems = Transactions.builder().add("a", t("2021-01-05T10:00"), "o1", 2, 20).build();
        FitContext ctx = FitContext.seeded(1);
        assertEquals("the monthly profile needs the item column, but the transactions carry none",
                assertThrows(IllegalArgumentException.class,
                        () -> Features.monthlyProfile().extract(noItems, ctx)).getMessage());
        assertEquals("the monthly profile needs a MONTH panel but the spec has WEEK",
                assertThrows(IllegalArgumentException.class,
                        () -> Features.monthlyProfile(PanelSpec.of(Period.WEEK))).getMessage());
        assertEquals("the monthly profile needs a MONTH panel but the panel is WEEK",
                assertThrows(IllegalArgumentException.class,
                        () -> Features.monthlyProfile().compute(Panel.of(small(), PanelSpec.of(Period.WEEK))))
                        .getMessage());
        assertEquals("entropy_category needs the category column, but the transactions carry none",
                assertThrows(IllegalArgumentException.class,
                        () -> Features.entropy(Entropy.Over.CATEGORY).extract(noItems, ctx)).getMessage());
        assertEquals("entropy_item is computed from transactions, not from a panel",
                assertThrows(IllegalArgumentException.class,
                        () -> Features.entropy(Entropy.Over.ITEM).compute(Panel.of(small(),
                                PanelSpec.of(Period.MONTH)))).getMessage());
        assertEquals("stability needs distinct items per cell, but the panel has none (the transactions carry no "
                + "item column)", assertThrows(IllegalArgumentException.class,
                        () -> Features.stability(Period.MONTH).compute(Panel.of(noItems,
                                PanelSpec.of(Period.MONTH)))).getMessage());
        assertEquals("threads must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Features.trend(Period.MONTH).compute(Panel.of(small(), PanelSpec.of(Period.MONTH)), 0))
                .getMessage());
        assertEquals("entityIds, dates and values must have the same length but have 1, 0 and 1",
                assertThrows(IllegalArgumentException.class, () -> Panel.ofRows(PanelSpec.of(Period.WEEK),
                        new String[] {"a"}, new LocalDate[0], new double[] {1})).getMessage());
        assertEquals("row 0, column quantity: quantity is not finite, value NaN",
                assertThrows(IllegalArgumentException.class, () -> Panel.ofRows(PanelSpec.of(Period.WEEK),
                        new String[] {"a"}, new LocalDate[] {LocalDate.of(2020, 1, 1)}, new double[] {Double.NaN}))
                        .getMessage());
        assertEquals("no row was added", assertThrows(IllegalStateException.class,
                () -> Panel.rowsBuilder(PanelSpec.of(Period.WEEK)).build()).getMessage());
        assertEquals("the panel has no distinct-item counts: the transactions carry no item column",
                assertThrows(IllegalStateException.class,
                        () -> Panel.of(noItems, PanelSpec.of(Period.DAY)).distinctItems(0)).getMessage());
        assertThrows(NullPointerException.class, () -> Panel.of(null, PanelSpec.of(Period.DAY)));
        assertEquals("shortSeriesValue must be finite or NaN but was Infinity",
                assertThrows(IllegalArgumentException.class, () -> Features.stlStrengths(Period.WEEK)
                        .withShortSeriesValue(Double.POSITIVE_INFINITY)).getMessage());
    }

    @Test
    void shortSeriesGetTheDocumentedStlValue() {
        Panel p = Panel.of(small(), PanelSpec.of(Period.MONTH));
        assertArrayEquals(new double[] {0, 0}, Features.stlStrengths(Period.MONTH).compute(p).row(0));
        double[] nan = Features.stlStrengths(Period.MONTH).withShortSeriesValue(Double.NaN).compute(p).row(0);
        assertEquals(2, nan.length);
        assertEquals(Double.NaN, nan[0]);
    }
}
