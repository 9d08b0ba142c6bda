package dev.segmentation.nn;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.embedding.FittedEmbedding;
import dev.segmentation.state.StepState;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A trained {@link Autoencoder}: the network's weights and normalisation statistics, and its training history
 * (per-epoch training and validation loss). {@link #transform} runs the encoder in inference mode (batch
 * normalisation with its moving statistics) and returns the latent code; {@link #reconstruct} runs the whole
 * network. Transforming costs O(rows x W) for W encoder weights.
 *
 * <p>Immutable and thread-safe (the ND4J parameter arrays are only read; each call uses its own buffers);
 * accessors return copies. A row's code does not depend on the other rows it is transformed with, and the same row
 * always gives the same bits at a fixed {@code OMP_NUM_THREADS}: inference computes each dense layer as a sequence
 * of element-wise products and sums in input order rather than a BLAS matrix product, whose blocking depends on
 * the number of rows. Transforming costs about three native operations per input unit of each dense layer per chunk
 * of 1,024 rows (about 0.25 s for 60,000 x 29 rows with the seed-001 preset).
 * {@link #state()} exposes everything as plain data; {@link #restore(StepState)} rebuilds an identical step.
 */
public final class FittedAutoencoder implements FittedEmbedding {
    /** The type id of the fitted state. */
    public static final String TYPE = "autoencoder";
    private static final int VERSION = 1;

    private final Network net;
    private final Architecture arch;
    private final double[] trainingLoss;
    private final double[] validationLoss;
    private final int keptEpoch;
    private final int bestEpoch;
    private final boolean stoppedEarly;
    private final int trainingRows;
    private final int validationRows;
    private final long seed;

    FittedAutoencoder(Network net, double[] trainingLoss, double[] validationLoss, int keptEpoch, int bestEpoch,
            boolean stoppedEarly, int trainingRows, int validationRows, long seed) {
        this.net = net;
        this.arch = net.arch;
        this.trainingLoss = trainingLoss;
        this.validationLoss = validationLoss;
        this.keptEpoch = keptEpoch;
        this.bestEpoch = bestEpoch;
        this.stoppedEarly = stoppedEarly;
        this.trainingRows = trainingRows;
        this.validationRows = validationRows;
        this.seed = seed;
    }

    @Override
    public int inputDimension() {
        return arch.inputDim();
    }

    @Override
    public int outputDimension() {
        return arch.latentDim();
    }

    /** Training loss (MSE plus L2 penalty, row-weighted mean over the epoch's batches) per epoch run (a copy). */
    public double[] trainingLoss() {
        return trainingLoss.clone();
    }

    /** Validation loss (MSE plus L2 penalty, inference mode, after the epoch) per epoch run (a copy). */
    public double[] validationLoss() {
        return validationLoss.clone();
    }

    /** Number of epochs trained (fewer than configured when stopped early; 0 for an untrained network). */
    public int epochsRun() {
        return trainingLoss.length;
    }

    /** The 0-based epoch with the lowest validation loss; empty when no epoch ran. */
    public OptionalInt bestEpoch() {
        return bestEpoch < 0 ? OptionalInt.empty() : OptionalInt.of(bestEpoch);
    }

    /** The 0-based epoch whose weights this step holds (the best or the last); empty when no epoch ran. */
    public OptionalInt keptEpoch() {
        return keptEpoch < 0 ? OptionalInt.empty() : OptionalInt.of(keptEpoch);
    }

    /** Whether early stopping ended training before the configured number of epochs. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** Number of rows trained on. */
    public int trainingRows() {
        return trainingRows;
    }

    /** Number of rows held out for the validation loss. */
    public int validationRows() {
        return validationRows;
    }

    /** The seed the step was fitted with. */
    public long seed() {
        return seed;
    }

    /** Total number of trainable parameters (kernels, biases, normalisation scales and offsets). */
    public int parameterCount() {
        return arch.nParams;
    }

    /** A readable description of the layers, e.g. {@code "29 -> batchnorm -> dense(14, relu, no bias) -> ..."}. */
    public String architecture() {
        StringBuilder sb = new StringBuilder().append(arch.inputDim());
        for (int l = 0; l < arch.layers; l++) {
            sb.append(" -> ");
            if (l == arch.encoderLayers) {
                sb.append("[latent ").append(arch.latentDim()).append("] -> ");
            }
            switch (arch.kind[l]) {
                case Architecture.DENSE:
                    sb.append("dense(").append(arch.out[l]).append(", ").append(arch.act[l].name().toLowerCase(
                            java.util.Locale.ROOT)).append(arch.bias[l] ? "" : ", no bias")
                            .append(arch.l2[l] > 0 ? ", l2 " + arch.l2[l] : "").append(')');
                    break;
                case Architecture.BATCH_NORM:
                    sb.append("batchnorm");
                    break;
                default:
                    sb.append("layernorm");
                    break;
            }
        }
        return sb.toString();
    }

    @Override
    public DataMatrix transform(DataMatrix x) {
        return run(x, arch.encoderLayers);
    }

    @Override
    public double[] transform(double[] row) {
        Objects.requireNonNull(row, "row");
        return run(DataMatrix.of(1, checkRow(row), row), arch.encoderLayers).row(0);
    }

    /**
     * The network's reconstruction of every row of {@code x} (encoder then decoder, inference mode).
     *
     * @throws IllegalArgumentException as {@link #transform(DataMatrix)}
     */
    public DataMatrix reconstruct(DataMatrix x) {
        return run(x, arch.layers);
    }

    /**
     * The mean squared reconstruction error of {@code x} over all cells (inference mode, no L2 penalty).
     *
     * @throws IllegalArgumentException as {@link #transform(DataMatrix)}, or when {@code x} has no row
     */
    public double reconstructionError(DataMatrix x) {
        check(x);
        if (x.rows() == 0) {
            throw new IllegalArgumentException("reconstruction error needs at least 1 row");
        }
        return new Network.Inference(net, Math.min(Autoencoder.CHUNK, x.rows()), true).meanSquaredError(x.toArray(),
                x.rows());
    }

    private int checkRow(double[] row) {
        if (row.length != arch.inputDim()) {
            throw new IllegalArgumentException("expected a row of " + arch.inputDim() + " values but got "
                    + row.length);
        }
        for (int c = 0; c < row.length; c++) {
            if (!Double.isFinite(row[c])) {
                throw new IllegalArgumentException("value at column " + c + " is not finite: " + row[c]);
            }
        }
        return row.length;
    }

    private void check(DataMatrix x) {
        Objects.requireNonNull(x, "x");
        if (x.cols() != arch.inputDim()) {
            throw new IllegalArgumentException("expected " + arch.inputDim() + " columns but got " + x.cols());
        }
        int[] bad = x.firstNonFinite();
        if (bad.length > 0) {
            throw new IllegalArgumentException("value at row " + bad[0] + ", column " + bad[1] + " is not finite: "
                    + x.get(bad[0], bad[1]));
        }
    }

    private DataMatrix run(DataMatrix x, int toLayer) {
        check(x);
        final int n = x.rows();
        final int k = arch.out[toLayer - 1];
        final double[] v = x.toArray();
        if (n == 0) {
            return DataMatrix.wrap(0, k, new double[0]);
        }
        return DataMatrix.wrap(n, k, new Network.Inference(net, Math.min(Autoencoder.CHUNK, n), true).run(v, n, toLayer));
    }

    /**
     * The fitted state: architecture ({@code layerKind} 0 dense, 1 batch normalisation, 2 layer normalisation;
     * {@code layerUnits}, {@code layerActivation} ({@link Activation#id()}, -1 for normalisation layers),
     * {@code layerBias}, {@code layerL2}, {@code layerEpsilon}, {@code layerMomentum}), per-layer arrays
     * {@code layer.<i>.kernel} ({@code in x out} row-major), {@code .bias}, {@code .gamma}, {@code .beta},
     * {@code .movingMean}, {@code .movingVariance}, and the training history.
     */
    @Override
    public StepState state() {
        int layers = arch.layers;
        double[] params = net.paramsArray();
        double[] stats = net.statsArray();
        int[] kind = arch.kind.clone();
        int[] units = arch.out.clone();
        int[] actIds = new int[layers];
        int[] bias = new int[layers];
        for (int l = 0; l < layers; l++) {
            actIds[l] = arch.kind[l] == Architecture.DENSE ? arch.act[l].id() : -1;
            bias[l] = arch.bias[l] ? 1 : 0;
        }
        StepState.Builder b = StepState.builder(TYPE, VERSION)
                .put("inputDimension", arch.inputDim())
                .put("encoderLayers", arch.encoderLayers)
                .put("keptEpoch", keptEpoch)
                .put("bestEpoch", bestEpoch)
                .put("stoppedEarly", stoppedEarly ? "true" : "false")
                .put("trainingRows", trainingRows)
                .put("validationRows", validationRows)
                .put("seed", seed)
                .put("layerKind", kind)
                .put("layerUnits", units)
                .put("layerActivation", actIds)
                .put("layerBias", bias)
                .put("layerL2", arch.l2.clone())
                .put("layerEpsilon", arch.eps.clone())
                .put("layerMomentum", arch.momentum.clone())
                .put("trainingLoss", trainingLoss)
                .put("validationLoss", validationLoss);
        for (int l = 0; l < layers; l++) {
            int off = arch.paramOff[l];
            String p = "layer." + l + ".";
            if (arch.kind[l] == Architecture.DENSE) {
                int nw = arch.in[l] * arch.out[l];
                b.put(p + "kernel", slice(params, off, nw));
                if (arch.bias[l]) {
                    b.put(p + "bias", slice(params, off + nw, arch.out[l]));
                }
            } else {
                int d = arch.in[l];
                b.put(p + "gamma", slice(params, off, d));
                b.put(p + "beta", slice(params, off + d, d));
                if (arch.kind[l] == Architecture.BATCH_NORM) {
                    b.put(p + "movingMean", slice(stats, arch.statOff[l], d));
                    b.put(p + "movingVariance", slice(stats, arch.statOff[l] + d, d));
                }
            }
        }
        return b.build();
    }

    private static double[] slice(double[] a, int off, int len) {
        double[] s = new double[len];
        System.arraycopy(a, off, s, 0, len);
        return s;
    }

    /**
     * Rebuilds a fitted autoencoder from {@link #state()}.
     *
     * @throws IllegalArgumentException when the state is not an autoencoder state of a known version, or a part is
     *     missing or inconsistent (naming it)
     */
    public static FittedAutoencoder restore(StepState state) {
        Objects.requireNonNull(state, "state");
        if (!TYPE.equals(state.type())) {
            throw new IllegalArgumentException("expected an '" + TYPE + "' state but got '" + state.type() + "'");
        }
        if (state.version() != VERSION) {
            throw new IllegalArgumentException("unknown " + TYPE + " state version " + state.version()
                    + " (this library reads version " + VERSION + ")");
        }
        int d = state.integer("inputDimension");
        int[] kind = state.ints("layerKind");
        int layers = kind.length;
        int[] units = lengthChecked(state.ints("layerUnits"), "layerUnits", layers);
        int[] actIds = lengthChecked(state.ints("layerActivation"), "layerActivation", layers);
        int[] biasFlags = lengthChecked(state.ints("layerBias"), "layerBias", layers);
        double[] l2 = lengthChecked(state.doubles("layerL2"), "layerL2", layers);
        double[] eps = lengthChecked(state.doubles("layerEpsilon"), "layerEpsilon", layers);
        double[] mom = lengthChecked(state.doubles("layerMomentum"), "layerMomentum", layers);
        int enc = state.integer("encoderLayers");
        if (d < 1 || layers < 2 || enc < 1 || enc >= layers) {
            throw new IllegalArgumentException("autoencoder state: bad shape (input " + d + ", " + layers
                    + " layers, encoder " + enc + ")");
        }
        int[] in = new int[layers];
        Activation[] act = new Activation[layers];
        boolean[] bias = new boolean[layers];
        int width = d;
        for (int l = 0; l < layers; l++) {
            in[l] = width;
            if (kind[l] < Architecture.DENSE || kind[l] > Architecture.LAYER_NORM) {
                throw new IllegalArgumentException("autoencoder state: layer " + l + " has unknown kind " + kind[l]);
            }
            if (kind[l] != Architecture.DENSE && units[l] != width) {
                throw new IllegalArgumentException("autoencoder state: normalisation layer " + l + " has "
                        + units[l] + " units but input " + width);
            }
            if (units[l] < 1) {
                throw new IllegalArgumentException("autoencoder state: layer " + l + " has " + units[l] + " units");
            }
            act[l] = kind[l] == Architecture.DENSE ? Activation.ofId(actIds[l]) : Activation.LINEAR;
            bias[l] = biasFlags[l] != 0;
            width = units[l];
        }
        if (width != d) {
            throw new IllegalArgumentException("autoencoder state: output width " + width + " differs from input "
                    + d);
        }
        Architecture arch = new Architecture(kind, in, units, act, bias, l2, eps, mom, enc);
        double[] params = new double[arch.nParams];
        double[] stats = new double[arch.nStats];
        for (int l = 0; l < layers; l++) {
            int off = arch.paramOff[l];
            String p = "layer." + l + ".";
            if (kind[l] == Architecture.DENSE) {
                int nw = in[l] * units[l];
                copyInto(state, p + "kernel", params, off, nw);
                if (bias[l]) {
                    copyInto(state, p + "bias", params, off + nw, units[l]);
                }
            } else {
                copyInto(state, p + "gamma", params, off, in[l]);
                copyInto(state, p + "beta", params, off + in[l], in[l]);
                if (kind[l] == Architecture.BATCH_NORM) {
                    copyInto(state, p + "movingMean", stats, arch.statOff[l], in[l]);
                    copyInto(state, p + "movingVariance", stats, arch.statOff[l] + in[l], in[l]);
                }
            }
        }
        Network net = new Network(arch, params, stats);
        String stopped = state.string("stoppedEarly");
        double[] tl = state.doubles("trainingLoss");
        double[] vl = lengthChecked(state.doubles("validationLoss"), "validationLoss", tl.length);
        return new FittedAutoencoder(net, tl, vl, state.integer("keptEpoch"), state.integer("bestEpoch"),
                "true".equals(stopped), state.integer("trainingRows"), state.integer("validationRows"),
                state.longValue("seed"));
    }

    private static int[] lengthChecked(int[] a, String name, int expected) {
        if (a.length != expected) {
            throw new IllegalArgumentException("autoencoder state: array '" + name + "' has " + a.length
                    + " values, expected " + expected);
        }
        return a;
    }

    private static double[] lengthChecked(double[] a, String name, int expected) {
        if (a.length != expected) {
            throw new IllegalArgumentException("autoencoder state: array '" + name + "' has " + a.length
                    + " values, expected " + expected);
        }
        return a;
    }

    private static void copyInto(StepState s, String name, double[] dst, int off, int len) {
        double[] a = lengthChecked(s.doubles(name), name, len);
        System.arraycopy(a, 0, dst, off, len);
    }

    @Override
    public String toString() {
        return "FittedAutoencoder[" + architecture() + ", epochs " + epochsRun() + "]";
    }
}
