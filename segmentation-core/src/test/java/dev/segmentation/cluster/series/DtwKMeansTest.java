package dev.segmentation.cluster.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;
import dev.segmentation.internal.Cancel;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DtwKMeansTest {
    @Test
    void slightlyWarpedCopiesOfAShapeLandInOneCluster() {
        int n = 90;
        int t = 40;
        DataMatrix x = DataMatrix.wrap(n, t, SeriesOracles.shiftedShapes(n, t, 3, 2, 0.05, 5));
        DtwKMeansModel m = DtwKMeans.builder().k(3).bandRadius(4).build().fit(x, FitContext.seeded(2));
        int[] labels = m.labels();
        int[] of = {labels[0], labels[1], labels[2]};
        assertEquals(3, Arrays.stream(of).distinct().count(), Arrays.toString(of));
        for (int i = 0; i < n; i++) {
            assertEquals(of[i % 3], labels[i], "row " + i);
        }
    }

    @Property(tries = 40)
    void labelsAreTheArgminOfBruteForceDtwToTheFinalCentroids(@ForAll @IntRange(min = 3, max = 30) int n,
            @ForAll @IntRange(min = 2, max = 16) int t, @ForAll @IntRange(min = 1, max = 4) int k,
            @ForAll @IntRange(min = 0, max = 6) int radius, @ForAll long seed) {
        Assume.that(k <= n);
        double[] v = SeriesOracles.shiftedShapes(n, t, 4, t / 4, 0.3, seed);
        DtwKMeansModel m = DtwKMeans.builder().k(k).bandRadius(radius).maxIter(10).dbaIterations(2).build()
                .fit(DataMatrix.wrap(n, t, v), FitContext.seeded(seed));
        int[] labels = m.labels();
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            double[] z = SeriesOracles.z(Arrays.copyOfRange(v, i * t, (i + 1) * t));
            double own = SeriesOracles.bruteDtw(z, m.centroid(labels[i]), radius);
            inertia += own;
            for (int c = 0; c < k; c++) {
                assertTrue(own <= SeriesOracles.bruteDtw(z, m.centroid(c), radius) + 1e-9 * Math.max(1, own),
                        "row " + i + " label " + labels[i] + " but centroid " + c + " is closer");
            }
        }
        assertEquals(inertia, m.inertia(), 1e-8 * Math.max(1, inertia));
        assertArrayEquals(labels, m.predict(DataMatrix.wrap(n, t, v)));
    }

    /** DBA never raises a cluster's DTW cost: with the paths fixed the mean is optimal, and DTW can only do better. */
    @Property(tries = 60)
    void aDbaStepNeverRaisesTheWithinClusterCost(@ForAll @IntRange(min = 1, max = 25) int n,
            @ForAll @IntRange(min = 2, max = 20) int t, @ForAll @IntRange(min = 0, max = 20) int radius,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] z = new double[n * t];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextGaussian();
        }
        int r = Math.min(radius, t - 1);
        DtwKMeans.Engine e = new DtwKMeans.Engine(z, n, t, 1, r, 1, Cancel.of(() -> false,
                FitCancelledException::new));
        double[] centroid = SeriesOracles.gaussian(t, rng);
        int[] labels = new int[n];
        double before = cost(z, n, t, centroid, r);
        for (int step = 0; step < 3; step++) {
            e.dba(centroid, labels);
            double after = cost(z, n, t, centroid, r);
            assertTrue(after <= before + 1e-9 * Math.max(1, before), "step " + step + ": " + before + " -> " + after);
            before = after;
        }
    }

    private static double cost(double[] z, int n, int t, double[] c, int r) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += SeriesOracles.bruteDtw(Arrays.copyOfRange(z, i * t, (i + 1) * t), c, r);
        }
        return s;
    }

    @Test
    void badSettingsAreRefusedWithTheirValue() {
        assertEquals("bandRadius must be >= 0 but was -1",
                assertThrows(IllegalArgumentException.class, () -> DtwKMeans.builder().bandRadius(-1)).getMessage());
        assertEquals("dbaIterations must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> DtwKMeans.builder().dbaIterations(0))
                        .getMessage());
        assertEquals("k = 5 exceeds the number of series (4)", assertThrows(IllegalArgumentException.class,
                () -> DtwKMeans.builder().k(5).build().fit(DataMatrix.wrap(4, 6, SeriesOracles.shiftedShapes(4, 6, 2,
                        0, 0.1, 1)), FitContext.seeded(1))).getMessage());
    }

    @Test
    void aSavedModelPredictsAsTheFittedOne() {
        int n = 200;
        int t = 26;
        DataMatrix x = DataMatrix.wrap(n, t, SeriesOracles.shiftedShapes(n, t, 4, 3, 0.4, 17));
        for (int band : new int[] {-1, 3}) {
            DtwKMeans.Builder b = DtwKMeans.builder().k(4);
            if (band >= 0) {
                b.bandRadius(band);
            }
            DtwKMeansModel m = b.build().fit(x, FitContext.seeded(6));
            StepState state = Steps.state(m);
            assertEquals("dtw-kmeans", state.type());
            ClusterModel back = Steps.restore(state, ClusterModel.class);
            assertTrue(back instanceof DtwKMeansModel);
            assertEquals(m.bandRadius(), ((DtwKMeansModel) back).bandRadius());
            assertArrayEquals(m.predict(x), back.predict(x));
            assertEquals(state, Steps.state(back));
        }
    }
}
