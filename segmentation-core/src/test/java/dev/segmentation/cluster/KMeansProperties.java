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

/** Invariants of {@link KMeans} on small random data, coarse grids included so that duplicates and ties occur. */
class KMeansProperties {
    /** A random data set and a feasible k. */
    static final class Case {
        final DataMatrix x;
        final int k;
        final long seed;

        Case(DataMatrix x, int k, long seed) {
            this.x = x;
            this.k = k;
            this.seed = seed;
        }

        @Override
        public String toString() {
            return "Case[" + x.rows() + " x " + x.cols() + ", k=" + k + ", seed=" + seed + ", values="
                    + java.util.Arrays.toString(x.toArray()) + "]";
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> n = Arbitraries.integers().between(1, 60);
        Arbitrary<Integer> d = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> k = Arbitraries.integers().between(1, 7);
        Arbitrary<Boolean> grid = Arbitraries.of(true, false);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(n, d, k, grid, seed).as((rows, cols, kk, g, s) -> {
            SplittableRandom rng = new SplittableRandom(s);
            double[] v = new double[rows * cols];
            for (int i = 0; i < v.length; i++) {
                v[i] = g ? (rng.nextInt(7) - 3) * 0.5 : rng.nextGaussian() * 100;
            }
            Set<List<Double>> distinct = new HashSet<>();
            for (int i = 0; i < rows; i++) {
                Double[] r = new Double[cols];
                for (int j = 0; j < cols; j++) {
                    r[j] = v[i * cols + j] + 0.0;
                }
                distinct.add(List.of(r));
            }
            return new Case(DataMatrix.of(rows, cols, v), Math.min(kk, distinct.size()), s);
        });
    }

    private static KMeans kmeans(Case c) {
        return KMeans.builder().k(c.k).nInit(3).build();
    }

    @Property(tries = 300)
    void labelsLieInRangeAndPredictGivesTheLabel(@ForAll("cases") Case c) {
        KMeansModel m = kmeans(c).fit(c.x, FitContext.seeded(c.seed));
        int[] labels = m.labels();
        assertEquals(c.x.rows(), labels.length);
        for (int i = 0; i < labels.length; i++) {
            assertTrue(labels[i] >= 0 && labels[i] < c.k, "row " + i + " label " + labels[i]);
            assertEquals(labels[i], m.predict(c.x.row(i)), "row " + i);
        }
        assertArrayEquals(labels, m.predict(c.x));
        assertEquals(c.k, m.centres().rows());
        assertTrue(m.inertia() >= 0);
    }

    @Property(tries = 200)
    void sameSeedGivesAnIdenticalModel(@ForAll("cases") Case c) {
        KMeansTest.assertSameModel(kmeans(c).fit(c.x, FitContext.seeded(c.seed)),
                kmeans(c).fit(c.x, FitContext.seeded(c.seed)));
    }

    @Property(tries = 200)
    void permutingRowsGivesTheSameCentresAndPermutedLabels(@ForAll("cases") Case c, @ForAll long permSeed) {
        int n = c.x.rows();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(permSeed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        KMeansModel a = kmeans(c).fit(c.x, FitContext.seeded(c.seed));
        KMeansModel b = kmeans(c).fit(c.x.selectRows(perm), FitContext.seeded(c.seed));
        assertArrayEquals(a.centres().toArray(), b.centres().toArray());
        assertEquals(Double.doubleToRawLongBits(a.inertia()), Double.doubleToRawLongBits(b.inertia()));
        int[] la = a.labels();
        int[] lb = b.labels();
        for (int i = 0; i < n; i++) {
            assertEquals(la[perm[i]], lb[i], "row " + i);
        }
    }

    @Property(tries = 100)
    void threadCountDoesNotChangeAnyBit(@ForAll("cases") Case c) {
        KMeansModel one = kmeans(c).fit(c.x, FitContext.seeded(c.seed).withThreads(1));
        KMeansTest.assertSameModel(one, kmeans(c).fit(c.x, FitContext.seeded(c.seed).withThreads(2)));
        KMeansTest.assertSameModel(one, kmeans(c).fit(c.x, FitContext.seeded(c.seed).withThreads(3)));
    }

    @Property(tries = 200)
    void hamerlyGivesLloydsModel(@ForAll("cases") Case c) {
        KMeans.Builder b = KMeans.builder().k(c.k).nInit(3);
        KMeansTest.assertSameModel(b.algorithm(KMeans.Algorithm.LLOYD).build().fit(c.x, FitContext.seeded(c.seed)),
                b.algorithm(KMeans.Algorithm.HAMERLY).build().fit(c.x, FitContext.seeded(c.seed)));
    }
}
