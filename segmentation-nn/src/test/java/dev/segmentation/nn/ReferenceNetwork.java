package dev.segmentation.nn;

/**
 * The test oracle: the engine the library used before it moved to ND4J, a feed-forward stack of dense,
 * batch-normalisation and layer-normalisation layers on flat row-major {@code double[]} arrays with hand-written
 * forward and backward passes in plain Java (sequential sums, {@link StrictMath} for tanh and exp). All trainable
 * parameters live in one flat array ({@link #params}) and batch-normalisation moving statistics in another
 * ({@link #stats}), in the {@link Architecture} layout. Not thread-safe.
 */
final class ReferenceNetwork {
    static final int DENSE = Architecture.DENSE;
    static final int BATCH_NORM = Architecture.BATCH_NORM;
    static final int LAYER_NORM = Architecture.LAYER_NORM;

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
    final double[] params;
    final double[] stats;

    /** A network of {@code arch} (its layer layout and offsets) holding a copy of {@code params} and {@code stats}. */
    ReferenceNetwork(Architecture arch, double[] params, double[] stats) {
        this.layers = arch.layers;
        this.kind = arch.kind;
        this.in = arch.in;
        this.out = arch.out;
        this.act = arch.act;
        this.bias = arch.bias;
        this.l2 = arch.l2;
        this.eps = arch.eps;
        this.momentum = arch.momentum;
        this.encoderLayers = arch.encoderLayers;
        this.paramOff = arch.paramOff;
        this.statOff = arch.statOff;
        this.nParams = arch.nParams;
        this.nStats = arch.nStats;
        this.params = params.clone();
        this.stats = stats.clone();
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

    /** The L2 penalty {@code sum over dense layers of l2 * sum(W^2)}. */
    double penalty() {
        double s = 0.0;
        for (int l = 0; l < layers; l++) {
            if (kind[l] == DENSE && l2[l] > 0.0) {
                int off = paramOff[l];
                int n = in[l] * out[l];
                double q = 0.0;
                for (int i = 0; i < n; i++) {
                    double w = params[off + i];
                    q += w * w;
                }
                s += l2[l] * q;
            }
        }
        return s;
    }

    Workspace workspace(int capacity) {
        return new Workspace(this, capacity);
    }

    /**
     * Runs layers {@code [0, toLayer)} on the first {@code rows} rows of {@code w.a[0]}. In training mode,
     * batch normalisation uses the batch statistics and updates the moving statistics; otherwise it uses the
     * moving statistics.
     */
    void forward(Workspace w, int rows, int toLayer, boolean training) {
        for (int l = 0; l < toLayer; l++) {
            double[] x = w.a[l];
            double[] y = w.a[l + 1];
            switch (kind[l]) {
                case DENSE:
                    dense(l, x, y, rows);
                    break;
                case BATCH_NORM:
                    if (training) {
                        batchNormTrain(l, x, y, w.xhat[l], w.inv[l], w.mean[l], rows);
                    } else {
                        batchNormInfer(l, x, y, rows);
                    }
                    break;
                default:
                    layerNorm(l, x, y, w.xhat[l], w.inv[l], rows);
                    break;
            }
        }
    }

    private void dense(int l, double[] x, double[] y, int rows) {
        final int ni = in[l];
        final int no = out[l];
        final int off = paramOff[l];
        final int boff = off + ni * no;
        final double[] p = params;
        final boolean hasBias = bias[l];
        for (int b = 0; b < rows; b++) {
            int yo = b * no;
            if (hasBias) {
                System.arraycopy(p, boff, y, yo, no);
            } else {
                for (int j = 0; j < no; j++) {
                    y[yo + j] = 0.0;
                }
            }
            int xo = b * ni;
            for (int i = 0; i < ni; i++) {
                double xv = x[xo + i];
                int wo = off + i * no;
                for (int j = 0; j < no; j++) {
                    y[yo + j] += xv * p[wo + j];
                }
            }
        }
        int n = rows * no;
        switch (act[l]) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    if (y[i] < 0.0) {
                        y[i] = 0.0;
                    }
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    y[i] = StrictMath.tanh(y[i]);
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    y[i] = 1.0 / (1.0 + StrictMath.exp(-y[i]));
                }
                break;
            default:
                break;
        }
    }

    private void batchNormTrain(int l, double[] x, double[] y, double[] xhat, double[] inv, double[] mean,
            int rows) {
        final int d = in[l];
        final int off = paramOff[l];
        final int so = statOff[l];
        final double e = eps[l];
        final double m = momentum[l];
        final double[] p = params;
        for (int c = 0; c < d; c++) {
            mean[c] = 0.0;
            inv[c] = 0.0;
        }
        for (int b = 0; b < rows; b++) {
            int o = b * d;
            for (int c = 0; c < d; c++) {
                mean[c] += x[o + c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= rows;
        }
        // inv[] first accumulates the squared deviations, then holds 1 / sqrt(var + eps)
        for (int b = 0; b < rows; b++) {
            int o = b * d;
            for (int c = 0; c < d; c++) {
                double t = x[o + c] - mean[c];
                inv[c] += t * t;
            }
        }
        for (int c = 0; c < d; c++) {
            double v = inv[c] / rows;
            stats[so + c] -= (stats[so + c] - mean[c]) * (1.0 - m);
            stats[so + d + c] -= (stats[so + d + c] - v) * (1.0 - m);
            inv[c] = 1.0 / Math.sqrt(v + e);
        }
        for (int b = 0; b < rows; b++) {
            int o = b * d;
            for (int c = 0; c < d; c++) {
                double h = (x[o + c] - mean[c]) * inv[c];
                xhat[o + c] = h;
                y[o + c] = p[off + c] * h + p[off + d + c];
            }
        }
    }

    private void batchNormInfer(int l, double[] x, double[] y, int rows) {
        final int d = in[l];
        final int off = paramOff[l];
        final int so = statOff[l];
        final double e = eps[l];
        final double[] p = params;
        final double[] s = stats;
        for (int b = 0; b < rows; b++) {
            int o = b * d;
            for (int c = 0; c < d; c++) {
                double h = (x[o + c] - s[so + c]) / Math.sqrt(s[so + d + c] + e);
                y[o + c] = p[off + c] * h + p[off + d + c];
            }
        }
    }

    private void layerNorm(int l, double[] x, double[] y, double[] xhat, double[] inv, int rows) {
        final int d = in[l];
        final int off = paramOff[l];
        final double e = eps[l];
        final double[] p = params;
        for (int b = 0; b < rows; b++) {
            int o = b * d;
            double mean = 0.0;
            for (int c = 0; c < d; c++) {
                mean += x[o + c];
            }
            mean /= d;
            double var = 0.0;
            for (int c = 0; c < d; c++) {
                double t = x[o + c] - mean;
                var += t * t;
            }
            var /= d;
            double is = 1.0 / Math.sqrt(var + e);
            inv[b] = is;
            for (int c = 0; c < d; c++) {
                double h = (x[o + c] - mean) * is;
                xhat[o + c] = h;
                y[o + c] = p[off + c] * h + p[off + d + c];
            }
        }
    }

    /**
     * The sum of squared errors between the network output {@code w.a[layers]} and {@code target} over the first
     * {@code rows} rows; with {@code gradient}, also writes the gradient of the mean squared error
     * ({@code sum / (rows * outputDim)}) into {@code w.g[layers]}.
     */
    double sse(Workspace w, double[] target, int rows, boolean gradient) {
        final double[] yhat = w.a[layers];
        final int n = rows * outputDim();
        final double[] g = w.g[layers];
        final double scale = 2.0 / n;
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            double e = yhat[i] - target[i];
            s += e * e;
            if (gradient) {
                g[i] = scale * e;
            }
        }
        return s;
    }

    /**
     * Back-propagates {@code w.g[layers]} through all layers (training-mode forward pass must have run on the same
     * rows), writing parameter gradients, including the L2 term, into {@code w.grad}.
     */
    void backward(Workspace w, int rows) {
        final double[] grad = w.grad;
        for (int i = 0; i < nParams; i++) {
            grad[i] = 0.0;
        }
        for (int l = layers - 1; l >= 0; l--) {
            double[] gy = w.g[l + 1];
            double[] gx = l > 0 ? w.g[l] : null;
            switch (kind[l]) {
                case DENSE:
                    denseBackward(l, w.a[l], w.a[l + 1], gy, gx, grad, rows);
                    break;
                case BATCH_NORM:
                    batchNormBackward(l, w.xhat[l], w.inv[l], gy, gx, grad, rows);
                    break;
                default:
                    layerNormBackward(l, w.xhat[l], w.inv[l], gy, gx, grad, rows);
                    break;
            }
        }
    }

    private void denseBackward(int l, double[] x, double[] y, double[] gy, double[] gx, double[] grad, int rows) {
        final int ni = in[l];
        final int no = out[l];
        final int off = paramOff[l];
        final int boff = off + ni * no;
        final double[] p = params;
        final int n = rows * no;
        // gy becomes dL/dz in place (the activation derivative from the output)
        switch (act[l]) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    if (!(y[i] > 0.0)) {
                        gy[i] = 0.0;
                    }
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    gy[i] *= 1.0 - y[i] * y[i];
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    gy[i] *= y[i] * (1.0 - y[i]);
                }
                break;
            default:
                break;
        }
        for (int b = 0; b < rows; b++) {
            int xo = b * ni;
            int go = b * no;
            for (int i = 0; i < ni; i++) {
                double xv = x[xo + i];
                int wo = off + i * no;
                for (int j = 0; j < no; j++) {
                    grad[wo + j] += xv * gy[go + j];
                }
            }
            if (bias[l]) {
                for (int j = 0; j < no; j++) {
                    grad[boff + j] += gy[go + j];
                }
            }
            if (gx != null) {
                for (int i = 0; i < ni; i++) {
                    int wo = off + i * no;
                    double s = 0.0;
                    for (int j = 0; j < no; j++) {
                        s += gy[go + j] * p[wo + j];
                    }
                    gx[xo + i] = s;
                }
            }
        }
        if (l2[l] > 0.0) {
            double twice = 2.0 * l2[l];
            int nw = ni * no;
            for (int i = 0; i < nw; i++) {
                grad[off + i] += twice * p[off + i];
            }
        }
    }

    private void batchNormBackward(int l, double[] xhat, double[] inv, double[] gy, double[] gx, double[] grad,
            int rows) {
        final int d = in[l];
        final int off = paramOff[l];
        for (int b = 0; b < rows; b++) {
            int o = b * d;
            for (int c = 0; c < d; c++) {
                double g = gy[o + c];
                grad[off + c] += g * xhat[o + c];
                grad[off + d + c] += g;
            }
        }
        if (gx == null) {
            return;
        }
        final double[] p = params;
        for (int b = 0; b < rows; b++) {
            int o = b * d;
            for (int c = 0; c < d; c++) {
                double sumDy = grad[off + d + c];
                double sumDyXhat = grad[off + c];
                gx[o + c] = p[off + c] * inv[c] * (gy[o + c] - (sumDy + xhat[o + c] * sumDyXhat) / rows);
            }
        }
    }

    private void layerNormBackward(int l, double[] xhat, double[] inv, double[] gy, double[] gx, double[] grad,
            int rows) {
        final int d = in[l];
        final int off = paramOff[l];
        final double[] p = params;
        for (int b = 0; b < rows; b++) {
            int o = b * d;
            double s1 = 0.0;
            double s2 = 0.0;
            for (int c = 0; c < d; c++) {
                double g = gy[o + c];
                grad[off + c] += g * xhat[o + c];
                grad[off + d + c] += g;
                double gh = g * p[off + c];
                s1 += gh;
                s2 += gh * xhat[o + c];
            }
            if (gx != null) {
                double is = inv[b];
                for (int c = 0; c < d; c++) {
                    double gh = gy[o + c] * p[off + c];
                    gx[o + c] = is * (gh - (s1 + xhat[o + c] * s2) / d);
                }
            }
        }
    }

    /** Buffers for a batch of up to {@code capacity} rows. */
    static final class Workspace {
        final int capacity;
        final double[][] a;
        final double[][] g;
        final double[][] xhat;
        final double[][] inv;
        final double[][] mean;
        final double[] grad;

        Workspace(ReferenceNetwork net, int capacity) {
            this.capacity = capacity;
            int layers = net.layers;
            a = new double[layers + 1][];
            g = new double[layers + 1][];
            xhat = new double[layers][];
            inv = new double[layers][];
            mean = new double[layers][];
            a[0] = new double[capacity * net.in[0]];
            g[0] = new double[0];
            for (int l = 0; l < layers; l++) {
                a[l + 1] = new double[capacity * net.out[l]];
                g[l + 1] = new double[capacity * net.out[l]];
                if (net.kind[l] != DENSE) {
                    xhat[l] = new double[capacity * net.in[l]];
                    inv[l] = new double[net.kind[l] == BATCH_NORM ? net.in[l] : capacity];
                    mean[l] = new double[net.in[l]];
                }
            }
            grad = new double[net.nParams];
        }
    }
}
