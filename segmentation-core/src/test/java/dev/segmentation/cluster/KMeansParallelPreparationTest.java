package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.internal.Cancel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's faster paths give the same bits for 1, 2 and 3 threads: the parallel data preparation (validation,
 * tiles, block sums, the staged canonical placement), the k-means++ seeding with fused running sums and the
 * two-level search, and the final-labels pass that also sums the inertia. The canonical placement is also checked
 * against its definition (rows sorted lexicographically by {@link KMeansData#sortRows}).
 */
class KMeansParallelPreparationTest {
    /** 30,000 rows (8 blocks) with duplicates, equal leading values, negative zeros and a few far rows. */
    private static DataMatrix data(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            for (int j = 0; j < d; j++) {
                double x;
                if (kind == 0) {
                    x = r.nextInt(3) - 1; // many duplicate rows, with -0.0 below
                } else if (kind == 1 && j == 0) {
                    x = 0.5; // equal leading values, distinct rows: the tie-breaking sort
                } else {
                    x = r.nextInt(5) * 4 + r.nextGaussian();
                }
                v[i * d + j] = x == 0 && r.nextBoolean() ? -0.0 : x;
            }
        }
        return DataMatrix.wrap(n, d, v);
    }

    @Test
    void preparationIsTheSameForAnyThreadCountAndMatchesTheSortedRows() {
        DataMatrix x = data(30_000, 3, 5);
        for (boolean canonical : new boolean[] {false, true}) {
            KMeansData one = KMeansData.of(x, canonical, Cancel.NEVER, 1);
            for (int t : new int[] {2, 3}) {
                KMeansData other = KMeansData.of(x, canonical, Cancel.NEVER, t);
                assertEquals(Double.doubleToRawLongBits(one.meanVariance(1)),
                        Double.doubleToRawLongBits(other.meanVariance(t)), "threads " + t);
                assertEquals(Double.doubleToRawLongBits(one.diameter), Double.doubleToRawLongBits(other.diameter));
                assertEquals(one.distinct, other.distinct);
                assertArrayEquals(one.order, other.order);
                for (int tile = 0; tile < one.nTiles; tile++) {
                    for (int j = 0; j < one.d; j++) {
                        assertArrayEquals(one.tiles[tile][j], other.tiles[tile][j], "tile " + tile + ", threads " + t);
                    }
                }
            }
            // the definition: rows (negative zeros made positive) in lexicographic order, or in input order
            double[] raw = x.toArray();
            for (int i = 0; i < raw.length; i++) {
                raw[i] = raw[i] + 0.0;
            }
            int[] order = canonical ? KMeansData.sortRows(raw, x.rows(), x.cols()) : null;
            double[] row = new double[x.cols()];
            for (int i = 0; i < x.rows(); i++) {
                one.copyRow(i, row, 0);
                int src = order == null ? i : order[i];
                for (int j = 0; j < x.cols(); j++) {
                    assertEquals(Double.doubleToRawLongBits(raw[src * x.cols() + j]),
                            Double.doubleToRawLongBits(row[j]), "row " + i + ", column " + j);
                }
            }
            if (canonical) {
                assertEquals(KMeansData.distinctRows(raw, x.rows(), x.cols()), one.distinct);
                assertTrue(one.distinct < x.rows(), "the data has duplicate rows");
            }
        }
    }

    @Test
    void fitsAreTheSameForOneTwoAndThreeThreads() {
        DataMatrix x = data(30_000, 3, 6);
        double[] init = new double[5 * 3];
        for (int q = 0; q < 5; q++) {
            System.arraycopy(x.row(q * 5_000 + 1), 0, init, q * 3, 3);
        }
        KMeans[] configs = {
            KMeans.builder().k(5).nInit(3).build(),
            KMeans.builder().k(5).nInit(3).canonicalOrder(false).build(),
            KMeans.builder().k(5).nInit(1).tol(0).maxIter(7).build(), // stops unconverged: a final-labels pass
            KMeans.builder().initialCentres(DataMatrix.wrap(5, 3, init)).nInit(1).tol(0).maxIter(30).build(),
        };
        for (KMeans km : configs) {
            KMeansModel one = km.fit(x, FitContext.seeded(11).withThreads(1));
            for (int t : new int[] {2, 3}) {
                KMeansModel other = km.fit(x, FitContext.seeded(11).withThreads(t));
                assertArrayEquals(one.labels(), other.labels(), km + ", threads " + t);
                assertArrayEquals(one.centres().toArray(), other.centres().toArray(), km + ", threads " + t);
                assertEquals(Double.doubleToRawLongBits(one.inertia()), Double.doubleToRawLongBits(other.inertia()));
                assertEquals(one.iterations(), other.iterations());
            }
        }
    }

    @Test
    void theInertiaSummedInTheFinalLabelsPassIsTheSeparatePassesInertia() {
        DataMatrix x = data(30_000, 3, 8);
        for (int maxIter : new int[] {1, 4, 300}) {
            KMeans.Builder b = KMeans.builder().k(6).nInit(2).maxIter(maxIter).tol(0);
            KMeansModel lloyd = b.algorithm(KMeans.Algorithm.LLOYD).build().fit(x, FitContext.seeded(3));
            // Hamerly's engine sums the inertia in its own pass over the rows (the pass the Lloyd engine saves)
            KMeansModel hamerly = b.algorithm(KMeans.Algorithm.HAMERLY).build().fit(x, FitContext.seeded(3));
            assertEquals(Double.doubleToRawLongBits(hamerly.inertia()), Double.doubleToRawLongBits(lloyd.inertia()),
                    "maxIter " + maxIter);
            assertArrayEquals(hamerly.labels(), lloyd.labels());
            double direct = 0;
            for (int i = 0; i < x.rows(); i++) {
                double[] c = lloyd.centres().row(lloyd.labels()[i]);
                for (int j = 0; j < x.cols(); j++) {
                    double t = x.get(i, j) - c[j];
                    direct += t * t;
                }
            }
            assertEquals(direct, lloyd.inertia(), 1e-9 * direct, "maxIter " + maxIter);
        }
    }

    @Test
    void aNonFiniteValueIsReportedAtItsFirstPositionInInputOrderWithEitherRowOrder() {
        double[] v = data(20_000, 3, 7).toArray();
        v[12_345 * 3 + 2] = Double.NaN;
        v[19_000 * 3] = Double.NEGATIVE_INFINITY; // later in input order, but first in sorted order
        DataMatrix x = DataMatrix.wrap(20_000, 3, v);
        for (boolean canonical : new boolean[] {false, true}) {
            for (int t : new int[] {1, 2}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> KMeansData.of(x, canonical, Cancel.NEVER, t));
                assertEquals("x holds the non-finite value NaN at row 12345, column 2", e.getMessage());
            }
        }
    }
}
