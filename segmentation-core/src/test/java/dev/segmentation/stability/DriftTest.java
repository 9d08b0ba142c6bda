package dev.segmentation.stability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftTest {

    static double[] normal(int n, double mean, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return v;
    }

    /** sup |F_a - F_b| evaluated at every observed value. */
    static double ksBruteForce(double[] a, double[] b) {
        double d = 0;
        for (double[] s : new double[][] {a, b}) {
            for (double v : s) {
                double fa = 0;
                double fb = 0;
                for (double x : a) {
                    fa += x <= v ? 1 : 0;
                }
                for (double x : b) {
                    fb += x <= v ? 1 : 0;
                }
                d = Math.max(d, Math.abs(fa / a.length - fb / b.length));
            }
        }
        return d;
    }

    @Test
    void ksMatchesTheDefinitionWithTies() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            double[] a = new double[1 + r.nextInt(40)];
            double[] b = new double[1 + r.nextInt(40)];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(8);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(10) - 1;
            }
            assertEquals(ksBruteForce(a, b), Drift.ks(a, b), 1e-15);
        }
    }

    @Test
    void psiOfDecileBinsByHand() {
        double[] train = new double[100];
        for (int i = 0; i < 100; i++) {
            train[i] = i;
        }
        // edges at 9.9, 19.8, ..., 89.1: ten bins of 10 training values
        assertArrayEquals(new double[] {9.9, 19.8, 29.7, 39.6, 49.5, 59.4, 69.3, 79.2, 89.1},
                Drift.decileEdges(train), 1e-9);
        assertEquals(0.0, Drift.psi(train, train), 1e-15);
        // all new values in the first bin: 0.9 - 0.1 ... plus nine emptied bins at the smoothed share 1e-4
        double[] low = new double[50];
        double expected = (1.0 - 0.1) * Math.log(1.0 / 0.1) + 9 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1);
        assertEquals(expected, Drift.psi(train, low), 1e-12);
        // a tied feature gets fewer bins: deciles 0 (eight times) and 0.1 (the 90% quantile)
        assertArrayEquals(new double[] {0, 0.1}, Drift.decileEdges(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1}),
                1e-15);
    }

    @Test
    void reportSummarisesLevels() {
        int n = 2000;
        double[] train = new double[n * 3];
        double[] now = new double[n * 3];
        double[] a = normal(n, 0, 1);
        double[] b = normal(n, 0, 2);
        double[] c = normal(n, 0, 3);
        double[] a2 = normal(n, 0, 4);
        double[] b2 = normal(n, 0.35, 5);
        double[] c2 = normal(n, 1.5, 6);
        for (int i = 0; i < n; i++) {
            train[3 * i] = a[i];
            train[3 * i + 1] = b[i];
            train[3 * i + 2] = c[i];
            now[3 * i] = a2[i];
            now[3 * i + 1] = b2[i];
            now[3 * i + 2] = c2[i];
        }
        DriftReport r = Drift.compare(List.of("same", "slight", "shifted"), DataMatrix.of(n, 3, train),
                DataMatrix.of(n, 3, now));
        assertEquals(Drift.Level.STABLE, r.features().get(0).level());
        assertEquals(Drift.Level.MODERATE, r.features().get(1).level());
        assertEquals(Drift.Level.SIGNIFICANT, r.features().get(2).level());
        assertEquals(Drift.Level.SIGNIFICANT, r.overall());
        assertEquals(1, r.count(Drift.Level.MODERATE));
        assertEquals(r.features().get(2).psi(), r.maxPsi());
        assertTrue(r.features().get(2).ks() > r.features().get(0).ks());
        assertTrue(r.table().contains("shifted"));
    }

    @Test
    void featureTablesAreMatchedByName() {
        FeatureTable train = FeatureTable.of(List.of("a", "b", "c"), List.of("x", "y"), new double[] {1, 5, 2, 6, 3, 7});
        FeatureTable now = FeatureTable.of(List.of("d", "e"), List.of("y", "x"), new double[] {5, 1, 6, 2});
        DriftReport r = Drift.compare(train, now);
        assertEquals("x", r.features().get(0).feature());
        assertEquals(Drift.ks(new double[] {1, 2, 3}, new double[] {1, 2}), r.features().get(0).ks());
    }

    @Test
    void rejectsBadInput() {
        assertEquals("expected is empty",
                assertThrows(IllegalArgumentException.class, () -> Drift.psi(new double[0], new double[1]))
                        .getMessage());
        assertEquals("b has a non-finite value NaN at index 0", assertThrows(IllegalArgumentException.class,
                () -> Drift.ks(new double[1], new double[] {Double.NaN})).getMessage());
        assertEquals("2 feature names but train has 1 columns and current has 1",
                assertThrows(IllegalArgumentException.class, () -> Drift.compare(List.of("a", "b"),
                        DataMatrix.of(1, 1, new double[1]), DataMatrix.of(1, 1, new double[1]))).getMessage());
        assertEquals("current feature 'a' has a non-finite value Infinity at row 1",
                assertThrows(IllegalArgumentException.class, () -> Drift.compare(List.of("a"),
                        DataMatrix.of(1, 1, new double[1]),
                        DataMatrix.of(2, 1, new double[] {0, Double.POSITIVE_INFINITY}))).getMessage());
    }
}
