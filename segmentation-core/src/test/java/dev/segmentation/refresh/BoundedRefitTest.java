package dev.segmentation.refresh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Features;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.FittedScaler;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.Archetype;
import dev.segmentation.sim.RetailSimulator;
import dev.segmentation.sim.Simulation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BoundedRefitTest {
    /** Three blobs at (0,0), (6,0), (0,6), {@code per} rows each, spread {@code sd}. */
    private static DataMatrix blobs(int per, double sd, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] mu = {{0, 0}, {6, 0}, {0, 6}};
        double[][] x = new double[3 * per][];
        for (int i = 0; i < x.length; i++) {
            double[] m = mu[i / per];
            x[i] = new double[] {m[0] + sd * gauss(r), m[1] + sd * gauss(r)};
        }
        return DataMatrix.ofRows(x);
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static int[] nearest(DataMatrix x, DataMatrix c) {
        return BoundedRefit.nearest(x.toArray(), x.rows(), x.cols(), c.toArray(), c.rows());
    }

    @Test
    void savedCentresWithinTheBudgetChangeNobody() {
        DataMatrix x = blobs(100, 1, 1);
        DataMatrix saved = DataMatrix.ofRows(new double[][] {{0.3, 0.2}, {5.8, 0.1}, {0.2, 6.3}});
        int[] anchor = nearest(x, saved);
        KMeansModel cold = KMeans.builder().k(3).nInit(3).build().fit(x, FitContext.seeded(1));
        BoundedRefit.Result r = BoundedRefit.choose(x, saved, anchor, x, cold.labels(), 0.05, 100);
        assertTrue(r.withinBudget());
        assertEquals(0.0, r.chosen().changeRate());
        assertArrayEquals(anchor, r.labels());
        assertEquals("lloyd", r.lloydPath().get(0).path());
        assertEquals(0, r.lloydPath().get(0).step());
    }

    @Test
    void aSavedModelInTheWrongBasinMovesJustEnoughToMeetTheBudget() {
        DataMatrix x = blobs(100, 0.8, 2);
        // two saved centres share blob (0,0); one sits between the other two blobs
        DataMatrix saved = DataMatrix.ofRows(new double[][] {{-0.5, 0}, {0.5, 0}, {3, 3}});
        int[] anchor = nearest(x, saved);
        KMeansModel cold = KMeans.builder().k(3).nInit(5).build().fit(x, FitContext.seeded(3));
        BoundedRefit.Result r = BoundedRefit.choose(x, saved, anchor, x, cold.labels(), 0.02, 100);
        assertTrue(r.withinBudget());
        assertTrue(r.chosen().inertiaRatio() <= 1.02, "ratio " + r.chosen().inertiaRatio());
        assertTrue(r.chosen().changeRate() > 0, "the saved partition is far above the cold refit's inertia");
        // the labels are the nearest-centre labels of the returned centres, and the fixed-centre model predicts them
        assertArrayEquals(nearest(x, r.centres()), r.labels());
        ClusterModel m = BoundedRefit.fixedCentres(r.centres()).fit(x, FitContext.seeded(0));
        assertArrayEquals(r.labels(), m.predict(x));
        assertEquals(RollingRefresh.partitionInertia(x, r.labels())
                / RollingRefresh.partitionInertia(x, cold.labels()), r.chosen().inertiaRatio(), 1e-12);
        // no point of the Lloyd path within the budget changes fewer entities
        for (BoundedRefit.Candidate c : r.lloydPath()) {
            if (c.inertiaRatio() <= 1.02) {
                assertTrue(c.changeRate() >= r.chosen().changeRate(), c + " vs " + r.chosen());
            }
        }
    }

    @Property(tries = 60)
    void withTheReferenceInTheSameSpaceTheBudgetIsAlwaysMetAndTheChoiceDominatesTheLloydPath(
            @ForAll @IntRange(min = 2, max = 5) int k, @ForAll @DoubleRange(min = 0, max = 0.05) double budget,
            @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 60 + r.nextInt(60);
        double[][] xs = new double[n][2];
        for (double[] row : xs) {
            row[0] = 5 * r.nextDouble();
            row[1] = 5 * r.nextDouble();
        }
        DataMatrix x = DataMatrix.ofRows(xs);
        double[][] cs = new double[k][];
        for (int c = 0; c < k; c++) {
            cs[c] = xs[r.nextInt(n)].clone();
            cs[c][0] += 0.3 * r.nextDouble();
        }
        DataMatrix saved = DataMatrix.ofRows(cs);
        int[] anchor = nearest(x, saved);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(5) == 0) {
                anchor[i] = -1;
            }
        }
        KMeansModel cold = KMeans.builder().k(k).nInit(2).build().fit(x, FitContext.seeded(seed));
        BoundedRefit.Result res = BoundedRefit.choose(x, saved, anchor, x, cold.labels(), budget, 50);
        // a converged cold partition is its own means' Voronoi partition: the "toReference" end meets any budget
        assertTrue(res.withinBudget(), res.chosen().toString());
        assertTrue(res.chosen().inertiaRatio() <= 1 + budget);
        assertArrayEquals(nearest(x, res.centres()), res.labels());
        for (BoundedRefit.Candidate c : res.lloydPath()) {
            if (c.inertiaRatio() <= 1 + budget) {
                assertTrue(c.changeRate() >= res.chosen().changeRate());
            }
        }
    }

    @Test
    void aRefitAsASavedModelPredictsItsOwnLabelsAndKeepsTheSavedScalerWhenAsked() {
        Simulation sim = RetailSimulator.builder().seed(5).entities(500).weeks(52)
                .archetypes(Archetype.STEADY, Archetype.INTERMITTENT, Archetype.BULK).switches(0.2, 26).build()
                .simulate(2);
        LocalDate s0 = LocalDate.of(2022, 1, 3);
        Transactions w0 = sim.transactions().between(s0.atStartOfDay().toInstant(ZoneOffset.UTC),
                s0.plusWeeks(26).atStartOfDay().toInstant(ZoneOffset.UTC));
        Transactions w1 = sim.transactions().between(s0.plusWeeks(26).atStartOfDay().toInstant(ZoneOffset.UTC),
                s0.plusWeeks(52).atStartOfDay().toInstant(ZoneOffset.UTC));
        Supplier<Segmenter.Builder> pipeline = () -> Segmenter.builder().features(Features.rfm())
                .select(List.of(Rfm.FREQUENCY_ORDERS, Rfm.AVG_ORDER_VALUE))
                .scaling(Scaling.robust().log1p(Rfm.FREQUENCY_ORDERS, Rfm.AVG_ORDER_VALUE)).seed(4);
        SegmentationModel saved = pipeline.get().clusterer(KMeans.builder().k(3).nInit(3).build()).build().fit(w0);
        SegmentationModel cold = pipeline.get().clusterer(KMeans.builder().k(3).nInit(3).build()).build().fit(w1);
        for (boolean keepScaler : new boolean[] {true, false}) {
            BoundedRefit.Refit r = BoundedRefit.refit(saved, saved.predict(w1), cold, pipeline.get(), w1, 0.02,
                    keepScaler);
            SegmentationModel m = r.model();
            assertEquals(cold.entityIds(), m.entityIds());
            assertArrayEquals(r.choice().labels(), m.labels());
            assertArrayEquals(m.labels(), m.predict(w1).labels(), "the refit predicts the labels it reports");
            FittedScaler expected = keepScaler ? saved.scaler() : cold.scaler();
            assertArrayEquals(expected.center(), m.scaler().center());
            assertArrayEquals(expected.scale(), m.scaler().scale());
            assertTrue(r.choice().withinBudget() && r.choice().chosen().inertiaRatio() <= 1.02, r.choice().chosen()
                    .toString());
        }
    }

    @Test
    void badArgumentsAreNamed() {
        DataMatrix x = DataMatrix.ofRows(new double[][] {{0, 0}, {1, 1}});
        DataMatrix c = DataMatrix.ofRows(new double[][] {{0, 0}, {1, 1}});
        int[] ok = {0, 1};
        assertEquals("budget must be >= 0 and finite but was -0.1", assertThrows(IllegalArgumentException.class,
                () -> BoundedRefit.choose(x, c, ok, x, ok, -0.1, 10)).getMessage());
        assertEquals("maxLloyd must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> BoundedRefit.choose(x, c, ok, x, ok, 0.02, 0)).getMessage());
        assertEquals("anchor of row 1 is 2; it must be in [-1, 2)", assertThrows(IllegalArgumentException.class,
                () -> BoundedRefit.choose(x, c, new int[] {0, 2}, x, ok, 0.02, 10)).getMessage());
        assertEquals("x has 2 rows but anchor has 1, referenceLabels 2 and xReference 2",
                assertThrows(IllegalArgumentException.class,
                        () -> BoundedRefit.choose(x, c, new int[] {0}, x, ok, 0.02, 10)).getMessage());
        assertEquals("x has 2 columns but the centres have 1", assertThrows(IllegalArgumentException.class,
                () -> BoundedRefit.choose(x, DataMatrix.ofRows(new double[][] {{0}}), ok, x, ok, 0.02, 10))
                .getMessage());
        FittedScaler s = Scaling.standard().fit(FeatureTable.wrap(new String[] {"a", "b"}, new String[] {"f"},
                new double[] {1, 2}));
        FeatureTable other = FeatureTable.wrap(new String[] {"a", "b"}, new String[] {"g"}, new double[] {1, 2});
        assertEquals("the kept scaler was fitted on [f] but the refit has features [g]",
                assertThrows(IllegalArgumentException.class, () -> BoundedRefit.keep(s).fit(other)).getMessage());
        assertTrue(BoundedRefit.keep(s).fit(FeatureTable.wrap(new String[] {"c"}, new String[] {"f"},
                new double[] {9})) == s, "the kept scaler is returned as it is");
    }
}
