package dev.segmentation.supervised;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Stateful;
import dev.segmentation.supervised.internal.XgbEngine;
import dev.segmentation.supervised.internal.XgbModel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A trained {@link Regressor}: predictions for new rows (one output, or one per quantile level), gain importance,
 * and its state as plain data (step type {@value RegressorStepFactory#TYPE}).
 *
 * <p>Prediction costs O(rows x trees x depth). Features are matched by name in a table; a {@link DataMatrix} must
 * have the training columns in order; NaN is the missing value. Outputs are XGBoost's float32 values widened to
 * double. Immutable; thread-safe; a model restored from its state predicts the same bits.
 */
public final class RegressorModel implements Stateful {
    private final TreeSettings settings;
    private final List<String> featureNames;
    private final double[] quantiles;
    private final double huberSlope;
    private final byte[] model;
    private final int rounds;
    private final int bestRound;
    private final double[] validationLoss;
    private final XgbModel booster;

    RegressorModel(TreeSettings settings, List<String> featureNames, double[] quantiles, double huberSlope,
            byte[] model, int rounds, int bestRound, double[] validationLoss) {
        this.settings = settings;
        this.featureNames = List.copyOf(featureNames);
        this.quantiles = quantiles == null ? null : quantiles.clone();
        this.huberSlope = huberSlope;
        this.model = model.clone();
        this.rounds = rounds;
        this.bestRound = bestRound;
        this.validationLoss = validationLoss.clone();
        this.booster = XgbEngine.load(this.model, settings.nThread);
    }

    /** The training features in the model's column order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Outputs per row: the number of quantile levels, else 1. */
    public int outputs() {
        return quantiles == null ? 1 : quantiles.length;
    }

    /** The quantile levels of the outputs (empty unless quantile regression); a copy. */
    public double[] quantiles() {
        return quantiles == null ? new double[0] : quantiles.clone();
    }

    /** Boosting rounds kept in the model. */
    public int rounds() {
        return rounds;
    }

    /** The 0-based best validation round, or empty without early stopping. */
    public OptionalInt bestRound() {
        return bestRound < 0 ? OptionalInt.empty() : OptionalInt.of(bestRound);
    }

    /** The validation loss after each round run (empty without early stopping); a copy. */
    public double[] validationLoss() {
        return validationLoss.clone();
    }

    /**
     * The first output of each row (the prediction, or the lowest quantile level).
     *
     * @throws IllegalArgumentException when a model feature is missing from the table or a value is infinite
     */
    public double[] predict(FeatureTable x) {
        return column0(predictAll(x));
    }

    /** The first output of each row of a matrix with the training columns in order. */
    public double[] predict(DataMatrix x) {
        return column0(predictAll(x));
    }

    /** All outputs, rows x {@link #outputs()} (for quantile regression, one column per level). */
    public DataMatrix predictAll(FeatureTable x) {
        return outputs(Inputs.floats(x, featureNames, "table to predict"), x.rows());
    }

    /** All outputs of a matrix with the training columns in order. */
    public DataMatrix predictAll(DataMatrix x) {
        return outputs(Inputs.floats(x, featureNames.size(), "matrix to predict"), x.rows());
    }

    private DataMatrix outputs(float[] xs, int n) {
        int m = outputs();
        if (n == 0) {
            return DataMatrix.wrap(0, m, new double[0]);
        }
        return DataMatrix.wrap(n, m, ClassifierModel.widen(booster.predict(xs, n, featureNames.size()), n, m));
    }

    private static double[] column0(DataMatrix p) {
        double[] out = new double[p.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.get(i, 0);
        }
        return out;
    }

    /** XGBoost's gain importance by feature name in column order; 0 for a feature no tree splits on. */
    public Map<String, Double> gainImportance() {
        Map<String, Double> raw = booster.importance("gain");
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < featureNames.size(); j++) {
            Double v = raw.get("f" + j);
            out.put(featureNames.get(j), v == null ? 0.0 : v);
        }
        return out;
    }

    @Override
    public StepState state() {
        StepState.Builder b = StepState.builder(RegressorStepFactory.TYPE, RegressorStepFactory.VERSION)
                .put("rounds", rounds).put("bestRound", bestRound).put("modelBytes", model.length)
                .put("huberSlope", huberSlope);
        settings.putInto(b);
        return b.putStrings("featureNames", featureNames)
                .put("quantiles", quantiles == null ? new double[0] : quantiles)
                .put("validationLoss", validationLoss)
                .put("model", Inputs.pack(model))
                .build();
    }

    static RegressorModel restore(StepState s) {
        double[] q = s.doubles("quantiles");
        byte[] model = Inputs.unpack(s.ints("model"), s.integer("modelBytes"), RegressorStepFactory.TYPE + " state");
        return new RegressorModel(TreeSettings.from(s), s.strings("featureNames"), q.length == 0 ? null : q,
                s.number("huberSlope"), model, s.integer("rounds"), s.integer("bestRound"),
                s.doubles("validationLoss"));
    }

    @Override
    public String toString() {
        return "RegressorModel[" + Regressor.objectiveName(quantiles, huberSlope) + ", " + featureNames.size()
                + " features, " + rounds + " rounds, " + settings + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegressorModel && state().equals(((RegressorModel) o).state());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(model);
    }
}
