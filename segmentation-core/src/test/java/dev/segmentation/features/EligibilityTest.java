package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitContext;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EligibilityTest {
    /** Entity "m{k}" buys once in each of k consecutive months from 2020-01, with one order per month. */
    private static Transactions months(int... counts) {
        Transactions.Builder b = Transactions.builder();
        for (int k : counts) {
            for (int i = 0; i < k; i++) {
                long day = LocalDate.of(2020, 1, 15).plusMonths(i).toEpochDay();
                b.add("m" + k, day * 86_400L, "o" + k + "-" + i, 1, 1);
            }
        }
        return b.build();
    }

    @Test
    void seed001RulesRemoveShortAndSparseEntitiesAndSayWhy() {
        // m3: 3 months (too few); m13: 13 months over 2 years -> 6.5 per year; m14: 14 months -> 7 per year
        // m24: 24 months over 2 years -> 12 per year
        Transactions t = months(3, 13, 14, 24);
        Eligibility.Result r = Eligibility.minActiveMonths(12).minAvgActiveMonthsPerYear(7).apply(t);
        assertEquals(4, r.examined());
        assertEquals(2, r.removedCount());
        assertEquals(Map.of(Eligibility.Rule.MIN_ACTIVE_MONTHS, 1, Eligibility.Rule.MIN_AVG_ACTIVE_MONTHS_PER_YEAR, 1),
                r.removedByRule());
        assertEquals(Optional.of(Eligibility.Rule.MIN_ACTIVE_MONTHS), r.reason("m3"));
        assertEquals(Optional.of(Eligibility.Rule.MIN_AVG_ACTIVE_MONTHS_PER_YEAR), r.reason("m13"));
        assertTrue(r.isEligible("m14"));
        assertFalse(r.isEligible("unknown"));
        assertEquals(java.util.List.of("m14", "m24"), r.eligible().entityIds());
        Eligibility.Result o = Eligibility.none().minOrders(14).minActivePeriods(Period.DAY, 20).apply(t);
        assertEquals(Map.of(Eligibility.Rule.MIN_ORDERS, 2, Eligibility.Rule.MIN_ACTIVE_PERIODS, 1),
                o.removedByRule());
        assertEquals(java.util.List.of("m24"), o.eligible().entityIds());
    }

    /** On Online Retail, the filter keeps exactly the customers whose activity features pass the same rules. */
    @Test
    void agreesWithActivityFeaturesOnOnlineRetail() {
        Transactions tx = RetailTestData.onlineRetail();
        FitContext ctx = FitContext.seeded(1).withThreads(2);
        Eligibility.Result r = Eligibility.minActiveMonths(12).minAvgActiveMonthsPerYear(6).apply(tx, ctx);
        FeatureTable a = Features.activity(Features.entityMonthlySpec()).extract(tx, ctx);
        int expectedKept = 0;
        for (int e = 0; e < a.rows(); e++) {
            boolean ok = a.get(e, "active_periods") >= 12 && a.get(e, "active_periods_per_year") >= 6;
            assertEquals(ok, r.isEligible(a.entityId(e)), a.entityId(e));
            expectedKept += ok ? 1 : 0;
        }
        assertEquals(expectedKept, r.eligible().entityCount());
        assertEquals(tx.entityCount() - expectedKept, r.removedCount());
        assertTrue(expectedKept > 0 && expectedKept < tx.entityCount());
    }

    @Test
    void settersRejectBadValues() {
        assertEquals("minActiveMonths must be >= 0 but was -1",
                assertThrows(IllegalArgumentException.class, () -> Eligibility.minActiveMonths(-1)).getMessage());
        assertEquals("minAvgActiveMonthsPerYear must be within [0, 12] but was 13.0",
                assertThrows(IllegalArgumentException.class, () -> Eligibility.none().minAvgActiveMonthsPerYear(13))
                        .getMessage());
        assertEquals("minOrders must be >= 0 but was -3",
                assertThrows(IllegalArgumentException.class, () -> Eligibility.none().minOrders(-3)).getMessage());
        assertEquals("minActivePeriods must be >= 0 but was -1", assertThrows(IllegalArgumentException.class,
                () -> Eligibility.none().minActivePeriods(Period.WEEK, -1)).getMessage());
    }
}
