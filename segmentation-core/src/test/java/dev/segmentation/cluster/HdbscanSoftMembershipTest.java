package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Soft clustering ({@link HdbscanModel#allPointsMembershipVectors()}, {@link HdbscanModel#membershipVectors}) against
 * a brute-force oracle written from the definitions of hdbscan-py's prediction module (documented on the model),
 * working only from the model's public outputs: the condensed tree as plain data, the labels, the exemplars and the
 * training rows; nearest neighbours by sorting all rows. hdbscan-py itself cannot be installed on this machine, so
 * no hdbscan-py output is compared here.
 */
class HdbscanSoftMembershipTest {
    /** Gaussian blobs with uniform noise, in general position (no distance ties). */
    static double[][] blobs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] c = {{0, 0}, {6, 1}, {3, 7}, {9, 8}};
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            if (i % 10 == 9) {
                x[i] = new double[] {r.nextDouble(-3, 12), r.nextDouble(-3, 11)};
            } else {
                double[] cc = c[i % c.length];
                double s = i % 4 == 3 ? 1.4 : 0.8;
                x[i] = new double[] {cc[0] + s * gauss(r), cc[1] + s * gauss(r)};
            }
        }
        return x;
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** The oracle: everything recomputed from the public condensed tree. */
    static final class Oracle {
        final double[][] x;
        final int n;
        final int k;
        final int[] clParent; // by cluster index (cluster id - n), -1 for the root
        final double[] clBirth;
        final double[] leafMax;
        final int[] pointCluster;
        final double[] pointLambda;
        final int[] selected;
        final double[][][] exemplars;

        Oracle(HdbscanModel m, double[][] x) {
            this.x = x;
            this.n = x.length;
            this.k = m.clusterCount();
            HdbscanModel.CondensedTree t = m.condensedTree();
            long[] parent = t.parent();
            long[] child = t.child();
            double[] lambda = t.lambda();
            int clusters = 1;
            for (long c : child) {
                if (c >= n) {
                    clusters = Math.max(clusters, (int) (c - n) + 1);
                }
            }
            clParent = new int[clusters];
            clBirth = new double[clusters];
            leafMax = new double[clusters];
            clParent[0] = -1;
            pointCluster = new int[n];
            pointLambda = new double[n];
            for (int i = 0; i < parent.length; i++) {
                int p = (int) (parent[i] - n);
                leafMax[p] = Math.max(leafMax[p], lambda[i]);
                if (child[i] >= n) {
                    clParent[(int) (child[i] - n)] = p;
                    clBirth[(int) (child[i] - n)] = lambda[i];
                } else {
                    pointCluster[(int) child[i]] = p;
                    pointLambda[(int) child[i]] = lambda[i];
                }
            }
            // labels present in each cluster's subtree
            List<Set<Integer>> labelsBelow = new ArrayList<>();
            for (int c = 0; c < clusters; c++) {
                labelsBelow.add(new HashSet<>());
            }
            int[] labels = m.labels();
            for (int p = 0; p < n; p++) {
                for (int c = pointCluster[p]; c >= 0; c = clParent[c]) {
                    labelsBelow.get(c).add(labels[p]);
                }
            }
            selected = new int[k];
            exemplars = new double[k][][];
            for (int l = 0; l < k; l++) {
                int[] ex = m.exemplars(l);
                int c = pointCluster[ex[0]];
                while (clParent[c] >= 0 && labelsBelow.get(clParent[c]).equals(Set.of(l))) {
                    c = clParent[c];
                }
                selected[l] = c;
                exemplars[l] = new double[ex.length][];
                for (int i = 0; i < ex.length; i++) {
                    exemplars[l][i] = x[ex[i]];
                }
            }
        }

        boolean isAncestor(int a, int c) {
            for (; c >= 0; c = clParent[c]) {
                if (c == a) {
                    return true;
                }
            }
            return false;
        }

        double height(int pc, double pl, int target) {
            if (isAncestor(pc, target) || isAncestor(target, pc)) {
                return pl;
            }
            // children of the lowest common ancestor are born at the split lambda
            int a = target;
            while (!isAncestor(clParent[a], pc)) {
                a = clParent[a];
            }
            return clBirth[a];
        }

        double[] distancePart(double[] q) {
            double[] v = new double[k];
            double sum = 0;
            for (int l = 0; l < k; l++) {
                double best = Double.POSITIVE_INFINITY;
                for (double[] e : exemplars[l]) {
                    double s = 0;
                    for (int j = 0; j < q.length; j++) {
                        s += (q[j] - e[j]) * (q[j] - e[j]);
                    }
                    best = Math.min(best, Math.sqrt(s));
                }
                v[l] = best == 0 ? Double.MAX_VALUE / k : 1 / best;
                sum += v[l];
            }
            for (int l = 0; l < k; l++) {
                v[l] /= sum;
            }
            return v;
        }

        double[] allPoints(int p) {
            int pc = pointCluster[p];
            double pl = pointLambda[p];
            double ml = leafMax[pc] + 1e-8;
            double[] h = new double[k];
            double[] out = new double[k];
            double max = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < k; l++) {
                h[l] = height(pc, pl, selected[l]);
                out[l] = Math.exp(-(ml / h[l]));
                max = Math.max(max, out[l]);
            }
            double os = 0;
            for (int l = 0; l < k; l++) {
                out[l] = Math.exp(out[l] - max);
                os += out[l];
            }
            double[] dv = distancePart(x[p]);
            double s = 0;
            for (int l = 0; l < k; l++) {
                out[l] = dv[l] * out[l] / os;
                s += out[l];
            }
            int arg = 0;
            for (int l = 1; l < k; l++) {
                if (h[l] > h[arg]) {
                    arg = l;
                }
            }
            double prob = h[arg] / Math.max(leafMax[selected[arg]], pl);
            for (int l = 0; l < k; l++) {
                out[l] = out[l] / s * prob;
            }
            return out;
        }

        private double[] core;

        double[] newPoint(double[] q, int minSamples) {
            // prediction core distances of the training rows: distance to the minSamples-th nearest counting itself
            if (core == null) {
                core = predictionCore(minSamples);
            }
            return newPoint(q, minSamples, core);
        }

        double[] predictionCore(int minSamples) {
            double[] core = new double[n];
            for (int t = 0; t < n; t++) {
                double[] d = new double[n];
                for (int u = 0; u < n; u++) {
                    d[u] = dist(x[t], x[u]);
                }
                Arrays.sort(d);
                core[t] = d[minSamples - 1];
            }
            return core;
        }

        double[] newPoint(double[] q, int minSamples, double[] core) {
            Integer[] order = new Integer[n];
            double[] dq = new double[n];
            for (int u = 0; u < n; u++) {
                order[u] = u;
                dq[u] = dist(q, x[u]);
            }
            Arrays.sort(order, (a, b) -> Double.compare(dq[a], dq[b]));
            int kk = Math.min(2 * minSamples, n);
            double pcore = dq[order[Math.min(minSamples, kk - 1)]];
            int nn = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < kk; j++) {
                int u = order[j];
                double mr = Math.max(dq[u], Math.max(core[u], pcore));
                if (mr < best) {
                    best = mr;
                    nn = u;
                }
            }
            double lambda = 1 / best;
            lambda = Math.min(lambda, pointLambda[nn]);
            int pc = pointCluster[nn];
            double ml = leafMax[pc];
            double[] h = new double[k];
            double[] out = new double[k];
            double max = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < k; l++) {
                h[l] = height(pc, lambda, selected[l]);
                double den = ml - h[l];
                out[l] = ml / (den <= 0 ? 1e-8 : den);
                max = Math.max(max, out[l]);
            }
            double os = 0;
            for (int l = 0; l < k; l++) {
                out[l] = Math.exp(out[l] - max);
                os += out[l];
            }
            double[] dv = distancePart(q);
            double s = 0;
            for (int l = 0; l < k; l++) {
                double ov = out[l] / os;
                out[l] = Math.sqrt(dv[l]) * ov * ov;
                s += out[l];
            }
            int arg = 0;
            for (int l = 1; l < k; l++) {
                if (h[l] > h[arg]) {
                    arg = l;
                }
            }
            double prob = h[arg] / (Math.max(lambda, leafMax[selected[arg]]) + 1e-8);
            for (int l = 0; l < k; l++) {
                out[l] = out[l] / s * prob;
            }
            return out;
        }

        static double dist(double[] a, double[] b) {
            double s = 0;
            for (int j = 0; j < a.length; j++) {
                s += (a[j] - b[j]) * (a[j] - b[j]);
            }
            return Math.sqrt(s);
        }
    }

    static void assertClose(double[] expected, double[] actual, String where) {
        assertEquals(expected.length, actual.length, where);
        for (int l = 0; l < expected.length; l++) {
            assertEquals(expected[l], actual[l], 1e-12 + 1e-9 * Math.abs(expected[l]), where + ", cluster " + l);
        }
    }

    static void checkAgainstOracle(Hdbscan h, double[][] rows, double[][] queries) {
        HdbscanModel m = h.fit(DataMatrix.ofRows(rows), FitContext.seeded(1));
        assertTrue(m.clusterCount() >= 2, "the test needs clusters, got " + m.clusterCount());
        Oracle o = new Oracle(m, rows);
        double[][] all = m.allPointsMembershipVectors(1);
        for (int p = 0; p < rows.length; p++) {
            assertClose(o.allPoints(p), all[p], h + " training row " + p);
        }
        int ms = h.minSamples().orElse(h.minClusterSize());
        double[][] mv = m.membershipVectors(DataMatrix.ofRows(queries), 1);
        for (int i = 0; i < queries.length; i++) {
            assertClose(o.newPoint(queries[i], ms), mv[i], h + " new row " + i);
        }
        // thread count changes no bit
        assertTrue(Arrays.deepEquals(all, m.allPointsMembershipVectors(3)));
        assertTrue(Arrays.deepEquals(mv, m.membershipVectors(DataMatrix.ofRows(queries), 3)));
    }

    static double[][] queries(int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] q = new double[m][];
        for (int i = 0; i < m; i++) {
            q[i] = new double[] {r.nextDouble(-4, 13), r.nextDouble(-4, 12)};
        }
        return q;
    }

    @Test
    void allPointsAndNewRowsMatchTheOracle() {
        double[][] rows = blobs(400, 5);
        checkAgainstOracle(Hdbscan.builder().minClusterSize(15).build(), rows, queries(150, 6));
        checkAgainstOracle(Hdbscan.builder().minClusterSize(10).minSamples(4).build(), rows, queries(150, 7));
        checkAgainstOracle(Hdbscan.builder().minClusterSize(8).minSamples(3)
                .clusterSelectionMethod(Hdbscan.ClusterSelectionMethod.LEAF).build(), rows, queries(100, 8));
    }

    @Test
    void epsilonSelectedClustersAreTheColumns() {
        double[][] rows = blobs(400, 5);
        Hdbscan plain = Hdbscan.builder().minClusterSize(8).minSamples(3)
                .clusterSelectionMethod(Hdbscan.ClusterSelectionMethod.LEAF).build();
        Hdbscan eps = Hdbscan.builder().minClusterSize(8).minSamples(3)
                .clusterSelectionMethod(Hdbscan.ClusterSelectionMethod.LEAF).clusterSelectionEpsilon(1.0).build();
        HdbscanModel a = plain.fit(DataMatrix.ofRows(rows), FitContext.seeded(1));
        HdbscanModel b = eps.fit(DataMatrix.ofRows(rows), FitContext.seeded(1));
        assertTrue(b.clusterCount() < a.clusterCount(), "epsilon merges leaves: " + a.clusterCount() + " -> "
                + b.clusterCount());
        assertEquals(b.clusterCount(), b.allPointsMembershipVectors()[0].length);
        assertEquals(b.clusterCount(), b.membershipVectors(DataMatrix.ofRows(queries(3, 1)))[0].length);
        checkAgainstOracle(eps, rows, queries(100, 9));
    }

    @Test
    void vectorsAreProbabilitiesAndTheLabelUsuallyLeads() {
        double[][] rows = blobs(400, 11);
        HdbscanModel m = Hdbscan.builder().minClusterSize(15).build().fit(DataMatrix.ofRows(rows),
                FitContext.seeded(1));
        double[][] all = m.allPointsMembershipVectors();
        int[] labels = m.labels();
        int agree = 0;
        int clustered = 0;
        for (int p = 0; p < rows.length; p++) {
            double s = 0;
            int arg = 0;
            for (int l = 0; l < all[p].length; l++) {
                assertTrue(all[p][l] >= 0 && all[p][l] <= 1, "row " + p + ": " + all[p][l]);
                s += all[p][l];
                if (all[p][l] > all[p][arg]) {
                    arg = l;
                }
            }
            assertTrue(s <= 1 + 1e-12, "row " + p + " sums to " + s);
            if (labels[p] >= 0) {
                clustered++;
                agree += arg == labels[p] ? 1 : 0;
            }
        }
        assertTrue(agree >= 0.95 * clustered, agree + " of " + clustered + " clustered rows have their label first");
    }

    @Test
    void duplicateRowsGiveNoNaN() {
        // integer rows with many duplicates: core distances 0 and infinite lambdas
        SplittableRandom r = new SplittableRandom(3);
        double[][] rows = new double[300][];
        for (int i = 0; i < rows.length; i++) {
            int c = i % 3;
            rows[i] = new double[] {10 * c + r.nextInt(3), r.nextInt(2)};
        }
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).minSamples(3).build().fit(DataMatrix.ofRows(rows),
                FitContext.seeded(1));
        assertTrue(m.clusterCount() >= 2);
        double[][] all = m.allPointsMembershipVectors();
        double[][] mv = m.membershipVectors(DataMatrix.ofRows(rows));
        for (double[][] v : new double[][][] {all, mv}) {
            for (double[] row : v) {
                double s = 0;
                for (double e : row) {
                    assertTrue(e >= 0 && e <= 1, Arrays.toString(row));
                    s += e;
                }
                assertTrue(s <= 1 + 1e-12, Arrays.toString(row));
            }
        }
    }

    @Test
    void noClusterGivesZeroColumnsAndErrorsNameTheProblem() {
        double[][] rows = blobs(60, 2);
        HdbscanModel m = Hdbscan.builder().minClusterSize(50).build().fit(DataMatrix.ofRows(rows),
                FitContext.seeded(1));
        assertEquals(0, m.clusterCount());
        assertEquals(0, m.allPointsMembershipVectors()[0].length);
        assertEquals(0, m.membershipVectors(DataMatrix.ofRows(rows))[0].length);
        HdbscanModel two = Hdbscan.builder().minClusterSize(15).build().fit(DataMatrix.ofRows(blobs(200, 2)),
                FitContext.seeded(1));
        IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
                () -> two.membershipVectors(DataMatrix.ofRows(new double[][] {{1, 2, 3}})));
        assertEquals("x has 3 columns but the model was fitted on 2", cols.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> two.membershipVectors(DataMatrix.ofRows(new double[][] {{1, 2}, {Double.NaN, 0}})));
        assertEquals("x has a non-finite value at row 1, column 0: NaN", nan.getMessage());
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
                () -> two.membershipVectors(DataMatrix.ofRows(new double[][] {{1, 2}}), 0));
        assertEquals("threads must be >= 1 but was 0", threads.getMessage());
    }
}
