package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link KMeansModel#fromCentres}: centres fitted elsewhere predict as a fitted model with the same centres. */
class KMeansModelFromCentresTest {

    @Test
    void predictsAsTheFittedModelWithTheSameCentres() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 500;
        int d = 3;
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian() + (i / d % 4) * 3;
        }
        DataMatrix m = DataMatrix.of(n, d, x);
        KMeansModel fitted = KMeans.builder().k(4).nInit(2).build().fit(m, FitContext.seeded(5));
        KMeansModel copy = KMeansModel.fromCentres(fitted.centres(), fitted.inertia(), fitted.iterations(),
                fitted.converged());
        assertArrayEquals(fitted.labels(), copy.predict(m));
        assertArrayEquals(fitted.centres().toArray(), copy.centres().toArray());
        assertEquals(0, copy.labels().length);
        assertEquals(fitted.inertia(), copy.inertia());
        assertArrayEquals(new double[] {fitted.inertia()}, copy.restartInertias());
        assertEquals(KMeans.Algorithm.LLOYD, copy.algorithm());
        assertEquals(KMeans.Refinement.NONE, copy.refinement());
        assertEquals(4, copy.clusterCount());
        assertEquals(d, copy.dimension());
    }

    @Test
    void refusesBadCentresAndFacts() {
        assertEquals("centre 1 holds the non-finite value NaN at column 0",
                assertThrows(IllegalArgumentException.class, () -> KMeansModel.fromCentres(
                        DataMatrix.of(2, 1, new double[] {0, Double.NaN}), 0, 1, true)).getMessage());
        assertEquals("inertia must be finite and >= 0 but was -1.0",
                assertThrows(IllegalArgumentException.class, () -> KMeansModel.fromCentres(
                        DataMatrix.of(1, 1, new double[] {0}), -1, 1, true)).getMessage());
        assertEquals("iterations must be >= 0 but was -2",
                assertThrows(IllegalArgumentException.class, () -> KMeansModel.fromCentres(
                        DataMatrix.of(1, 1, new double[] {0}), 0, -2, true)).getMessage());
        assertThrows(NullPointerException.class, () -> KMeansModel.fromCentres(null, 0, 0, true));
    }
}
