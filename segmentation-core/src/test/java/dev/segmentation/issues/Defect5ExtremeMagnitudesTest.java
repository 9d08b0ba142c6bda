package dev.segmentation.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.FittedScaler;
import dev.segmentation.scaling.Scaling;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defect 5: extreme magnitudes overflowed silently. Standard scaling near 1e200 overflowed the variance
 * and left the column unscaled (scale 1); robust scaling of ±1e308 gave scale Infinity (and K-Means then saw one
 * distinct point); K-Means returned inertia Infinity without an error.
 */
class Defect5ExtremeMagnitudesTest {
    private static FeatureTable column(String name, double... values) {
        String[] ids = new String[values.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "e" + i;
        }
        return FeatureTable.of(List.of(ids), List.of(name), values.clone());
    }

    @Test
    void standardScalingNear1e200IsComputedExactlyLikeTheSameDataNear1() {
        double[] small = new double[100];
        double[] huge = new double[100];
        for (int i = 0; i < 100; i++) {
            small[i] = 1 + (i % 7) * 0.25 + i * 0.01;
            huge[i] = Math.scalb(small[i], 664); // about 1e200; times a power of two, so exactly proportional
        }
        FittedScaler s = Scaling.standard().fit(column("x", small));
        FittedScaler h = Scaling.standard().fit(column("x", huge));
        assertTrue(h.scale()[0] > 1e199, "scale " + h.scale()[0]);
        assertEquals(Math.scalb(s.center()[0], 664), h.center()[0]);
        assertEquals(Math.scalb(s.scale()[0], 664), h.scale()[0]);
        double[] a = s.transform(column("x", small)).values();
        double[] b = h.transform(column("x", huge)).values();
        for (int i = 0; i < 100; i++) {
            assertEquals(a[i], b[i], "row " + i);
        }
    }

    @Test
    void standardScalingOfValuesNearTheLargestDoubleStaysFinite() {
        FeatureTable t = column("x", -1.7e308, 1.7e308, 1.7e308, 0.0);
        FittedScaler s = Scaling.standard().fit(t);
        double[] z = s.transform(t).values();
        for (double v : z) {
            assertTrue(Double.isFinite(v), "scaled value " + v);
        }
        // mean 4.25e307, population std about 1.3e308: the scaled extremes are about -1.63 and 0.98
        assertTrue(z[0] < -1.5 && z[0] > -1.8, "z[0] = " + z[0]);
    }

    @Test
    void standardScalingOfTinyValuesIsExactToo() {
        double[] tiny = new double[50];
        double[] one = new double[50];
        for (int i = 0; i < 50; i++) {
            one[i] = 1 + i * 0.5;
            tiny[i] = Math.scalb(one[i], -1000); // about 1e-301: their squares underflow
        }
        FittedScaler s = Scaling.standard().fit(column("x", one));
        FittedScaler t = Scaling.standard().fit(column("x", tiny));
        assertEquals(Math.scalb(s.scale()[0], -1000), t.scale()[0]);
    }

    @Test
    void standardScalingRefusesASubnormalStandardDeviation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scaling.standard().fit(column("spend", 0.0, Double.MIN_VALUE)));
        assertEquals("standard scaling: feature 'spend' has the standard deviation 0.0, below the smallest normal "
                + "double 2.2250738585072014E-308 (its values lie in [0.0, 4.9E-324]): rescale the feature",
                e.getMessage());
    }

    @Test
    void robustScalingRefusesARangeThatOverflows() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i % 2 == 0 ? -1e308 : 1e308;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scaling.robust().fit(column("monetary", v)));
        assertEquals("robust scaling: feature 'monetary' has a range from the 25.0th percentile (-1.0E308) to the "
                + "75.0th (1.0E308) that overflows a double: rescale the feature (divide it, or log1p it)",
                e.getMessage());
    }

    @Test
    void robustScalingOfLargeButRepresentableRangesStillWorks() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = (i - 50) * 1e305;
        }
        FittedScaler s = Scaling.robust().fit(column("x", v));
        assertTrue(Double.isFinite(s.scale()[0]) && s.scale()[0] > 1e306);
        // the 100 distinct values stay 100 distinct scaled points: K-Means with k = 2 fits them
        FeatureTable z = s.transform(column("x", v));
        KMeansModel m = KMeans.builder().k(2).nInit(2).build().fit(z.matrix(), FitContext.seeded(1).withThreads(1));
        assertEquals(2, m.clusterCount());
        assertTrue(Double.isFinite(m.inertia()));
    }

    @Test
    void transformThatWouldOverflowNamesEntityFeatureValueCentreAndScale() {
        FittedScaler s = Scaling.standard().fit(column("x", 1.0, 2.0, 3.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.transform(column("x", 1.7e308)));
        assertEquals("entity 'e0', feature 'x': value 1.7E308 scaled by (x - 2.0) / 0.816496580927726 overflows a "
                + "double", e.getMessage());
    }

    @Test
    void kMeansRefusesDataWhoseSquaredDistancesOverflow() {
        double[] v = new double[200];
        for (int i = 0; i < 100; i++) {
            v[2 * i] = (i % 2 == 0 ? -1 : 1) * 1e200 + i;
            v[2 * i + 1] = i;
        }
        DataMatrix x = DataMatrix.of(100, 2, v);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.builder().k(2).build().fit(x, FitContext.seeded(1)));
        assertEquals("squared distances between the rows of x overflow a double (column 0 spans -1.0E200 to 1.0E200):"
                + " rescale the data (e.g. Scaling.standard()) before K-Means", e.getMessage());
    }

    @Test
    void kMeansRefusesAnInertiaThatOverflows() {
        // every squared distance fits in a double (at most about 1.6e308), their sum does not
        int n = 4000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i % 2 == 0 ? 0.0 : 1.0) * 1.2e154 + (i % 4 < 2 ? 0 : 1e150);
        }
        DataMatrix x = DataMatrix.of(n, 1, v);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.builder().k(1).nInit(1).build().fit(x, FitContext.seeded(1).withThreads(1)));
        assertTrue(e.getMessage().startsWith("the K-Means inertia (sum of squared distances to the centres) overflows"
                + " a double (Infinity) for k = 1 and 4000 rows: rescale the data"), e.getMessage());
    }
}
