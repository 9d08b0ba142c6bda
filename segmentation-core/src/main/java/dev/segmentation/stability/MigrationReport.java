package dev.segmentation.stability;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link Migration}: the transition matrix over the segment IDs of both labellings, the entered and left
 * entities. Immutable and thread-safe; arrays are copied.
 */
public final class MigrationReport {
    private final int[] segments;
    private final long[] counts;
    private final long[] entered;
    private final long[] left;
    private final List<String> enteredIds;
    private final List<String> leftIds;

    MigrationReport(int[] segments, long[] counts, long[] entered, long[] left, List<String> enteredIds,
            List<String> leftIds) {
        this.segments = segments;
        this.counts = counts;
        this.entered = entered;
        this.left = left;
        this.enteredIds = List.copyOf(enteredIds);
        this.leftIds = List.copyOf(leftIds);
    }

    /** The segment IDs indexing rows (previous) and columns (new), ascending (a copy). */
    public int[] segments() {
        return segments.clone();
    }

    int[] segmentsRef() {
        return segments;
    }

    long[] countsRef() {
        return counts;
    }

    /** The transition counts, row-major {@code s x s}: row = previous segment, column = new (a copy). */
    public long[] counts() {
        return counts.clone();
    }

    /**
     * Entities in both segmentations that moved from segment ID {@code from} to {@code to}.
     *
     * @throws IllegalArgumentException when either is not one of {@link #segments()}
     */
    public long count(int from, int to) {
        return counts[pos(from) * segments.length + pos(to)];
    }

    /**
     * The share of the entities of previous segment {@code from} (among those still present) now in {@code to};
     * 0 when none of {@code from}'s entities is still present.
     *
     * @throws IllegalArgumentException when either is not one of {@link #segments()}
     */
    public double share(int from, int to) {
        int a = pos(from);
        long row = 0;
        for (int b = 0; b < segments.length; b++) {
            row += counts[a * segments.length + b];
        }
        return row == 0 ? 0.0 : counts[a * segments.length + pos(to)] / (double) row;
    }

    /** The row shares, row-major {@code s x s}; rows without entities are 0. */
    public double[] shares() {
        int s = segments.length;
        double[] out = new double[s * s];
        for (int a = 0; a < s; a++) {
            long row = 0;
            for (int b = 0; b < s; b++) {
                row += counts[a * s + b];
            }
            for (int b = 0; b < s; b++) {
                out[a * s + b] = row == 0 ? 0.0 : counts[a * s + b] / (double) row;
            }
        }
        return out;
    }

    /** Entities in both segmentations. */
    public long shared() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** Entities in both that kept their segment. */
    public long stayed() {
        long t = 0;
        for (int a = 0; a < segments.length; a++) {
            t += counts[a * segments.length + a];
        }
        return t;
    }

    /** Entities only in the new segmentation, per new segment ID of {@link #segments()} (a copy). */
    public long[] enteredBySegment() {
        return entered.clone();
    }

    /** Entities only in the previous segmentation, per previous segment ID of {@link #segments()} (a copy). */
    public long[] leftBySegment() {
        return left.clone();
    }

    /** Ids of the entities only in the new segmentation, in its row order (unmodifiable). */
    public List<String> enteredIds() {
        return enteredIds;
    }

    /** Ids of the entities only in the previous segmentation, in its row order (unmodifiable). */
    public List<String> leftIds() {
        return leftIds;
    }

    /** The matrix as text: counts with row shares, plus entered and left columns. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%10s", "from\\to"));
        for (int seg : segments) {
            sb.append(String.format(Locale.ROOT, " %16s", seg));
        }
        sb.append(String.format(Locale.ROOT, " %8s%n", "left"));
        int s = segments.length;
        double[] sh = shares();
        for (int a = 0; a < s; a++) {
            sb.append(String.format(Locale.ROOT, "%10d", segments[a]));
            for (int b = 0; b < s; b++) {
                sb.append(String.format(Locale.ROOT, " %8d (%5.1f%%)", counts[a * s + b], 100 * sh[a * s + b]));
            }
            sb.append(String.format(Locale.ROOT, " %8d%n", left[a]));
        }
        sb.append(String.format(Locale.ROOT, "%10s", "entered"));
        for (int b = 0; b < s; b++) {
            sb.append(String.format(Locale.ROOT, " %16d", entered[b]));
        }
        return sb.append(System.lineSeparator()).toString();
    }

    private int pos(int segment) {
        int i = Arrays.binarySearch(segments, segment);
        if (i < 0) {
            throw new IllegalArgumentException("segment " + segment + " is not in " + Arrays.toString(segments));
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationReport && Arrays.equals(((MigrationReport) o).segments, segments)
                && Arrays.equals(((MigrationReport) o).counts, counts)
                && Arrays.equals(((MigrationReport) o).entered, entered)
                && Arrays.equals(((MigrationReport) o).left, left);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(segments), Arrays.hashCode(counts));
    }

    @Override
    public String toString() {
        return "MigrationReport[" + segments.length + " segments, shared " + shared() + ", stayed " + stayed()
                + ", entered " + enteredIds.size() + ", left " + leftIds.size() + "]";
    }
}
