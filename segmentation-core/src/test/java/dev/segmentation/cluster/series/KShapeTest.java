package dev.segmentation.cluster.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.series.SeriesNormalization.ConstantSeries;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class KShapeTest {
    @Test
    void shiftedCopiesOfAShapeLandInOneCluster() {
        int n = 120;
        int t = 48;
        DataMatrix x = DataMatrix.wrap(n, t, SeriesOracles.shiftedShapes(n, t, 3, 8, 0.05, 11));
        KShapeModel m = KShape.builder().k(3).build().fit(x, FitContext.seeded(4));
        int[] labels = m.labels();
        // a partition equal to "row i has shape i % 3" up to renaming
        int[] of = {labels[0], labels[1], labels[2]};
        assertEquals(3, java.util.Arrays.stream(of).distinct().count(), java.util.Arrays.toString(of));
        for (int i = 0; i < n; i++) {
            assertEquals(of[i % 3], labels[i], "row " + i);
        }
        assertTrue(m.converged());
    }

    @Property(tries = 40)
    void labelsAreTheArgminOfBruteForceSbdToTheFinalCentroids(@ForAll @IntRange(min = 3, max = 40) int n,
            @ForAll @IntRange(min = 2, max = 20) int t, @ForAll @IntRange(min = 1, max = 4) int k,
            @ForAll long seed) {
        net.jqwik.api.Assume.that(k <= n);
        double[] v = SeriesOracles.shiftedShapes(n, t, 4, t / 4, 0.3, seed);
        KShapeModel m = KShape.builder().k(k).maxIter(20).build().fit(DataMatrix.wrap(n, t, v),
                FitContext.seeded(seed));
        int[] labels = m.labels();
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            double[] z = SeriesOracles.z(java.util.Arrays.copyOfRange(v, i * t, (i + 1) * t));
            double own = SeriesOracles.bruteSbd(m.centroid(labels[i]), z);
            inertia += own;
            for (int c = 0; c < k; c++) {
                assertTrue(own <= SeriesOracles.bruteSbd(m.centroid(c), z) + 1e-9, "row " + i + " label "
                        + labels[i] + " but centroid " + c + " is closer");
            }
        }
        assertEquals(inertia, m.inertia(), 1e-8 * Math.max(1, inertia));
        // centroids are z-normalised shapes
        for (int c = 0; c < k; c++) {
            double[] cen = m.centroid(c);
            double s = 0;
            double ss = 0;
            for (double q : cen) {
                s += q;
                ss += q * q;
            }
            assertEquals(0.0, s / t, 1e-9, "centroid " + c);
            assertEquals(1.0, ss / t, 1e-9, "centroid " + c);
        }
        assertArrayEquals(labels, m.predict(DataMatrix.wrap(n, t, v)));
    }

    /** The extracted shape maximises the Rayleigh quotient of Q S Q: no member and no random direction beats it. */
    @Property(tries = 60)
    void shapeExtractionMaximisesTheRayleighQuotient(@ForAll @IntRange(min = 2, max = 24) int t,
            @ForAll @IntRange(min = 1, max = 15) int members, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] s = new double[t * t];
        double[] sum = new double[t];
        double[][] rows = new double[members][];
        for (int m = 0; m < members; m++) {
            rows[m] = SeriesOracles.gaussian(t, rng);
            for (int p = 0; p < t; p++) {
                sum[p] += rows[m][p];
                for (int q = 0; q < t; q++) {
                    s[p * t + q] += rows[m][p] * rows[m][q];
                }
            }
        }
        double[] v = KShape.shape(s, sum, t);
        net.jqwik.api.Assume.that(v != null);
        double best = rayleigh(s, v, t);
        for (int m = 0; m < members; m++) {
            assertTrue(rayleigh(s, rows[m], t) <= best + 1e-9 * Math.max(1, best), "member " + m);
        }
        for (int r = 0; r < 50; r++) {
            assertTrue(rayleigh(s, SeriesOracles.gaussian(t, rng), t) <= best + 1e-9 * Math.max(1, best),
                    "random " + r);
        }
        double dot = 0;
        for (int p = 0; p < t; p++) {
            dot += v[p] * sum[p];
        }
        assertTrue(dot >= -1e-9, "the shape points away from its members: " + dot);
    }

    /** (Qv)^T S (Qv) / |Qv|^2, Q the centring matrix. */
    private static double rayleigh(double[] s, double[] v, int t) {
        double mean = 0;
        for (double q : v) {
            mean += q;
        }
        mean /= t;
        double[] c = new double[t];
        double nn = 0;
        for (int p = 0; p < t; p++) {
            c[p] = v[p] - mean;
            nn += c[p] * c[p];
        }
        if (nn == 0) {
            return 0;
        }
        double num = 0;
        for (int p = 0; p < t; p++) {
            for (int q = 0; q < t; q++) {
                num += c[p] * s[p * t + q] * c[q];
            }
        }
        return num / nn;
    }

    @Test
    void aConstantSeriesIsRefusedNamingItsRowUnlessTheCallerChoosesZero() {
        double[] v = SeriesOracles.shiftedShapes(10, 12, 2, 2, 0.1, 3);
        for (int p = 0; p < 12; p++) {
            v[7 * 12 + p] = 4.5;
        }
        DataMatrix x = DataMatrix.wrap(10, 12, v);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KShape.builder().k(2).build().fit(x, FitContext.seeded(1)));
        assertEquals("series row 7 is constant (every value is 4.5) and has no shape to z-normalise; drop it or "
                + "choose ConstantSeries.ZERO", e.getMessage());
        KShapeModel m = KShape.builder().k(2).constantSeries(ConstantSeries.ZERO).build().fit(x, FitContext.seeded(1));
        assertEquals(0, m.labels()[7], "an all-zero series is at SBD 1 from every centroid: cluster 0");
        assertEquals(0, m.predict(new double[12]));
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> KShape.builder().k(2).build().fit(DataMatrix.wrap(10, 12, SeriesOracles.shiftedShapes(10, 12,
                        2, 2, 0.1, 3)), FitContext.seeded(1)).predict(new double[12]));
        assertEquals("x row 0 is constant (every value is 0.0) and has no shape to z-normalise; drop it or choose "
                + "ConstantSeries.ZERO", p.getMessage());
    }

    @Test
    void badSettingsAndShapesAreRefusedWithTheirValue() {
        assertEquals("k must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> KShape.builder().k(0)).getMessage());
        assertEquals("maxIter must be >= 1 but was -2",
                assertThrows(IllegalArgumentException.class, () -> KShape.builder().maxIter(-2)).getMessage());
        DataMatrix three = DataMatrix.wrap(3, 5, SeriesOracles.shiftedShapes(3, 5, 3, 0, 0.1, 1));
        assertEquals("k = 4 exceeds the number of series (3)", assertThrows(IllegalArgumentException.class,
                () -> KShape.builder().k(4).build().fit(three, FitContext.seeded(1))).getMessage());
        assertEquals("cannot fit k-Shape to an empty matrix (0 x 5)", assertThrows(IllegalArgumentException.class,
                () -> KShape.builder().build().fit(DataMatrix.wrap(0, 5, new double[0]), FitContext.seeded(1)))
                .getMessage());
        KShapeModel m = KShape.builder().k(2).build().fit(three, FitContext.seeded(1));
        assertEquals("row has 4 values but the model was fitted on series of length 5",
                assertThrows(IllegalArgumentException.class, () -> m.predict(new double[4])).getMessage());
    }

    @Test
    void aSavedModelPredictsAsTheFittedOne() {
        int n = 300;
        int t = 30;
        double[] v = SeriesOracles.shiftedShapes(n, t, 4, 5, 0.4, 21);
        DataMatrix x = DataMatrix.wrap(n, t, v);
        KShapeModel m = KShape.builder().k(4).build().fit(x, FitContext.seeded(8));
        StepState state = Steps.state(m);
        assertEquals("kshape", state.type());
        ClusterModel back = Steps.restore(state, ClusterModel.class);
        assertTrue(back instanceof KShapeModel);
        assertArrayEquals(m.predict(x), back.predict(x));
        assertArrayEquals(m.centroids().toArray(), ((KShapeModel) back).centroids().toArray(), 0.0);
        assertEquals(state, Steps.state(back));
        assertEquals(0, back.labels().length);
    }

    @Test
    void aStateWithTooFewCentroidValuesIsRefused() {
        StepState bad = StepState.builder("kshape", 1).put("k", 2).put("length", 3)
                .put("centroids", new double[5]).put("zNormalize", "true").put("constantSeries", "REJECT")
                .put("inertia", 0.0).put("iterations", 1).put("converged", "true").build();
        assertEquals("kshape state: 2 x 3 centroids need 6 values but there are 5",
                assertThrows(IllegalArgumentException.class, () -> Steps.restore(bad)).getMessage());
        StepState policy = StepState.builder("kshape", 1).put("k", 1).put("length", 3)
                .put("centroids", new double[3]).put("zNormalize", "maybe").put("constantSeries", "REJECT")
                .put("inertia", 0.0).put("iterations", 1).put("converged", "true").build();
        assertEquals("kshape state: zNormalize must be 'true' or 'false' but was 'maybe'",
                assertThrows(IllegalArgumentException.class, () -> Steps.restore(policy)).getMessage());
    }
}
