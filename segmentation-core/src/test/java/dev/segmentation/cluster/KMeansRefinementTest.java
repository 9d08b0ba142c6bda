package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.state.StepState;
import dev.segmentation.fit.FitContext;
import dev.segmentation.state.Steps;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link KMeans.Refinement#HARTIGAN}: a case Lloyd cannot improve, the budget, determinism, state and errors. */
class KMeansRefinementTest {
    /**
     * Rows 0, 2, 2.6, 3.6 with centres 1 and 3.1: partition {0, 2} | {2.6, 3.6} is a Lloyd fixed point (every row is
     * closest to its own mean), inertia 2.5. Moving row 2 costs 2/3 * 1.1^2 = 0.807 in the second cluster and saves
     * 2/1 * 1^2 = 2 in the first, so Hartigan moves it; {0} | {2, 2.6, 3.6} is again a Lloyd fixed point, and the
     * optimum, inertia 23.72 - 8.2^2 / 3.
     */
    private static final DataMatrix STUCK = DataMatrix.of(4, 1, new double[] {0, 2, 2.6, 3.6});
    private static final DataMatrix STUCK_INIT = DataMatrix.of(2, 1, new double[] {1, 3.1});

    private static KMeans.Builder fromStuck() {
        return KMeans.builder().initialCentres(STUCK_INIT).nInit(1);
    }

    @Test
    void lloydIsStuckWhereHartiganFindsTheBetterPartition() {
        KMeansModel lloyd = fromStuck().refinement(KMeans.Refinement.NONE).build().fit(STUCK, FitContext.seeded(1));
        assertArrayEquals(new int[] {0, 0, 1, 1}, lloyd.labels());
        assertEquals(2.5, lloyd.inertia(), 1e-12);
        assertEquals(KMeans.Refinement.NONE, lloyd.refinement());

        KMeansModel h = fromStuck().refinement(KMeans.Refinement.HARTIGAN).build().fit(STUCK, FitContext.seeded(1));
        assertArrayEquals(new int[] {0, 1, 1, 1}, h.labels());
        assertArrayEquals(new double[] {0, 8.2 / 3}, h.centres().toArray(), 1e-12);
        assertEquals(23.72 - 8.2 * 8.2 / 3, h.inertia(), 1e-12);
        assertTrue(h.converged());
        assertTrue(h.iterations() > lloyd.iterations(), "a second Lloyd round ran: " + h.iterations());
        assertEquals(KMeans.Refinement.HARTIGAN, h.refinement());
        for (int i = 0; i < 4; i++) {
            assertEquals(h.labels()[i], h.predict(STUCK.row(i)), "row " + i);
        }
    }

    @Test
    void inertiaIsRecomputedFromTheFinalLabelsAndCentres() {
        DataMatrix x = blobs(400, 3, 5, 11);
        KMeansModel m = KMeans.builder().k(5).nInit(4).refinement(KMeans.Refinement.HARTIGAN).build()
                .fit(x, FitContext.seeded(3));
        double[] c = m.centres().toArray();
        int[] labels = m.labels();
        double s = 0;
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < 3; j++) {
                double t = x.get(i, j) - c[labels[i] * 3 + j];
                s += t * t;
            }
        }
        assertEquals(s, m.inertia(), 1e-9 * s);
    }

    @Test
    void movesFoundWithoutLloydBudgetAreDiscardedAndReportedAsNotConverged() {
        // the run from the stuck centres converges after 1 Lloyd iteration: with maxIter 1 nothing is left
        KMeansModel m = fromStuck().maxIter(1).refinement(KMeans.Refinement.HARTIGAN).build()
                .fit(STUCK, FitContext.seeded(1));
        assertArrayEquals(new int[] {0, 0, 1, 1}, m.labels());
        assertEquals(2.5, m.inertia(), 1e-12);
        assertEquals(1, m.iterations());
        assertFalse(m.converged());
    }

    @Test
    void aRunCutByMaxIterIsNotRefined() {
        DataMatrix x = blobs(500, 2, 6, 4);
        KMeans.Builder b = KMeans.builder().k(6).nInit(3).maxIter(1).tol(0);
        KMeansModel none = b.refinement(KMeans.Refinement.NONE).build().fit(x, FitContext.seeded(5));
        KMeansModel h = b.refinement(KMeans.Refinement.HARTIGAN).build().fit(x, FitContext.seeded(5));
        assertFalse(none.converged());
        KMeansTest.assertSameModel(none, h);
    }

    @Test
    void refinedFitsAreBitIdenticalForOneTwoAndThreeThreads() {
        // small data runs restarts concurrently, large data parallelises within a restart: both paths
        for (DataMatrix x : new DataMatrix[] {blobs(600, 2, 7, 21), blobs(20_000, 3, 12, 22)}) {
            KMeans km = KMeans.builder().k(x.rows() > 1000 ? 20 : 7).nInit(3)
                    .refinement(KMeans.Refinement.HARTIGAN).build();
            KMeansModel one = km.fit(x, FitContext.seeded(9).withThreads(1));
            KMeansTest.assertSameModel(one, km.fit(x, FitContext.seeded(9).withThreads(2)));
            KMeansTest.assertSameModel(one, km.fit(x, FitContext.seeded(9).withThreads(3)));
        }
    }

    @Test
    void everyRestartEndsAtOrBelowItsLloydResult() {
        DataMatrix x = blobs(3000, 2, 15, 31);
        KMeans.Builder b = KMeans.builder().k(15).nInit(6);
        double[] lloyd = b.refinement(KMeans.Refinement.NONE).build().fit(x, FitContext.seeded(2)).restartInertias();
        double[] h = b.refinement(KMeans.Refinement.HARTIGAN).build().fit(x, FitContext.seeded(2)).restartInertias();
        boolean lower = false;
        for (int r = 0; r < lloyd.length; r++) {
            assertTrue(h[r] <= lloyd[r] * (1 + 1e-12), "restart " + r + ": " + h[r] + " > " + lloyd[r]);
            lower |= h[r] < lloyd[r] * (1 - 1e-9);
        }
        assertTrue(lower, "overlapping blobs: refinement should lower at least one restart");
    }

    @Test
    void builderDefaultsToNoRefinementAndRefusesNull() {
        assertEquals(KMeans.Refinement.NONE, KMeans.builder().build().refinement());
        assertEquals(KMeans.Refinement.HARTIGAN,
                KMeans.builder().refinement(KMeans.Refinement.HARTIGAN).build().refinement());
        assertTrue(KMeans.builder().refinement(KMeans.Refinement.HARTIGAN).build().toString()
                .contains("refinement=HARTIGAN"));
        assertEquals("refinement", assertThrows(NullPointerException.class,
                () -> KMeans.builder().refinement(null)).getMessage());
    }

    @Test
    void stateRecordsTheRefinementAndRoundTrips() {
        KMeansModel m = KMeans.builder().k(4).nInit(2).refinement(KMeans.Refinement.HARTIGAN).build()
                .fit(blobs(300, 2, 4, 8), FitContext.seeded(4));
        StepState state = Steps.state(m);
        assertEquals("HARTIGAN", state.string("refinement"));
        KMeansModel back = Steps.restore(state, KMeansModel.class);
        assertEquals(KMeans.Refinement.HARTIGAN, back.refinement());
        assertArrayEquals(m.centres().toArray(), back.centres().toArray());
        assertEquals(state, Steps.state(back));
    }

    @Test
    void stateWithoutRefinementRestoresAsNoneAndAnUnknownOneIsRefused() {
        StepState old = base().build();
        assertEquals(KMeans.Refinement.NONE, Steps.restore(old, KMeansModel.class).refinement());
        StepState bad = base().put("refinement", "SWAP").build();
        assertEquals("kmeans state: unknown refinement 'SWAP' (expected NONE or HARTIGAN)",
                assertThrows(IllegalArgumentException.class, () -> Steps.restore(bad)).getMessage());
    }

    private static StepState.Builder base() {
        return StepState.builder("kmeans", 1).put("k", 2).put("dimension", 1).put("centres", new double[] {0, 1})
                .put("inertia", 1.0).put("iterations", 3).put("converged", "true")
                .put("restartInertias", new double[] {1.0}).put("algorithm", "LLOYD");
    }

    /** Overlapping Gaussian blobs (unit spread, centres within +-4), so Lloyd optima are often not Hartigan optima. */
    static DataMatrix blobs(int n, int d, int clusters, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] centres = new double[clusters * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = rng.nextDouble(-4, 4);
        }
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(clusters);
            for (int j = 0; j < d; j++) {
                v[i * d + j] = centres[c * d + j] + rng.nextGaussian();
            }
        }
        return DataMatrix.of(n, d, v);
    }
}
