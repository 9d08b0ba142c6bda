package dev.segmentation.features;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitContext;
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
public interface FeatureExtractor {
    /** The names of the columns this extractor produces, in order. */
    List<String> featureNames();

    /**
     * Computes the features of every entity of {@code transactions}.
     *
     * @throws IllegalArgumentException when the transactions lack what this extractor needs (an item column, an
     *     attribute...), naming it
     */
    FeatureTable extract(Transactions transactions, FitContext context);
}
