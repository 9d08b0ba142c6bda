package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.cluster.HasInertia;
import dev.segmentation.evaluation.KSelection;
import dev.segmentation.evaluation.KSelectionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link KSelection#sweep(KMeans)} (choosing k by a sweep) and {@link KMeans.Builder#initialCentres}. */
class KMeansChoiceTest {
    private static final FitContext CTX = FitContext.seeded(11);

    private static String message(Class<? extends Throwable> type, Executable e) {
        return assertThrows(type, e).getMessage();
    }

    private static DataMatrix col(double... v) {
        return DataMatrix.of(v.length, 1, v);
    }

    // ---------------------------------------------------------------- k selection

    @Test
    void sweepReturnsTheChosenModelBitForBitAsADirectFitWithThatK() {
        DataMatrix x = ClustererContract.blobs(1200, 2, 4, 3);
        for (KSelection.Criterion criterion : KSelection.Criterion.values()) {
            KSelection sel = KSelection.range(2, 6).by(criterion);
            KMeansModel m = (KMeansModel) sel.sweep(KMeans.builder().nInit(3).build()).fit(x, CTX);
            KSelectionResult r = sel.run(x, KMeans.builder().nInit(3).build()::withK, CTX);
            assertEquals(criterion, r.criterion());
            assertEquals(5, r.scores().size());
            assertEquals(r.chosenK(), m.clusterCount(), criterion.name());
            KMeansModel direct = KMeans.builder().k(r.chosenK()).nInit(3).build().fit(x, CTX);
            KMeansTest.assertSameModel(direct, m);
            // every k of the sweep is the direct fit of that k
            for (int k = 2; k <= 6; k++) {
                KMeansTest.assertSameModel(KMeans.builder().k(k).nInit(3).build().fit(x, CTX),
                        (KMeansModel) r.model(k));
                assertEquals(((KMeansModel) r.model(k)).inertia(), r.score(k).inertia(), "k = " + k);
            }
        }
    }

    @Test
    void fourSeparatedBlobsAreChosenBySilhouette() {
        double[] v = new double[4 * 50 * 2];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(2);
        double[][] centres = {{0, 0}, {20, 0}, {0, 20}, {20, 20}};
        for (int i = 0; i < 200; i++) {
            v[2 * i] = centres[i % 4][0] + rng.nextGaussian() * 0.5;
            v[2 * i + 1] = centres[i % 4][1] + rng.nextGaussian() * 0.5;
        }
        KMeansModel m = (KMeansModel) KSelection.range(2, 8).sweep(KMeans.builder().build())
                .fit(DataMatrix.of(200, 2, v), CTX);
        assertEquals(4, m.clusterCount());
        assertEquals(4, KSelection.range(2, 8).run(DataMatrix.of(200, 2, v), KMeans.builder().build()::withK, CTX)
                .bySilhouette());
    }

    @Test
    void sweepSettingsStayOnTheSpecAndTheSweepUsesAllOtherSettings() {
        KSelection sel = KSelection.range(2, 4);
        KMeans km = KMeans.builder().nInit(2).maxIter(7).algorithm(KMeans.Algorithm.HAMERLY).build();
        assertTrue(sel.sweep(km).toString().contains("KSelection[2..4 by SILHOUETTE]"), sel.sweep(km).toString());
        DataMatrix x = ClustererContract.blobs(600, 3, 3, 4);
        KSelectionResult r = sel.run(x, km::withK, CTX);
        for (int k = 2; k <= 4; k++) {
            KMeansModel mk = (KMeansModel) r.model(k);
            assertEquals(2, mk.restartInertias().length);
            assertTrue(mk.iterations() <= 7);
            assertEquals(KMeans.Algorithm.HAMERLY, mk.algorithm());
        }
    }

    @Test
    void withKKeepsEverySettingButK() {
        KMeans km = KMeans.builder().k(5).nInit(2).maxIter(7).build();
        KMeans three = km.withK(3);
        assertEquals(3, three.k());
        assertEquals(2, three.nInit());
        assertEquals(7, three.maxIter());
        assertEquals("k must be >= 1 but was 0", message(IllegalArgumentException.class, () -> km.withK(0)));
        KMeans given = KMeans.builder().initialCentres(col(0, 1)).nInit(1).build();
        assertEquals("this K-Means starts from 2 given centres, which fix k; k = 3 cannot be swept",
                message(IllegalStateException.class, () -> given.withK(3)));
    }

    @Test
    void sweepErrorsAreNamed() {
        assertEquals("kmeans", message(NullPointerException.class, () -> KSelection.range(2, 4).sweep(null)));
        Clusterer km = KSelection.range(2, 10).sweep(KMeans.builder().build());
        assertEquals("x has 5 rows; a sweep up to k = 10 needs at least 11",
                message(IllegalArgumentException.class, () -> km.fit(col(1, 2, 3, 4, 5), CTX)));
        // a k the data cannot support: named by the sweep
        double[] v = {1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3};
        assertEquals("k = 4 exceeds the number of distinct points (3)", message(IllegalArgumentException.class,
                () -> KSelection.range(2, 4).sweep(KMeans.builder().build()).fit(col(v), CTX.withThreads(1))));
    }

    @Test
    void modelIsAHasInertiaAndGivesCentreRowsAsACopy() {
        KMeansModel m = KMeans.builder().k(3).build().fit(ClustererContract.blobs(300, 2, 3, 5), CTX);
        HasInertia h = m;
        assertEquals(m.inertia(), h.inertia());
        double[][] rows = m.centreRows();
        assertEquals(3, rows.length);
        double[] flat = m.centres().toArray();
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(flat, 2 * c, 2 * c + 2), rows[c]);
        }
        rows[0][0] = 1e9;
        assertNotSame(rows, m.centreRows());
        assertEquals(flat[0], m.centreRows()[0][0]);
    }

    // ---------------------------------------------------------------- initial centres

    @Test
    void oneIterationFromGivenCentresIsTheHandComputedLloydStep() {
        // centres 0 and 1: row 0 goes to centre 0, rows 1, 10 and 11 to centre 1, whose mean is 22/3
        KMeansModel m = KMeans.builder().initialCentres(col(0, 1)).nInit(1).maxIter(1).build()
                .fit(col(0, 1, 10, 11), CTX);
        assertEquals(2, m.clusterCount());
        assertArrayEquals(new double[] {0, 22.0 / 3}, m.centres().toArray());
        assertEquals(1, m.iterations());
        assertArrayEquals(new int[] {0, 0, 1, 1}, m.labels(), "labels follow the final centres");
        assertEquals(1 + (10 - 22.0 / 3) * (10 - 22.0 / 3) + (11 - 22.0 / 3) * (11 - 22.0 / 3), m.inertia(), 1e-12);
        assertArrayEquals(new double[] {m.inertia()}, m.restartInertias());
    }

    @Test
    void startingFromAConvergedModelsCentresGivesThatModel() {
        DataMatrix x = ClustererContract.blobs(2000, 3, 5, 8);
        KMeansModel first = KMeans.builder().k(5).tol(0).build().fit(x, CTX);
        assertTrue(first.converged());
        for (KMeans.Algorithm alg : new KMeans.Algorithm[] {KMeans.Algorithm.LLOYD, KMeans.Algorithm.HAMERLY}) {
            KMeansModel again = KMeans.builder().initialCentres(first.centres()).nInit(1).algorithm(alg).build()
                    .fit(x, FitContext.seeded(999));
            assertArrayEquals(first.centres().toArray(), again.centres().toArray(), alg.name());
            assertArrayEquals(first.labels(), again.labels(), alg.name());
            assertEquals(1, again.iterations(), alg.name());
            assertTrue(again.converged(), alg.name());
        }
    }

    @Test
    void givenCentresIgnoreTheSeedAndTheThreadCount() {
        DataMatrix x = ClustererContract.blobs(30_000, 2, 4, 6);
        DataMatrix init = DataMatrix.ofRows(new double[][] {{0, 0}, {1, 1}, {-3, 2}, {5, -5}});
        KMeans km = KMeans.builder().initialCentres(init).nInit(1).maxIter(5).tol(0).build();
        assertEquals(4, km.k());
        KMeansModel a = km.fit(x, FitContext.seeded(1).withThreads(1));
        KMeansTest.assertSameModel(a, km.fit(x, FitContext.seeded(2).withThreads(2)));
        KMeansTest.assertSameModel(a, km.fit(x, FitContext.seeded(3).withThreads(3)));
        assertEquals(5, a.iterations());
    }

    @Test
    void initialCentresErrorsNameTheSettings() {
        DataMatrix two = col(0, 1);
        assertEquals("initialCentres requires nInit = 1 but nInit = 10 (a run from given centres is deterministic, "
                + "restarts would repeat it)", message(IllegalStateException.class,
                        () -> KMeans.builder().initialCentres(two).build()));
        assertEquals("k = 3 but initialCentres has 2 rows", message(IllegalStateException.class,
                () -> KMeans.builder().k(3).initialCentres(two).nInit(1).build()));
        assertEquals("centres", message(NullPointerException.class, () -> KMeans.builder().initialCentres(null)));
        assertEquals("initialCentres must have at least one row and one column but was 0 x 2", message(
                IllegalArgumentException.class,
                () -> KMeans.builder().initialCentres(DataMatrix.of(0, 2, new double[0]))));
        assertEquals("initialCentres hold the non-finite value NaN at row 1, column 0", message(
                IllegalArgumentException.class, () -> KMeans.builder().initialCentres(col(0, Double.NaN))));
        KMeans km = KMeans.builder().initialCentres(two).nInit(1).build();
        assertEquals("initialCentres have 1 columns but x has 2", message(IllegalArgumentException.class,
                () -> km.fit(DataMatrix.ofRows(new double[][] {{0, 0}, {1, 1}, {2, 2}}), CTX)));
        // the builder is unchanged by a failed build
        KMeans.Builder b = KMeans.builder().initialCentres(two);
        assertThrows(IllegalStateException.class, b::build);
        assertEquals(2, b.nInit(1).build().k());
    }
}
