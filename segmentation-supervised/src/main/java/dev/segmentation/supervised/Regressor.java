package dev.segmentation.supervised;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.fit.ProgressListener;
import dev.segmentation.supervised.internal.XgbEngine;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tree-ensemble regressor on XGBoost, the same shape as {@link Classifier}: gradient boosting or random-forest
 * mode, with one of three objectives: squared error ({@code reg:squarederror}, the default), quantile regression
 * ({@code reg:quantileerror} with {@code quantile_alpha}, one output per quantile, Koenker and Bassett 1978) or
 * pseudo-Huber ({@code reg:pseudohubererror} with {@code huber_slope}, robust to outliers).
 *
 * <p>{@link #fit} trains an immutable {@link RegressorModel}. Costs, missing values, determinism and thread safety are
 * as for {@link Classifier}. Early stopping scores the validation fold with the objective's own loss (mean squared
 * error, mean pinball loss over the quantiles, or mean pseudo-Huber loss).
 */
public final class Regressor {
    private final TreeSettings settings;
    private final double[] quantiles;
    private final double huberSlope;

    private Regressor(TreeSettings settings, double[] quantiles, double huberSlope) {
        this.settings = settings;
        this.quantiles = quantiles;
        this.huberSlope = huberSlope;
    }

    /** A builder with XGBoost's gradient-boosting defaults and the squared-error objective. */
    public static Builder gradientBoosting() {
        return new Builder();
    }

    /** A builder preset as in {@link Classifier#randomForest()}, with the squared-error objective. */
    public static Builder randomForest() {
        Builder b = new Builder();
        b.presetRandomForest();
        return b;
    }

    /** Trains on a table and a target per row. @see #fit(FeatureTable, double[], double[], ProgressListener) */
    public RegressorModel fit(FeatureTable x, double[] targets) {
        return fit(x, targets, null, ProgressListener.NONE);
    }

    /** Trains on a matrix whose columns are named {@code f0, f1, ...}. @see #fit(FeatureTable, double[], double[], ProgressListener) */
    public RegressorModel fit(DataMatrix x, double[] targets) {
        return fit(x, targets, null, ProgressListener.NONE);
    }

    /**
     * Trains on a matrix whose columns are named {@code f0, f1, ...}, with a weight per row (or null).
     *
     * @see #fit(FeatureTable, double[], double[], ProgressListener)
     */
    public RegressorModel fit(DataMatrix x, double[] targets, double[] sampleWeights, ProgressListener listener) {
        Objects.requireNonNull(x, "x");
        return fit(Inputs.floats(x, x.cols(), "training matrix"), x.rows(), Inputs.defaultNames(x.cols()), targets,
                sampleWeights, listener);
    }

    /**
     * Trains on the table's rows and all its columns, reporting each boosting round to {@code listener}.
     *
     * @param targets a finite target per row
     * @param sampleWeights a weight per row, or null
     * @throws IllegalArgumentException when the lengths differ from the rows, a target is not finite (naming the row),
     *     a weight is negative or not finite, or a feature value is infinite
     * @throws IllegalStateException when XGBoost fails
     */
    public RegressorModel fit(FeatureTable x, double[] targets, double[] sampleWeights, ProgressListener listener) {
        Objects.requireNonNull(x, "x");
        return fit(Inputs.floats(x, x.featureNames(), "training table"), x.rows(), x.featureNames(), targets,
                sampleWeights, listener);
    }

    private RegressorModel fit(float[] xs, int n, List<String> names, double[] targets, double[] sampleWeights,
            ProgressListener listener) {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(listener, "listener");
        int d = names.size();
        if (targets.length != n) {
            throw new IllegalArgumentException("targets has " + targets.length + " entries but there are " + n
                    + " rows");
        }
        if (n == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) targets[i];
            if (!Float.isFinite(y[i])) {
                throw new IllegalArgumentException("targets[" + i + "] is " + targets[i]
                        + ", which is not a finite float");
            }
        }
        float[] w = Inputs.weights(sampleWeights, n);
        Map<String, Object> params = settings.xgboostParams();
        if (quantiles != null) {
            params.put("objective", "reg:quantileerror");
            StringBuilder a = new StringBuilder("[");
            for (int q = 0; q < quantiles.length; q++) {
                a.append(q == 0 ? "" : ",").append(quantiles[q]);
            }
            params.put("quantile_alpha", a.append(']').toString());
        } else if (huberSlope > 0) {
            params.put("objective", "reg:pseudohubererror");
            params.put("huber_slope", Double.toString(huberSlope));
        } else {
            params.put("objective", "reg:squarederror");
        }
        XgbEngine.Data train;
        XgbEngine.Data valid = null;
        XgbEngine.Loss loss = null;
        if (settings.earlyStoppingRounds > 0) {
            boolean[] held = StratifiedKFold.holdout(new int[n], settings.validationFraction, settings.seed);
            int[][] split = Inputs.holdoutRows(held, settings.validationFraction);
            int[] tr = split[0];
            int[] va = split[1];
            int nv = va.length;
            train = new XgbEngine.Data(Inputs.rows(xs, d, tr), tr.length, d, Inputs.pick(y, tr), Inputs.pick(w, tr));
            float[] vw = Inputs.pick(w, va);
            double[] vy = new double[nv];
            for (int b = 0; b < nv; b++) {
                vy[b] = y[va[b]];
            }
            valid = new XgbEngine.Data(Inputs.rows(xs, d, va), nv, d, Inputs.pick(y, va), vw);
            loss = p -> Losses.regression(vy, p, vw, quantiles, huberSlope);
        } else {
            train = new XgbEngine.Data(xs, n, d, y, w);
        }
        XgbEngine.Trained t = XgbEngine.train(train, params, settings.nRounds, valid, loss,
                settings.earlyStoppingRounds, "xgboost regressor rounds", listener);
        return new RegressorModel(settings, names, quantiles, huberSlope, t.model(), t.rounds(), t.bestRound(),
                t.validationLoss());
    }

    @Override
    public String toString() {
        return "Regressor[" + objectiveName(quantiles, huberSlope) + ", " + settings + "]";
    }

    static String objectiveName(double[] quantiles, double huberSlope) {
        return quantiles != null ? "quantiles " + Arrays.toString(quantiles)
                : huberSlope > 0 ? "pseudo-Huber slope " + huberSlope : "squared error";
    }

    /** Collects a regressor's settings; see {@link TreeEnsembleBuilder} for the tree settings. */
    public static final class Builder extends TreeEnsembleBuilder<Builder> {
        private double[] quantiles;
        private double huberSlope;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** The squared-error objective (the default); clears quantiles and pseudo-Huber. */
        public Builder squaredError() {
            quantiles = null;
            huberSlope = 0;
            return this;
        }

        /**
         * Quantile regression ({@code reg:quantileerror}): one output per quantile level, in this order.
         *
         * @throws IllegalArgumentException when no level is given, a level is not in (0, 1), or levels repeat or
         *     are not increasing
         */
        public Builder quantiles(double... alphas) {
            Objects.requireNonNull(alphas, "alphas");
            if (alphas.length == 0) {
                throw new IllegalArgumentException("quantiles needs at least one level");
            }
            for (int q = 0; q < alphas.length; q++) {
                if (!(alphas[q] > 0 && alphas[q] < 1)) {
                    throw new IllegalArgumentException("quantile level " + q + " must be in (0, 1) but was "
                            + alphas[q]);
                }
                if (q > 0 && !(alphas[q] > alphas[q - 1])) {
                    throw new IllegalArgumentException("quantile levels must increase but were "
                            + Arrays.toString(alphas));
                }
            }
            quantiles = alphas.clone();
            huberSlope = 0;
            return this;
        }

        /**
         * The pseudo-Huber objective ({@code reg:pseudohubererror}) with {@code huber_slope} delta.
         *
         * @throws IllegalArgumentException when the slope is not finite and positive
         */
        public Builder pseudoHuber(double slope) {
            if (!(slope > 0 && slope < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("pseudoHuber slope must be finite and > 0 but was " + slope);
            }
            huberSlope = slope;
            quantiles = null;
            return this;
        }

        /** The regressor. @throws IllegalStateException when early stopping is set with one round */
        public Regressor build() {
            return new Regressor(settings(), quantiles == null ? null : quantiles.clone(), huberSlope);
        }
    }
}
