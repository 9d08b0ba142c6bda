package dev.segmentation.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written backward pass against central finite differences of the training loss. */
class GradientCheckTest {
    private static double loss(Network net, double[] batch, int rows) {
        Network.Workspace w = net.workspace(rows);
        System.arraycopy(batch, 0, w.a[0], 0, batch.length);
        net.forward(w, rows, net.layers, true);
        return net.sse(w, batch, rows, false) / ((double) rows * net.outputDim()) + net.penalty();
    }

    private static void check(Activation hidden, boolean batchNorm, boolean layerNorm, boolean bias, long seed) {
        int d = 7;
        int rows = 9;
        Autoencoder ae = Autoencoder.builder().hiddenSizes(5, 4).latentDim(3).activation(hidden)
                .latentActivation(Activation.TANH).batchNorm(batchNorm).layerNorm(layerNorm).encoderBias(bias)
                .l2(0.01).decoderL2(0.003).build();
        Network net = ae.buildNetwork(d);
        SplittableRandom r = new SplittableRandom(seed);
        net.initialise(r);
        // move normalisation parameters away from 1 and 0 so their gradients matter
        for (int i = 0; i < net.nParams; i++) {
            net.params[i] += 0.2 * r.nextGaussian();
        }
        double[] batch = new double[rows * d];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = r.nextGaussian();
        }
        Network.Workspace w = net.workspace(rows);
        System.arraycopy(batch, 0, w.a[0], 0, batch.length);
        net.forward(w, rows, net.layers, true);
        net.sse(w, batch, rows, true);
        net.backward(w, rows);
        double[] analytic = w.grad.clone();
        double worst = 0;
        for (int i = 0; i < net.nParams; i++) {
            double keep = net.params[i];
            double h = 1e-6;
            net.params[i] = keep + h;
            double up = loss(net, batch, rows);
            net.params[i] = keep - h;
            double down = loss(net, batch, rows);
            net.params[i] = keep;
            double numeric = (up - down) / (2 * h);
            double err = Math.abs(numeric - analytic[i]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[i]));
            worst = Math.max(worst, err);
            assertTrue(err < 1e-5, "parameter " + i + ": analytic " + analytic[i] + " numeric " + numeric);
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
        Network net = Autoencoder.seed001().build().buildNetwork(29);
        assertEquals(1091, net.nParams);
        assertEquals(2 * 29 + 2 * 14, net.nStats);
        assertEquals(5, net.encoderLayers);
    }
}
