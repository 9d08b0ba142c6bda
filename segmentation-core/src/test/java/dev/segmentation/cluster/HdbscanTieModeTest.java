package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Hdbscan.TieMode#CANONICAL_ORDER} on integer data full of equal mutual-reachability distances: the same
 * bits for any thread count, any MST algorithm and any row order (identical rows may exchange their outputs, so row
 * order is compared as the multiset of (row, label, strength, outlier score)); the hierarchy differs from the
 * default's where ties matter, and nearly agrees on continuous data; the mode is saved with the model, and a version 1 state restores the default.
 */
class HdbscanTieModeTest {
    /** Integer RFM-like rows: few distinct values, many duplicates. */
    static double[][] integerRows(int n, int d, int distinct, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            int centre = i % 3;
            for (int j = 0; j < d; j++) {
                x[i][j] = Math.min(distinct - 1, Math.max(0, centre * distinct / 3 + r.nextInt(distinct / 4 + 1)));
            }
        }
        return x;
    }

    static String[] tuples(double[][] x, HdbscanModel m) {
        int[] l = m.labels();
        double[] s = m.strengths();
        double[] o = m.outlierScores();
        String[] t = new String[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = Arrays.toString(x[i]) + "|" + l[i] + "|" + Double.doubleToLongBits(s[i]) + "|"
                    + Double.doubleToLongBits(o[i]);
        }
        Arrays.sort(t);
        return t;
    }

    static void assertSameBits(HdbscanModel a, HdbscanModel b, String what) {
        assertArrayEquals(a.labels(), b.labels(), what + ": labels");
        assertArrayEquals(a.strengths(), b.strengths(), what + ": strengths");
        assertArrayEquals(a.outlierScores(), b.outlierScores(), what + ": outlier scores");
        assertArrayEquals(a.condensedTree().lambda(), b.condensedTree().lambda(), what + ": condensed tree");
    }

    @Test
    void canonicalOrderIsIndependentOfThreadsAlgorithmAndRowOrder() {
        int cases = 0;
        for (int d = 1; d <= 3; d++) {
            for (long seed = 1; seed <= 3; seed++) {
                double[][] rows = integerRows(600, d, d == 1 ? 60 : 15, seed);
                DataMatrix x = DataMatrix.ofRows(rows);
                Hdbscan.Builder b = Hdbscan.builder().minClusterSize(20).minSamples(4)
                        .tieMode(Hdbscan.TieMode.CANONICAL_ORDER);
                HdbscanModel ref = b.mstAlgorithm(Hdbscan.MstAlgorithm.BORUVKA_KDTREE).build()
                        .fit(x, FitContext.seeded(1).withThreads(1));
                String where = "d " + d + ", seed " + seed;
                assertSameBits(ref, b.build().fit(x, FitContext.seeded(1).withThreads(3)), where + ", 3 threads");
                assertSameBits(ref, b.mstAlgorithm(Hdbscan.MstAlgorithm.BRUTE_FORCE).build()
                        .fit(x, FitContext.seeded(1).withThreads(2)), where + ", Prim");
                int[] perm = HdbscanTestData.permutation(rows.length, seed);
                double[][] shuffled = new double[rows.length][];
                for (int i = 0; i < rows.length; i++) {
                    shuffled[i] = rows[perm[i]];
                }
                HdbscanModel p = b.build().fit(DataMatrix.ofRows(shuffled), FitContext.seeded(1).withThreads(2));
                assertArrayEquals(tuples(rows, ref), tuples(shuffled, p), where + ", rows permuted");
                assertEquals(ref.clusterCount(), p.clusterCount());
                cases++;
            }
        }
        assertEquals(9, cases);
    }

    @Test
    void theModesDifferWhereTiesMatterAndAgreeWithoutTies() {
        double[][] rows = integerRows(600, 1, 60, 2);
        DataMatrix x = DataMatrix.ofRows(rows);
        Hdbscan.Builder b = Hdbscan.builder().minClusterSize(20).minSamples(4);
        HdbscanModel sim = b.build().fit(x, FitContext.seeded(1));
        HdbscanModel can = b.tieMode(Hdbscan.TieMode.CANONICAL_ORDER).build().fit(x, FitContext.seeded(1));
        assertTrue(sim.condensedTree().size() != can.condensedTree().size()
                || !Arrays.equals(sim.labels(), can.labels()), "ties change the hierarchy");
        // continuous data still has tied weights (edges of one row at its core distance), but few that matter:
        // the labels nearly agree
        SplittableRandom r = new SplittableRandom(5);
        double[][] cont = new double[400][];
        for (int i = 0; i < cont.length; i++) {
            cont[i] = new double[] {(i % 2) * 5 + r.nextDouble(), r.nextDouble()};
        }
        DataMatrix c = DataMatrix.ofRows(cont);
        int[] a = Hdbscan.builder().minClusterSize(15).build().fit(c, FitContext.seeded(1)).labels();
        int[] bb = Hdbscan.builder().minClusterSize(15).tieMode(Hdbscan.TieMode.CANONICAL_ORDER).build()
                .fit(c, FitContext.seeded(1)).labels();
        double ari = dev.segmentation.quality.ExternalIndices.adjustedRandIndex(a, bb);
        assertTrue(ari > 0.9, "ARI " + ari);
    }

    @Test
    void theModeIsSavedAndOldStatesRestoreTheDefault() {
        double[][] rows = integerRows(300, 2, 15, 3);
        DataMatrix x = DataMatrix.ofRows(rows);
        HdbscanModel can = Hdbscan.builder().minClusterSize(15).tieMode(Hdbscan.TieMode.CANONICAL_ORDER).build()
                .fit(x, FitContext.seeded(1));
        StepState s = Steps.state(can);
        assertEquals(2, s.version());
        assertEquals("CANONICAL_ORDER", s.string("tieMode"));
        HdbscanModel back = Steps.restore(s, HdbscanModel.class);
        assertEquals(Hdbscan.TieMode.CANONICAL_ORDER, back.settings().tieMode());
        assertArrayEquals(can.predict(x), back.predict(x));
        assertTrue(Arrays.deepEquals(can.membershipVectors(x), back.membershipVectors(x)),
                "soft membership of new rows is the same after a round trip");
        IllegalStateException restored = assertThrows(IllegalStateException.class, back::allPointsMembershipVectors);
        assertTrue(restored.getMessage().startsWith("a restored HDBSCAN model keeps no training-row order"),
                restored.getMessage());
        // a version 1 state (no tieMode) restores SIMULTANEOUS
        StepState v1 = copy(Steps.state(Hdbscan.builder().minClusterSize(15).build().fit(x, FitContext.seeded(1))),
                1, null);
        assertEquals(Hdbscan.TieMode.SIMULTANEOUS, Steps.restore(v1, HdbscanModel.class).settings().tieMode());
        StepState bad = copy(s, 2, "SOMETIMES");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Steps.restore(bad));
        assertEquals("hdbscan state: unknown tieMode 'SOMETIMES'", e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Hdbscan.builder().tieMode(null));
        assertEquals("mode", npe.getMessage());
        assertFalse(Hdbscan.builder().build().toString().contains("ties="), "the default toString is unchanged");
        assertTrue(Hdbscan.builder().tieMode(Hdbscan.TieMode.CANONICAL_ORDER).build().toString()
                .endsWith(", ties=CANONICAL_ORDER]"));
    }

    /** The state {@code s} as {@code version}, with tieMode replaced ({@code null}: removed). */
    static StepState copy(StepState s, int version, String tieMode) {
        StepState.Builder b = StepState.builder(s.type(), version);
        for (var e : s.parameters().entrySet()) {
            if (e.getKey().equals("tieMode")) {
                if (tieMode != null) {
                    b.put("tieMode", tieMode);
                }
            } else if (e.getValue() instanceof String) {
                b.put(e.getKey(), (String) e.getValue());
            } else if (e.getValue() instanceof Long) {
                b.put(e.getKey(), (Long) e.getValue());
            } else {
                b.put(e.getKey(), (Double) e.getValue());
            }
        }
        for (String n : s.doubleArrayNames()) {
            b.put(n, s.doubles(n));
        }
        for (String n : s.intArrayNames()) {
            b.put(n, s.ints(n));
        }
        return b.build();
    }
}
