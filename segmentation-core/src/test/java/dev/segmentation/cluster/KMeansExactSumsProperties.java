package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The exact centre and inertia sums of {@link KMeans} (issue 20, {@link ExactSums}): fits from given centres skip the
 * canonical sort, yet any permutation of the rows and any thread count give the same bits, Hamerly gives Lloyd's
 * model, and empty clusters are repaired by row content, ties included. Sizes reach several row blocks of 4096 so
 * that blocks, threads and the 128-bit combination all take part.
 */
class KMeansExactSumsProperties {
    /** Data, given initial centres and a seed. */
    static final class Case {
        final DataMatrix x;
        final DataMatrix init;
        final long seed;
        final String kind;

        Case(DataMatrix x, DataMatrix init, long seed, String kind) {
            this.x = x;
            this.init = init;
            this.seed = seed;
            this.kind = kind;
        }

        @Override
        public String toString() {
            return "Case[" + kind + ", " + x.rows() + " x " + x.cols() + ", k=" + init.rows() + ", seed=" + seed + "]";
        }
    }

    /**
     * Gaussian, coarse-grid (many duplicate rows and tied distances) or wide-range data; initial centres are data
     * rows (duplicates possible, so clusters can start empty) or, for "far" cases, points outside the data, so that
     * most clusters are empty after the first assignment and are repaired from tied farthest rows.
     */
    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> n = Arbitraries.oneOf(Arbitraries.integers().between(1, 300),
                Arbitraries.integers().between(4000, 13_000));
        Arbitrary<Integer> d = Arbitraries.integers().between(1, 5);
        Arbitrary<Integer> k = Arbitraries.integers().between(1, 9);
        Arbitrary<String> kind = Arbitraries.of("gauss", "grid", "wide", "far");
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(n, d, k, kind, seed).as((rows, cols, kk, kd, s) -> {
            SplittableRandom rng = new SplittableRandom(s);
            double[] v = new double[rows * cols];
            for (int i = 0; i < v.length; i++) {
                switch (kd) {
                    case "gauss": v[i] = rng.nextGaussian() * 3 + (i % 3) * 10; break;
                    case "wide": v[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(9) - 4); break;
                    default: v[i] = (rng.nextInt(5) - 2) * 0.5; break;
                }
            }
            DataMatrix x = DataMatrix.of(rows, cols, v);
            int kUsed = Math.min(kk, distinct(x));
            double[] c = new double[kUsed * cols];
            for (int q = 0; q < kUsed; q++) {
                if (kd.equals("far")) {
                    for (int j = 0; j < cols; j++) {
                        c[q * cols + j] = 100 + q; // all rows go to centre 0 first; the others start empty
                    }
                } else {
                    System.arraycopy(x.row(rng.nextInt(rows)), 0, c, q * cols, cols);
                }
            }
            return new Case(x, DataMatrix.of(kUsed, cols, c), s, kd);
        });
    }

    private static int distinct(DataMatrix x) {
        return KMeansData.distinctRows(x.toArray(), x.rows(), x.cols());
    }

    private static KMeans fixed(Case c, KMeans.Algorithm a) {
        return KMeans.builder().initialCentres(c.init).nInit(1).maxIter(12).tol(0).algorithm(a).build();
    }

    private static int[] permutation(int n, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    private static void assertPermuted(KMeansModel a, KMeansModel b, int[] perm) {
        assertArrayEquals(a.centres().toArray(), b.centres().toArray());
        assertEquals(Double.doubleToRawLongBits(a.inertia()), Double.doubleToRawLongBits(b.inertia()));
        assertEquals(a.iterations(), b.iterations());
        int[] la = a.labels();
        int[] lb = b.labels();
        for (int i = 0; i < perm.length; i++) {
            assertEquals(la[perm[i]], lb[i], "row " + i);
        }
    }

    @Property(tries = 60)
    void fixedInitFitsWithoutSortAreOrderAndThreadIndependent(@ForAll("cases") Case c, @ForAll long permSeed) {
        for (KMeans.Algorithm alg : new KMeans.Algorithm[] {KMeans.Algorithm.LLOYD, KMeans.Algorithm.HAMERLY}) {
            KMeans km = fixed(c, alg);
            KMeansModel one = km.fit(c.x, FitContext.seeded(c.seed).withThreads(1));
            KMeansTest.assertSameModel(one, km.fit(c.x, FitContext.seeded(c.seed).withThreads(2)));
            KMeansTest.assertSameModel(one, km.fit(c.x, FitContext.seeded(c.seed).withThreads(3)));
            int[] perm = permutation(c.x.rows(), permSeed);
            DataMatrix px = c.x.selectRows(perm);
            assertPermuted(one, km.fit(px, FitContext.seeded(c.seed).withThreads(1)), perm);
            assertPermuted(one, km.fit(px, FitContext.seeded(c.seed).withThreads(3)), perm);
            // the sort is skipped, so a fit in input order (canonicalOrder(false)) is the same fit
            KMeans inputOrder = KMeans.builder().initialCentres(c.init).nInit(1).maxIter(12).tol(0).algorithm(alg)
                    .canonicalOrder(false).build();
            KMeansTest.assertSameModel(one, inputOrder.fit(c.x, FitContext.seeded(c.seed).withThreads(2)));
        }
    }

    @Property(tries = 60)
    void hamerlyGivesLloydsModelFromGivenCentres(@ForAll("cases") Case c) {
        KMeansTest.assertSameModel(fixed(c, KMeans.Algorithm.LLOYD).fit(c.x, FitContext.seeded(c.seed).withThreads(2)),
                fixed(c, KMeans.Algorithm.HAMERLY).fit(c.x, FitContext.seeded(c.seed).withThreads(2)));
    }

    /**
     * After the first pass a run moves only the rows whose label changed between the exact sums (session 7): the
     * centres after m iterations must be those of m one-iteration fits chained (each of which sums every row from
     * scratch), bit for bit, for Lloyd and Hamerly, empty-cluster repairs included.
     */
    @Property(tries = 40)
    void incrementalSumsGiveTheCentresOfSummingEveryRowAgain(@ForAll("cases") Case c,
            @ForAll @IntRange(min = 2, max = 6) int m) {
        for (KMeans.Algorithm alg : new KMeans.Algorithm[] {KMeans.Algorithm.LLOYD, KMeans.Algorithm.HAMERLY}) {
            KMeansModel run = KMeans.builder().initialCentres(c.init).nInit(1).maxIter(m).tol(0).algorithm(alg)
                    .build().fit(c.x, FitContext.seeded(c.seed).withThreads(2));
            DataMatrix centres = c.init;
            for (int i = 0; i < run.iterations(); i++) {
                centres = KMeans.builder().initialCentres(centres).nInit(1).maxIter(1).tol(0).algorithm(alg).build()
                        .fit(c.x, FitContext.seeded(c.seed).withThreads(2)).centres();
            }
            assertArrayEquals(centres.toArray(), run.centres().toArray(), alg + ", " + run.iterations()
                    + " iterations");
        }
    }

    @Property(tries = 25)
    void defaultFitsAreOrderAndThreadIndependent(@ForAll("cases") Case c, @ForAll long permSeed) {
        KMeans km = KMeans.builder().k(c.init.rows()).nInit(2).maxIter(15).build();
        KMeansModel one = km.fit(c.x, FitContext.seeded(c.seed).withThreads(1));
        KMeansTest.assertSameModel(one, km.fit(c.x, FitContext.seeded(c.seed).withThreads(2)));
        KMeansTest.assertSameModel(one, km.fit(c.x, FitContext.seeded(c.seed).withThreads(3)));
        int[] perm = permutation(c.x.rows(), permSeed);
        assertPermuted(one, km.fit(c.x.selectRows(perm), FitContext.seeded(c.seed).withThreads(2)), perm);
        KMeans hamerly = KMeans.builder().k(c.init.rows()).nInit(2).maxIter(15).algorithm(KMeans.Algorithm.HAMERLY)
                .build();
        KMeans lloyd = KMeans.builder().k(c.init.rows()).nInit(2).maxIter(15).algorithm(KMeans.Algorithm.LLOYD)
                .build();
        KMeansTest.assertSameModel(lloyd.fit(c.x, FitContext.seeded(c.seed).withThreads(2)),
                hamerly.fit(c.x, FitContext.seeded(c.seed).withThreads(2)));
    }

    /**
     * One cluster: its centre is the exact sum of the quantised values (each {@code v * scale} rounded half-even,
     * computed with BigDecimal), rounded once to a double, divided by n and scaled back.
     */
    @Property(tries = 40)
    void aCentreIsTheExactSumOfTheQuantisedValues(@ForAll("cases") Case c) {
        DataMatrix x = c.x;
        int n = x.rows();
        int d = x.cols();
        DataMatrix init = DataMatrix.of(1, d, x.row(0));
        KMeansModel m = KMeans.builder().initialCentres(init).nInit(1).maxIter(1).tol(0).build()
                .fit(x, FitContext.seeded(1).withThreads(3));
        for (int j = 0; j < d; j++) {
            double max = 0;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, Math.abs(x.get(i, j)));
            }
            double scale = ExactSums.columnScaleFor(max);
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                BigDecimal q = new BigDecimal(x.get(i, j)).multiply(new BigDecimal(scale))
                        .setScale(0, RoundingMode.HALF_EVEN);
                assertTrue(q.abs().compareTo(BigDecimal.valueOf(1L << 45)) <= 0, "quantised value in range");
                sum = sum.add(q.toBigIntegerExact());
            }
            double expected = new BigDecimal(sum).doubleValue() / n * (1.0 / scale);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(m.centres().get(0, j)),
                    "column " + j + ": " + expected + " vs " + m.centres().get(0, j));
        }
    }

    /** The 128-bit block combination is the exact integer sum, and its double is the correctly rounded one. */
    @Property(tries = 200)
    void blockSumsCombineExactly(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int blocks = 1 + rng.nextInt(40);
        long hi = 0;
        long lo = 0;
        BigInteger ref = BigInteger.ZERO;
        for (int b = 0; b < blocks; b++) {
            long p = 0;
            BigInteger pr = BigInteger.ZERO;
            int terms = rng.nextInt(ExactSums.MAX_TERMS + 1);
            for (int t = 0; t < terms; t++) {
                double v = (rng.nextDouble() * 2 - 1) * Math.scalb(1.0, 50); // the widest a quantised value gets
                long q = ExactSums.q(v, 1.0);
                assertEquals(new BigDecimal(v).setScale(0, RoundingMode.HALF_EVEN).longValueExact(), q);
                p += q;
                pr = pr.add(BigInteger.valueOf(q));
            }
            assertEquals(pr, BigInteger.valueOf(p), "a block sum fits a long");
            hi += ExactSums.addHi(p);
            lo += ExactSums.addLo(p);
            ref = ref.add(pr);
        }
        assertEquals(ref, ExactSums.toBigInteger(hi, lo));
        assertEquals(Double.doubleToRawLongBits(new BigDecimal(ref).doubleValue()),
                Double.doubleToRawLongBits(ExactSums.toDouble(hi, lo)));
    }

    /** Without the sort, the distinct-rows check still names the exact count (it scans every row when short). */
    @Example
    void givenCentresBeyondTheDistinctRowsAreRejectedWithTheCount() {
        double[] v = new double[9000 * 2];
        for (int i = 0; i < 9000; i++) {
            v[2 * i] = i % 3;
            v[2 * i + 1] = -(i % 3);
        }
        DataMatrix x = DataMatrix.of(9000, 2, v);
        DataMatrix init = DataMatrix.of(4, 2, new double[] {0, 0, 1, -1, 2, -2, 5, 5});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.builder().initialCentres(init).nInit(1).build().fit(x, FitContext.seeded(1)));
        assertEquals("k = 4 exceeds the number of distinct points (3)", e.getMessage());
        // three distinct rows are enough for k = 3
        KMeansModel m = KMeans.builder().initialCentres(DataMatrix.of(3, 2, new double[] {0, 0, 1, -1, 5, 5}))
                .nInit(1).build().fit(x, FitContext.seeded(1).withThreads(2));
        assertEquals(0.0, m.inertia());
    }
}
