package dev.segmentation.nn;

import java.util.SplittableRandom;

/**
 * The shape of an autoencoder network: a stack of dense, batch-normalisation and layer-normalisation layers, with the
 * layout of all trainable parameters in one flat array and of the batch-normalisation moving statistics in another.
 * Per dense layer the flat parameter array holds the kernel ({@code in x out}, row-major) then the bias (when
 * present); per normalisation layer gamma then beta; per batch-normalisation layer the statistics array holds the
 * moving mean then the moving variance. Plain data, no ND4J type: the engine ({@link Network}), the persisted state
 * ({@link FittedAutoencoder#state()}) and the test oracle share it. Immutable (the arrays are never written).
 */
final class Architecture {
    static final int DENSE = 0;
    static final int BATCH_NORM = 1;
    static final int LAYER_NORM = 2;

    final int layers;
    final int[] kind;
    final int[] in;
    final int[] out;
    final Activation[] act;
    final boolean[] bias;
    final double[] l2;
    final double[] eps;
    final double[] momentum;
    /** Number of layers of the encoder: the output of layer {@code encoderLayers - 1} is the latent code. */
    final int encoderLayers;
    final int[] paramOff;
    final int[] statOff;
    final int nParams;
    final int nStats;

    Architecture(int[] kind, int[] in, int[] out, Activation[] act, boolean[] bias, double[] l2, double[] eps,
            double[] momentum, int encoderLayers) {
        this.layers = kind.length;
        this.kind = kind;
        this.in = in;
        this.out = out;
        this.act = act;
        this.bias = bias;
        this.l2 = l2;
        this.eps = eps;
        this.momentum = momentum;
        this.encoderLayers = encoderLayers;
        this.paramOff = new int[layers];
        this.statOff = new int[layers];
        int p = 0;
        int s = 0;
        for (int l = 0; l < layers; l++) {
            paramOff[l] = p;
            statOff[l] = s;
            if (kind[l] == DENSE) {
                p += in[l] * out[l] + (bias[l] ? out[l] : 0);
            } else {
                p += 2 * in[l]; // gamma, beta
                if (kind[l] == BATCH_NORM) {
                    s += 2 * in[l]; // moving mean, moving variance
                }
            }
        }
        this.nParams = p;
        this.nStats = s;
    }

    int inputDim() {
        return in[0];
    }

    int outputDim() {
        return out[layers - 1];
    }

    int latentDim() {
        return out[encoderLayers - 1];
    }

    /**
     * Writes the initial parameters and statistics: Glorot-uniform kernels (limit sqrt(6 / (fan_in + fan_out))),
     * zero biases, unit gamma, zero beta, moving mean 0 and moving variance 1 (the Keras defaults). Kernels are
     * drawn from {@code rng} in layer order, row-major, so the initial weights depend only on the seed (never on
     * a native random generator).
     */
    void initialise(SplittableRandom rng, double[] params, double[] stats) {
        for (int l = 0; l < layers; l++) {
            int off = paramOff[l];
            if (kind[l] == DENSE) {
                int n = in[l] * out[l];
                double limit = Math.sqrt(6.0 / (in[l] + out[l]));
                for (int i = 0; i < n; i++) {
                    params[off + i] = (2.0 * rng.nextDouble() - 1.0) * limit;
                }
                if (bias[l]) {
                    for (int j = 0; j < out[l]; j++) {
                        params[off + n + j] = 0.0;
                    }
                }
            } else {
                int d = in[l];
                for (int c = 0; c < d; c++) {
                    params[off + c] = 1.0;
                    params[off + d + c] = 0.0;
                }
                if (kind[l] == BATCH_NORM) {
                    int so = statOff[l];
                    for (int c = 0; c < d; c++) {
                        stats[so + c] = 0.0;
                        stats[so + d + c] = 1.0;
                    }
                }
            }
        }
    }
}
