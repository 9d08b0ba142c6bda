package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * starts at row 0) and its unstable sort, so the row goes to whichever side comes first. Here both edges merge in
 * one event, and then the bridging rule decides (see {@link Hdbscan}): the row joins the child cluster holding its
 * nearest member by Euclidean distance, at that child's birth lambda; when members of two children are equally
 * near, it falls out of the parent at that level. Both outcomes are the same for every row order.
 */
class HdbscanTieTest {
    @Test
    void aRowBetweenTwoClustersAtItsCoreDistanceFallsOutForAnyRowOrder() {
        // A: 6 rows near x = 0, B: 6 rows near x = 10, s at x = 5: s reaches both at distance 5 = its core distance;
        // its nearest members, A's row at x = 0 and B's at x = 10, are equally near, so no side is preferred
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

    @Test
    void aBridgingRowNearerToOneSideJoinsThatSideAtItsBirth() {
        // A: 10 rows on a line from x = 0 leftwards, B: 10 rows from x = 10 rightwards (spacing 0.7), s at x = 4.
        // With minSamples 4 the core distance of s is its distance to its 4th nearest other row: A's rows at x = 0,
        // -0.7 and -1.4 (distances 4, 4.7, 5.4), then B's first row at distance 6 (A's 4th row is at 6.1). So s
        // reaches A and B by edges of weight 6, the level at which the root splits into A and B: s is a bridging
        // row. Its nearest member is A's row at x = 0 (distance 4 against 6), so it joins A at A's birth.
        double[][] rows = new double[21][];
        for (int i = 0; i < 10; i++) {
            rows[i] = new double[] {-0.7 * i, 0};
            rows[10 + i] = new double[] {10 + 0.7 * i, 0};
        }
        rows[20] = new double[] {4, 0};
        DataMatrix x = DataMatrix.ofRows(rows);
        Hdbscan h = Hdbscan.builder().minClusterSize(4).minSamples(4).build();
        HdbscanModel m = h.fit(x, FitContext.seeded(1));
        assertEquals(6.0, m.coreDistances()[20]);
        assertEquals(2, m.clusterCount());
        int[] l = m.labels();
        assertEquals(l[0], l[20], "s is labelled with A");
        assertTrue(l[0] != l[10]);
        HdbscanTestData.TreeView v = HdbscanTestData.bridging(m);
        int a = v.rowCluster[0];
        assertEquals(a, v.rowCluster[20], "s leaves A's cluster");
        assertEquals(1.0 / 6.0, v.rowLambda[20], 0.0);
        assertEquals(v.birth[a], v.rowLambda[20], 0.0, "at A's birth");
        assertEquals(0, v.clusterParent[a]);
        assertEquals(0, v.bridgeParent[20], "s is a bridging row of the root's split");
        assertFalse(HdbscanTestData.tieBridging(m)[20], "s no longer falls out of the root");
        // A's row in the condensed tree counts s; s adds nothing to A's stability (lambda - birth = 0)
        HdbscanModel.CondensedTree ct = m.condensedTree();
        long[] child = ct.child();
        long[] size = ct.childSize();
        int found = 0;
        for (int r = 0; r < child.length; r++) {
            if (child[r] == 21 + a) {
                assertEquals(11, size[r]);
                found++;
            }
        }
        assertEquals(1, found);
        // strength and GLOSH score follow from the row's place as for any other row
        double lmax = 0;
        for (int i = 0; i < 21; i++) {
            if (v.rowCluster[i] == a) {
                lmax = Math.max(lmax, v.rowLambda[i]);
            }
        }
        assertEquals(Math.min(1.0 / 6.0, lmax) / lmax, m.strengths()[20], 0.0);
        assertEquals(v.glosh(a, 1.0 / 6.0), m.outlierScores()[20], 0.0);
        for (long seed = 0; seed < 20; seed++) {
            int[] perm = HdbscanTestData.permutation(21, seed);
            HdbscanOrderIndependenceTest.assertSamePermuted(m, h.fit(x.selectRows(perm), FitContext.seeded(1)),
                    perm);
        }
    }

    static Stream<HdbscanTestData.Case> unstableCases() {
        return HdbscanTestData.cases().stream().filter(c -> !c.orderStable);
    }

    /**
     * On the reference cases where hdbscan-py is not order-stable, the rows whose label differs from hdbscan-py's
     * (after mapping each of our clusters to its majority reference cluster) are mostly bridging rows: rows whose
     * side at a tied split hdbscan-py decides by the order of tied edges.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unstableCases")
    void differencesFromHdbscanPyAreAtTiedSplits(HdbscanTestData.Case c) {
        DataMatrix x = HdbscanTestData.input(c);
        HdbscanTestData.Fit ref = HdbscanTestData.fit(c);
        HdbscanModel m = HdbscanTestData.builder(c).build().fit(x, FitContext.seeded(1).withThreads(2));
        int[] map = HdbscanPredictReferenceTest.majorityMap(m.labels(), ref.labels, Math.max(1, m.clusterCount()));
        HdbscanTestData.TreeView v = HdbscanTestData.bridging(m);
        double[] core = m.coreDistances();
        int[] l = m.labels();
        int differ = 0;
        int differAtTie = 0;
        int ties = 0;
        for (int i = 0; i < l.length; i++) {
            boolean tie = v.bridgeParent[i] >= 0;
            if (tie) {
                ties++;
                // at every bridging row the split distance is the row's own core distance: edges of that weight
                // join it to more than one side
                double split = 1.0 / v.rowLambda[i];
                assertEquals(core[i], split, 1e-12 * split, c.name + " row " + i);
            }
            int ours = l[i] < 0 ? -1 : map[l[i]];
            if (ours != ref.labels[i]) {
                differ++;
                differAtTie += tie ? 1 : 0;
            }
        }
        assertTrue(ties > 0, c.name + " has tied splits");
        assertTrue(differAtTie * 2 >= differ, c.name + ": " + differAtTie + " of " + differ
                + " differing rows are at tied splits (" + ties + " bridging rows)");
    }
}
