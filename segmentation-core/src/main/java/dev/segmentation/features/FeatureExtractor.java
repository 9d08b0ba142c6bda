package dev.segmentation.features;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitContext;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.pipeline.PipelineStep;
import dev.segmentation.pipeline.StepFit;
import java.util.List;

/**
 * Turns transactions into one row of named features per entity. Extractors are immutable configurations; they
 * hold no state learned from data, so applying one to new transactions is the same computation as at fit time.
 *
 * <p>The returned table lists the entities of the input in the input's entity order
 * ({@link Transactions#entityIds()}), with the columns {@link #featureNames()}. An extractor may leave out an
 * entity it cannot describe (RFM, say, when every row of the entity was excluded as a return); it documents
 * when, and logs how many. The {@link dev.segmentation.Segmenter} keeps the entities every extractor described
 * and reports how many were dropped. Implementations are thread-safe.
 */
public interface FeatureExtractor extends PipelineStep, FittedStep {
    /** The names of the columns this extractor produces, in order. */
    List<String> featureNames();

    /**
     * Computes the features of every entity of {@code transactions}.
     *
     * @throws IllegalArgumentException when the transactions lack what this extractor needs (an item column, an
     *     attribute...), naming it
     * @throws dev.segmentation.fit.FitCancelledException when the context's cancellation token is cancelled or the
     *     calling thread is interrupted (the library's extractors check once per block of entities)
     */
    FeatureTable extract(Transactions transactions, FitContext context);

    /** {@code "features"}. */
    @Override
    default String stage() {
        return "features";
    }

    @Override
    default Input input() {
        return Input.TRANSACTIONS;
    }

    /**
     * Extracts this extractor's features from the frame's transactions and joins them to the features already
     * there: entities both describe stay, the others are excluded as not described by this extractor.
     *
     * @throws IllegalStateException when the extractor produced other columns than {@link #featureNames()}
     */
    @Override
    default Frame apply(Frame input, FitContext context) {
        Transactions tx = input.transactions(toString());
        FeatureTable t = tx.isEmpty() ? FeatureTable.wrap(new String[0], featureNames().toArray(new String[0]),
                new double[0]) : extract(tx, context);
        if (!t.featureNames().equals(featureNames())) {
            throw new IllegalStateException("extractor " + this + " promised features " + featureNames()
                    + " but produced " + t.featureNames());
        }
        return input.joinFeatures(t, toString());
    }

    /**
     * As {@link #apply}: an extractor learns nothing, so the fitted step is the extractor itself.
     *
     * @throws IllegalArgumentException when no entity is left described
     */
    @Override
    default StepFit fit(Frame input, FitContext context) {
        Frame out = apply(input, context);
        if (out.rows() == 0) {
            throw new IllegalArgumentException("no entity could be described by the feature extractors ("
                    + input.transactions(toString()).entityCount() + " entities in the transactions)");
        }
        return StepFit.of(this, out);
    }
}
