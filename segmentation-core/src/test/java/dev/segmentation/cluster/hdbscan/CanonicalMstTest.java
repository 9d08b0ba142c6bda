package dev.segmentation.cluster.hdbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.fit.ProgressListener;
import dev.segmentation.internal.Cancel;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The strict-order minimum spanning tree of TieMode.CANONICAL_ORDER (edges by weight, then {@link Mst#key}) against
 * Kruskal's algorithm on the complete mutual-reachability graph: with a strict total order the tree is unique, so
 * Prim and Borůvka must return exactly Kruskal's edges, on 1 and 3 threads, on integer data full of equal weights
 * (1-d with many repeated values, 2-d and 3-d integer grids with duplicates).
 */
class CanonicalMstTest {
    /** Integer-valued rows with few distinct values per column and repeated rows. */
    static double[] tieHeavy(SplittableRandom r, int n, int d, int distinct) {
        double[] v = new double[n * d];
        for (int i = 0; i < n * d; i++) {
            v[i] = r.nextInt(distinct);
        }
        return v;
    }

    /** Kruskal on all pairs under (weight, key): the unique minimum spanning tree, edges as sorted keys. */
    static long[] kruskal(KdTree tree, double[] core) {
        int n = tree.n;
        int d = tree.d;
        int m = n * (n - 1) / 2;
        double[] w = new double[m];
        long[] key = new long[m];
        int[] ea = new int[m];
        int[] eb = new int[m];
        int e = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double diff = tree.pts[a * d + k] - tree.pts[b * d + k];
                    s += diff * diff;
                }
                w[e] = Math.max(Math.sqrt(s), Math.max(core[a], core[b]));
                key[e] = Mst.key(tree.index, a, b);
                ea[e] = a;
                eb[e] = b;
                e++;
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> {
            int c = Double.compare(w[x], w[y]);
            return c != 0 ? c : Long.compare(key[x], key[y]);
        });
        UnionFind uf = new UnionFind(n);
        long[] out = new long[n - 1];
        int c = 0;
        for (int i : order) {
            if (uf.union(ea[i], eb[i])) {
                out[c++] = key[i];
            }
        }
        Arrays.sort(out);
        return out;
    }

    static long[] keys(Mst.Edges edges, int[] rank) {
        long[] k = new long[edges.count];
        for (int i = 0; i < edges.count; i++) {
            k[i] = Mst.key(rank, edges.a[i], edges.b[i]);
        }
        Arrays.sort(k);
        return k;
    }

    @Test
    void primAndBoruvkaFindKruskalsTreeUnderTheStrictOrder() {
        SplittableRandom r = new SplittableRandom(19);
        int checked = 0;
        for (int trial = 0; trial < 60; trial++) {
            int d = 1 + trial % 3;
            int n = 40 + r.nextInt(260);
            int distinct = d == 1 ? 5 + r.nextInt(60) : 3 + r.nextInt(12);
            double[] v = tieHeavy(r, n, d, distinct);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            KdTree tree = new KdTree(v, n, d, order);
            int ms = 1 + r.nextInt(12);
            double[] core = Mst.coreDistances(tree, Math.min(ms + 1, n), 1, null);
            long[] expected = kruskal(tree, core);
            double expectedWeight = 0;
            for (int threads : new int[] {1, 3}) {
                long[] prim = keys(Mst.prim(tree, core, threads, Cancel.NEVER, tree.index), tree.index);
                long[] boruvka = keys(Mst.boruvka(tree, core, threads, ProgressListener.NONE, Cancel.NEVER,
                        tree.index), tree.index);
                String where = "trial " + trial + " (n " + n + ", d " + d + ", distinct " + distinct + ", ms " + ms
                        + ", threads " + threads + ")";
                assertArrayEquals(expected, prim, "Prim " + where);
                assertArrayEquals(expected, boruvka, "Boruvka " + where);
            }
            // the strict tree is still a minimum spanning tree: same total weight as the default search
            Mst.Edges loose = Mst.boruvka(tree, core, 1, ProgressListener.NONE);
            Mst.Edges strict = Mst.boruvka(tree, core, 1, ProgressListener.NONE, Cancel.NEVER, tree.index);
            double a = 0;
            double b = 0;
            double[] wl = Arrays.copyOf(loose.w, loose.count);
            double[] ws = Arrays.copyOf(strict.w, strict.count);
            Arrays.sort(wl);
            Arrays.sort(ws);
            assertArrayEquals(wl, ws, "same multiset of weights, trial " + trial);
            checked++;
        }
        assertEquals(60, checked);
    }

    @Test
    void sequentialHierarchyIsBinary() {
        SplittableRandom r = new SplittableRandom(7);
        double[] v = tieHeavy(r, 300, 1, 20);
        int[] order = new int[300];
        for (int i = 0; i < 300; i++) {
            order[i] = i;
        }
        KdTree tree = new KdTree(v, 300, 1, order);
        double[] core = Mst.coreDistances(tree, 6, 1, null);
        Mst.Edges mst = Mst.boruvka(tree, core, 1, ProgressListener.NONE, Cancel.NEVER, tree.index);
        Hierarchy seq = Hierarchy.build(300, mst, tree.index, Cancel.NEVER, true);
        Hierarchy sim = Hierarchy.build(300, mst, tree.index, Cancel.NEVER, false);
        assertEquals(2 * 300 - 1, seq.nodes, "one node per edge");
        for (int node = 300; node < seq.nodes; node++) {
            assertEquals(2, seq.childStart[node + 1] - seq.childStart[node], "node " + node);
        }
        org.junit.jupiter.api.Assertions.assertTrue(sim.nodes < seq.nodes, "equal weights merge at once by default");
        assertEquals(0, seq.condense(10).bridges, "a binary hierarchy has no bridging rows");
    }
}
