package dev.segmentation.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.state.StepState;
import dev.segmentation.fit.FitContext;
import org.junit.jupiter.api.Test;

/**
 * The ND4J engine against the plain-Java oracle ({@link ReferenceTrainer} on {@link ReferenceNetwork}): same seed,
 * same initial weights, same validation split and batch order, a few epochs on small data. Per-epoch training and
 * validation losses, every final weight and statistic, the embeddings and the reconstructions agree within a
 * relative tolerance of {@value #TOLERANCE} (relative to the largest magnitude of the compared array, so values near
 * zero are not held to more digits than their neighbours): BLAS and ND4J's reductions sum in another order than the
 * oracle's sequential loops, and Adam carries those last-bit differences from step to step.
 */
class EngineDifferentialTest {
    static final double TOLERANCE = 1e-11;

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]) / Math.max(scale, Double.MIN_NORMAL);
            if (err > worst) {
                worst = err;
                at = i;
            }
        }
        assertTrue(worst <= TOLERANCE, what + ": relative difference " + worst + " at " + at + " (oracle "
                + (at < 0 ? 0 : expected[at]) + ", ND4J " + (at < 0 ? 0 : actual[at]) + ")");
    }

    private static void compare(Autoencoder ae, DataMatrix x, DataMatrix fresh, long seed) {
        FittedAutoencoder nd = ae.fit(x, FitContext.seeded(seed));
        ReferenceTrainer ref = ReferenceTrainer.fit(ae, x, seed);
        assertEquals(ae.epochs(), nd.epochsRun());
        assertClose(ref.trainingLoss, nd.trainingLoss(), "training loss");
        assertClose(ref.validationLoss, nd.validationLoss(), "validation loss");
        StepState s = nd.state();
        ReferenceNetwork r = ref.net;
        for (int l = 0; l < r.layers; l++) {
            String p = "layer." + l + ".";
            int off = r.paramOff[l];
            if (r.kind[l] == Architecture.DENSE) {
                int nw = r.in[l] * r.out[l];
                assertClose(slice(r.params, off, nw), s.doubles(p + "kernel"), p + "kernel");
                if (r.bias[l]) {
                    assertClose(slice(r.params, off + nw, r.out[l]), s.doubles(p + "bias"), p + "bias");
                }
            } else {
                int d = r.in[l];
                assertClose(slice(r.params, off, d), s.doubles(p + "gamma"), p + "gamma");
                assertClose(slice(r.params, off + d, d), s.doubles(p + "beta"), p + "beta");
                if (r.kind[l] == Architecture.BATCH_NORM) {
                    assertClose(slice(r.stats, r.statOff[l], d), s.doubles(p + "movingMean"), p + "movingMean");
                    assertClose(slice(r.stats, r.statOff[l] + d, d), s.doubles(p + "movingVariance"),
                            p + "movingVariance");
                }
            }
        }
        assertClose(ref.run(fresh, r.encoderLayers), nd.transform(fresh).toArray(), "embedding");
        assertClose(ref.run(fresh, r.layers), nd.reconstruct(fresh).toArray(), "reconstruction");
        // the weights did move: the comparison is not between two untrained networks
        double moved = 0;
        double[] now = r.params;
        for (int i = 0; i < now.length; i++) {
            moved = Math.max(moved, Math.abs(now[i] - ref.initialParams[i]));
        }
        assertTrue(moved > 1e-3, "weights moved by " + moved);
    }

    private static double[] slice(double[] a, int off, int len) {
        double[] s = new double[len];
        System.arraycopy(a, off, s, 0, len);
        return s;
    }

    @Test
    void seed001PresetMatchesTheOracle() {
        DataMatrix x = AutoencoderTest.manifold(700, 12, 21);
        DataMatrix fresh = AutoencoderTest.manifold(40, 12, 22);
        // 455 training rows: 7 batches of 64 and a last batch of 7
        compare(Autoencoder.halfWidthPreset().batchSize(64).epochs(4).noEarlyStopping().restoreBestWeights(false).build(),
                x, fresh, 5);
    }

    @Test
    void tanhSigmoidBiasAndDecoderL2MatchTheOracle() {
        DataMatrix x = AutoencoderTest.manifold(500, 9, 23);
        DataMatrix fresh = AutoencoderTest.manifold(30, 9, 24);
        compare(Autoencoder.builder().hiddenSizes(7, 5).latentDim(3).activation(Activation.TANH)
                .latentActivation(Activation.SIGMOID).batchNorm(true).layerNorm(true).encoderBias(true).l2(1e-3)
                .decoderL2(1e-4).learningRate(5e-3).batchSize(48).epochs(3).validationShare(0.3)
                .restoreBestWeights(false).build(), x, fresh, 6);
    }

    @Test
    void plainNetworkWithoutShufflingMatchesTheOracle() {
        DataMatrix x = AutoencoderTest.manifold(300, 8, 25);
        DataMatrix fresh = AutoencoderTest.manifold(20, 8, 26);
        compare(Autoencoder.builder().hiddenSizes(6).latentDim(2).activation(Activation.SIGMOID).batchSize(40)
                .epochs(3).learningRate(1e-2).shuffle(false).restoreBestWeights(false).build(), x, fresh, 7);
    }
}
