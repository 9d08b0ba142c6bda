package dev.segmentation.supervised.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.Transactions;
import dev.segmentation.features.PanelSpec;
import dev.segmentation.features.Period;
import dev.segmentation.supervised.forecast.ForecastPanel.Availability;
import dev.segmentation.supervised.forecast.ForecastPanel.Level;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ForecastPanelTest {
    private static final LocalDate MON = LocalDate.of(2024, 1, 1); // a Monday, ISO week 1

    private static ForecastPanel.Builder twoSeries() {
        return ForecastPanel.builder(Period.WEEK)
                .add("s1_d1", MON.plusDays(4), 10)
                .add("s1_d1", MON.plusDays(14 + 4), 30)   // week 3; week 2 empty
                .add("s1_d1", MON.plusDays(14 + 5), 1)    // same week: summed
                .add("s2_d1", MON.plusDays(7 + 4), 5)
                .label("s1_d1", Level.LOCATION, "1").label("s2_d1", Level.LOCATION, "2")
                .label("s1_d1", Level.CATEGORY, "d1").label("s2_d1", Level.CATEGORY, "d1");
    }

    @Test
    void aggregatedRowsMakeADenseWeeklyPanelWithHierarchyAndCovariates() {
        ForecastPanel p = twoSeries()
                .covariate("holiday", Availability.KNOWN_IN_ADVANCE)
                .covariate("temperature", Availability.OBSERVED)
                .covariateValue("holiday", Level.CATEGORY, "d1", MON.plusDays(7), 1)
                .covariateValue("temperature", Level.LOCATION, "1", MON, 20.5)
                .covariateValue("temperature", "s2_d1", MON.plusDays(2), 18)
                .covariateValue("temperature", "s2_d1", MON.plusDays(70), 18) // outside the span
                .covariateValue("holiday", Level.CATEGORY, "d9", MON, 1)     // no entity carries d9
                .build();
        assertEquals(2, p.entityCount());
        assertEquals(3, p.periodCount());
        assertEquals(MON, p.date(0));
        assertArrayEquals(new double[] {10, 0, 31}, p.values(0));
        assertArrayEquals(new double[] {0, 5, 0}, p.values(1));
        assertEquals("1", p.label(0, Level.LOCATION).orElseThrow());
        assertTrue(p.label(0, Level.SKU).isEmpty());
        assertEquals(Availability.OBSERVED, p.availability(1));
        assertEquals(1.0, p.covariate(0, 0, 1));
        assertEquals(1.0, p.covariate(0, 1, 1));
        assertTrue(Double.isNaN(p.covariate(0, 0, 0)));
        assertEquals(20.5, p.covariate(1, 0, 0));
        assertEquals(18.0, p.covariate(1, 1, 0));
        assertEquals(1, p.covariateCellsOutsideSpan());
        ForecastPanel sub = p.subset(new int[] {1});
        assertArrayEquals(new double[] {0, 5, 0}, sub.values(0));
        assertEquals("2", sub.label(0, Level.LOCATION).orElseThrow());
        assertEquals(18.0, sub.covariate(1, 0, 0));
    }

    @Test
    void transactionsGiveTheSamePanelAsRows() {
        Transactions t = Transactions.builder()
                .add("a", MON.plusDays(1).toEpochDay() * 86_400L, "o1", 2, 20)
                .add("a", MON.plusDays(30).toEpochDay() * 86_400L, "o2", 3, 30)
                .add("b", MON.plusDays(45).toEpochDay() * 86_400L, "o3", 1, 10)
                .build();
        ForecastPanel p = ForecastPanel.builder(Period.MONTH).transactions(t, PanelSpec.Measure.AMOUNT).build();
        assertArrayEquals(new double[] {50, 0}, p.values(0)); // January 2024 (2nd and 31st), February
        assertArrayEquals(new double[] {0, 10}, p.values(1)); // 15 February
    }

    @Test
    void errorsNameTheRowAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForecastPanel.builder(Period.WEEK).add("a", MON, 1).add("a", MON, Double.NaN));
        assertEquals("demand row 2 (entity a, date 2024-01-01): value is not finite: NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ForecastPanel.builder(Period.WEEK).add(" ", MON, 1));
        assertEquals("demand row 1: entity is blank", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> twoSeries().covariateValue("price", "s1_d1", MON, 1));
        assertEquals("covariate price was not declared (declared: [])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> twoSeries().label("s1_d1", Level.LOCATION, "7"));
        assertEquals("entity s1_d1 has two LOCATION labels: 1 and 7", e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> twoSeries().label("zz", Level.REGION, "A").build());
        assertEquals("REGION label given for entity zz, which has no demand row", s.getMessage());
        s = assertThrows(IllegalStateException.class,
                () -> twoSeries().label("s1_d1", Level.REGION, "A").build());
        assertEquals("entity s2_d1 has no REGION label", s.getMessage());
        s = assertThrows(IllegalStateException.class,
                () -> twoSeries().covariate("p", Availability.KNOWN_IN_ADVANCE)
                        .covariateValue("p", "s1_d1", MON, 1).covariateValue("p", Level.LOCATION, "1", MON, 2)
                        .build());
        assertEquals("covariate p has two values for 1 in the period starting 2024-01-01: 1.0 and 2.0",
                s.getMessage());
        s = assertThrows(IllegalStateException.class, () -> ForecastPanel.builder(Period.DAY).build());
        assertEquals("no demand was given: call add(...) or transactions(...)", s.getMessage());
    }

    @Test
    void calendarFeaturesOfAWeekAndADay() {
        double[] out = new double[3];
        CalendarFeatures.fill(Period.WEEK, Period.WEEK.index(LocalDate.of(2024, 12, 30)), out, 0);
        assertArrayEquals(new double[] {1, 12, Double.NaN}, out); // ISO week 1 of 2025 starts in December
        CalendarFeatures.fill(Period.DAY, Period.DAY.index(LocalDate.of(2024, 3, 17)), out, 0);
        assertArrayEquals(new double[] {7, 3, 17}, out);
    }
}
