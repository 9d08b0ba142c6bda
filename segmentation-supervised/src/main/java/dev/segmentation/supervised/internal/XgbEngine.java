package dev.segmentation.supervised.internal;

import dev.segmentation.fit.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The only class that calls XGBoost to train: builds the native matrices from flat float arrays, runs the boosting
 * rounds one at a time (so progress is reported per round and early stopping is ours, on a loss computed in double
 * precision from the validation predictions), and returns the model as UBJSON bytes.
 *
 * <p>Early stopping: after each round the validation loss is computed by {@link Loss}; training stops when it has not
 * improved for {@code earlyStoppingRounds} rounds, and the model is then trained again from scratch for exactly the
 * best number of rounds, so the returned model holds only the trees that prediction uses (XGBoost's training is
 * deterministic for a fixed seed and thread count, so these trees are those of the first run). Native memory is freed
 * before returning. Not thread-safe per call state; distinct calls may run concurrently.
 */
public final class XgbEngine {
    private XgbEngine() {
    }

    /** How validation predictions are scored for early stopping (lower is better). */
    public interface Loss {
        /**
         * The loss of {@code predictions} (rows x outputs, XGBoost's transformed output) against the validation
         * labels.
         */
        double of(float[][] predictions);
    }

    /** A dense data set as XGBoost reads it: row-major floats, NaN = missing. */
    public static final class Data {
        final float[] x;
        final int rows;
        final int cols;
        final float[] labels;
        final float[] weights;

        /**
         * @param x row-major rows x cols values, NaN meaning missing
         * @param labels one label per row (for multi-output objectives, XGBoost's layout)
         * @param weights one weight per row, or null for unit weights
         */
        public Data(float[] x, int rows, int cols, float[] labels, float[] weights) {
            this.x = Objects.requireNonNull(x, "x");
            this.rows = rows;
            this.cols = cols;
            this.labels = Objects.requireNonNull(labels, "labels");
            this.weights = weights;
            if ((long) rows * cols != x.length) {
                throw new IllegalArgumentException(rows + " x " + cols + " values expected but got " + x.length);
            }
        }

        DMatrix toDMatrix() throws XGBoostError {
            DMatrix m = new DMatrix(x, rows, cols, Float.NaN);
            m.setLabel(labels);
            if (weights != null) {
                m.setWeight(weights);
            }
            return m;
        }
    }

    /** What training produced. */
    public static final class Trained {
        private final byte[] model;
        private final int rounds;
        private final int bestRound;
        private final double[] validationLoss;

        Trained(byte[] model, int rounds, int bestRound, double[] validationLoss) {
            this.model = model;
            this.rounds = rounds;
            this.bestRound = bestRound;
            this.validationLoss = validationLoss;
        }

        /** The model as XGBoost UBJSON bytes (the caller owns the array). */
        public byte[] model() {
            return model;
        }

        /** Boosting rounds in the model. */
        public int rounds() {
            return rounds;
        }

        /** The 0-based round with the lowest validation loss, or -1 without validation. */
        public int bestRound() {
            return bestRound;
        }

        /** The validation loss after each round run (empty without validation). */
        public double[] validationLoss() {
            return validationLoss;
        }
    }

    /**
     * Trains a booster.
     *
     * @param params XGBoost parameters (values as XGBoost reads them, e.g. strings)
     * @param rounds the maximum number of boosting rounds
     * @param valid validation data for early stopping, or null
     * @param loss the validation loss, or null when {@code valid} is null
     * @param earlyStoppingRounds rounds without improvement before stopping (0 = run all rounds, still recording the
     *     validation loss)
     * @param listener receives {@code (stage, round, rounds)}
     * @throws IllegalStateException when XGBoost fails, with its message
     */
    public static Trained train(Data train, Map<String, Object> params, int rounds, Data valid, Loss loss,
            int earlyStoppingRounds, String stage, ProgressListener listener) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(listener, "listener");
        DMatrix dtrain = null;
        DMatrix dvalid = null;
        try {
            dtrain = train.toDMatrix();
            dvalid = valid == null ? null : valid.toDMatrix();
            double[] curve = new double[valid == null ? 0 : rounds];
            int best = -1;
            double bestLoss = Double.POSITIVE_INFINITY;
            int run = 0;
            Booster booster = newBooster(dtrain, dvalid, params);
            try {
                for (int r = 0; r < rounds; r++) {
                    booster.update(dtrain, r);
                    run = r + 1;
                    listener.progress(stage, run, rounds);
                    if (dvalid != null) {
                        double l = loss.of(booster.predict(dvalid));
                        curve[r] = l;
                        if (l < bestLoss) {
                            bestLoss = l;
                            best = r;
                        } else if (earlyStoppingRounds > 0 && r - best >= earlyStoppingRounds) {
                            break;
                        }
                    }
                }
                double[] validationLoss = java.util.Arrays.copyOf(curve, dvalid == null ? 0 : run);
                if (earlyStoppingRounds > 0 && best >= 0 && best + 1 < run) {
                    booster.dispose();
                    booster = newBooster(dtrain, null, params);
                    for (int r = 0; r <= best; r++) {
                        booster.update(dtrain, r);
                    }
                    run = best + 1;
                }
                return new Trained(booster.toByteArray("ubj"), run, best, validationLoss);
            } finally {
                booster.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to train: " + e.getMessage(), e);
        } finally {
            if (dtrain != null) {
                dtrain.dispose();
            }
            if (dvalid != null) {
                dvalid.dispose();
            }
        }
    }

    private static Booster newBooster(DMatrix dtrain, DMatrix dvalid, Map<String, Object> params)
            throws XGBoostError {
        Map<String, DMatrix> watches = new LinkedHashMap<>();
        if (dvalid != null) {
            watches.put("valid", dvalid);
        }
        return XGBoost.train(dtrain, new HashMap<>(params), 0, watches, null, null);
    }

    /**
     * A loaded model for prediction.
     *
     * @throws IllegalArgumentException when XGBoost cannot read the bytes
     */
    public static XgbModel load(byte[] model, int nThread) {
        try {
            return new XgbModel(XGBoost.loadModel(model), nThread);
        } catch (XGBoostError e) {
            throw new IllegalArgumentException("XGBoost cannot read the model bytes: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
