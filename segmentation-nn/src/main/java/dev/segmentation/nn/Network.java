package dev.segmentation.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.BlasWrapper;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The training and inference engine on ND4J: the layers of an {@link Architecture} computed with INDArray
 * operations in {@link DataType#DOUBLE}, with forward and backward passes written here (matrix products through
 * {@link Nd4j#gemm}, element-wise and broadcast operations, column and row reductions). All trainable parameters
 * live in one flat INDArray ({@link #params}), batch-normalisation moving statistics in another ({@link #stats});
 * the per-layer kernels, biases, scales and offsets are views into them, so a snapshot, a restore and the Adam
 * update are a few operations on the flat arrays. No ND4J random generator is used: initial values come from
 * {@link Architecture#initialise}.
 *
 * <p>Not thread-safe while training. After training the parameters are only read, and each thread uses its own
 * {@link Workspace}, so concurrent inference is safe.
 */
final class Network {
    /** The javacpp logger switch: without it javacpp prints its warnings on System.err (and info on System.out). */
    static final String JAVACPP_LOGGER = "org.bytedeco.javacpp.logger";

    static {
        // before the first ND4J class loads the native libraries: javacpp's messages go to SLF4J, not the console
        if (System.getProperty(JAVACPP_LOGGER) == null) {
            System.setProperty(JAVACPP_LOGGER, "slf4j");
        }
    }

    private static final DataType D = DataType.DOUBLE;

    final Architecture arch;
    final INDArray params;
    final INDArray stats;
    private final INDArray[] kernel;
    private final INDArray[] kernelFlat;
    /** Row {@code i} of each kernel (the weights from input unit {@code i}), for the row-independent product. */
    private final INDArray[][] kernelRows;
    private final INDArray[] biasVec;
    private final INDArray[] gamma;
    private final INDArray[] beta;
    private final INDArray[] movingMean;
    private final INDArray[] movingVar;

    /** A network of {@code arch} holding a copy of {@code params} and {@code stats}. */
    Network(Architecture arch, double[] params, double[] stats) {
        if (params.length != arch.nParams || stats.length != arch.nStats) {
            throw new IllegalArgumentException("expected " + arch.nParams + " parameters and " + arch.nStats
                    + " statistics but got " + params.length + " and " + stats.length);
        }
        this.arch = arch;
        this.params = Nd4j.create(D, Math.max(1, arch.nParams));
        this.stats = Nd4j.create(D, Math.max(1, arch.nStats));
        if (arch.nParams > 0) {
            this.params.data().setData(params);
        }
        if (arch.nStats > 0) {
            this.stats.data().setData(stats);
        }
        int layers = arch.layers;
        kernel = new INDArray[layers];
        kernelFlat = new INDArray[layers];
        biasVec = new INDArray[layers];
        gamma = new INDArray[layers];
        beta = new INDArray[layers];
        movingMean = new INDArray[layers];
        movingVar = new INDArray[layers];
        kernelRows = new INDArray[layers][];
        View v = new View(arch, this.params);
        for (int l = 0; l < layers; l++) {
            kernel[l] = v.kernel[l];
            kernelFlat[l] = v.kernelFlat[l];
            if (kernel[l] != null) {
                kernelRows[l] = new INDArray[arch.in[l]];
                for (int i = 0; i < arch.in[l]; i++) {
                    kernelRows[l][i] = kernel[l].getRow(i);
                }
            }
            biasVec[l] = v.bias[l];
            gamma[l] = v.gamma[l];
            beta[l] = v.beta[l];
            if (arch.kind[l] == Architecture.BATCH_NORM) {
                int d = arch.in[l];
                int so = arch.statOff[l];
                movingMean[l] = slice(this.stats, so, d);
                movingVar[l] = slice(this.stats, so + d, d);
            }
        }
    }

    /** A rank-1 view of {@code len} values of the flat {@code a} from {@code off}. */
    static INDArray slice(INDArray a, int off, int len) {
        return a.get(NDArrayIndex.interval(off, off + len));
    }

    /** Per-layer views (kernel, bias, gamma, beta) into a flat array laid out as {@link Architecture} says. */
    static final class View {
        final INDArray[] kernel;
        final INDArray[] kernelFlat;
        final INDArray[] bias;
        final INDArray[] gamma;
        final INDArray[] beta;

        View(Architecture arch, INDArray flat) {
            int layers = arch.layers;
            kernel = new INDArray[layers];
            kernelFlat = new INDArray[layers];
            bias = new INDArray[layers];
            gamma = new INDArray[layers];
            beta = new INDArray[layers];
            for (int l = 0; l < layers; l++) {
                int off = arch.paramOff[l];
                if (arch.kind[l] == Architecture.DENSE) {
                    int ni = arch.in[l];
                    int no = arch.out[l];
                    kernelFlat[l] = slice(flat, off, ni * no);
                    kernel[l] = kernelFlat[l].reshape('c', ni, no);
                    if (arch.bias[l]) {
                        bias[l] = slice(flat, off + ni * no, no);
                    }
                } else {
                    int d = arch.in[l];
                    gamma[l] = slice(flat, off, d);
                    beta[l] = slice(flat, off + d, d);
                }
            }
        }
    }

    /** A copy of the trainable parameters in the {@link Architecture} layout. */
    double[] paramsArray() {
        return arch.nParams == 0 ? new double[0] : params.toDoubleVector();
    }

    /** A copy of the batch-normalisation moving statistics in the {@link Architecture} layout. */
    double[] statsArray() {
        return arch.nStats == 0 ? new double[0] : stats.toDoubleVector();
    }

    /** The L2 penalty {@code sum over dense layers of l2 * sum(W^2)}. */
    double penalty() {
        BlasWrapper blas = Nd4j.getBlasWrapper();
        double s = 0.0;
        for (int l = 0; l < arch.layers; l++) {
            if (arch.kind[l] == Architecture.DENSE && arch.l2[l] > 0.0) {
                s += arch.l2[l] * blas.dot(kernelFlat[l], kernelFlat[l]);
            }
        }
        return s;
    }

    /**
     * Buffers for exactly {@code rows} rows: activations of every layer, and with {@code training} the
     * gradients, normalised inputs and reduction buffers of the backward pass.
     */
    Workspace workspace(int rows, boolean training) {
        return new Workspace(arch, rows, training, false);
    }

    /**
     * Inference buffers for exactly {@code rows} rows; with {@code rowwise}, dense layers use
     * {@link #denseRowwise}, so each row's output is the same bits whatever rows it is computed with.
     */
    Workspace workspace(int rows, boolean training, boolean rowwise) {
        return new Workspace(arch, rows, training, rowwise);
    }

    /**
     * Runs layers {@code [0, toLayer)} on {@code w.a[0]}. In training mode, batch normalisation uses the batch
     * statistics (biased variance) and updates the moving statistics; otherwise it uses the moving statistics.
     */
    void forward(Workspace w, int toLayer, boolean training) {
        for (int l = 0; l < toLayer; l++) {
            INDArray x = w.a[l];
            INDArray y = w.a[l + 1];
            switch (arch.kind[l]) {
                case Architecture.DENSE:
                    if (w.rowwise) {
                        denseRowwise(l, y, w);
                    } else {
                        dense(l, x, y);
                    }
                    activate(l, y);
                    break;
                case Architecture.BATCH_NORM:
                    if (training) {
                        batchNormTrain(l, x, y, w);
                    } else {
                        batchNormInfer(l, x, y, w);
                    }
                    break;
                default:
                    layerNorm(l, x, y, w);
                    break;
            }
        }
    }

    private void dense(int l, INDArray x, INDArray y) {
        Nd4j.gemm(x, kernel[l], y, false, false, 1.0, 0.0);
        if (arch.bias[l]) {
            y.addiRowVector(biasVec[l]);
        }
    }

    /**
     * {@code y = bias + x[:, 0] * W[0, :] + x[:, 1] * W[1, :] + ...}, one element-wise product and addition per
     * input unit, in input order. Slower than a matrix product (three operations per input unit) but each output
     * element is computed by the same sequence of roundings whatever the number of rows, whereas a BLAS product's
     * blocking (and so its rounding) depends on the matrix shape. Used for {@code transform} and
     * {@code reconstruct}.
     */
    private void denseRowwise(int l, INDArray y, Workspace w) {
        final INDArray tmp = w.outer[l];
        final INDArray ones = w.ones[l];
        final INDArray[] xcols = w.inCols[l];
        final INDArray[] rows = kernelRows[l];
        if (arch.bias[l]) {
            Nd4j.exec(new BroadcastMulOp(ones, biasVec[l], y, 1));
        } else {
            y.assign(0.0);
        }
        for (int i = 0; i < xcols.length; i++) {
            Nd4j.exec(new BroadcastMulOp(ones, rows[i], tmp, 1));
            tmp.muliColumnVector(xcols[i]);
            y.addi(tmp);
        }
    }

    private void activate(int l, INDArray y) {
        switch (arch.act[l]) {
            case RELU:
                Transforms.relu(y, false);
                break;
            case TANH:
                Transforms.tanh(y, false);
                break;
            case SIGMOID:
                Transforms.sigmoid(y, false);
                break;
            default:
                break;
        }
    }

    private void batchNormTrain(int l, INDArray x, INDArray y, Workspace w) {
        final double m = arch.momentum[l];
        final INDArray mean = w.colMean[l];
        final INDArray var = w.colVar[l];
        final INDArray inv = w.colInv[l];
        final INDArray tmp = w.colTmp[l];
        final INDArray xhat = w.xhat[l];
        x.mean(mean, 0);
        xhat.assign(x).subiRowVector(mean);
        xhat.mul(xhat, w.sq[l]);
        w.sq[l].mean(var, 0);
        // moving statistics: s -= (s - batch) * (1 - momentum)
        movingMean[l].sub(mean, tmp).muli(1.0 - m);
        movingMean[l].subi(tmp);
        movingVar[l].sub(var, tmp).muli(1.0 - m);
        movingVar[l].subi(tmp);
        inv.assign(var).addi(arch.eps[l]);
        Transforms.sqrt(inv, false).rdivi(1.0);
        xhat.muliRowVector(inv);
        y.assign(xhat).muliRowVector(gamma[l]).addiRowVector(beta[l]);
    }

    private void batchNormInfer(int l, INDArray x, INDArray y, Workspace w) {
        final INDArray sd = w.colTmp[l];
        sd.assign(movingVar[l]).addi(arch.eps[l]);
        Transforms.sqrt(sd, false);
        y.assign(x).subiRowVector(movingMean[l]).diviRowVector(sd).muliRowVector(gamma[l]).addiRowVector(beta[l]);
    }

    /**
     * Layer normalisation over each row. The row sums are accumulated column by column (element-wise additions of
     * column views, in column order), not by a row reduction: a reduction's summation order may depend on the
     * number of rows (a single row is reduced as a whole array), and a row's code must not.
     */
    private void layerNorm(int l, INDArray x, INDArray y, Workspace w) {
        final double d = arch.in[l];
        final INDArray var = w.rowVar[l];
        final INDArray inv = w.rowInv[l];
        final INDArray xhat = w.xhat[l];
        rowSum(w.inCols[l], w.rowMeanCol[l]).divi(d);
        xhat.assign(x).subiColumnVector(w.rowMeanCol[l]);
        xhat.mul(xhat, w.sq[l]);
        rowSum(w.sqCols[l], w.rowVarCol[l]).divi(d);
        inv.assign(var).addi(arch.eps[l]);
        Transforms.sqrt(inv, false).rdivi(1.0);
        xhat.muliColumnVector(w.rowInvCol[l]);
        y.assign(xhat).muliRowVector(gamma[l]).addiRowVector(beta[l]);
    }

    /** {@code out[r] = cols[0][r] + cols[1][r] + ...}, added in column order. */
    private static INDArray rowSum(INDArray[] cols, INDArray out) {
        out.assign(cols[0]);
        for (int c = 1; c < cols.length; c++) {
            out.addi(cols[c]);
        }
        return out;
    }

    /**
     * The sum of squared errors between the network output {@code w.a[layers]} and {@code target}; with
     * {@code gradient}, also writes the gradient of the mean squared error ({@code sum / (rows * outputDim)}) into
     * {@code w.g[layers]} (which otherwise holds the errors).
     */
    double sse(Workspace w, INDArray target, boolean gradient) {
        final INDArray e = w.err;
        w.a[arch.layers].sub(target, e);
        double s = Nd4j.getBlasWrapper().dot(e, e);
        if (gradient) {
            e.muli(2.0 / ((double) w.rows * arch.outputDim()));
        }
        return s;
    }

    /**
     * Back-propagates {@code w.g[layers]} through all layers (a training-mode forward pass must have run on the
     * same rows), writing every parameter gradient, including the L2 term, into {@code w.grad}.
     */
    void backward(Workspace w) {
        final BlasWrapper blas = Nd4j.getBlasWrapper();
        final View gv = w.gradView;
        for (int l = arch.layers - 1; l >= 0; l--) {
            INDArray gy = w.g[l + 1];
            INDArray gx = l > 0 ? w.g[l] : null;
            INDArray x = w.a[l];
            switch (arch.kind[l]) {
                case Architecture.DENSE: {
                    INDArray y = w.a[l + 1];
                    switch (arch.act[l]) {
                        case RELU:
                            Nd4j.exec(new RectifiedLinearDerivative(y, gy, gy));
                            break;
                        case TANH: {
                            INDArray s = w.sq[l];
                            y.mul(y, s).rsubi(1.0);
                            gy.muli(s);
                            break;
                        }
                        case SIGMOID: {
                            INDArray s = w.sq[l];
                            y.rsub(1.0, s).muli(y);
                            gy.muli(s);
                            break;
                        }
                        default:
                            break;
                    }
                    Nd4j.gemm(x, gy, gv.kernel[l], true, false, 1.0, 0.0);
                    if (arch.bias[l]) {
                        gy.sum(gv.bias[l], 0);
                    }
                    if (gx != null) {
                        Nd4j.gemm(gy, kernel[l], gx, false, true, 1.0, 0.0);
                    }
                    if (arch.l2[l] > 0.0) {
                        blas.level1().axpy(kernelFlat[l].length(), 2.0 * arch.l2[l], kernelFlat[l],
                                gv.kernelFlat[l]);
                    }
                    break;
                }
                case Architecture.BATCH_NORM: {
                    INDArray xhat = w.xhat[l];
                    INDArray s = w.sq[l];
                    gy.mul(xhat, s).sum(gv.gamma[l], 0);
                    gy.sum(gv.beta[l], 0);
                    if (gx != null) {
                        // gx = gamma * inv * (gy - (sum(gy) + xhat * sum(gy * xhat)) / rows)
                        gx.assign(xhat).muliRowVector(gv.gamma[l]).addiRowVector(gv.beta[l]).divi((double) w.rows)
                                .rsubi(gy);
                        INDArray coef = w.colTmp[l];
                        coef.assign(gamma[l]).muli(w.colInv[l]);
                        gx.muliRowVector(coef);
                    }
                    break;
                }
                default: {
                    INDArray xhat = w.xhat[l];
                    INDArray s = w.sq[l];
                    gy.mul(xhat, s).sum(gv.gamma[l], 0);
                    gy.sum(gv.beta[l], 0);
                    if (gx != null) {
                        // per row: gh = gy * gamma; gx = inv * (gh - (sum(gh) + xhat * sum(gh * xhat)) / d)
                        INDArray gh = w.gh[l];
                        gh.assign(gy).muliRowVector(gamma[l]);
                        rowSum(w.ghCols[l], w.rowMeanCol[l]);
                        gh.mul(xhat, s);
                        rowSum(w.sqCols[l], w.rowVarCol[l]);
                        gx.assign(xhat).muliColumnVector(w.rowVarCol[l]).addiColumnVector(w.rowMeanCol[l])
                                .divi((double) arch.in[l]).rsubi(gh).muliColumnVector(w.rowInvCol[l]);
                    }
                    break;
                }
            }
        }
    }

    /** ND4J buffers for a batch of exactly {@link #rows} rows. */
    static final class Workspace {
        final int rows;
        /** Activations: {@code a[0]} the input, {@code a[l + 1]} the output of layer {@code l}. */
        final INDArray[] a;
        /** Gradients with respect to {@code a[l]}; {@code g[layers]} is the error buffer. */
        final INDArray[] g;
        final INDArray err;
        final INDArray[] xhat;
        final INDArray[] sq;
        final INDArray[] gh;
        final INDArray[] colMean;
        final INDArray[] colVar;
        final INDArray[] colInv;
        final INDArray[] colTmp;
        final INDArray[] rowMean;
        final INDArray[] rowVar;
        final INDArray[] rowInv;
        final INDArray[] rowMeanCol;
        final INDArray[] rowVarCol;
        final INDArray[] rowInvCol;
        /** Column views of a layer-normalisation layer's input, squares and scaled gradient. */
        final INDArray[][] inCols;
        final INDArray[][] sqCols;
        final INDArray[][] ghCols;
        final boolean rowwise;
        /** For the row-independent dense product: a scratch product and a matrix of ones, per dense layer. */
        final INDArray[] outer;
        final INDArray[] ones;
        final INDArray grad;
        final View gradView;

        Workspace(Architecture arch, int rows, boolean training, boolean rowwise) {
            this.rows = rows;
            this.rowwise = rowwise;
            outer = new INDArray[arch.layers];
            ones = new INDArray[arch.layers];
            int layers = arch.layers;
            a = new INDArray[layers + 1];
            g = new INDArray[layers + 1];
            xhat = new INDArray[layers];
            sq = new INDArray[layers];
            gh = new INDArray[layers];
            colMean = new INDArray[layers];
            colVar = new INDArray[layers];
            colInv = new INDArray[layers];
            colTmp = new INDArray[layers];
            rowMean = new INDArray[layers];
            rowVar = new INDArray[layers];
            rowInv = new INDArray[layers];
            rowMeanCol = new INDArray[layers];
            rowVarCol = new INDArray[layers];
            rowInvCol = new INDArray[layers];
            inCols = new INDArray[layers][];
            sqCols = new INDArray[layers][];
            ghCols = new INDArray[layers][];
            a[0] = Nd4j.create(D, rows, arch.in[0]);
            for (int l = 0; l < layers; l++) {
                int ni = arch.in[l];
                a[l + 1] = Nd4j.create(D, rows, arch.out[l]);
                if (training) {
                    g[l + 1] = l + 1 < layers ? Nd4j.create(D, rows, arch.out[l]) : null;
                    if (arch.kind[l] == Architecture.DENSE) {
                        if (arch.act[l] == Activation.TANH || arch.act[l] == Activation.SIGMOID) {
                            sq[l] = Nd4j.create(D, rows, arch.out[l]);
                        }
                    } else {
                        xhat[l] = Nd4j.create(D, rows, ni);
                        sq[l] = Nd4j.create(D, rows, ni);
                    }
                }
                if (rowwise && arch.kind[l] == Architecture.DENSE) {
                    outer[l] = Nd4j.create(D, rows, arch.out[l]);
                    ones[l] = Nd4j.ones(D, rows, arch.out[l]);
                    inCols[l] = columns(a[l], ni);
                }
                if (arch.kind[l] == Architecture.BATCH_NORM) {
                    colTmp[l] = Nd4j.create(D, ni);
                    if (training) {
                        colMean[l] = Nd4j.create(D, ni);
                        colVar[l] = Nd4j.create(D, ni);
                        colInv[l] = Nd4j.create(D, ni);
                    }
                } else if (arch.kind[l] == Architecture.LAYER_NORM) {
                    if (!training) {
                        xhat[l] = Nd4j.create(D, rows, ni);
                        sq[l] = Nd4j.create(D, rows, ni);
                    } else {
                        gh[l] = Nd4j.create(D, rows, ni);
                    }
                    rowMean[l] = Nd4j.create(D, rows);
                    rowVar[l] = Nd4j.create(D, rows);
                    rowInv[l] = Nd4j.create(D, rows);
                    rowMeanCol[l] = rowMean[l].reshape('c', rows, 1);
                    rowVarCol[l] = rowVar[l].reshape('c', rows, 1);
                    rowInvCol[l] = rowInv[l].reshape('c', rows, 1);
                    inCols[l] = columns(a[l], ni);
                    sqCols[l] = columns(sq[l], ni);
                    ghCols[l] = training ? columns(gh[l], ni) : null;
                }
            }
            err = Nd4j.create(D, rows, arch.outputDim());
            g[layers] = err;
            if (training) {
                grad = Nd4j.create(D, Math.max(1, arch.nParams));
                gradView = new View(arch, grad);
            } else {
                grad = null;
                gradView = null;
            }
        }

        private static INDArray[] columns(INDArray m, int n) {
            INDArray[] c = new INDArray[n];
            for (int i = 0; i < n; i++) {
                c[i] = m.get(NDArrayIndex.all(), NDArrayIndex.interval(i, i + 1));
            }
            return c;
        }

        /** Copies {@code rows * width} values of {@code src} (row-major) into the input buffer. */
        void input(double[] src) {
            a[0].data().setData(src);
        }
    }

    /**
     * Inference-mode runs over many rows in chunks of {@code capacity} rows (one workspace for full chunks, one for
     * the last partial chunk). One instance per thread.
     */
    static final class Inference {
        private final Network net;
        private final int capacity;
        private final Workspace full;
        private Workspace last;
        private double[] fullChunk;
        private double[] lastChunk;

        private final boolean rowwise;

        /**
         * With {@code rowwise}, each row's output does not depend on the other rows (see {@link #denseRowwise});
         * without, dense layers use BLAS matrix products (the validation loss during training).
         */
        Inference(Network net, int capacity, boolean rowwise) {
            this.net = net;
            this.capacity = capacity;
            this.rowwise = rowwise;
            this.full = net.workspace(capacity, false, rowwise);
            this.fullChunk = new double[capacity * net.arch.inputDim()];
        }

        private Workspace load(double[] data, int start, int m) {
            final int d = net.arch.inputDim();
            Workspace w;
            double[] buf;
            if (m == capacity) {
                w = full;
                buf = fullChunk;
            } else {
                if (last == null || last.rows != m) {
                    last = net.workspace(m, false, rowwise);
                    lastChunk = new double[m * d];
                }
                w = last;
                buf = lastChunk;
            }
            System.arraycopy(data, start * d, buf, 0, m * d);
            w.input(buf);
            return w;
        }

        /** Mean squared reconstruction error of the first {@code rows} rows of {@code data} (no penalty). */
        double meanSquaredError(double[] data, int rows) {
            final int d = net.arch.inputDim();
            double s = 0.0;
            for (int start = 0; start < rows; start += capacity) {
                int m = Math.min(capacity, rows - start);
                Workspace w = load(data, start, m);
                net.forward(w, net.arch.layers, false);
                s += net.sse(w, w.a[0], false);
            }
            return s / ((double) rows * d);
        }

        /** The output of layer {@code toLayer - 1} for the first {@code rows} rows of {@code data}, row-major. */
        double[] run(double[] data, int rows, int toLayer) {
            final int k = net.arch.out[toLayer - 1];
            final double[] out = new double[rows * k];
            for (int start = 0; start < rows; start += capacity) {
                int m = Math.min(capacity, rows - start);
                Workspace w = load(data, start, m);
                net.forward(w, toLayer, false);
                double[] chunk = w.a[toLayer].data().asDouble();
                System.arraycopy(chunk, 0, out, start * k, m * k);
            }
            return out;
        }
    }
}
