package dev.segmentation.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of {@link BootstrapStability}: per original segment, the mean best-match Jaccard similarity over the
 * resamples and Hennig's reading. Immutable and thread-safe.
 */
public final class StabilityReport {
    /** Hennig's (2007) reading of a mean Jaccard similarity. */
    public enum Reading {
        /** Mean Jaccard at least 0.85. */
        HIGHLY_STABLE,
        /** At least 0.75: a valid, stable segment. */
        STABLE,
        /** Above 0.5 and below 0.75: shows a pattern, but membership is doubtful. */
        DOUBTFUL,
        /** At most 0.5: the segment dissolves under resampling. */
        DISSOLVED;

        /** The reading of mean Jaccard {@code j}. */
        public static Reading of(double j) {
            if (j >= 0.85) {
                return HIGHLY_STABLE;
            }
            if (j >= 0.75) {
                return STABLE;
            }
            if (j > 0.5) {
                return DOUBTFUL;
            }
            return DISSOLVED;
        }
    }

    /**
     * One segment's stability.
     *
     * @param segment the segment label
     * @param meanJaccard mean best-match Jaccard over the resamples containing the segment, in [0, 1]
     * @param resamplesPresent resamples containing at least one of its rows
     * @param dissolved resamples where the best Jaccard was at most 0.5
     * @param recovered resamples where the best Jaccard exceeded 0.75
     * @param reading Hennig's reading of {@code meanJaccard}
     */
    public record SegmentStability(int segment, double meanJaccard, int resamplesPresent, int dissolved,
            int recovered, Reading reading) {
    }

    private final BootstrapStability.Resampling resampling;
    private final int resamples;
    private final List<SegmentStability> segments;

    StabilityReport(BootstrapStability.Resampling resampling, int resamples, int[] segs, double[] mean,
            int[] present, int[] dissolved, int[] recovered) {
        this.resampling = resampling;
        this.resamples = resamples;
        List<SegmentStability> l = new ArrayList<>(segs.length);
        for (int c = 0; c < segs.length; c++) {
            l.add(new SegmentStability(segs[c], mean[c], present[c], dissolved[c], recovered[c],
                    Reading.of(mean[c])));
        }
        this.segments = Collections.unmodifiableList(l);
    }

    /** Per segment, by ascending label (unmodifiable). */
    public List<SegmentStability> segments() {
        return segments;
    }

    /** The entry of segment {@code label}. @throws IllegalArgumentException when there is no such segment */
    public SegmentStability segment(int label) {
        for (SegmentStability s : segments) {
            if (s.segment() == label) {
                return s;
            }
        }
        throw new IllegalArgumentException("no segment " + label);
    }

    /** The resampling scheme used. */
    public BootstrapStability.Resampling resampling() {
        return resampling;
    }

    /** Number of resamples. */
    public int resamples() {
        return resamples;
    }

    /** The lowest mean Jaccard over the segments. */
    public double minMeanJaccard() {
        double m = Double.POSITIVE_INFINITY;
        for (SegmentStability s : segments) {
            m = Math.min(m, s.meanJaccard());
        }
        return m;
    }

    @Override
    public String toString() {
        return "StabilityReport[" + resampling + " x " + resamples + ", " + segments + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StabilityReport && ((StabilityReport) o).segments.equals(segments)
                && ((StabilityReport) o).resamples == resamples && ((StabilityReport) o).resampling == resampling;
    }

    @Override
    public int hashCode() {
        return segments.hashCode() * 31 + resamples;
    }
}
