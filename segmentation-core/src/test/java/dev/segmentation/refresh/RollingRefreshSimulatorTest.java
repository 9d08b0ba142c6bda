package dev.segmentation.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.Segmenter;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Features;
import dev.segmentation.features.Rfm;
import dev.segmentation.refresh.RollingRefresh.Strategy;
import dev.segmentation.refresh.RollingRefresh.WindowResult;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.Archetype;
import dev.segmentation.sim.RetailSimulator;
import dev.segmentation.sim.Simulation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rolling evaluation on the simulator, where behaviour change has a ground truth: half-year windows back to
 * back, each customer switching archetype with probability 0.1 at each window start. Behaviour change detected as
 * (a) must match the switches with precision and recall of at least 0.9 on every window.
 */
class RollingRefreshSimulatorTest {
    private static final int LEN = 26;
    private static final int WINDOWS = 4;

    @Test
    void detectedBehaviourChangeMatchesTheSimulatedSwitchesAndRunsAreDeterministic() {
        Simulation sim = RetailSimulator.builder().seed(21).entities(1200).weeks(LEN * WINDOWS)
                .archetypes(Archetype.STEADY, Archetype.INTERMITTENT, Archetype.BULK).switches(0.1, LEN).build()
                .simulate(2);
        List<String> names = new ArrayList<>();
        List<Transactions> ws = new ArrayList<>();
        LocalDate s0 = LocalDate.of(2022, 1, 3);
        for (int t = 0; t < WINDOWS; t++) {
            names.add("H" + t);
            ws.add(sim.transactions().between(s0.plusWeeks((long) t * LEN).atStartOfDay().toInstant(ZoneOffset.UTC),
                    s0.plusWeeks((long) (t + 1) * LEN).atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        RollingRefresh rr = RollingRefresh.builder().k(3).nInit(4).resamples(2).seed(9).pipeline(() -> Segmenter
                .builder().features(Features.rfm()).select(List.of(Rfm.FREQUENCY_ORDERS, Rfm.AVG_ORDER_VALUE))
                .scaling(Scaling.robust().log1p(Rfm.FREQUENCY_ORDERS, Rfm.AVG_ORDER_VALUE)).seed(4)).build();
        Map<Strategy, List<WindowResult>> a = rr.run(names, ws);
        for (Strategy s : Strategy.values()) {
            assertEquals(WINDOWS - 1, a.get(s).size());
            for (WindowResult r : a.get(s)) {
                Set<String> truth = new HashSet<>();
                for (String id : r.migration().entityIds()) {
                    int e = Integer.parseInt(id.substring(1));
                    if (sim.archetypeAt(e, (r.window() - 1) * LEN) != sim.archetypeAt(e, r.window() * LEN)) {
                        truth.add(id);
                    }
                }
                Set<String> detected = new HashSet<>(r.migration().behaviourChanged());
                long tp = detected.stream().filter(truth::contains).count();
                double precision = tp / (double) detected.size();
                double recall = tp / (double) truth.size();
                String where = s + " window " + r.window() + ": precision " + precision + ", recall " + recall;
                assertTrue(truth.size() > 50, where);
                assertTrue(precision >= 0.9 && recall >= 0.9, where);
                assertTrue(r.migration().modelRate() <= 0.05, where + ", model change " + r.migration().modelRate());
                assertTrue(r.inertiaRatio() <= 1.02, where + ", inertia ratio " + r.inertiaRatio());
                assertEquals(3, r.jaccardById().size(), where);
                boolean bounded = s == Strategy.BOUNDED || s == Strategy.BOUNDED_RESCALED
                        || s == Strategy.BOUNDED_CHANGE;
                assertEquals(bounded, r.refit() != null, where);
                if (bounded) {
                    // the reported labels are the refitted model's own prediction, and the bound holds
                    assertEquals(r.migration().modelRate(), r.ownModelRate(), where);
                    assertTrue(r.refit().withinBudget(), where);
                    assertEquals(r.refit().chosen().inertiaRatio(), r.inertiaRatio(), 1e-9, where);
                    assertEquals(r.refit().chosen().changeRate(), r.migration().modelRate(), 1e-12, where);
                    if (s == Strategy.BOUNDED_CHANGE) {
                        assertTrue(r.migration().modelRate() <= 0.05, where);
                    } else {
                        assertTrue(r.inertiaRatio() <= 1.02 + 1e-12, where);
                    }
                } else if (s != Strategy.WARM_HYSTERESIS && s != Strategy.POLICY) {
                    assertEquals(r.migration().modelRate(), r.ownModelRate(), where);
                }
            }
        }
        assertTrue(a.get(Strategy.POLICY).stream().allMatch(r -> r.migration().modelRate() == 0.0
                || r.refitted()), "a re-scored window has no model change");
        // the same seed gives the same results
        Map<Strategy, List<WindowResult>> b = rr.run(names, ws);
        for (Strategy s : Strategy.values()) {
            for (int i = 0; i < WINDOWS - 1; i++) {
                WindowResult x = a.get(s).get(i);
                WindowResult y = b.get(s).get(i);
                assertEquals(x.migration().behaviourChanged(), y.migration().behaviourChanged());
                assertEquals(x.migration().modelChanged(), y.migration().modelChanged());
                assertEquals(x.inertia(), y.inertia());
                assertEquals(x.jaccardById(), y.jaccardById());
            }
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertEquals("pipeline is required: set it with pipeline(...)", assertThrows(IllegalStateException.class,
                () -> RollingRefresh.builder().build()).getMessage());
        assertEquals("hysteresis must be >= 0 and finite but was -0.1", assertThrows(IllegalArgumentException.class,
                () -> RollingRefresh.builder().hysteresis(-0.1)).getMessage());
        RollingRefresh rr = RollingRefresh.builder().pipeline(Segmenter::builder).build();
        assertEquals("a rolling evaluation needs at least 2 windows but got 1", assertThrows(
                IllegalArgumentException.class, () -> rr.run(List.of("a"), List.of(Transactions.ofColumns(
                        new String[0], new long[0], new String[0], new double[0], new double[0], null, null))))
                .getMessage());
    }
}
