/**
 * Supervised models fed by the segments: a {@link dev.segmentation.supervised.Classifier} (segment of a new
 * customer, response) and a {@link dev.segmentation.supervised.Regressor} (demand), both tree ensembles on XGBoost
 * (gradient boosting or random-forest mode), with their evaluation (stratified k-fold cross-validation, scikit-learn's
 * classification metrics, permutation importance).
 *
 * <p>No XGBoost type appears in a public signature: the glue lives in {@code dev.segmentation.supervised.internal},
 * which applications must not use. Trained models are immutable, thread-safe and implement
 * {@link dev.segmentation.state.Stateful}; their factories are registered as
 * {@code META-INF/services/dev.segmentation.state.StepFactory}. Sub-packages (e.g. {@code forecast}) may import this
 * package; this package imports core, its own internal package, and
 * segmentation-io for {@link dev.segmentation.supervised.ClassifierPipeline}'s model file (io's {@code StepFiles}).
 */
package dev.segmentation.supervised;
