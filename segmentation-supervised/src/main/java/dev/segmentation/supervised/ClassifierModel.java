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
import java.util.Objects;

/**
 * A trained {@link Classifier}: class probabilities and predicted classes for new rows, XGBoost's gain importance,
 * and its state as plain data (step type {@value ClassifierStepFactory#TYPE}: the settings, feature names, class
 * weights and the XGBoost model as UBJSON bytes packed in an {@code int[]}).
 *
 * <p>Prediction costs O(rows x trees x depth). Features are matched by name: a table may hold more columns or another
 * order; a {@link DataMatrix} must have the training columns in order. NaN is the missing value. Probabilities are
 * XGBoost's float32 outputs widened to double; for two classes column 0 is {@code 1 - p} computed in double.
 *
 * <p>Immutable; thread-safe (predictions on one model are serialized). A model restored from its state predicts the
 * same bits.
 */
public final class ClassifierModel implements Stateful {
    private final TreeSettings settings;
    private final int classes;
    private final List<String> featureNames;
    private final double[] classWeights;
    private final byte[] model;
    private final int rounds;
    private final int bestRound;
    private final double[] validationLoss;
    private final XgbModel booster;

    ClassifierModel(TreeSettings settings, int classes, List<String> featureNames, double[] classWeights,
            byte[] model, int rounds, int bestRound, double[] validationLoss) {
        this.settings = settings;
        this.classes = classes;
        this.featureNames = List.copyOf(featureNames);
        this.classWeights = classWeights.clone();
        this.model = model.clone();
        this.rounds = rounds;
        this.bestRound = bestRound;
        this.validationLoss = validationLoss.clone();
        this.booster = XgbEngine.load(this.model, settings.nThread);
    }

    /** The number of classes k; predictions lie in {@code 0..k-1}. */
    public int classCount() {
        return classes;
    }

    /** The training features in the model's column order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Boosting rounds kept in the model (with early stopping, the best round + 1). */
    public int rounds() {
        return rounds;
    }

    /** The 0-based round with the lowest validation loss, or empty when trained without early stopping. */
    public java.util.OptionalInt bestRound() {
        return bestRound < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(bestRound);
    }

    /** The validation log loss after each round run (empty without early stopping); a copy. */
    public double[] validationLoss() {
        return validationLoss.clone();
    }

    /** The weight of each class used in training (all 1 without class weights); a copy. */
    public double[] classWeights() {
        return classWeights.clone();
    }

    /**
     * Class probabilities, rows x k (rows sum to 1 up to float rounding).
     *
     * @throws IllegalArgumentException when a model feature is missing from the table or a value is infinite
     */
    public DataMatrix probabilities(FeatureTable x) {
        return probabilities(Inputs.floats(x, featureNames, "table to predict"), x.rows());
    }

    /**
     * Class probabilities of a matrix with the training columns in order.
     *
     * @throws IllegalArgumentException when the column count differs or a value is infinite
     */
    public DataMatrix probabilities(DataMatrix x) {
        return probabilities(Inputs.floats(x, featureNames.size(), "matrix to predict"), x.rows());
    }

    /** The most probable class of each row (the lowest class on ties; for two classes, 1 when p > 0.5). */
    public int[] predict(FeatureTable x) {
        return argmax(probabilities(x));
    }

    /** The most probable class of each row of a matrix with the training columns in order. */
    public int[] predict(DataMatrix x) {
        return argmax(probabilities(x));
    }

    private DataMatrix probabilities(float[] xs, int n) {
        int d = featureNames.size();
        double[] out = new double[n * classes];
        if (n == 0) {
            return DataMatrix.wrap(0, classes, out);
        }
        float[][] p = booster.predict(xs, n, d);
        for (int i = 0; i < n; i++) {
            if (classes == 2) {
                double p1 = p[i][0];
                out[2 * i] = 1 - p1;
                out[2 * i + 1] = p1;
            } else {
                for (int c = 0; c < classes; c++) {
                    out[i * classes + c] = p[i][c];
                }
            }
        }
        return DataMatrix.wrap(n, classes, out);
    }

    private static int[] argmax(DataMatrix p) {
        int n = p.rows();
        int k = p.cols();
        double[] v = p.toArray();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (v[i * k + c] > v[i * k + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * XGBoost's gain importance: the mean loss reduction of the splits on each feature, by feature name in the
     * model's column order; 0 for a feature no tree splits on.
     */
    public Map<String, Double> gainImportance() {
        return importance("gain");
    }

    /** XGBoost's importance of another type: "weight", "cover", "total_gain" or "total_cover" (as {@link #gainImportance()}). */
    public Map<String, Double> importance(String type) {
        Objects.requireNonNull(type, "type");
        if (!List.of("gain", "weight", "cover", "total_gain", "total_cover").contains(type)) {
            throw new IllegalArgumentException("importance type must be one of gain, weight, cover, total_gain,"
                    + " total_cover but was '" + type + "'");
        }
        Map<String, Double> raw = booster.importance(type);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < featureNames.size(); j++) {
            Double v = raw.get("f" + j);
            out.put(featureNames.get(j), v == null ? 0.0 : v);
        }
        return out;
    }

    /**
     * SHAP contributions (TreeSHAP, Lundberg et al. 2020) of each feature to the margin (log-odds), as XGBoost
     * computes them: rows x (d + 1) for two classes (last column the bias), rows x k(d + 1) for k classes (class
     * blocks of d + 1). Each block adds up to that class's margin (up to float rounding).
     */
    public DataMatrix contributions(FeatureTable x) {
        float[] xs = Inputs.floats(x, featureNames, "table to explain");
        int n = x.rows();
        int width = (featureNames.size() + 1) * (classes == 2 ? 1 : classes);
        float[][] c = booster.contributions(xs, n, featureNames.size());
        return DataMatrix.wrap(n, width, widen(c, n, width));
    }

    /** The margin (log-odds; rows x 1 for two classes, rows x k otherwise) that {@link #contributions} add up to. */
    public DataMatrix margins(FeatureTable x) {
        float[] xs = Inputs.floats(x, featureNames, "table to explain");
        int n = x.rows();
        int width = classes == 2 ? 1 : classes;
        return DataMatrix.wrap(n, width, widen(booster.margin(xs, n, featureNames.size()), n, width));
    }

    static double[] widen(float[][] a, int n, int width) {
        double[] out = new double[n * width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                out[i * width + j] = a[i][j];
            }
        }
        return out;
    }

    /** The XGBoost model in XGBoost's JSON format (for inspection or other XGBoost bindings). */
    public byte[] xgboostJson() {
        return booster.bytes("json");
    }

    @Override
    public StepState state() {
        StepState.Builder b = StepState.builder(ClassifierStepFactory.TYPE, ClassifierStepFactory.VERSION)
                .put("classes", classes).put("rounds", rounds).put("bestRound", bestRound)
                .put("modelBytes", model.length);
        settings.putInto(b);
        return b.putStrings("featureNames", featureNames)
                .put("classWeights", classWeights)
                .put("validationLoss", validationLoss)
                .put("model", Inputs.pack(model))
                .build();
    }

    static ClassifierModel restore(StepState s) {
        TreeSettings settings = TreeSettings.from(s);
        int classes = s.integer("classes");
        if (classes < 2) {
            throw new IllegalArgumentException(ClassifierStepFactory.TYPE + " state: classes must be >= 2 but was "
                    + classes);
        }
        double[] cw = s.doubles("classWeights");
        if (cw.length != classes) {
            throw new IllegalArgumentException(ClassifierStepFactory.TYPE + " state: classWeights has " + cw.length
                    + " entries but classes is " + classes);
        }
        byte[] model = Inputs.unpack(s.ints("model"), s.integer("modelBytes"), ClassifierStepFactory.TYPE + " state");
        return new ClassifierModel(settings, classes, s.strings("featureNames"), cw, model, s.integer("rounds"),
                s.integer("bestRound"), s.doubles("validationLoss"));
    }

    @Override
    public String toString() {
        return "ClassifierModel[" + classes + " classes, " + featureNames.size() + " features, " + rounds
                + " rounds, " + settings + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassifierModel && state().equals(((ClassifierModel) o).state());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(model);
    }
}
