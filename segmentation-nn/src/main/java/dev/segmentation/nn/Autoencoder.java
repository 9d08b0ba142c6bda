package dev.segmentation.nn;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.embedding.Embedding;
import dev.segmentation.fit.FitContext;
import dev.segmentation.fit.ProgressListener;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dense autoencoder that learns a compact representation of scaled features: the encoder maps each row to a
 * latent code of {@link Builder#latentDim(int)} values, the decoder maps the code back, and both are trained
 * together to minimise the mean squared reconstruction error (plus an L2 penalty on the encoder kernels) with
 * Adam on mini-batches. The fitted step ({@link FittedAutoencoder}) transforms rows to their latent code.
 *
 * <p><b>Architecture.</b> Encoder: for each hidden width and then the latent width, an optional batch
 * normalisation followed by a dense layer (hidden activation, then the latent activation); an optional layer
 * normalisation of the latent code. Decoder: the hidden widths in reverse order (hidden activation, with bias),
 * then a linear dense layer back to the input width. {@link #halfWidthPreset()} gives the network of the reference
 * project "stable customer segmentation" (input, BatchNorm, Dense(d/2, ReLU, no bias, L2 1e-4), BatchNorm,
 * Dense(5, linear, no bias, L2 1e-4), LayerNorm = latent, Dense(d/2, ReLU), Dense(d, linear); MSE, Adam, 30
 * epochs, batch 300, validation share 0.35, early stopping with patience 5).
 *
 * <p><b>Training</b> follows the Keras defaults the reference used: Glorot-uniform kernels and zero biases;
 * batch normalisation with batch statistics (biased variance) while training, moving averages (momentum 0.99,
 * epsilon 1e-3) at inference and validation; Adam with beta1 0.9, beta2 0.999, epsilon 1e-7; training rows
 * reshuffled every epoch, the last batch of an epoch may be smaller; the reported training loss of an epoch is
 * the row-weighted mean of its batch losses, the validation loss is computed after the epoch in inference mode;
 * both include the L2 penalty. Differences from Keras: arithmetic is in double precision; the validation rows are
 * a seeded random share of the rows (Keras takes the last rows); with {@code restoreBestWeights} the weights of
 * the best validation epoch are restored also when training runs all its epochs. References: Hinton and
 * Salakhutdinov, Science 313 (2006); Ioffe and Szegedy, arXiv:1502.03167 (batch normalisation); Ba, Kiros and
 * Hinton, arXiv:1607.06450 (layer normalisation); Kingma and Ba, arXiv:1412.6980 (Adam).
 *
 * <p><b>Implementation.</b> The network is computed with ND4J (CPU backend, OpenBLAS) on INDArrays of type
 * double; the forward and backward passes, batch and layer normalisation, the L2 term and Adam are written in this
 * module from INDArray operations (matrix products, element-wise and broadcast operations, reductions), with no
 * automatic differentiation (SameDiff is not used). Initial weights, the validation split and the batch order come
 * from our own seeded generators, never from ND4J's random generator. No ND4J type appears in the public API, and
 * the fitted state ({@link FittedAutoencoder#state()}) is plain data. Progress is reported once per epoch to
 * {@link FitContext#listener()} under the stage name {@value #STAGE}, with an SLF4J debug line per epoch.
 *
 * <p><b>Determinism.</b> The same data and the same {@link FitContext#seed()} give bit-identical weights, losses
 * and embeddings at a fixed native thread count, that is for the same {@code OMP_NUM_THREADS} (which ND4J and
 * OpenBLAS read when they load); results are not bit-identical across thread counts, nor across CPUs whose
 * OpenBLAS kernels differ (the order of summation inside matrix products and reductions changes, and with it
 * the last bits, which Adam then carries from step to step). {@link FitContext#threads()} does not reach ND4J.
 * Training is sequential (each Adam step depends on the previous one). A row's code from
 * {@link FittedAutoencoder#transform} never depends on the other rows transformed with it.
 *
 * <p><b>Native libraries and console output.</b> On first use javacpp unpacks ND4J's and OpenBLAS' native
 * libraries (about 400 MB for linux-x86_64) into its cache folder, {@code ~/.javacpp/cache} by default; choose
 * another folder with the system property {@code org.bytedeco.javacpp.cachedir}, set before the first fit (for
 * example {@code -Dorg.bytedeco.javacpp.cachedir=/var/cache/myapp/javacpp}). Nothing is printed: ND4J logs through
 * SLF4J (its INFO lines at load name the backend, thread counts and BLAS vendor), and unless the application has
 * set {@code org.bytedeco.javacpp.logger} the library sets it to {@code slf4j} before ND4J loads, so javacpp's own
 * messages also go to SLF4J rather than to the console.
 *
 * <p><b>Complexity.</b> O(epochs x rows x W) time, where W is the number of weights (about 1,000 for the seed-001
 * preset on 29 features); with networks this small the cost is dominated by the fixed cost of each native
 * operation (about 120 per mini-batch step). Memory O(rows x d) for the copied training data plus O(batch x widths)
 * off-heap.
 * Immutable and thread-safe: one instance may be fitted many times, concurrently.
 */
public final class Autoencoder implements Embedding {
    /** The stage name under which epochs are reported to the progress listener. */
    public static final String STAGE = "autoencoder";

    private static final Logger LOG = LoggerFactory.getLogger(Autoencoder.class);
    /** Rows per inference chunk (validation loss, transform). */
    static final int CHUNK = 1024;

    private final int[] hiddenSizes;
    private final double[] hiddenRatios;
    private final int latentDim;
    private final Activation activation;
    private final Activation latentActivation;
    private final boolean batchNorm;
    private final boolean layerNorm;
    private final boolean encoderBias;
    private final double l2;
    private final double decoderL2;
    private final double epsilon;
    private final double momentum;
    private final double learningRate;
    private final int batchSize;
    private final int epochs;
    private final double validationShare;
    private final int patience;
    private final boolean restoreBestWeights;
    private final boolean shuffle;

    private Autoencoder(Builder b) {
        this.hiddenSizes = b.hiddenSizes.clone();
        this.hiddenRatios = b.hiddenRatios.clone();
        this.latentDim = b.latentDim;
        this.activation = b.activation;
        this.latentActivation = b.latentActivation;
        this.batchNorm = b.batchNorm;
        this.layerNorm = b.layerNorm;
        this.encoderBias = b.encoderBias;
        this.l2 = b.l2;
        this.decoderL2 = b.decoderL2;
        this.epsilon = b.epsilon;
        this.momentum = b.momentum;
        this.learningRate = b.learningRate;
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.validationShare = b.validationShare;
        this.patience = b.patience;
        this.restoreBestWeights = b.restoreBestWeights;
        this.shuffle = b.shuffle;
    }

    /**
     * A builder with the defaults: one hidden layer of half the input width, latent 5, ReLU hidden and linear
     * latent activation, no normalisation, encoder bias, no L2, learning rate 1e-3, batch 256, 30 epochs,
     * validation share 0.2, no early stopping, restore best weights, shuffling.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder preset to seed 001's network (see the class comment): hidden width half the input, latent 5,
     * batch and layer normalisation, no encoder bias, L2 1e-4 on the encoder kernels, Adam 1e-3, batch 300,
     * 30 epochs, validation share 0.35, early stopping with patience 5 and restored best weights. Every setting
     * can still be changed, e.g. {@code halfWidthPreset().epochs(0)} for the untrained network with the same seed.
     */
    public static Builder halfWidthPreset() {
        return new Builder().hiddenSizesRelative(0.5).latentDim(5).activation(Activation.RELU)
                .latentActivation(Activation.LINEAR).batchNorm(true).layerNorm(true).encoderBias(false)
                .l2(1e-4).learningRate(1e-3).batchSize(300).epochs(30).validationShare(0.35).patience(5)
                .restoreBestWeights(true);
    }

    @Override
    public String name() {
        return STAGE;
    }

    /**
     * Builds the network for {@code x}'s width, splits off the validation rows and trains for up to
     * {@link Builder#epochs(int)} epochs.
     *
     * @throws IllegalArgumentException when {@code x} holds a non-finite value (naming the row and column), when
     *     the latent size is not smaller than the number of columns, when a hidden width would be 0, when the
     *     validation share leaves no validation row, or when the training rows are fewer than one batch
     * @throws IllegalStateException when training diverges (a non-finite loss), naming the epoch and the
     *     learning rate
     */
    @Override
    public FittedAutoencoder fit(DataMatrix x, FitContext context) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(context, "context");
        final int n = x.rows();
        final int d = x.cols();
        int[] bad = x.firstNonFinite();
        if (bad.length > 0) {
            throw new IllegalArgumentException("value at row " + bad[0] + ", column " + bad[1] + " is not finite: "
                    + x.get(bad[0], bad[1]));
        }
        if (latentDim >= d) {
            throw new IllegalArgumentException("latentDim = " + latentDim + " must be smaller than the number of"
                    + " input columns " + d);
        }
        Architecture arch = architecture(d);
        final int nTrain = (int) Math.floor(n * (1.0 - validationShare));
        final int nVal = n - nTrain;
        if (nVal < 1) {
            throw new IllegalArgumentException("validationShare = " + validationShare + " of " + n
                    + " rows leaves no validation row");
        }
        if (nTrain < batchSize) {
            throw new IllegalArgumentException("the " + nTrain + " training rows (" + n + " rows minus validation"
                    + " share " + validationShare + ") are fewer than one batch of batchSize = " + batchSize);
        }
        final long seed = context.seed();
        final double[] all = x.toArray();
        int[] perm = permutation(n, new SplittableRandom(context.stage("autoencoder/split").seed()));
        final double[] train = gather(all, d, perm, 0, nTrain);
        final double[] val = gather(all, d, perm, nTrain, nVal);
        double[] initialParams = new double[arch.nParams];
        double[] initialStats = new double[arch.nStats];
        arch.initialise(new SplittableRandom(context.stage("autoencoder/init").seed()), initialParams, initialStats);
        Network net = new Network(arch, initialParams, initialStats);

        double[] trainLoss = new double[epochs];
        double[] valLoss = new double[epochs];
        int run = 0;
        int bestEpoch = -1;
        boolean stopped = false;
        if (epochs > 0) {
            Trainer t = new Trainer(net, train, nTrain, d);
            double best = Double.POSITIVE_INFINITY;
            INDArray bestParams = net.params.dup();
            INDArray bestStats = net.stats.dup();
            int wait = 0;
            SplittableRandom shuffler = new SplittableRandom(context.stage("autoencoder/shuffle").seed());
            ProgressListener listener = context.listener();
            Network.Inference validation = new Network.Inference(net, Math.min(nVal, CHUNK), false);
            for (int e = 0; e < epochs; e++) {
                trainLoss[e] = t.epoch(shuffle ? shuffler : null);
                valLoss[e] = validation.meanSquaredError(val, nVal) + net.penalty();
                run = e + 1;
                if (!Double.isFinite(trainLoss[e]) || !Double.isFinite(valLoss[e])) {
                    throw new IllegalStateException("training diverged in epoch " + (e + 1) + ": training loss "
                            + trainLoss[e] + ", validation loss " + valLoss[e] + " (learningRate = " + learningRate
                            + ")");
                }
                if (LOG.isDebugEnabled()) {
                    LOG.debug("autoencoder epoch {}/{}: loss {} val_loss {}", e + 1, epochs, trainLoss[e], valLoss[e]);
                }
                listener.progress(STAGE, e + 1, epochs);
                if (valLoss[e] < best) {
                    best = valLoss[e];
                    bestEpoch = e;
                    wait = 0;
                    bestParams.assign(net.params);
                    bestStats.assign(net.stats);
                } else {
                    wait++;
                    if (patience > 0 && wait >= patience) {
                        stopped = e + 1 < epochs;
                        break;
                    }
                }
            }
            if (stopped) {
                listener.progress(STAGE, epochs, epochs);
            }
            if (restoreBestWeights && bestEpoch >= 0 && bestEpoch != run - 1) {
                net.params.assign(bestParams);
                net.stats.assign(bestStats);
            }
        }
        return new FittedAutoencoder(net, Arrays.copyOf(trainLoss, run), Arrays.copyOf(valLoss, run),
                restoreBestWeights ? bestEpoch : run - 1, bestEpoch, stopped, nTrain, nVal, seed);
    }

    /** The network's layers for {@code d} input columns. */
    Architecture architecture(int d) {
        int h = hiddenSizes.length > 0 ? hiddenSizes.length : hiddenRatios.length;
        int[] widths = new int[h];
        for (int i = 0; i < h; i++) {
            widths[i] = hiddenSizes.length > 0 ? hiddenSizes[i] : (int) Math.floor(hiddenRatios[i] * d);
            if (widths[i] < 1) {
                throw new IllegalArgumentException("hidden layer " + i + " would have " + widths[i] + " units for "
                        + d + " input columns (ratio " + hiddenRatios[i] + ")");
            }
        }
        int enc = (h + 1) * (batchNorm ? 2 : 1) + (layerNorm ? 1 : 0);
        int total = enc + h + 1;
        int[] kind = new int[total];
        int[] in = new int[total];
        int[] out = new int[total];
        Activation[] act = new Activation[total];
        boolean[] bias = new boolean[total];
        double[] l2s = new double[total];
        double[] eps = new double[total];
        double[] mom = new double[total];
        int l = 0;
        int width = d;
        for (int i = 0; i <= h; i++) {
            if (batchNorm) {
                kind[l] = Architecture.BATCH_NORM;
                in[l] = width;
                out[l] = width;
                act[l] = Activation.LINEAR;
                eps[l] = epsilon;
                mom[l] = momentum;
                l++;
            }
            int w = i < h ? widths[i] : latentDim;
            kind[l] = Architecture.DENSE;
            in[l] = width;
            out[l] = w;
            act[l] = i < h ? activation : latentActivation;
            bias[l] = encoderBias;
            l2s[l] = l2;
            width = w;
            l++;
        }
        if (layerNorm) {
            kind[l] = Architecture.LAYER_NORM;
            in[l] = width;
            out[l] = width;
            act[l] = Activation.LINEAR;
            eps[l] = epsilon;
            l++;
        }
        for (int i = h; i >= 0; i--) {
            int w = i > 0 ? widths[i - 1] : d;
            kind[l] = Architecture.DENSE;
            in[l] = width;
            out[l] = w;
            act[l] = i > 0 ? activation : Activation.LINEAR;
            bias[l] = true;
            l2s[l] = decoderL2;
            width = w;
            l++;
        }
        return new Architecture(kind, in, out, act, bias, l2s, eps, mom, enc);
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, n, rng);
        return p;
    }

    static void shuffle(int[] p, int n, SplittableRandom rng) {
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
    }

    static double[] gather(double[] all, int d, int[] perm, int from, int count) {
        double[] out = new double[count * d];
        for (int i = 0; i < count; i++) {
            System.arraycopy(all, perm[from + i] * d, out, i * d, d);
        }
        return out;
    }

    /** Mini-batch Adam on ND4J over the training rows; one instance per fit. */
    private final class Trainer {
        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private static final double ADAM_EPSILON = 1e-7;

        private final Network net;
        private final double[] data;
        private final int rows;
        private final int d;
        private final int[] order;
        private final Network.Workspace full;
        private final Network.Workspace last;
        private final double[] fullBatch;
        private final double[] lastBatch;
        private final INDArray m;
        private final INDArray v;
        private final INDArray t1;
        private final INDArray t2;
        private long step;

        Trainer(Network net, double[] data, int rows, int d) {
            this.net = net;
            this.data = data;
            this.rows = rows;
            this.d = d;
            this.order = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = i;
            }
            int rest = rows % batchSize;
            this.full = net.workspace(batchSize, true);
            this.last = rest == 0 ? full : net.workspace(rest, true);
            this.fullBatch = new double[batchSize * d];
            this.lastBatch = new double[rest * d];
            this.m = net.params.like();
            this.v = net.params.like();
            this.t1 = net.params.like();
            this.t2 = net.params.like();
        }

        /** One pass over the training rows; returns the row-weighted mean batch loss. */
        double epoch(SplittableRandom shuffler) {
            if (shuffler != null) {
                shuffle(order, rows, shuffler);
            }
            double sum = 0.0;
            for (int start = 0; start < rows; start += batchSize) {
                int bs = Math.min(batchSize, rows - start);
                Network.Workspace w = bs == batchSize ? full : last;
                double[] batch = bs == batchSize ? fullBatch : lastBatch;
                for (int i = 0; i < bs; i++) {
                    System.arraycopy(data, order[start + i] * d, batch, i * d, d);
                }
                w.input(batch);
                double penalty = net.penalty();
                net.forward(w, net.arch.layers, true);
                double loss = net.sse(w, w.a[0], true) / ((double) bs * d) + penalty;
                net.backward(w);
                adam(w.grad);
                sum += loss * bs;
            }
            return sum / rows;
        }

        /** Adam (Kingma and Ba) with the bias correction folded into the step size, as Keras. */
        private void adam(INDArray g) {
            step++;
            final double alpha = learningRate * Math.sqrt(1.0 - StrictMath.pow(BETA2, step))
                    / (1.0 - StrictMath.pow(BETA1, step));
            // m += (g - m) * (1 - beta1); v += (g^2 - v) * (1 - beta2); p -= m * alpha / (sqrt(v) + eps)
            g.sub(m, t1).muli(1.0 - BETA1);
            m.addi(t1);
            g.mul(g, t1).subi(v).muli(1.0 - BETA2);
            v.addi(t1);
            t2.assign(v);
            Transforms.sqrt(t2, false).addi(ADAM_EPSILON);
            m.mul(alpha, t1).divi(t2);
            net.params.subi(t1);
        }
    }

    /** The configured latent size. */
    public int latentDim() {
        return latentDim;
    }

    /** The configured number of epochs (0 means an untrained network). */
    public int epochs() {
        return epochs;
    }

    /** The configured batch size. */
    public int batchSize() {
        return batchSize;
    }

    /** The configured validation share. */
    public double validationShare() {
        return validationShare;
    }

    /** Adam's learning rate (for the test oracle). */
    double learningRate() {
        return learningRate;
    }

    /** Whether training rows are reshuffled every epoch (for the test oracle). */
    boolean shuffle() {
        return shuffle;
    }

    /** The early-stopping patience in epochs, or 0 when early stopping is off. */
    public int patience() {
        return patience;
    }

    @Override
    public String toString() {
        return "Autoencoder[hidden=" + (hiddenSizes.length > 0 ? Arrays.toString(hiddenSizes)
                : "ratios " + Arrays.toString(hiddenRatios)) + ", latent=" + latentDim + ", activation=" + activation
                + ", latentActivation=" + latentActivation + ", batchNorm=" + batchNorm + ", layerNorm=" + layerNorm
                + ", encoderBias=" + encoderBias + ", l2=" + l2 + ", decoderL2=" + decoderL2 + ", learningRate="
                + learningRate + ", batchSize=" + batchSize + ", epochs=" + epochs + ", validationShare="
                + validationShare + ", patience=" + patience + ", restoreBestWeights=" + restoreBestWeights
                + ", shuffle=" + shuffle + "]";
    }

    /**
     * Settings of an {@link Autoencoder}. Each setter validates its argument at once; {@link #build()} may be
     * called again and never changes the builder. Not thread-safe.
     */
    public static final class Builder {
        private int[] hiddenSizes = new int[0];
        private double[] hiddenRatios = {0.5};
        private int latentDim = 5;
        private Activation activation = Activation.RELU;
        private Activation latentActivation = Activation.LINEAR;
        private boolean batchNorm;
        private boolean layerNorm;
        private boolean encoderBias = true;
        private double l2;
        private double decoderL2;
        private double epsilon = 1e-3;
        private double momentum = 0.99;
        private double learningRate = 1e-3;
        private int batchSize = 256;
        private int epochs = 30;
        private double validationShare = 0.2;
        private int patience;
        private boolean restoreBestWeights = true;
        private boolean shuffle = true;

        private Builder() {
        }

        /**
         * Fixed widths of the encoder's hidden layers, from the input towards the latent code (the decoder mirrors
         * them); none gives a single dense layer each way. Replaces {@link #hiddenSizesRelative(double...)}.
         *
         * @throws IllegalArgumentException when a width is below 1
         */
        public Builder hiddenSizes(int... sizes) {
            Objects.requireNonNull(sizes, "sizes");
            for (int i = 0; i < sizes.length; i++) {
                if (sizes[i] < 1) {
                    throw new IllegalArgumentException("hiddenSizes[" + i + "] must be >= 1 but was " + sizes[i]);
                }
            }
            this.hiddenSizes = sizes.clone();
            this.hiddenRatios = new double[0];
            return this;
        }

        /**
         * Hidden widths as fractions of the input width, rounded down (0.5 on 29 columns gives 14).
         * Replaces {@link #hiddenSizes(int...)}.
         *
         * @throws IllegalArgumentException when a ratio is not positive and finite
         */
        public Builder hiddenSizesRelative(double... ratios) {
            Objects.requireNonNull(ratios, "ratios");
            for (int i = 0; i < ratios.length; i++) {
                if (!(ratios[i] > 0.0) || Double.isInfinite(ratios[i])) {
                    throw new IllegalArgumentException("hiddenSizesRelative[" + i + "] must be positive and finite"
                            + " but was " + ratios[i]);
                }
            }
            this.hiddenRatios = ratios.clone();
            this.hiddenSizes = new int[0];
            return this;
        }

        /**
         * Size of the latent code (the embedding's output dimension); must be smaller than the input width.
         *
         * @throws IllegalArgumentException when {@code latentDim < 1}
         */
        public Builder latentDim(int latentDim) {
            if (latentDim < 1) {
                throw new IllegalArgumentException("latentDim must be >= 1 but was " + latentDim);
            }
            this.latentDim = latentDim;
            return this;
        }

        /** Activation of the hidden layers (default RELU). */
        public Builder activation(Activation activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        /** Activation of the dense layer producing the latent code (default LINEAR). */
        public Builder latentActivation(Activation activation) {
            this.latentActivation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        /** Batch normalisation before each dense layer of the encoder (default false). */
        public Builder batchNorm(boolean batchNorm) {
            this.batchNorm = batchNorm;
            return this;
        }

        /** Layer normalisation of the latent code (default false). */
        public Builder layerNorm(boolean layerNorm) {
            this.layerNorm = layerNorm;
            return this;
        }

        /** Whether the encoder's dense layers have a bias (default true; the decoder's always have one). */
        public Builder encoderBias(boolean bias) {
            this.encoderBias = bias;
            return this;
        }

        /**
         * L2 penalty factor on the encoder kernels: the loss gains {@code l2 * sum(W^2)} (Keras' {@code L2(l2)}).
         *
         * @throws IllegalArgumentException when negative or not finite
         */
        public Builder l2(double l2) {
            this.l2 = nonNegative("l2", l2);
            return this;
        }

        /**
         * L2 penalty factor on the decoder kernels (default 0).
         *
         * @throws IllegalArgumentException when negative or not finite
         */
        public Builder decoderL2(double l2) {
            this.decoderL2 = nonNegative("decoderL2", l2);
            return this;
        }

        /**
         * Epsilon added to the variance in batch and layer normalisation (default 1e-3, as Keras).
         *
         * @throws IllegalArgumentException when not positive and finite
         */
        public Builder normalizationEpsilon(double epsilon) {
            if (!(epsilon > 0.0) || Double.isInfinite(epsilon)) {
                throw new IllegalArgumentException("normalizationEpsilon must be positive and finite but was "
                        + epsilon);
            }
            this.epsilon = epsilon;
            return this;
        }

        /**
         * Momentum of the batch-normalisation moving averages (default 0.99).
         *
         * @throws IllegalArgumentException when not in [0, 1)
         */
        public Builder batchNormMomentum(double momentum) {
            if (!(momentum >= 0.0 && momentum < 1.0)) {
                throw new IllegalArgumentException("batchNormMomentum must be in [0, 1) but was " + momentum);
            }
            this.momentum = momentum;
            return this;
        }

        /**
         * Adam's learning rate (default 1e-3).
         *
         * @throws IllegalArgumentException when not positive and finite
         */
        public Builder learningRate(double learningRate) {
            if (!(learningRate > 0.0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be positive and finite but was "
                        + learningRate);
            }
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Rows per mini-batch (default 256); the training rows must hold at least one batch.
         *
         * @throws IllegalArgumentException when {@code batchSize < 1}
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Maximum number of passes over the training rows (default 30); 0 keeps the freshly initialised network
         * (the untrained baseline).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder epochs(int epochs) {
            if (epochs < 0) {
                throw new IllegalArgumentException("epochs must be >= 0 but was " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * Share of the rows held out (seeded random choice) to compute the validation loss (default 0.2).
         *
         * @throws IllegalArgumentException when not in (0, 1)
         */
        public Builder validationShare(double share) {
            if (!(share > 0.0 && share < 1.0)) {
                throw new IllegalArgumentException("validationShare must be in (0, 1) but was " + share);
            }
            this.validationShare = share;
            return this;
        }

        /**
         * Stops training when the validation loss has not improved for {@code patience} epochs.
         *
         * @throws IllegalArgumentException when {@code patience < 1}
         */
        public Builder patience(int patience) {
            if (patience < 1) {
                throw new IllegalArgumentException("patience must be >= 1 but was " + patience);
            }
            this.patience = patience;
            return this;
        }

        /** Trains all epochs regardless of the validation loss (the default). */
        public Builder noEarlyStopping() {
            this.patience = 0;
            return this;
        }

        /**
         * Whether the fitted step keeps the weights (and normalisation statistics) of the epoch with the lowest
         * validation loss rather than those of the last epoch (default true).
         */
        public Builder restoreBestWeights(boolean restore) {
            this.restoreBestWeights = restore;
            return this;
        }

        /** Whether the training rows are reshuffled before every epoch (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * The configured autoencoder.
         *
         * @throws IllegalStateException when a fixed hidden width is smaller than the latent size
         */
        public Autoencoder build() {
            for (int i = 0; i < hiddenSizes.length; i++) {
                if (hiddenSizes[i] < latentDim) {
                    throw new IllegalStateException("hiddenSizes[" + i + "] = " + hiddenSizes[i]
                            + " is smaller than latentDim = " + latentDim);
                }
            }
            return new Autoencoder(this);
        }

        private static double nonNegative(String name, double v) {
            if (!(v >= 0.0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " must be >= 0 and finite but was " + v);
            }
            return v;
        }
    }
}
