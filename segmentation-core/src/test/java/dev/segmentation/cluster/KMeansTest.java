package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Edge cases, error messages and hand-computed results of {@link KMeans}. */
class KMeansTest {
    private static final FitContext CTX = FitContext.seeded(42);

    private static DataMatrix col(double... v) {
        return DataMatrix.of(v.length, 1, v);
    }

    private static <T extends Throwable> String message(Class<T> type, org.junit.jupiter.api.function.Executable e) {
        return assertThrows(type, e).getMessage();
    }

    // ---------------------------------------------------------------- builder

    @Test
    void builderRejectsBadValuesAtOnce() {
        KMeans.Builder b = KMeans.builder();
        assertEquals("k must be >= 1 but was 0", message(IllegalArgumentException.class, () -> b.k(0)));
        assertEquals("nInit must be >= 1 but was -2", message(IllegalArgumentException.class, () -> b.nInit(-2)));
        assertEquals("maxIter must be >= 1 but was 0", message(IllegalArgumentException.class, () -> b.maxIter(0)));
        assertEquals("tol must be finite and >= 0 but was -1.0",
                message(IllegalArgumentException.class, () -> b.tol(-1)));
        assertEquals("tol must be finite and >= 0 but was NaN",
                message(IllegalArgumentException.class, () -> b.tol(Double.NaN)));
        assertEquals("tol must be finite and >= 0 but was Infinity",
                message(IllegalArgumentException.class, () -> b.tol(Double.POSITIVE_INFINITY)));
        assertEquals("algorithm", message(NullPointerException.class, () -> b.algorithm(null)));
    }

    @Test
    void defaultsAreScikitLearns() {
        KMeans km = KMeans.builder().build();
        assertEquals(8, km.k());
        assertEquals(10, km.nInit());
        assertEquals(300, km.maxIter());
        assertEquals(1e-4, km.tol());
        assertEquals(KMeans.Algorithm.AUTO, km.algorithm());
        assertTrue(km.canonicalOrder());
        assertEquals("kmeans", km.name());
    }

    @Test
    void buildCanBeCalledAgainAndNeverChangesTheBuilder() {
        KMeans.Builder b = KMeans.builder().k(4).nInit(2).maxIter(50).tol(0.5).algorithm(KMeans.Algorithm.LLOYD)
                .canonicalOrder(false);
        KMeans first = b.build();
        KMeans second = b.build();
        assertNotSame(first, second);
        assertEquals(first.toString(), second.toString());
        b.k(6);
        assertEquals(4, first.k());
        assertEquals(6, b.build().k());
        Supplier<KMeans> supplier = b;
        KMeans got = supplier.get();
        assertEquals(6, got.k());
        assertEquals(2, got.nInit());
        assertEquals(50, got.maxIter());
        assertEquals(0.5, got.tol());
        assertEquals(KMeans.Algorithm.LLOYD, got.algorithm());
        assertFalse(got.canonicalOrder());
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void emptyInputIsRefused() {
        KMeans km = KMeans.builder().k(1).build();
        assertEquals("cannot fit K-Means to an empty matrix (0 rows x 3 columns)",
                message(IllegalArgumentException.class, () -> km.fit(DataMatrix.of(0, 3, new double[0]), CTX)));
        assertEquals("cannot fit K-Means to a matrix without columns (5 rows x 0 columns)",
                message(IllegalArgumentException.class, () -> km.fit(DataMatrix.of(5, 0, new double[0]), CTX)));
    }

    @Test
    void nullArgumentsAreRefused() {
        KMeans km = KMeans.builder().k(1).build();
        assertEquals("x", message(NullPointerException.class, () -> km.fit((DataMatrix) null, CTX)));
        assertEquals("context", message(NullPointerException.class, () -> km.fit(col(1, 2), null)));
    }

    @Test
    void nonFiniteValuesAreRefusedNamingRowColumnAndValue() {
        KMeans km = KMeans.builder().k(2).build();
        double[][] rows = {{0, 0}, {1, 1}, {2, Double.NaN}, {3, 3}};
        assertEquals("x holds the non-finite value NaN at row 2, column 1",
                message(IllegalArgumentException.class, () -> km.fit(DataMatrix.ofRows(rows), CTX)));
        rows[2][1] = 2;
        rows[1][0] = Double.POSITIVE_INFINITY;
        assertEquals("x holds the non-finite value Infinity at row 1, column 0",
                message(IllegalArgumentException.class, () -> km.fit(DataMatrix.ofRows(rows), CTX)));
    }

    @Test
    void kAboveTheNumberOfDistinctPointsIsRefused() {
        double[] v = {1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 5, 5};
        for (boolean canonical : new boolean[] {true, false}) {
            KMeans km = KMeans.builder().k(8).canonicalOrder(canonical).build();
            assertEquals("k = 8 exceeds the number of distinct points (5)",
                    message(IllegalArgumentException.class, () -> km.fit(col(v), CTX)), "canonical " + canonical);
            KMeans six = KMeans.builder().k(6).canonicalOrder(canonical).build();
            assertEquals("k = 6 exceeds the number of distinct points (5)",
                    message(IllegalArgumentException.class, () -> six.fit(col(v), CTX)), "canonical " + canonical);
        }
        // negative zero is the same point as zero
        assertEquals("k = 2 exceeds the number of distinct points (1)", message(IllegalArgumentException.class,
                () -> KMeans.builder().k(2).build().fit(col(0.0, -0.0, 0.0), CTX)));
    }

    @Test
    void singleRow() {
        KMeansModel m = KMeans.builder().k(1).build().fit(DataMatrix.ofRows(new double[][] {{3, -4}}), CTX);
        assertArrayEquals(new int[] {0}, m.labels());
        assertArrayEquals(new double[] {3, -4}, m.centres().toArray());
        assertEquals(0.0, m.inertia());
        assertTrue(m.converged());
        assertEquals("k = 2 exceeds the number of distinct points (1)", message(IllegalArgumentException.class,
                () -> KMeans.builder().k(2).build().fit(DataMatrix.ofRows(new double[][] {{3, -4}}), CTX)));
    }

    @Test
    void predictRefusesWrongShapesAndNonFiniteValues() {
        KMeansModel m = KMeans.builder().k(2).build().fit(DataMatrix.ofRows(new double[][] {{0, 0}, {1, 1}, {9, 9}}),
                CTX);
        assertEquals("row has 3 values but the model was fitted on 2 columns",
                message(IllegalArgumentException.class, () -> m.predict(new double[3])));
        assertEquals("row holds the non-finite value NaN at column 1",
                message(IllegalArgumentException.class, () -> m.predict(new double[] {0, Double.NaN})));
        assertEquals("x has 1 columns but the model was fitted on 2 columns",
                message(IllegalArgumentException.class, () -> m.predict(col(1, 2))));
        assertEquals("x holds the non-finite value -Infinity at row 1, column 0", message(
                IllegalArgumentException.class,
                () -> m.predict(DataMatrix.ofRows(new double[][] {{0, 0}, {Double.NEGATIVE_INFINITY, 0}}))));
        assertEquals("row", message(NullPointerException.class, () -> m.predict((double[]) null)));
        assertEquals("x", message(NullPointerException.class, () -> m.predict((DataMatrix) null)));
    }

    // ---------------------------------------------------------------- hand-computed results

    @Test
    void twoObviousGroupsInOneColumn() {
        KMeansModel m = KMeans.builder().k(2).build().fit(col(11, 0, 10, 1), CTX);
        int[] l = m.labels();
        assertEquals(l[1], l[3]);
        assertEquals(l[0], l[2]);
        assertNotEquals(l[0], l[1]);
        double[] c = m.centres().toArray();
        assertEquals(0.5, c[l[1]]);
        assertEquals(10.5, c[l[0]]);
        assertEquals(1.0, m.inertia());
        assertTrue(m.converged());
        assertEquals(1, m.clusterCount() - 1);
        assertEquals(1, m.dimension());
        assertEquals(10, m.restartInertias().length);
        for (double r : m.restartInertias()) {
            assertEquals(1.0, r);
        }
    }

    @Test
    void kEqualsOneGivesTheMean() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 500;
        double[] v = new double[n * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble() * 10 - 3;
        }
        KMeansModel m = KMeans.builder().k(1).nInit(2).build().fit(DataMatrix.of(n, 3, v), CTX);
        double[] mean = new double[3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                mean[j] += v[i * 3 + j] / n;
            }
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                ss += (v[i * 3 + j] - mean[j]) * (v[i * 3 + j] - mean[j]);
            }
        }
        assertArrayEquals(mean, m.centres().toArray(), 1e-12);
        assertEquals(ss, m.inertia(), 1e-9 * ss);
        assertArrayEquals(new int[n], m.labels());
        assertEquals(KMeans.Algorithm.LLOYD, m.algorithm());
    }

    @Test
    void kEqualsNGivesEveryPointItsOwnCluster() {
        double[][] rows = {{0, 0}, {5, 1}, {-3, 2}, {7, 7}, {1, -9}, {2, 2}};
        KMeansModel m = KMeans.builder().k(rows.length).build().fit(DataMatrix.ofRows(rows), CTX);
        int[] l = m.labels();
        int[] sorted = l.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, sorted);
        assertEquals(0.0, m.inertia());
        double[] c = m.centres().toArray();
        for (int i = 0; i < rows.length; i++) {
            assertArrayEquals(rows[i], Arrays.copyOfRange(c, l[i] * 2, l[i] * 2 + 2));
        }
    }

    @Test
    void duplicateRowsShareTheirLabel() {
        double[][] rows = new double[40][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i % 2 == 0 ? new double[] {1, 2} : new double[] {-4, 0.5};
        }
        KMeansModel m = KMeans.builder().k(2).build().fit(DataMatrix.ofRows(rows), CTX);
        int[] l = m.labels();
        for (int i = 2; i < rows.length; i++) {
            assertEquals(l[i - 2], l[i]);
        }
        assertNotEquals(l[0], l[1]);
        assertEquals(0.0, m.inertia());
    }

    @Test
    void constantColumnChangesNothing() {
        DataMatrix x = ClustererContract.blobs(600, 2, 3, 11);
        double[] v = x.toArray();
        double[] w = new double[600 * 3];
        for (int i = 0; i < 600; i++) {
            w[i * 3] = v[i * 2];
            w[i * 3 + 1] = 7.25;
            w[i * 3 + 2] = v[i * 2 + 1];
        }
        KMeansModel a = KMeans.builder().k(3).build().fit(x, CTX);
        KMeansModel b = KMeans.builder().k(3).build().fit(DataMatrix.of(600, 3, w), CTX);
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.inertia(), b.inertia(), 1e-9 * a.inertia());
        double[] cb = b.centres().toArray();
        for (int c = 0; c < 3; c++) {
            assertEquals(7.25, cb[c * 3 + 1]);
        }
    }

    @Test
    void progressReportsEveryRestart() {
        List<String> events = new ArrayList<>();
        KMeans.builder().k(2).nInit(4).build().fit(col(0, 1, 5, 6, 7),
                FitContext.seeded(1).withThreads(1).withListener((s, done, total) -> events.add(s + " " + done + "/"
                        + total)));
        assertEquals(List.of("kmeans 1/4", "kmeans 2/4", "kmeans 3/4", "kmeans 4/4"), events);
    }

    @Test
    void restartsKeepTheLowestInertia() {
        DataMatrix x = ClustererContract.blobs(900, 2, 6, 3);
        KMeansModel m = KMeans.builder().k(6).nInit(7).build().fit(x, CTX);
        double[] r = m.restartInertias();
        assertEquals(7, r.length);
        double min = Double.POSITIVE_INFINITY;
        for (double v : r) {
            min = Math.min(min, v);
        }
        assertEquals(min, m.inertia());
        // the kept restart's inertia is the sum of squared distances to the returned centres
        double[] c = m.centres().toArray();
        int[] l = m.labels();
        double ss = 0;
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < 2; j++) {
                double t = x.get(i, j) - c[l[i] * 2 + j];
                ss += t * t;
            }
        }
        assertEquals(ss, m.inertia(), 1e-9 * ss);
    }

    @Test
    void maxIterOneStopsEarlyAndLabelsFollowTheFinalCentres() {
        DataMatrix x = ClustererContract.blobs(3000, 2, 8, 5);
        KMeansModel m = KMeans.builder().k(8).nInit(1).maxIter(1).build().fit(x, CTX);
        assertEquals(1, m.iterations());
        assertFalse(m.converged());
        int[] l = m.labels();
        for (int i = 0; i < x.rows(); i++) {
            assertEquals(l[i], m.predict(x.row(i)), "row " + i);
        }
    }

    @Test
    void tieGoesToTheLowestCentreIndex() {
        KMeansModel m = KMeans.builder().k(2).build().fit(col(0, 0, 2, 2), CTX);
        assertEquals(0, m.predict(new double[] {1.0}), "1.0 is as far from 0 as from 2: centre 0 wins");
    }

    // ---------------------------------------------------------------- order, threads, engines

    @Test
    void permutingRowsGivesTheSameCentresBitsAndPermutedLabels() {
        DataMatrix x = ClustererContract.blobs(20_000, 3, 5, 21);
        int n = x.rows();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        KMeans km = KMeans.builder().k(5).nInit(2).build();
        KMeansModel a = km.fit(x, CTX);
        KMeansModel b = km.fit(x.selectRows(perm), CTX);
        assertArrayEquals(a.centres().toArray(), b.centres().toArray());
        assertEquals(Double.doubleToRawLongBits(a.inertia()), Double.doubleToRawLongBits(b.inertia()));
        int[] la = a.labels();
        int[] lb = b.labels();
        for (int i = 0; i < n; i++) {
            assertEquals(la[perm[i]], lb[i], "row " + i);
        }
    }

    @Test
    void threadCountGivesBitIdenticalModels() {
        // large enough for block parallelism inside a restart, and small for concurrent restarts
        for (DataMatrix x : new DataMatrix[] {ClustererContract.blobs(40_000, 4, 6, 2),
                ClustererContract.blobs(3_000, 2, 4, 2)}) {
            for (KMeans.Algorithm alg : new KMeans.Algorithm[] {KMeans.Algorithm.LLOYD, KMeans.Algorithm.HAMERLY}) {
                KMeans km = KMeans.builder().k(6).nInit(3).algorithm(alg).build();
                KMeansModel one = km.fit(x, FitContext.seeded(8).withThreads(1));
                for (int t : new int[] {2, 3}) {
                    assertSameModel(one, km.fit(x, FitContext.seeded(8).withThreads(t)));
                }
            }
        }
    }

    @Test
    void hamerlyEqualsLloydBitForBit() {
        SplittableRandom rng = new SplittableRandom(77);
        for (int trial = 0; trial < 12; trial++) {
            int d = trial % 2 == 0 ? 1 + rng.nextInt(5) : 2 + rng.nextInt(4);
            int k = 2 + rng.nextInt(trial % 2 == 0 ? 30 : 18);
            int n = 200 + rng.nextInt(3000);
            DataMatrix x = trial % 2 == 0 ? ClustererContract.blobs(n, d, 1 + rng.nextInt(10), trial)
                    : uniformGrid(n, d, 6, rng.nextLong());
            KMeans.Builder b = KMeans.builder().k(k).nInit(3);
            KMeansModel lloyd = b.algorithm(KMeans.Algorithm.LLOYD).build().fit(x, CTX);
            KMeansModel hamerly = b.algorithm(KMeans.Algorithm.HAMERLY).build().fit(x, CTX);
            assertEquals(KMeans.Algorithm.HAMERLY, hamerly.algorithm());
            assertSameModel(lloyd, hamerly);
        }
    }

    @Test
    void vectorisedAssignmentEqualsOneByOneComparisonWithTiesManyCentresAndOverflow() {
        // labels come from the branch-free grouped argmin; predict compares centre after centre. Grid data gives
        // exact ties, k = 20 spans three centre groups, and values near 1e160 make squared distances overflow to
        // infinity (the tile falls back to plain comparisons). A fit refuses such data (issue 13, defect 5:
        // Defect5ExtremeMagnitudesTest), so at 1e160 the run is driven directly and compared with plain
        // comparisons centre after centre, as predict makes them
        SplittableRandom rng = new SplittableRandom(5);
        for (double scale : new double[] {1, 1e160}) {
            for (int k : new int[] {3, 8, 9, 20}) {
                DataMatrix x = uniformGrid(1500, 3, 5, rng.nextLong());
                double[] v = x.toArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] *= scale;
                }
                x = DataMatrix.of(x.rows(), 3, v);
                if (scale == 1) {
                    KMeansModel m = KMeans.builder().k(k).nInit(1).maxIter(3).algorithm(KMeans.Algorithm.LLOYD)
                            .build().fit(x, CTX);
                    int[] l = m.labels();
                    for (int i = 0; i < x.rows(); i++) {
                        assertEquals(m.predict(x.row(i)), l[i], "scale " + scale + ", k " + k + ", row " + i);
                    }
                    continue;
                }
                KMeansData data = KMeansData.of(x, false);
                assertTrue(data.overflow != null);
                // initial centres: k distinct rows, in row order
                double[] init = new double[k * 3];
                int found = 0;
                for (int i = 0; i < x.rows() && found < k; i++) {
                    boolean seen = false;
                    for (int c = 0; c < found && !seen; c++) {
                        seen = v[i * 3] == init[c * 3] && v[i * 3 + 1] == init[c * 3 + 1]
                                && v[i * 3 + 2] == init[c * 3 + 2];
                    }
                    if (!seen) {
                        System.arraycopy(v, i * 3, init, found++ * 3, 3);
                    }
                }
                KMeansRun run = new KMeansRun(data, k, 1, false);
                KMeansRun.Result r = run.run(init, 3, 0);
                int[] l = run.labels();
                for (int i = 0; i < x.rows(); i++) {
                    int best = 0;
                    double bd = Double.NaN;
                    for (int c = 0; c < k; c++) {
                        double s = 0;
                        for (int j = 0; j < 3; j++) {
                            double diff = v[i * 3 + j] - r.centres[c * 3 + j];
                            s += diff * diff;
                        }
                        if (c == 0 || s < bd) {
                            bd = s;
                            best = c;
                        }
                    }
                    assertEquals(best, l[i], "scale " + scale + ", k " + k + ", row " + i);
                }
            }
        }
    }

    @Test
    void emptyClusterTakesTheFarthestRow() {
        // centres 0, 1, 1000: nobody is closest to 1000, so the row farthest from its centre (100) takes it
        KMeansData data = KMeansData.of(col(0, 1, 2, 100), false);
        for (boolean hamerly : new boolean[] {false, true}) {
            KMeansRun run = new KMeansRun(data, 3, 1, hamerly);
            KMeansRun.Result r = run.run(new double[] {0, 1, 1000}, 300, 0);
            assertArrayEquals(new double[] {0, 1.5, 100}, r.centres, "hamerly " + hamerly);
            assertEquals(0.5, r.inertia);
            assertTrue(r.converged);
            assertArrayEquals(new int[] {0, 1, 1, 2}, run.assign(r.centres));
        }
    }

    @Test
    void emptyClusterNeverTakesTheLastMemberOfACluster() {
        // 50 is alone with centre 40 (farthest, 100 squared) but is its cluster's only member: 1.5 (ties with
        // 2.5 at squared distance 0.25 from centre 2; the lower row wins) is taken instead
        KMeansData data = KMeansData.of(col(1.5, 2.5, 50), false);
        KMeansRun run = new KMeansRun(data, 3, 1, false);
        KMeansRun.Result r = run.run(new double[] {2, 40, -1000}, 1, 0);
        assertArrayEquals(new double[] {2.5, 50, 1.5}, r.centres);
    }

    private static DataMatrix uniformGrid(int n, int d, int levels, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(levels) * 0.5;
        }
        return DataMatrix.of(n, d, v);
    }

    static void assertSameModel(KMeansModel a, KMeansModel b) {
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.centres().toArray(), b.centres().toArray());
        assertEquals(Double.doubleToRawLongBits(a.inertia()), Double.doubleToRawLongBits(b.inertia()));
        assertEquals(a.iterations(), b.iterations());
        assertEquals(a.converged(), b.converged());
        assertArrayEquals(a.restartInertias(), b.restartInertias());
    }
}
