package dev.segmentation.evaluation;

import dev.segmentation.cluster.Clusterer;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.internal.Seeds;
import dev.segmentation.quality.ExternalIndices;
import java.util.Objects;

/**
 * Seed-to-seed agreement: the clusterer is fitted {@code runs} times on the same data with seeds derived from
 * the context's stage {@code "seeds"} seed, and every pair of labellings is compared by the adjusted Rand index
 * (noise {@code -1} compared as a class, as in scikit-learn). A mean near 1 says the result does not hinge on
 * the seed.
 *
 * <p>Cost: {@code runs} fits plus O(runs^2 n). Deterministic for a seed and any thread count (fits use the
 * context's threads). Stateless and thread-safe.
 */
public final class SeedStability {
    private SeedStability() {
    }

    /**
     * Fits {@code clusterer} {@code runs} times and compares the labellings pairwise.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code runs < 2}; errors of the clusterer's fit propagate
     */
    public static Result assess(DataMatrix x, Clusterer clusterer, FitContext context, int runs) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(clusterer, "clusterer");
        Objects.requireNonNull(context, "context");
        if (runs < 2) {
            throw new IllegalArgumentException("runs must be >= 2 but was " + runs);
        }
        long base = context.stage("seeds").seed();
        int[][] labels = new int[runs][];
        for (int r = 0; r < runs; r++) {
            labels[r] = clusterer.fit(x, context.withSeed(Seeds.derive(base, r))).labels();
            context.listener().progress("seed-stability", r + 1, runs);
        }
        int pairs = runs * (runs - 1) / 2;
        double[] ari = new double[pairs];
        int p = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int a = 0; a < runs; a++) {
            for (int b = a + 1; b < runs; b++) {
                ari[p] = ExternalIndices.adjustedRandIndex(labels[a], labels[b]);
                sum += ari[p];
                min = Math.min(min, ari[p]);
                p++;
            }
        }
        return new Result(runs, sum / pairs, min, ari);
    }

    /**
     * Pairwise agreement of the runs.
     *
     * @param runs number of fits
     * @param meanAri mean ARI over all pairs
     * @param minAri smallest ARI over all pairs
     * @param pairwiseAri ARI of each pair (a, b) with a before b, in row-major order
     */
    public record Result(int runs, double meanAri, double minAri, double[] pairwiseAri) {
        /** Copies the array. */
        public Result {
            pairwiseAri = pairwiseAri.clone();
        }

        /** The pairwise ARIs (a copy). */
        @Override
        public double[] pairwiseAri() {
            return pairwiseAri.clone();
        }
    }
}
