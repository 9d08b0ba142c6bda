package dev.segmentation.embedding;

import dev.segmentation.state.StepState;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;

class PcaTest {
    private static final FitContext CTX = FitContext.seeded(7);

    /** n rows of d columns with decreasing scales along random directions, plus an offset. */
    static DataMatrix anisotropic(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                v[i * d + c] = 3.0 + c + r.nextGaussian() * (d - c);
            }
        }
        // mix columns so that components are not the axes
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int e = 0; e < d; e++) {
                    s += v[i * d + e] * Math.cos(0.3 * (c + 1) * (e + 2));
                }
                out[i * d + c] = s;
            }
        }
        return DataMatrix.of(n, d, out);
    }

    @Test
    void eigenvaluesMatchTheSingularValuesOfTheCentredData() {
        DataMatrix x = anisotropic(500, 6, 1);
        PcaModel m = Pca.builder().build().fit(x, CTX);
        double[] mean = m.mean();
        DMatrixRMaj c = new DMatrixRMaj(500, 6);
        for (int i = 0; i < 500; i++) {
            for (int j = 0; j < 6; j++) {
                c.set(i, j, x.get(i, j) - mean[j]);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(500, 6, false, true, true);
        assertTrue(svd.decompose(c));
        double[] s = svd.getSingularValues().clone();
        Arrays.sort(s);
        double[] ev = m.explainedVariance();
        assertEquals(6, ev.length);
        for (int j = 0; j < 6; j++) {
            double expected = s[5 - j] * s[5 - j] / 499.0;
            assertEquals(expected, ev[j], 1e-9 * expected + 1e-12, "component " + j);
        }
        double sum = 0;
        for (double r : m.explainedVarianceRatio()) {
            sum += r;
        }
        assertEquals(1.0, sum, 1e-12);
    }

    @Test
    void componentsAreOrthonormalSignedAndProjectionsHaveTheExplainedVariance() {
        DataMatrix x = anisotropic(400, 5, 2);
        PcaModel m = Pca.components(3).fit(x, CTX);
        for (int a = 0; a < 3; a++) {
            double[] ca = m.component(a);
            int arg = 0;
            for (int c = 1; c < 5; c++) {
                if (Math.abs(ca[c]) > Math.abs(ca[arg])) {
                    arg = c;
                }
            }
            assertTrue(ca[arg] > 0, "largest entry of component " + a + " is positive");
            for (int b = 0; b < 3; b++) {
                double[] cb = m.component(b);
                double dot = 0;
                for (int c = 0; c < 5; c++) {
                    dot += ca[c] * cb[c];
                }
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-12);
            }
        }
        DataMatrix z = m.transform(x);
        double[] ev = m.explainedVariance();
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            for (int i = 0; i < 400; i++) {
                mean += z.get(i, j);
            }
            mean /= 400;
            double var = 0;
            for (int i = 0; i < 400; i++) {
                var += (z.get(i, j) - mean) * (z.get(i, j) - mean);
            }
            assertEquals(0.0, mean, 1e-9);
            assertEquals(ev[j], var / 399, 1e-9 * ev[j]);
        }
    }

    @Test
    void whiteningGivesUnitVarianceAndInverseTransformUndoesIt() {
        DataMatrix x = anisotropic(300, 4, 3);
        PcaModel m = Pca.builder().whiten(true).build().fit(x, CTX);
        assertTrue(m.whitened());
        DataMatrix z = m.transform(x);
        for (int j = 0; j < 4; j++) {
            double s = 0;
            for (int i = 0; i < 300; i++) {
                s += z.get(i, j) * z.get(i, j);
            }
            assertEquals(1.0, s / 299, 1e-9);
        }
        DataMatrix back = m.inverseTransform(z);
        for (int i = 0; i < 300; i++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(x.get(i, c), back.get(i, c), 1e-9);
            }
        }
        assertEquals(0.0, m.reconstructionError(x), 1e-18);
    }

    @Test
    void reconstructionErrorEqualsTheDiscardedVariance() {
        DataMatrix x = anisotropic(300, 5, 4);
        PcaModel all = Pca.builder().build().fit(x, CTX);
        PcaModel two = Pca.components(2).fit(x, CTX);
        double[] ev = all.explainedVariance();
        double discarded = ev[2] + ev[3] + ev[4];
        // mean over n*d cells of squared residuals = (n-1)/n * discarded / d
        assertEquals(discarded * 299 / 300 / 5, two.reconstructionError(x), 1e-9 * discarded);
    }

    @Test
    void varianceTargetKeepsTheSmallestCountExceedingIt() {
        DataMatrix x = anisotropic(300, 6, 5);
        double[] ratio = Pca.builder().build().fit(x, CTX).explainedVarianceRatio();
        double target = ratio[0] + ratio[1] + ratio[2] / 2; // between the cumulative ratios of 2 and 3 components
        PcaModel m = Pca.builder().varianceTarget(target).build().fit(x, CTX);
        assertEquals(3, m.outputDimension());
        PcaModel one = Pca.builder().varianceTarget(ratio[0] / 2).build().fit(x, CTX);
        assertEquals(1, one.outputDimension());
    }

    @Test
    void sameBitsForAnyThreadCountAndRowsAcrossManyBlocks() {
        DataMatrix x = anisotropic(9000, 7, 6);
        PcaModel m1 = Pca.components(4).fit(x, CTX.withThreads(1));
        for (int t = 2; t <= 3; t++) {
            PcaModel mt = Pca.components(4).fit(x, CTX.withThreads(t));
            assertEquals(m1.state(), mt.state(), "threads " + t);
            assertArrayEquals(m1.transform(x).toArray(), mt.transform(x).toArray());
        }
    }

    @Test
    void transformOfOneRowEqualsTransformOfTheMatrix() {
        DataMatrix x = anisotropic(100, 5, 8);
        PcaModel m = Pca.components(2).fit(x, CTX);
        DataMatrix z = m.transform(x);
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(z.row(i), m.transform(x.row(i)));
        }
        assertEquals(DataMatrix.of(0, 2, new double[0]), m.transform(DataMatrix.of(0, 5, new double[0])));
    }

    @Test
    void stateRoundTripsThroughTheServiceLoader() {
        DataMatrix x = anisotropic(200, 5, 9);
        PcaModel m = Pca.builder().components(3).whiten(true).build().fit(x, CTX);
        FittedEmbedding back = dev.segmentation.state.Steps.restore(m.state(), FittedEmbedding.class);
        assertTrue(back instanceof PcaModel);
        assertEquals(m.state(), back.state());
        assertArrayEquals(m.transform(x).toArray(), back.transform(x).toArray());
    }

    @Test
    void fitDoesNotModifyItsInput() {
        DataMatrix x = anisotropic(50, 3, 10);
        DataMatrix copy = DataMatrix.of(50, 3, x.toArray());
        Pca.components(2).fit(x, CTX);
        assertEquals(copy, x);
    }

    @Test
    void badInputIsRefusedWithItsValue() {
        double[] v = anisotropic(10, 3, 11).toArray();
        v[2 * 3 + 1] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pca.components(2).fit(DataMatrix.of(10, 3, v), CTX));
        assertEquals("value at row 2, column 1 is not finite: NaN", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Pca.components(1).fit(DataMatrix.of(1, 3, new double[3]), CTX));
        assertEquals("PCA needs at least 2 rows but got 1", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Pca.components(1).fit(DataMatrix.of(3, 0, new double[0]), CTX));
        assertEquals("PCA needs at least 1 column but got 0", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Pca.components(4).fit(anisotropic(10, 3, 12), CTX));
        assertEquals("components = 4 exceeds min(rows, cols) = 3 (10 x 3)", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Pca.components(1).fit(DataMatrix.of(3, 2, new double[] {1, 2, 1, 2, 1, 2}), CTX));
        assertEquals("all 3 rows are identical (total variance 0); PCA has no direction to find", e.getMessage());

        // rank-1 data: the second component has no variance, so it cannot be whitened
        DataMatrix rank1 = DataMatrix.of(3, 2, new double[] {1, 2, 2, 4, 3, 6});
        e = assertThrows(IllegalArgumentException.class,
                () -> Pca.builder().whiten(true).build().fit(rank1, CTX));
        assertTrue(e.getMessage().startsWith("component 1 has variance "), e.getMessage());
        assertTrue(e.getMessage().endsWith("cannot whiten it: keep fewer components"), e.getMessage());

        PcaModel m = Pca.components(2).fit(anisotropic(10, 3, 13), CTX);
        e = assertThrows(IllegalArgumentException.class, () -> m.transform(DataMatrix.of(1, 2, new double[2])));
        assertEquals("expected 3 columns but got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.transform(new double[] {1, Double.POSITIVE_INFINITY, 0}));
        assertEquals("value at column 1 is not finite: Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.transform(new double[2]));
        assertEquals("expected a row of 3 values but got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.inverseTransform(DataMatrix.of(1, 3, new double[3])));
        assertEquals("expected 2 columns but got 3", e.getMessage());
        assertThrows(NullPointerException.class, () -> Pca.components(1).fit((DataMatrix) null, CTX));
    }

    @Test
    void builderValidatesEachSettingAndTheCombination() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pca.builder().components(0));
        assertEquals("components must be >= 1 but was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pca.builder().varianceTarget(1.0));
        assertEquals("varianceTarget must be in (0, 1) but was 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pca.builder().varianceTarget(Double.NaN));
        assertEquals("varianceTarget must be in (0, 1) but was NaN", e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> Pca.builder().components(2).varianceTarget(0.9).build());
        assertEquals("set either components (2) or varianceTarget (0.9), not both", s.getMessage());
    }

    @Test
    void restoreRefusesBadStates() {
        PcaModel m = Pca.components(2).fit(anisotropic(20, 3, 14), CTX);
        StepState s = m.state();
        StepState future = StepState.builder("pca", 2).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dev.segmentation.state.Steps.restore(future));
        assertEquals("unknown pca state version 2 (this library reads version 1)", e.getMessage());
        StepState other = StepState.builder("nosuch", 1).build();
        e = assertThrows(IllegalArgumentException.class, () -> dev.segmentation.state.Steps.restore(other));
        assertTrue(e.getMessage().startsWith("no factory for step type 'nosuch' on the class path; known types: ["),
                e.getMessage());
        StepState.Builder b = StepState.builder("pca", 1);
        for (String p : s.parameters().keySet()) {
            Object v = s.parameters().get(p);
            if (v instanceof String) {
                b.put(p, (String) v);
            } else if (v instanceof Long) {
                b.put(p, (long) (Long) v);
            } else {
                b.put(p, (double) (Double) v);
            }
        }
        b.put("mean", new double[3]).put("componentMatrix", new double[5]);
        b.put("explainedVariance", new double[2]).put("explainedVarianceRatio", new double[2]);
        e = assertThrows(IllegalArgumentException.class, () -> PcaModel.restore(b.build()));
        assertEquals("pca state: array 'componentMatrix' has 5 values, expected 6", e.getMessage());
        StepState missing = StepState.builder("pca", 1).put("inputDimension", 3).build();
        e = assertThrows(IllegalArgumentException.class, () -> PcaModel.restore(missing));
        assertEquals("pca state: parameter 'components' is missing", e.getMessage());
    }
}
