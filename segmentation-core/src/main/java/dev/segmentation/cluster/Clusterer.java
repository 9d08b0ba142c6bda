package dev.segmentation.cluster;

import dev.segmentation.pipeline.Frame;
import dev.segmentation.pipeline.PipelineStep;
import dev.segmentation.pipeline.StepFit;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;

/**
 * A clustering algorithm's configuration: immutable, reusable, and separate from what it fits
 * ({@link ClusterModel}). Implementations: {@link KMeans}; density methods follow the same contract and label
 * noise {@code -1}.
 *
 * <p>Contract, checked by one test class for every implementation: {@code fit} never modifies its input; the
 * same data and the same {@link FitContext#seed()} give an identical model for any
 * {@link FitContext#threads()}; labels lie in {@code [-1, clusterCount())}; a matrix with a NaN or infinite value
 * is refused with an {@link IllegalArgumentException} naming the row and column.
 */
public interface Clusterer extends PipelineStep {
    /**
     * Fits a model to the rows of {@code x}.
     *
     * @throws IllegalArgumentException when the data cannot be clustered with these settings (empty input,
     *     non-finite values, more clusters than distinct points...), with a message saying why
     * @throws dev.segmentation.fit.FitCancelledException when the context's cancellation token is cancelled or the
     *     calling thread is interrupted during the fit (the library's clusterers check once per block of rows or
     *     per iteration)
     */
    ClusterModel fit(DataMatrix x, FitContext context);

    /** A short name of the algorithm, e.g. {@code "kmeans"}. */
    String name();

    /** {@code "cluster"}. */
    @Override
    default String stage() {
        return "cluster";
    }

    /** Fits on the frame's representation; the frame gets the training labels (and strengths, when soft). */
    @Override
    default StepFit fit(Frame input, FitContext context) {
        ClusterModel m = fit(input.representation(), context);
        double[] strengths = m instanceof SoftClusterModel ? ((SoftClusterModel) m).strengths() : null;
        return StepFit.of(m, input.withLabels(m.labels(), strengths));
    }
}
