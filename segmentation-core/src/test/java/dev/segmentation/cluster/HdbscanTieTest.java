package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tie that makes hdbscan-py depend on row order. A row whose core distance is the distance at which its
 * cluster splits joins both sides by MST edges of exactly that weight (every edge at a row weighs at least its
 * core distance). hdbscan-py merges the two edges one after the other, in the order of its Prim traversal (which
 * starts at row 0) and its unstable sort, so the row goes to whichever side comes first; here both edges merge in
 * one event and the row falls out of the parent at that level.
 */
class HdbscanTieTest {
    @Test
    void aRowBetweenTwoClustersAtItsCoreDistanceFallsOutForAnyRowOrder() {
        // A: 6 rows near x = 0, B: 6 rows near x = 10, s at x = 5: s reaches both at distance 5 = its core distance
        double[][] rows = new double[13][];
        for (int i = 0; i < 6; i++) {
            rows[i] = new double[] {-0.1 * i, 0.05 * i};
            rows[6 + i] = new double[] {10 + 0.1 * i, 0.05 * i};
        }
        rows[12] = new double[] {5, 0};
        DataMatrix x = DataMatrix.ofRows(rows);
        Hdbscan h = Hdbscan.builder().minClusterSize(4).minSamples(1).build();
        HdbscanModel m = h.fit(x, FitContext.seeded(1));
        assertEquals(2, m.clusterCount());
        assertEquals(-1, m.labels()[12]);
        assertEquals(5.0, m.coreDistances()[12]);
        assertTrue(HdbscanTestData.tieBridging(m)[12], "s leaves the root exactly where the root splits");
        int[] expected = new int[13];
        for (int i = 0; i < 13; i++) {
            expected[i] = i < 6 ? 0 : i < 12 ? 1 : -1;
        }
        assertArrayEquals(expected, m.labels());
        for (long seed = 0; seed < 20; seed++) {
            int[] perm = HdbscanTestData.permutation(13, seed);
            HdbscanOrderIndependenceTest.assertSamePermuted(m, h.fit(x.selectRows(perm), FitContext.seeded(1)),
                    perm);
        }
    }

    static Stream<HdbscanTestData.Case> unstableCases() {
        return HdbscanTestData.cases().stream().filter(c -> !c.orderStable);
    }

    /**
     * On the reference cases where hdbscan-py is not order-stable, the rows whose label differs from hdbscan-py's
     * (after mapping each of our clusters to its majority reference cluster) are mostly such tie rows.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unstableCases")
    void differencesFromHdbscanPyAreAtTiedSplits(HdbscanTestData.Case c) {
        DataMatrix x = HdbscanTestData.input(c);
        HdbscanTestData.Fit ref = HdbscanTestData.fit(c);
        HdbscanModel m = HdbscanTestData.builder(c).build().fit(x, FitContext.seeded(1).withThreads(2));
        int[] map = HdbscanPredictReferenceTest.majorityMap(m.labels(), ref.labels, Math.max(1, m.clusterCount()));
        boolean[] tie = HdbscanTestData.tieBridging(m);
        double[] core = m.coreDistances();
        int[] l = m.labels();
        int differ = 0;
        int differAtTie = 0;
        int ties = 0;
        for (int i = 0; i < l.length; i++) {
            if (tie[i]) {
                ties++;
            }
            int ours = l[i] < 0 ? -1 : map[l[i]];
            if (ours != ref.labels[i]) {
                differ++;
                differAtTie += tie[i] ? 1 : 0;
            }
        }
        assertTrue(ties > 0, c.name + " has tied splits");
        assertTrue(differAtTie * 2 >= differ, c.name + ": " + differAtTie + " of " + differ
                + " differing rows are at tied splits (" + ties + " tie rows)");
        // at every tie row the split distance is the row's own core distance: two MST edges of that weight meet
        double[] lambda = m.condensedTree().lambda();
        long[] child = m.condensedTree().child();
        for (int r = 0; r < child.length; r++) {
            if (child[r] < l.length && tie[(int) child[r]]) {
                double split = 1.0 / lambda[r];
                assertEquals(core[(int) child[r]], split, 1e-12 * split, c.name + " row " + child[r]);
            }
        }
    }
}
