package dev.segmentation.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ND4J engine's backward pass ({@link Network#backward}) against central finite differences of its own
 * training loss, and against the plain-Java oracle's analytic gradient ({@link ReferenceNetwork}).
 */
class GradientCheckTest {
    private static double loss(Network net, double[] batch, int rows) {
        Network.Workspace w = net.workspace(rows, true);
        w.input(batch);
        net.forward(w, net.arch.layers, true);
        return net.sse(w, w.a[0], false) / ((double) rows * net.arch.outputDim()) + net.penalty();
    }

    private static void check(Activation hidden, boolean batchNorm, boolean layerNorm, boolean bias, long seed) {
        int d = 7;
        int rows = 9;
        Autoencoder ae = Autoencoder.builder().hiddenSizes(5, 4).latentDim(3).activation(hidden)
                .latentActivation(Activation.TANH).batchNorm(batchNorm).layerNorm(layerNorm).encoderBias(bias)
                .l2(0.01).decoderL2(0.003).build();
        Architecture arch = ae.architecture(d);
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[arch.nParams];
        double[] s = new double[arch.nStats];
        arch.initialise(r, p, s);
        // move normalisation parameters away from 1 and 0 so their gradients matter
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.2 * r.nextGaussian();
        }
        double[] batch = new double[rows * d];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = r.nextGaussian();
        }
        Network net = new Network(arch, p, s);
        Network.Workspace w = net.workspace(rows, true);
        w.input(batch);
        net.forward(w, arch.layers, true);
        net.sse(w, w.a[0], true);
        net.backward(w);
        double[] analytic = w.grad.toDoubleVector();

        ReferenceNetwork ref = new ReferenceNetwork(arch, p, s);
        ReferenceNetwork.Workspace rw = ref.workspace(rows);
        System.arraycopy(batch, 0, rw.a[0], 0, batch.length);
        ref.forward(rw, rows, ref.layers, true);
        ref.sse(rw, batch, rows, true);
        ref.backward(rw, rows);

        double worst = 0;
        for (int i = 0; i < arch.nParams; i++) {
            double keep = net.params.getDouble(i);
            double h = 1e-6;
            net.params.putScalar(i, keep + h);
            double up = loss(net, batch, rows);
            net.params.putScalar(i, keep - h);
            double down = loss(net, batch, rows);
            net.params.putScalar(i, keep);
            double numeric = (up - down) / (2 * h);
            double err = Math.abs(numeric - analytic[i]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[i]));
            worst = Math.max(worst, err);
            assertTrue(err < 1e-5, "parameter " + i + ": analytic " + analytic[i] + " numeric " + numeric);
            // the oracle's gradient agrees to rounding (BLAS and ND4J reductions sum in another order)
            double diff = Math.abs(analytic[i] - rw.grad[i]);
            assertTrue(diff <= 1e-12 * Math.max(1.0, Math.abs(rw.grad[i])), "parameter " + i + ": ND4J "
                    + analytic[i] + " oracle " + rw.grad[i]);
        }
        assertTrue(worst < 1e-5);
    }

    @Test
    void reluWithBothNormalisations() {
        check(Activation.RELU, true, true, false, 1);
    }

    @Test
    void tanhWithBatchNormAndBias() {
        check(Activation.TANH, true, false, true, 2);
    }

    @Test
    void sigmoidWithLayerNorm() {
        check(Activation.SIGMOID, false, true, true, 3);
    }

    @Test
    void linearPlain() {
        check(Activation.LINEAR, false, false, true, 4);
    }

    @Test
    void parameterLayoutCoversEveryLayer() {
        Architecture arch = Autoencoder.halfWidthPreset().build().architecture(29);
        assertEquals(1091, arch.nParams);
        assertEquals(2 * 29 + 2 * 14, arch.nStats);
        assertEquals(5, arch.encoderLayers);
    }
}
