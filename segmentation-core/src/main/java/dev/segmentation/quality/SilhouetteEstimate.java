package dev.segmentation.quality;

/**
 * A sampled estimate of the mean silhouette ({@link Silhouette#sampled}): the mean over the sampled rows, its
 * standard error (0 when the whole population was used), and the sizes. Immutable and thread-safe.
 */
public final class SilhouetteEstimate {
    private final double estimate;
    private final double standardError;
    private final int sampleSize;
    private final int population;

    SilhouetteEstimate(double estimate, double standardError, int sampleSize, int population) {
        this.estimate = estimate;
        this.standardError = standardError;
        this.sampleSize = sampleSize;
        this.population = population;
    }

    /** The estimated mean silhouette. */
    public double estimate() {
        return estimate;
    }

    /** Its standard error, with the finite-population correction; 0 when every row was used. */
    public double standardError() {
        return standardError;
    }

    /** Number of rows whose silhouette was computed. */
    public int sampleSize() {
        return sampleSize;
    }

    /** Number of rows in the data. */
    public int population() {
        return population;
    }

    /** True when every row was used, so the estimate is the exact score. */
    public boolean exact() {
        return sampleSize == population;
    }

    @Override
    public String toString() {
        return "SilhouetteEstimate[" + estimate + " +- " + standardError + ", " + sampleSize + " of " + population
                + "]";
    }
}
