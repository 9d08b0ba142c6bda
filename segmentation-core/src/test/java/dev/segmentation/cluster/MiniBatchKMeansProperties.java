package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of {@link MiniBatchKMeans} on small random data (coarse grids included, so duplicate rows and distance
 * ties occur), with tiny batches and windows so that reassignment, partial batches and many epochs are exercised:
 * <ul>
 *   <li>the inertia is finite, non-negative and exactly the sum, in row order, of each row's squared distance to
 *       its labelled centre; every label is the row's {@code predict};</li>
 *   <li>every centre lies in the bounding box of the data (a centre is a running mean of rows or a row);</li>
 *   <li>the same seed gives the same bits; so do any chunking of the source and any thread count.</li>
 * </ul>
 * Not claimed: that the inertia is at most a full K-Means fit's (both are local searches), nor that another row
 * order gives the same model (batches are drawn from the order).
 */
class MiniBatchKMeansProperties {
    static final class Case {
        final DataMatrix x;
        final MiniBatchKMeans mb;
        final long seed;

        Case(DataMatrix x, MiniBatchKMeans mb, long seed) {
            this.x = x;
            this.mb = mb;
            this.seed = seed;
        }

        @Override
        public String toString() {
            return "Case[" + x.rows() + " x " + x.cols() + ", " + mb + ", seed=" + seed + ", values="
                    + java.util.Arrays.toString(x.toArray()) + "]";
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> n = Arbitraries.integers().between(1, 300);
        Arbitrary<Integer> d = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> k = Arbitraries.integers().between(1, 6);
        Arbitrary<Integer> batch = Arbitraries.integers().between(1, 40);
        Arbitrary<Integer> windowFactor = Arbitraries.integers().between(1, 5);
        Arbitrary<Boolean> grid = Arbitraries.of(true, false);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(n, d, k, batch, windowFactor, grid, seed).as((rows, cols, kk, b, w, g, s) -> {
            SplittableRandom rng = new SplittableRandom(s);
            double[] v = new double[rows * cols];
            for (int i = 0; i < v.length; i++) {
                v[i] = g ? (rng.nextInt(5) - 2) * 0.5 : rng.nextGaussian() * 50;
            }
            Set<List<Double>> distinct = new HashSet<>();
            for (int i = 0; i < rows; i++) {
                Double[] r = new Double[cols];
                for (int j = 0; j < cols; j++) {
                    r[j] = v[i * cols + j] + 0.0;
                }
                distinct.add(List.of(r));
            }
            int kFeasible = Math.min(kk, distinct.size());
            MiniBatchKMeans mb = MiniBatchKMeans.builder().k(kFeasible).batchSize(b).shuffleWindow(b * w)
                    .initSize(rows).maxIter(1 + rng.nextInt(6)).reassignmentRatio(rng.nextInt(3) * 0.25)
                    .maxNoImprovement(rng.nextInt(4)).build();
            return new Case(DataMatrix.wrap(rows, cols, v), mb, s);
        });
    }

    @Property(tries = 150)
    void inertiaLabelsAndCentresAreConsistent(@ForAll("cases") Case c) {
        KMeansModel m = c.mb.fit(c.x, FitContext.seeded(c.seed));
        int n = c.x.rows();
        int d = c.x.cols();
        double[] v = c.x.toArray();
        double[] cen = m.centres().toArray();
        int[] labels = m.labels();
        assertArrayEquals(m.predict(c.x), labels);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += MiniBatchKMeans.dist(v, i * d, cen, labels[i] * d, d);
        }
        assertTrue(Double.isFinite(m.inertia()) && m.inertia() >= 0, "inertia " + m.inertia());
        assertEquals(sum, m.inertia(), 0.0);
        for (int j = 0; j < d; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, v[i * d + j]);
                hi = Math.max(hi, v[i * d + j]);
            }
            double slack = 1e-12 * Math.max(1.0, Math.max(Math.abs(lo), Math.abs(hi)));
            for (int q = 0; q < m.clusterCount(); q++) {
                double x = cen[q * d + j];
                assertTrue(x >= lo - slack && x <= hi + slack,
                        "centre " + q + " column " + j + " = " + x + " outside [" + lo + ", " + hi + "]");
            }
        }
    }

    @Property(tries = 100)
    void seedChunkingAndThreadsGiveTheSameBits(@ForAll("cases") Case c) {
        KMeansModel a = c.mb.fit(c.x, FitContext.seeded(c.seed));
        KMeansModel b = c.mb.fit(c.x, FitContext.seeded(c.seed).withThreads(3));
        KMeansModel r = c.mb.fit(new MiniBatchKMeansTest.RaggedChunks(c.x, 1 + (int) (c.seed & 15)),
                FitContext.seeded(c.seed));
        for (KMeansModel o : List.of(b, r)) {
            assertArrayEquals(a.centres().toArray(), o.centres().toArray());
            assertEquals(a.inertia(), o.inertia(), 0.0);
            assertEquals(a.iterations(), o.iterations());
            assertEquals(a.converged(), o.converged());
        }
        assertArrayEquals(a.labels(), b.labels());
    }
}
