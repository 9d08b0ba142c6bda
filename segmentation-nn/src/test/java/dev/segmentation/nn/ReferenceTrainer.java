package dev.segmentation.nn;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.internal.Seeds;
import java.util.SplittableRandom;

/**
 * The test oracle's training loop: the plain-Java fit the library used before ND4J, on {@link ReferenceNetwork},
 * with the same seed streams (validation split, initial weights, batch order), Adam with the Keras defaults, and
 * the same loss bookkeeping as {@link Autoencoder#fit}. No early stopping: every configured epoch runs.
 */
final class ReferenceTrainer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-7;
    private static final int CHUNK = 1024;

    final ReferenceNetwork net;
    final double[] trainingLoss;
    final double[] validationLoss;
    final double[] initialParams;

    private ReferenceTrainer(ReferenceNetwork net, double[] trainingLoss, double[] validationLoss,
            double[] initialParams) {
        this.net = net;
        this.trainingLoss = trainingLoss;
        this.validationLoss = validationLoss;
        this.initialParams = initialParams;
    }

    /** Trains {@code ae}'s network on {@code x} with {@code seed} for all of {@code ae}'s epochs. */
    static ReferenceTrainer fit(Autoencoder ae, DataMatrix x, long seed) {
        final int n = x.rows();
        final int d = x.cols();
        Architecture arch = ae.architecture(d);
        final int nTrain = (int) Math.floor(n * (1.0 - ae.validationShare()));
        final int nVal = n - nTrain;
        final double[] all = x.toArray();
        SplittableRandom split = new SplittableRandom(Seeds.derive(seed, "autoencoder/split"));
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Autoencoder.shuffle(perm, n, split);
        double[] train = Autoencoder.gather(all, d, perm, 0, nTrain);
        double[] val = Autoencoder.gather(all, d, perm, nTrain, nVal);
        double[] p0 = new double[arch.nParams];
        double[] s0 = new double[arch.nStats];
        arch.initialise(new SplittableRandom(Seeds.derive(seed, "autoencoder/init")), p0, s0);
        ReferenceNetwork net = new ReferenceNetwork(arch, p0, s0);

        final int epochs = ae.epochs();
        final int batchSize = ae.batchSize();
        double[] trainLoss = new double[epochs];
        double[] valLoss = new double[epochs];
        SplittableRandom shuffler = new SplittableRandom(Seeds.derive(seed, "autoencoder/shuffle"));
        int[] order = new int[nTrain];
        for (int i = 0; i < nTrain; i++) {
            order[i] = i;
        }
        ReferenceNetwork.Workspace w = net.workspace(batchSize);
        ReferenceNetwork.Workspace vw = net.workspace(Math.min(nVal, CHUNK));
        double[] m = new double[net.nParams];
        double[] v = new double[net.nParams];
        long step = 0;
        for (int e = 0; e < epochs; e++) {
            if (ae.shuffle()) {
                Autoencoder.shuffle(order, nTrain, shuffler);
            }
            double sum = 0.0;
            for (int start = 0; start < nTrain; start += batchSize) {
                int bs = Math.min(batchSize, nTrain - start);
                for (int i = 0; i < bs; i++) {
                    System.arraycopy(train, order[start + i] * d, w.a[0], i * d, d);
                }
                double penalty = net.penalty();
                net.forward(w, bs, net.layers, true);
                double loss = net.sse(w, w.a[0], bs, true) / ((double) bs * d) + penalty;
                net.backward(w, bs);
                step++;
                double alpha = ae.learningRate() * Math.sqrt(1.0 - StrictMath.pow(BETA2, step))
                        / (1.0 - StrictMath.pow(BETA1, step));
                for (int i = 0; i < net.nParams; i++) {
                    double gi = w.grad[i];
                    m[i] += (gi - m[i]) * (1.0 - BETA1);
                    v[i] += (gi * gi - v[i]) * (1.0 - BETA2);
                    net.params[i] -= m[i] * alpha / (Math.sqrt(v[i]) + ADAM_EPSILON);
                }
                sum += loss * bs;
            }
            trainLoss[e] = sum / nTrain;
            valLoss[e] = meanSquaredError(net, vw, val, nVal) + net.penalty();
        }
        return new ReferenceTrainer(net, trainLoss, valLoss, p0);
    }

    static double meanSquaredError(ReferenceNetwork net, ReferenceNetwork.Workspace w, double[] data, int rows) {
        final int d = net.inputDim();
        double s = 0.0;
        for (int start = 0; start < rows; start += w.capacity) {
            int m = Math.min(w.capacity, rows - start);
            System.arraycopy(data, start * d, w.a[0], 0, m * d);
            net.forward(w, m, net.layers, false);
            s += net.sse(w, w.a[0], m, false);
        }
        return s / ((double) rows * d);
    }

    /** The oracle's output of layer {@code toLayer - 1} (inference mode) for every row of {@code x}. */
    double[] run(DataMatrix x, int toLayer) {
        int n = x.rows();
        int d = x.cols();
        int k = net.out[toLayer - 1];
        double[] out = new double[n * k];
        ReferenceNetwork.Workspace w = net.workspace(n);
        System.arraycopy(x.toArray(), 0, w.a[0], 0, n * d);
        net.forward(w, n, toLayer, false);
        System.arraycopy(w.a[toLayer], 0, out, 0, n * k);
        return out;
    }
}
