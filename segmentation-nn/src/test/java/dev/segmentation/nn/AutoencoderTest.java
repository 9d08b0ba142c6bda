package dev.segmentation.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.embedding.FittedEmbedding;
import dev.segmentation.embedding.Pca;
import dev.segmentation.state.StepState;
import dev.segmentation.fit.FitContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AutoencoderTest {
    private static final FitContext CTX = FitContext.seeded(42);

    /** Rows on a smooth 3-dimensional manifold embedded in {@code d} dimensions. */
    static DataMatrix manifold(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] w = new double[d][3];
        double[] phase = new double[d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < 3; k++) {
                w[j][k] = r.nextGaussian() * 1.2;
            }
            phase[j] = r.nextDouble() * Math.PI;
        }
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            double t0 = 2 * r.nextDouble() - 1;
            double t1 = 2 * r.nextDouble() - 1;
            double t2 = 2 * r.nextDouble() - 1;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = Math.sin(w[j][0] * t0 + w[j][1] * t1 + w[j][2] * t2 + phase[j]);
            }
        }
        return DataMatrix.of(n, d, v);
    }

    private static Autoencoder.Builder small() {
        return Autoencoder.builder().hiddenSizes(16).latentDim(3).batchSize(32).epochs(8).learningRate(5e-3)
                .validationShare(0.2);
    }

    /**
     * Two fits with the same seed give identical bits: weights, statistics, losses, embeddings. The native thread
     * count is fixed by the build (OMP_NUM_THREADS=1, see NativeOutputTest); FitContext.threads() does not reach
     * ND4J, so it cannot change the result either.
     */
    @Test
    void sameSeedGivesIdenticalBitsAtAFixedNativeThreadCount() {
        DataMatrix x = manifold(600, 12, 1);
        Autoencoder ae = Autoencoder.halfWidthPreset().batchSize(64).epochs(4).build();
        FittedAutoencoder a = ae.fit(x, CTX.withThreads(1));
        FittedAutoencoder b = ae.fit(x, CTX.withThreads(1));
        FittedAutoencoder c = ae.fit(x, CTX.withThreads(3));
        assertEquals(a.state(), b.state());
        assertArrayEquals(a.trainingLoss(), b.trainingLoss());
        assertArrayEquals(a.validationLoss(), b.validationLoss());
        assertArrayEquals(a.transform(x).toArray(), b.transform(x).toArray());
        assertArrayEquals(a.reconstruct(x).toArray(), b.reconstruct(x).toArray());
        assertEquals(a.state(), c.state());
        assertArrayEquals(a.transform(x).toArray(), c.transform(x).toArray());
        FittedAutoencoder other = ae.fit(x, CTX.withSeed(43));
        assertNotEquals(a.state(), other.state());
    }

    @Test
    void concurrentTransformsGiveTheSameBits() throws Exception {
        DataMatrix x = manifold(700, 10, 13);
        FittedAutoencoder ae = Autoencoder.halfWidthPreset().batchSize(64).epochs(2).build().fit(x, CTX);
        double[] expected = ae.transform(x).toArray();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<double[]>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                runs.add(pool.submit(() -> ae.transform(x).toArray()));
            }
            for (java.util.concurrent.Future<double[]> f : runs) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reconstructionBeatsOneComponentPcaOnALowDimensionalManifold() {
        DataMatrix x = manifold(1500, 20, 2);
        double pca1 = Pca.components(1).fit(x, CTX).reconstructionError(x);
        double pca3 = Pca.components(3).fit(x, CTX).reconstructionError(x);
        FittedAutoencoder ae = small().epochs(60).build().fit(x, CTX);
        double err = ae.reconstructionError(x);
        double[] loss = ae.trainingLoss();
        assertTrue(loss[loss.length - 1] < loss[0] / 4, "training loss falls: " + loss[0] + " -> "
                + loss[loss.length - 1]);
        assertTrue(err < pca1 / 4, "autoencoder MSE " + err + " vs PCA(1) " + pca1 + " (PCA(3) " + pca3 + ")");
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        DataMatrix x = manifold(400, 10, 3);
        Autoencoder.Builder b = small().epochs(200).learningRate(3e-2).batchSize(16).patience(2);
        FittedAutoencoder stopped = b.build().fit(x, CTX);
        assertTrue(stopped.stoppedEarly(), "stops before 200 epochs");
        int best = stopped.bestEpoch().orElseThrow();
        assertEquals(best + 1 + 2, stopped.epochsRun());
        assertEquals(best, stopped.keptEpoch().orElseThrow());
        double[] val = stopped.validationLoss();
        for (int e = 0; e < val.length; e++) {
            assertTrue(val[e] >= val[best], "epoch " + e);
        }
        // training only up to the best epoch gives exactly the restored weights
        FittedAutoencoder upToBest = b.epochs(best + 1).noEarlyStopping().restoreBestWeights(false).build()
                .fit(x, CTX);
        assertArrayEquals(weights(upToBest.state()), weights(stopped.state()));
        assertArrayEquals(upToBest.transform(x).toArray(), stopped.transform(x).toArray());
        // without restoring, the last epoch's weights are kept
        FittedAutoencoder last = b.epochs(200).patience(2).restoreBestWeights(false).build().fit(x, CTX);
        assertEquals(stopped.epochsRun() - 1, last.keptEpoch().orElseThrow());
        assertFalse(java.util.Arrays.equals(last.transform(x).toArray(), stopped.transform(x).toArray()));
    }

    /** All weight and normalisation arrays, concatenated in state order. */
    private static double[] weights(StepState s) {
        List<Double> out = new ArrayList<>();
        for (String name : s.doubleArrayNames()) {
            if (name.startsWith("layer.")) {
                for (double v : s.doubles(name)) {
                    out.add(v);
                }
            }
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    @Test
    void transformOfNewRowsIsConsistentWithFitAndRestore() {
        DataMatrix x = manifold(800, 10, 4);
        DataMatrix fresh = manifold(50, 10, 5);
        FittedAutoencoder ae = Autoencoder.halfWidthPreset().batchSize(64).epochs(3).build().fit(x, CTX);
        assertEquals(10, ae.inputDimension());
        assertEquals(5, ae.outputDimension());
        DataMatrix z = ae.transform(fresh);
        assertEquals(50, z.rows());
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(z.row(i), ae.transform(fresh.row(i)), "row " + i);
        }
        int[] some = {7, 3, 49};
        assertArrayEquals(z.selectRows(some).toArray(), ae.transform(fresh.selectRows(some)).toArray());
        // across the inference chunks of 1,024 rows: a row's code does not depend on its chunk or position
        DataMatrix many = manifold(1100, 10, 14);
        DataMatrix zm = ae.transform(many);
        int[] tail = new int[130];
        for (int i = 0; i < tail.length; i++) {
            tail[i] = 1099 - 2 * i;
        }
        assertArrayEquals(zm.selectRows(tail).toArray(), ae.transform(many.selectRows(tail)).toArray());
        assertArrayEquals(zm.row(1050), ae.transform(many.row(1050)));
        FittedEmbedding back = dev.segmentation.state.Steps.restore(ae.state(), FittedEmbedding.class);
        assertTrue(back instanceof FittedAutoencoder);
        assertEquals(ae.state(), back.state());
        assertArrayEquals(z.toArray(), back.transform(fresh).toArray());
        assertArrayEquals(ae.reconstruct(fresh).toArray(), ((FittedAutoencoder) back).reconstruct(fresh).toArray());
    }

    @Test
    void seed001PresetBuildsTheReferenceArchitecture() {
        DataMatrix x = manifold(500, 29, 6);
        FittedAutoencoder ae = Autoencoder.halfWidthPreset().epochs(0).build().fit(x, CTX);
        assertEquals("29 -> batchnorm -> dense(14, relu, no bias, l2 1.0E-4) -> batchnorm"
                + " -> dense(5, linear, no bias, l2 1.0E-4) -> layernorm -> [latent 5] -> dense(14, relu)"
                + " -> dense(29, linear)", ae.architecture());
        assertEquals(1091, ae.parameterCount()); // Keras' trainable parameter count of the reference model
        assertEquals(0, ae.epochsRun());
        assertTrue(ae.bestEpoch().isEmpty());
        assertEquals(325, ae.trainingRows()); // floor(500 * 0.65)
        assertEquals(175, ae.validationRows());
        // the untrained code is layer-normalised: every row has mean 0 and variance 1 / (1 + eps / var)
        DataMatrix z = ae.transform(x);
        for (int i = 0; i < 5; i++) {
            double m = 0;
            for (int c = 0; c < 5; c++) {
                m += z.get(i, c);
            }
            assertEquals(0.0, m / 5, 1e-12);
        }
    }

    @Test
    void reportsEveryEpochAndPrintsNothing() {
        DataMatrix x = manifold(300, 8, 7);
        List<String> events = new ArrayList<>();
        FitContext ctx = CTX.withListener((stage, done, total) -> events.add(stage + " " + done + "/" + total));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        FittedAutoencoder ae;
        try {
            System.setOut(capture);
            System.setErr(capture);
            ae = small().epochs(3).build().fit(x, ctx);
            ae.transform(x);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("autoencoder 1/3", "autoencoder 2/3", "autoencoder 3/3"), events);
        assertEquals(3, ae.trainingLoss().length);
        assertEquals(3, ae.validationLoss().length);
    }

    @Test
    void badInputGetsAClearError() {
        double[] v = manifold(100, 6, 8).toArray();
        v[5 * 6 + 2] = Double.NaN;
        Autoencoder ae = small().batchSize(10).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ae.fit(DataMatrix.of(100, 6, v), CTX));
        assertEquals("value at row 5, column 2 is not finite: NaN", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> small().latentDim(6).hiddenSizes(8).build().fit(manifold(100, 6, 9), CTX));
        assertEquals("latentDim = 6 must be smaller than the number of input columns 6", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> small().batchSize(90).build().fit(manifold(100, 6, 9), CTX));
        assertEquals("the 80 training rows (100 rows minus validation share 0.2) are fewer than one batch of"
                + " batchSize = 90", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> small().batchSize(1).validationShare(1e-17).build().fit(manifold(50, 6, 9), CTX));
        assertEquals("validationShare = 1.0E-17 of 50 rows leaves no validation row", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.builder().hiddenSizesRelative(0.1).latentDim(1).build()
                        .fit(manifold(100, 6, 9), CTX));
        assertEquals("hidden layer 0 would have 0 units for 6 input columns (ratio 0.1)", e.getMessage());

        FittedAutoencoder fitted = small().epochs(1).build().fit(manifold(100, 6, 10), CTX);
        e = assertThrows(IllegalArgumentException.class, () -> fitted.transform(DataMatrix.of(1, 5, new double[5])));
        assertEquals("expected 6 columns but got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> fitted.transform(new double[] {0, 0, Double.NEGATIVE_INFINITY, 0, 0, 0}));
        assertEquals("value at column 2 is not finite: -Infinity", e.getMessage());
        assertThrows(NullPointerException.class, () -> ae.fit((dev.segmentation.data.DataMatrix) null, CTX));
    }

    @Test
    void divergenceIsReportedNotHiddenInNaN() {
        DataMatrix x = manifold(200, 6, 11);
        double[] big = x.toArray();
        for (int i = 0; i < big.length; i++) {
            big[i] *= 1e150;
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> small().epochs(5).build().fit(DataMatrix.of(200, 6, big), CTX));
        assertTrue(e.getMessage().startsWith("training diverged in epoch 1: training loss "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(learningRate = 0.005)"), e.getMessage());
    }

    @Test
    void builderValidatesEachSetting() {
        assertEquals("validationShare must be in (0, 1) but was 0.0", assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.builder().validationShare(0)).getMessage());
        assertEquals("validationShare must be in (0, 1) but was 1.0", assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.builder().validationShare(1)).getMessage());
        assertEquals("latentDim must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.builder().latentDim(0)).getMessage());
        assertEquals("batchSize must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.builder().batchSize(0)).getMessage());
        assertEquals("epochs must be >= 0 but was -1", assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.builder().epochs(-1)).getMessage());
        assertEquals("patience must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.builder().patience(0)).getMessage());
        assertEquals("learningRate must be positive and finite but was NaN", assertThrows(
                IllegalArgumentException.class, () -> Autoencoder.builder().learningRate(Double.NaN)).getMessage());
        assertEquals("l2 must be >= 0 and finite but was -1.0", assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.builder().l2(-1)).getMessage());
        assertEquals("decoderL2 must be >= 0 and finite but was Infinity", assertThrows(
                IllegalArgumentException.class, () -> Autoencoder.builder().decoderL2(Double.POSITIVE_INFINITY))
                .getMessage());
        assertEquals("hiddenSizes[1] must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.builder().hiddenSizes(4, 0)).getMessage());
        assertEquals("hiddenSizesRelative[0] must be positive and finite but was -0.5", assertThrows(
                IllegalArgumentException.class, () -> Autoencoder.builder().hiddenSizesRelative(-0.5)).getMessage());
        assertEquals("batchNormMomentum must be in [0, 1) but was 1.0", assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.builder().batchNormMomentum(1)).getMessage());
        assertEquals("normalizationEpsilon must be positive and finite but was 0.0", assertThrows(
                IllegalArgumentException.class, () -> Autoencoder.builder().normalizationEpsilon(0)).getMessage());
        assertEquals("hiddenSizes[0] = 3 is smaller than latentDim = 4", assertThrows(IllegalStateException.class,
                () -> Autoencoder.builder().hiddenSizes(3).latentDim(4).build()).getMessage());
        assertThrows(NullPointerException.class, () -> Autoencoder.builder().activation(null));
    }

    @Test
    void restoreRefusesUnknownVersionsAndInconsistentStates() {
        StepState future = StepState.builder("autoencoder", 2).build();
        assertEquals("unknown autoencoder state version 2 (this library reads version 1)",
                assertThrows(IllegalArgumentException.class, () -> dev.segmentation.state.Steps.restore(future)).getMessage());
        StepState s = small().epochs(1).build().fit(manifold(100, 6, 12), CTX).state();
        StepState.Builder b = StepState.builder("autoencoder", 1);
        for (var p : s.parameters().entrySet()) {
            if (p.getValue() instanceof String) {
                b.put(p.getKey(), (String) p.getValue());
            } else {
                b.put(p.getKey(), (long) (Long) p.getValue());
            }
        }
        for (String name : s.intArrayNames()) {
            b.put(name, s.ints(name));
        }
        for (String name : s.doubleArrayNames()) {
            b.put(name, name.equals("layer.0.kernel") ? new double[3] : s.doubles(name));
        }
        assertEquals("autoencoder state: array 'layer.0.kernel' has 3 values, expected 96",
                assertThrows(IllegalArgumentException.class, () -> FittedAutoencoder.restore(b.build()))
                        .getMessage());
    }
}
