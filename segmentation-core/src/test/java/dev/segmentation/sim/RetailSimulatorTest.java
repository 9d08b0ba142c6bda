package dev.segmentation.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Features;
import dev.segmentation.features.Panel;
import dev.segmentation.features.PanelSpec;
import dev.segmentation.features.Period;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RetailSimulatorTest {
    private static Simulation sim(long seed, int n) {
        return RetailSimulator.builder().seed(seed).entities(n).weeks(104).build().simulate();
    }

    private static double[] column(Transactions t, int which) {
        double[] v = new double[t.size()];
        for (int r = 0; r < v.length; r++) {
            v[r] = which == 0 ? t.quantity(r) : which == 1 ? t.amount(r) : t.epochSecond(r);
        }
        return v;
    }

    @Test
    void sameSeedGivesIdenticalTransactionsAndOtherSeedsDiffer() {
        Simulation a = sim(7, 120);
        Simulation b = sim(7, 120);
        Simulation c = sim(8, 120);
        assertEquals(a.transactions().size(), b.transactions().size());
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(column(a.transactions(), k), column(b.transactions(), k));
        }
        assertEquals(a.transactions().entityIds(), b.transactions().entityIds());
        assertNotEquals(a.transactions().size(), c.transactions().size());
    }

    @Test
    void everyEntityAppearsWithItsArchetypeRoundRobin() {
        Simulation s = sim(3, 240);
        Transactions t = s.transactions();
        assertEquals(240, t.entityCount());
        Archetype[] all = Archetype.values();
        for (int e = 0; e < 240; e++) {
            assertEquals(all[e % all.length], s.archetype(e));
            assertEquals(e, Integer.parseInt(t.entityId(e).substring(1)));
        }
        assertTrue(t.hasItems() && t.hasCategories());
    }

    @Test
    void churnedEntitiesStopAndIntermittentOnesSkipWeeks() {
        Simulation s = sim(5, 300);
        Panel p = s.panel(PanelSpec.of(Period.WEEK));
        FeatureTable act = Features.activity(Period.WEEK).compute(p);
        int zs = act.columnIndex("zero_share");
        for (int e = 0; e < p.entityCount(); e++) {
            if (s.archetype(e) == Archetype.CHURNED) {
                int lastActive = -1;
                for (int c = p.cellStart(e); c < p.cellEnd(e); c++) {
                    if (p.rowCount(c) > 0) {
                        lastActive = c - p.cellStart(e);
                    }
                }
                assertTrue(lastActive < Math.ceil(0.35 * 104), "churned entity active in week " + lastActive);
            }
            if (s.archetype(e) == Archetype.INTERMITTENT) {
                assertTrue(act.get(e, zs) > 0.7, "intermittent zero share " + act.get(e, zs));
            }
            if (s.archetype(e) == Archetype.STEADY) {
                assertTrue(act.get(e, zs) < 0.4, "steady zero share " + act.get(e, zs));
            }
        }
    }

    /**
     * The archetypes are recoverable from the catalogue's features: a nearest-centroid rule on standardised
     * features (centroids from the truth) labels at least 90 % of the entities correctly.
     */
    @Test
    void archetypesAreSeparableByTheirFeatures() {
        Simulation s = sim(11, 600);
        Panel p = s.panel(PanelSpec.of(Period.WEEK));
        FeatureTable f = Features.demandStats(Period.WEEK).compute(p)
                .join(Features.trend(Period.WEEK).compute(p))
                .join(Features.seasonality(Period.WEEK).compute(p))
                .join(Features.activity(Period.WEEK).compute(p))
                .select("mean", "cv", "trend_slope", "season_profile_strength", "zero_share", "tenure_periods");
        int n = f.rows();
        int d = f.cols();
        double[] x = f.values();
        for (int j = 0; j < d; j++) {
            if (j == 0) {
                for (int i = 0; i < n; i++) {
                    x[i * d] = Math.log1p(x[i * d]);
                }
            }
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += x[i * d + j];
            }
            m /= n;
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += (x[i * d + j] - m) * (x[i * d + j] - m);
            }
            double sd = Math.sqrt(v / n);
            for (int i = 0; i < n; i++) {
                x[i * d + j] = (x[i * d + j] - m) / sd;
            }
        }
        int k = Archetype.values().length;
        int[] label = s.labels();
        double[] centre = new double[k * d];
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
            count[label[i]]++;
            for (int j = 0; j < d; j++) {
                centre[label[i] * d + j] += x[i * d + j];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centre[c * d + j] /= count[c];
            }
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bd = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    double q = x[i * d + j] - centre[c * d + j];
                    dist += q * q;
                }
                if (dist < bd) {
                    bd = dist;
                    best = c;
                }
            }
            if (best == label[i]) {
                correct++;
            }
        }
        assertTrue(correct >= 0.9 * n, "correct " + correct + " of " + n);
    }

    @Test
    void builderRejectsBadSettings() {
        assertEquals("entities must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> RetailSimulator.builder().entities(0)).getMessage());
        assertEquals("weeks must be >= 1 but was -2",
                assertThrows(IllegalArgumentException.class, () -> RetailSimulator.builder().weeks(-2)).getMessage());
        assertEquals("items must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> RetailSimulator.builder().items(0)).getMessage());
        assertEquals("categories must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> RetailSimulator.builder().categories(0))
                        .getMessage());
        assertEquals("start must be a Monday but was 2022-01-04 (TUESDAY)",
                assertThrows(IllegalArgumentException.class,
                        () -> RetailSimulator.builder().start(LocalDate.of(2022, 1, 4))).getMessage());
        assertEquals("archetypes must not be empty",
                assertThrows(IllegalArgumentException.class, () -> RetailSimulator.builder().archetypes())
                        .getMessage());
        assertEquals("activityScale must be > 0 and finite but was 0.0",
                assertThrows(IllegalArgumentException.class, () -> RetailSimulator.builder().activityScale(0))
                        .getMessage());
        assertEquals("categories (30) must not exceed items (10)",
                assertThrows(IllegalStateException.class,
                        () -> RetailSimulator.builder().items(10).categories(30).build()).getMessage());
    }
}
