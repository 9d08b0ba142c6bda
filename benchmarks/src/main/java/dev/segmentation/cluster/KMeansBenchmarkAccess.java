package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;
import java.util.SplittableRandom;

/**
 * Opens K-Means internals to the JMH benchmarks (same package, benchmarks module only, never published): the
 * fitted-data layout, one Lloyd iteration from fixed centres, and one k-means++ seeding.
 */
public final class KMeansBenchmarkAccess {
    private final KMeansData data;
    private final KMeansRun run;
    private final KMeansPlusPlus init;
    private final int k;

    /** Lays out {@code x} (input order, as a fit with canonical order off) for {@code k} centres on {@code threads}. */
    public KMeansBenchmarkAccess(DataMatrix x, int k, int threads) {
        this.data = KMeansData.of(x, false);
        this.run = new KMeansRun(data, k, threads, false);
        this.init = new KMeansPlusPlus(data, k, threads);
        this.k = k;
    }

    /** One Lloyd iteration (assignment and update) from {@code centres}; returns the total squared shift. */
    public double lloydIteration(double[] centres) {
        return run.iterate(centres);
    }

    /** Greedy k-means++ seeding with a generator seeded by {@code seed}; returns the {@code k x d} centres. */
    public double[] kmeansPlusPlus(long seed) {
        double[] c = new double[k * data.d];
        init.init(new SplittableRandom(seed), c);
        return c;
    }
}
