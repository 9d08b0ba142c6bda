package dev.segmentation.cluster.hdbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.fit.ProgressListener;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bridging rule's KD-tree nearest-member search against brute force, on blob data with integer coordinates
 * and duplicated rows (many equal distances, so many bridging rows and distance ties between children); and the
 * condensed tree after attaching: each attached row under its child at the child's birth, sizes consistent; and
 * the same decisions on 1, 2 and 3 threads when there are many blocks of bridging rows.
 */
class BridgingTest {
    /** Blobs of integer points around a few centres, with repeated rows. */
    static double[] data(SplittableRandom r, int n, int d) {
        int centres = 2 + r.nextInt(4);
        double[] c = new double[centres * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.nextInt(40);
        }
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (i > 0 && r.nextInt(6) == 0) {
                System.arraycopy(v, r.nextInt(i) * d, v, i * d, d);
                continue;
            }
            int k = r.nextInt(centres);
            for (int j = 0; j < d; j++) {
                v[i * d + j] = c[k * d + j] + r.nextInt(9) - 4;
            }
        }
        return v;
    }

    static Hierarchy.Condensed condensed(KdTree tree, int minClusterSize, int minSamples) {
        double[] core = Mst.coreDistances(tree, minSamples + 1, 1, new double[tree.n]);
        Mst.Edges mst = Mst.boruvka(tree, core, 1, ProgressListener.NONE);
        return Hierarchy.build(tree.n, mst, tree.index).condense(minClusterSize);
    }

    /** The brute-force decision for bridging row b: the unique child holding the nearest members, else -1. */
    static int brute(Hierarchy.Condensed ct, KdTree tree, int b) {
        int r = ct.bridgeRow[b];
        int p = ct.rowChild[r];
        int parent = ct.rowParent[r];
        double best = Double.POSITIVE_INFINITY;
        int bestChild = -1;
        boolean tie = false;
        for (int t = 0; t < tree.n; t++) {
            int c = ct.fallCluster[t];
            while (c > 0 && ct.clParent[c] != parent) {
                c = ct.clParent[c];
            }
            if (c <= 0) {
                continue; // not below a child of the split cluster
            }
            double s = tree.distSq(tree.pts, p * tree.d, t);
            if (s < best) {
                best = s;
                bestChild = c;
                tie = false;
            } else if (s == best && c != bestChild) {
                tie = true;
            }
        }
        return tie ? -1 : bestChild;
    }

    @Test
    void nearestMemberSearchMatchesBruteForce() {
        SplittableRandom r = new SplittableRandom(11);
        int bridging = 0;
        int attached = 0;
        int distanceTies = 0;
        for (int rep = 0; rep < 60; rep++) {
            int n = 200 + r.nextInt(600);
            int d = 1 + r.nextInt(3);
            double[] v = data(r, n, d);
            int[] id = new int[n];
            for (int i = 0; i < n; i++) {
                id[i] = i;
            }
            KdTree tree = new KdTree(v, n, d, id);
            Hierarchy.Condensed ct = condensed(tree, 5 + r.nextInt(20), 2 + r.nextInt(10));
            int[] got = Bridging.decide(ct, tree, 1 + rep % 3);
            int[] expected = new int[ct.bridges];
            for (int b = 0; b < ct.bridges; b++) {
                expected[b] = brute(ct, tree, b);
                attached += expected[b] >= 0 ? 1 : 0;
                distanceTies += expected[b] < 0 ? 1 : 0;
            }
            assertArrayEquals(expected, got, "rep " + rep);
            bridging += ct.bridges;
        }
        assertTrue(attached > 50 && distanceTies > 10, "the data exercise both outcomes: " + bridging
                + " bridging rows, " + attached + " attached, " + distanceTies + " distance ties");
    }

    @Test
    void decisionsDoNotDependOnTheThreadCount() {
        SplittableRandom r = new SplittableRandom(2);
        int n = 30_000;
        double[] v = new double[n * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 2 == 0 ? 40 * r.nextInt(5) : 0) + Math.round(r.nextGaussian() * 3);
        }
        int[] id = new int[n];
        for (int i = 0; i < n; i++) {
            id[i] = i;
        }
        KdTree tree = new KdTree(v, n, 2, id);
        Hierarchy.Condensed ct = condensed(tree, 10, 10);
        assertTrue(ct.bridges > 3 * Bridging.BLOCK, "several blocks: " + ct.bridges + " bridging rows");
        int[] one = Bridging.decide(ct, tree, 1);
        assertArrayEquals(one, Bridging.decide(ct, tree, 2));
        assertArrayEquals(one, Bridging.decide(ct, tree, 3));
        for (int b = 0; b < ct.bridges; b += 17) {
            assertEquals(brute(ct, tree, b), one[b], "bridging row " + b);
        }
    }

    @Test
    void attachedRowsSitUnderTheirChildAtItsBirthAndSizesAddUp() {
        SplittableRandom r = new SplittableRandom(5);
        int attachedTotal = 0;
        for (int rep = 0; rep < 30; rep++) {
            int n = 300 + r.nextInt(400);
            int d = 2;
            double[] v = data(r, n, d);
            int[] id = new int[n];
            for (int i = 0; i < n; i++) {
                id[i] = i;
            }
            KdTree tree = new KdTree(v, n, d, id);
            Hierarchy.Condensed ct = condensed(tree, 8, 6);
            int[] rowOfBridge = java.util.Arrays.copyOf(ct.bridgeRow, ct.bridges);
            int[] pointOfBridge = new int[ct.bridges];
            for (int b = 0; b < ct.bridges; b++) {
                pointOfBridge[b] = ct.rowChild[rowOfBridge[b]];
            }
            int[] target = Bridging.decide(ct, tree, 1);
            int attached = Bridging.attach(ct, tree, 1);
            attachedTotal += attached;
            int expectedAttached = 0;
            for (int b = 0; b < target.length; b++) {
                int p = pointOfBridge[b];
                if (target[b] >= 0) {
                    expectedAttached++;
                    assertEquals(target[b], ct.fallCluster[p]);
                    assertEquals(ct.clBirth[target[b]], ct.fallLambda[p], 0.0);
                }
            }
            assertEquals(expectedAttached, attached);
            // rows grouped by parent; every point once; a cluster's size = its point rows + its children's sizes
            int[] direct = new int[ct.clusters];
            int[] childSizes = new int[ct.clusters];
            boolean[] seen = new boolean[n];
            for (int i = 0; i < ct.rows; i++) {
                if (i > 0) {
                    assertTrue(ct.rowParent[i] >= ct.rowParent[i - 1], "grouped by parent");
                }
                if (ct.rowIsCluster[i]) {
                    assertEquals(ct.clSize[ct.rowChild[i]], ct.rowSize[i]);
                    childSizes[ct.rowParent[i]] += ct.rowSize[i];
                } else {
                    assertTrue(!seen[ct.rowChild[i]]);
                    seen[ct.rowChild[i]] = true;
                    assertEquals(ct.rowParent[i], ct.fallCluster[ct.rowChild[i]]);
                    assertEquals(ct.rowLambda[i], ct.fallLambda[ct.rowChild[i]], 0.0);
                    direct[ct.rowParent[i]]++;
                }
            }
            for (int c = 0; c < ct.clusters; c++) {
                assertEquals(ct.clSize[c], direct[c] + childSizes[c], "cluster " + c);
            }
        }
        assertTrue(attachedTotal > 20, "attached " + attachedTotal);
    }
}
