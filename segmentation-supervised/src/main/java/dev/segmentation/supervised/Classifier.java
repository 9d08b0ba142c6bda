package dev.segmentation.supervised;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.fit.ProgressListener;
import dev.segmentation.supervised.internal.XgbEngine;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tree-ensemble classifier on XGBoost (Chen and Guestrin 2016): gradient-boosted trees, or a random forest
 * (Breiman 2001) grown by XGBoost's random-forest mode (many parallel trees in one round, learning rate 1, row
 * subsampling and per-node column subsampling). Two classes use {@code binary:logistic}, more use
 * {@code multi:softprob}; labels are class indices {@code 0..k-1}.
 *
 * <p>This is the specification; {@link #fit} trains an immutable {@link ClassifierModel}. Training costs about
 * O(rounds x parallel trees x (n x d + bins x d x 2^depth)) with the histogram method.
 *
 * <p><b>Missing values:</b> NaN features are XGBoost's missing value: each split sends them to the branch learnt for
 * them. Infinite values are refused. <b>Determinism:</b> the same data, settings and seed give an identical model
 * (same bytes of XGBoost's JSON) and identical prediction bits. Other thread counts ({@code nThread}) were measured
 * to give the same model too: 1, 2 and 4 threads on 3,000 rows with row and column subsampling
 * ({@code DeterminismTest}, in the suite), and 1, 2 and 4 threads on 1,000,000 rows x 20 features, 100 rounds of
 * depth 6 (benchmarks {@code ClassifierScaleRun}; figures in benchmarks/README.md). XGBoost's histogram method sums
 * gradients per feature and node in a fixed order, so this is expected, but it is XGBoost's property, measured on
 * XGBoost4J 3.4.0 on Linux x86-64, not a guarantee of ours: re-measure after an XGBoost upgrade. <b>Thread
 * safety:</b> immutable; {@code fit} may be called from several threads at once.
 */
public final class Classifier {
    private final TreeSettings settings;
    private final int nClasses;
    private final double[] classWeights;
    private final boolean balanced;

    private Classifier(Builder b, TreeSettings settings) {
        this.settings = settings;
        this.nClasses = b.nClasses;
        this.classWeights = b.classWeights == null ? null : b.classWeights.clone();
        this.balanced = b.balanced;
    }

    /** A builder with XGBoost's gradient-boosting defaults (100 rounds, eta 0.3, depth 6). */
    public static Builder gradientBoosting() {
        return new Builder();
    }

    /**
     * A builder preset as a random forest in XGBoost's random-forest mode: one round of 100 parallel trees, eta 1,
     * subsample 0.8, colsampleBynode 0.8, maxDepth 12 (settings may still be changed).
     */
    public static Builder randomForest() {
        Builder b = new Builder();
        b.presetRandomForest();
        return b;
    }

    /** Trains on a feature table and class labels {@code 0..k-1}, one per row. @see #fit(FeatureTable, int[], double[], ProgressListener) */
    public ClassifierModel fit(FeatureTable x, int[] labels) {
        return fit(x, labels, null, ProgressListener.NONE);
    }

    /** Trains with a weight per row. @see #fit(FeatureTable, int[], double[], ProgressListener) */
    public ClassifierModel fit(FeatureTable x, int[] labels, double[] sampleWeights) {
        return fit(x, labels, sampleWeights, ProgressListener.NONE);
    }

    /**
     * Trains on a matrix whose columns are named {@code f0, f1, ...}.
     *
     * @see #fit(FeatureTable, int[], double[], ProgressListener)
     */
    public ClassifierModel fit(DataMatrix x, int[] labels) {
        Objects.requireNonNull(x, "x");
        List<String> names = Inputs.defaultNames(x.cols());
        return fit(Inputs.floats(x, x.cols(), "training matrix"), x.rows(), names, labels, null,
                ProgressListener.NONE);
    }

    /**
     * Trains on the table's rows and all its columns, reporting each boosting round to {@code listener}.
     *
     * @param labels class of each row in {@code 0..k-1}, where k is {@link Builder#nClasses(int)} or else the largest
     *     label + 1; every class must occur
     * @param sampleWeights a weight per row (multiplied by the class weights), or null
     * @throws IllegalArgumentException when the labels' length differs from the rows, a label is negative or not
     *     below k, a class has no row, there is only one class, a weight is negative or not finite, the class
     *     weights do not have k entries, or a feature value is infinite (naming row, entity and column)
     * @throws IllegalStateException when XGBoost fails
     */
    public ClassifierModel fit(FeatureTable x, int[] labels, double[] sampleWeights, ProgressListener listener) {
        Objects.requireNonNull(x, "x");
        List<String> names = x.featureNames();
        return fit(Inputs.floats(x, names, "training table"), x.rows(), names, labels, sampleWeights, listener);
    }

    private ClassifierModel fit(float[] xs, int n, List<String> names, int[] labels, double[] sampleWeights,
            ProgressListener listener) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(listener, "listener");
        int d = names.size();
        if (labels.length != n) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries but there are " + n
                    + " rows");
        }
        int k = nClasses;
        int max = -1;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels[" + i + "] must be >= 0 but was " + labels[i]);
            }
            if (nClasses > 0 && labels[i] >= nClasses) {
                throw new IllegalArgumentException("labels[" + i + "] is " + labels[i] + " but nClasses is "
                        + nClasses);
            }
            max = Math.max(max, labels[i]);
        }
        if (k == 0) {
            k = max + 1;
        }
        long[] count = new long[Math.max(k, 1)];
        for (int y : labels) {
            count[y]++;
        }
        if (max <= 0 || n == 0) {
            throw new IllegalArgumentException("labels hold " + (n == 0 ? "no rows" : "one class (" + max + ") only")
                    + ": a classifier needs at least two classes");
        }
        for (int c = 0; c < k; c++) {
            if (count[c] == 0) {
                throw new IllegalArgumentException("class " + c + " of 0.." + (k - 1) + " has no training row");
            }
        }
        if (classWeights != null && classWeights.length != k) {
            throw new IllegalArgumentException("classWeights has " + classWeights.length + " entries but there are "
                    + k + " classes");
        }
        double[] cw = new double[k];
        for (int c = 0; c < k; c++) {
            cw[c] = classWeights != null ? classWeights[c] : balanced ? (double) n / (k * (double) count[c]) : 1;
        }
        float[] w = Inputs.weights(sampleWeights, n);
        if (classWeights != null || balanced) {
            if (w == null) {
                w = new float[n];
                java.util.Arrays.fill(w, 1f);
            }
            for (int i = 0; i < n; i++) {
                w[i] = (float) (w[i] * cw[labels[i]]);
            }
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels[i];
        }
        Map<String, Object> params = settings.xgboostParams();
        if (k == 2) {
            params.put("objective", "binary:logistic");
        } else {
            params.put("objective", "multi:softprob");
            params.put("num_class", Integer.toString(k));
        }
        XgbEngine.Data train;
        XgbEngine.Data valid = null;
        XgbEngine.Loss loss = null;
        if (settings.earlyStoppingRounds > 0) {
            boolean[] held = StratifiedKFold.holdout(labels, settings.validationFraction, settings.seed);
            int[][] split = Inputs.holdoutRows(held, settings.validationFraction);
            int[] tr = split[0];
            int[] va = split[1];
            int nv = va.length;
            train = new XgbEngine.Data(Inputs.rows(xs, d, tr), tr.length, d, Inputs.pick(y, tr), Inputs.pick(w, tr));
            float[] vw = Inputs.pick(w, va);
            int[] vy = new int[nv];
            for (int b = 0; b < nv; b++) {
                vy[b] = labels[va[b]];
            }
            valid = new XgbEngine.Data(Inputs.rows(xs, d, va), nv, d, Inputs.pick(y, va), vw);
            final int classes = k;
            loss = p -> Losses.logLoss(vy, p, classes, vw);
        } else {
            train = new XgbEngine.Data(xs, n, d, y, w);
        }
        XgbEngine.Trained t = XgbEngine.train(train, params, settings.nRounds, valid, loss,
                settings.earlyStoppingRounds, "xgboost classifier rounds", listener);
        return new ClassifierModel(settings, k, names, cw, t.model(), t.rounds(), t.bestRound(),
                t.validationLoss());
    }

    @Override
    public String toString() {
        return "Classifier[" + settings + (nClasses > 0 ? ", nClasses=" + nClasses : "")
                + (classWeights != null ? ", classWeights=" + java.util.Arrays.toString(classWeights) : "")
                + (balanced ? ", balanced class weights" : "") + "]";
    }

    /** Collects a classifier's settings; see {@link TreeEnsembleBuilder} for the tree settings. */
    public static final class Builder extends TreeEnsembleBuilder<Builder> {
        private int nClasses;
        private double[] classWeights;
        private boolean balanced;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * The number of classes k (default: the largest training label + 1). Every class must occur in training.
         *
         * @throws IllegalArgumentException when below 2
         */
        public Builder nClasses(int nClasses) {
            if (nClasses < 2) {
                throw new IllegalArgumentException("nClasses must be >= 2 but was " + nClasses);
            }
            this.nClasses = nClasses;
            return this;
        }

        /**
         * A weight per class, multiplying each row's sample weight (scikit-learn's {@code class_weight} as a list).
         *
         * @throws IllegalArgumentException when empty, or a weight is not finite and positive (naming the class)
         */
        public Builder classWeights(double... weights) {
            Objects.requireNonNull(weights, "weights");
            if (weights.length == 0) {
                throw new IllegalArgumentException("classWeights must not be empty");
            }
            for (int c = 0; c < weights.length; c++) {
                if (!(weights[c] > 0 && weights[c] < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException("classWeights[" + c + "] must be finite and > 0 but was "
                            + weights[c]);
                }
            }
            this.classWeights = weights.clone();
            return this;
        }

        /**
         * Weights classes by {@code n / (k x count of the class)}, scikit-learn's {@code class_weight="balanced"}.
         */
        public Builder balancedClassWeights() {
            this.balanced = true;
            return this;
        }

        /**
         * The classifier.
         *
         * @throws IllegalStateException when both explicit and balanced class weights are set, the class weights'
         *     length differs from nClasses, or early stopping is set with one round
         */
        public Classifier build() {
            if (balanced && classWeights != null) {
                throw new IllegalStateException("classWeights " + java.util.Arrays.toString(classWeights)
                        + " and balancedClassWeights() are both set: choose one");
            }
            if (classWeights != null && nClasses > 0 && classWeights.length != nClasses) {
                throw new IllegalStateException("classWeights has " + classWeights.length + " entries but nClasses is "
                        + nClasses);
            }
            return new Classifier(this, settings());
        }
    }
}
