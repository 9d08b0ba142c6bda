package dev.segmentation.lifetime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The sufficient-statistic grouping against a brute-force grouping, and the trigamma function. */
class DistinctRowsTest {
    /** Lexicographic comparison of rows by Double.compare per column, as DistinctRows orders them. */
    private static int compareRows(List<Double> p, List<Double> q) {
        for (int c = 0; c < p.size(); c++) {
            int d = Double.compare(p.get(c), q.get(c));
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    private static void assertGroupsLikeBruteForce(double[][] cols) {
        TreeMap<List<Double>, Integer> oracle = new TreeMap<>(DistinctRowsTest::compareRows);
        for (int i = 0; i < cols[0].length; i++) {
            List<Double> row = new ArrayList<>();
            for (double[] col : cols) {
                row.add(col[i]);
            }
            oracle.merge(row, 1, Integer::sum);
        }
        DistinctRows d = DistinctRows.of(cols);
        assertEquals(oracle.size(), d.size());
        assertEquals(cols[0].length, d.customers());
        int g = 0;
        for (var e : oracle.entrySet()) {
            for (int c = 0; c < cols.length; c++) {
                assertEquals(Double.doubleToLongBits(e.getKey().get(c)), Double.doubleToLongBits(d.column(c)[g]),
                        "row " + g + " column " + c);
            }
            assertEquals(e.getValue(), d.weights()[g], 0.0, "count of row " + g);
            g++;
        }
    }

    @Property(tries = 40)
    void wholeNumbersGroupLikeBruteForce(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 0, max = 2000) int n, @ForAll @IntRange(min = 1, max = 3) int k,
            @ForAll @IntRange(min = 1, max = 400) int range) {
        Random rng = new Random(seed);
        double[][] cols = new double[k][n];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                cols[c][i] = rng.nextInt(range);
            }
        }
        if (n == 0) {
            DistinctRows d = DistinctRows.of(cols);
            assertEquals(0, d.size());
            return;
        }
        assertGroupsLikeBruteForce(cols);
    }

    @Property(tries = 40)
    void anyDoublesGroupLikeBruteForce(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 1500) int n) {
        Random rng = new Random(seed);
        double[] pool = {0.0, -0.0, 0.5, 1, 2, 3.25, 1e9, 16_777_216, 16_777_215, -1, 7};
        double[][] cols = new double[3][n];
        for (int i = 0; i < n; i++) {
            cols[0][i] = pool[rng.nextInt(pool.length)];
            cols[1][i] = rng.nextBoolean() ? rng.nextInt(5) : rng.nextDouble();
            cols[2][i] = rng.nextInt(3);
        }
        assertGroupsLikeBruteForce(cols);
    }

    @Test
    void columnsWithManyDistinctValuesAreReRankedBeforeTheKeyOverflows() {
        // three columns of ~2^21 distinct values each would need 63 bits: the first two are re-ranked first
        int n = 3_000;
        Random rng = new Random(5);
        double[][] cols = new double[3][n];
        for (int i = 0; i < n; i++) {
            cols[0][i] = rng.nextDouble();
            cols[1][i] = i % 7 == 0 ? cols[1][Math.max(0, i - 7)] : rng.nextDouble();
            cols[2][i] = i % 5 == 0 ? 0.25 : rng.nextDouble();
        }
        // repeat some rows exactly
        for (int i = 0; i < n / 3; i++) {
            int j = rng.nextInt(n);
            for (double[] col : cols) {
                col[i] = col[j];
            }
        }
        assertGroupsLikeBruteForce(cols);
    }

    @Test
    void rankOfWholeNumbersAndOfOtherValuesAgree() {
        double[] whole = {3, 0, 7, 3, 373, 0};
        int[] r1 = new int[whole.length];
        int[] r2 = new int[whole.length];
        assertArrayEquals(DistinctRows.rank(whole, r1), BgNbdLikelihood.distinct(whole, r2), 0.0);
        assertArrayEquals(r2, r1);
    }

    @Property(tries = 100)
    void trigammaIsTheDerivativeOfDigamma(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        double x = Math.exp(new Random(seed).nextDouble() * 14 - 7); // 1e-3 to 1e3
        double h = 1e-4 * x;
        double fd = (Special.digamma(x + h) - Special.digamma(x - h)) / (2 * h);
        assertEquals(fd, Special.trigamma(x), 1e-7 * Math.abs(fd));
    }

    @Test
    void trigammaAtKnownValues() {
        assertEquals(Math.PI * Math.PI / 6, Special.trigamma(1), 1e-15);
        assertEquals(Math.PI * Math.PI / 2, Special.trigamma(0.5), 1e-14);
        // psi'(x) = psi'(x + 1) + 1 / x^2 across the switch to the series at 10
        assertEquals(Special.trigamma(10) + 1 / 81.0, Special.trigamma(9), 1e-16);
        assertEquals(0.10516633568168575, Special.trigamma(10), 1e-16);
    }
}
