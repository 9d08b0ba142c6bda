package dev.segmentation.stability;

import java.util.Arrays;
import java.util.List;

/**
 * The result of a {@link SegmentAlignment}: the stable ID of every new segment, the matched pairs, the IDs that
 * appeared (newly issued) and those that vanished (previous IDs with no match). Immutable and thread-safe;
 * arrays are copied.
 */
public final class Alignment {
    /** What the matching was computed on. */
    public enum Basis {
        /** Entities both labellings contain. */
        ENTITIES,
        /** Segment centres or exemplars. */
        CENTRES
    }

    /**
     * A new segment matched to a previous ID.
     *
     * @param newLabel the label in the new model
     * @param stableId the previous segment's ID, now the new segment's
     * @param sharedEntities entities in both (0 for a centre-based match)
     * @param jaccard Jaccard similarity on the shared entities (NaN for a centre-based match)
     * @param centreDistance Euclidean distance of the centres (NaN for an entity-based match)
     */
    public record Match(int newLabel, int stableId, long sharedEntities, double jaccard, double centreDistance) {
    }

    private final Basis basis;
    private final int[] newLabels;
    private final int[] ids;
    private final List<Match> matches;
    private final int[] appeared;
    private final int[] vanished;
    private final int nextId;

    Alignment(Basis basis, int[] newLabels, int[] ids, List<Match> matches, int[] appeared, int[] vanished,
            int nextId) {
        this.basis = basis;
        this.newLabels = newLabels;
        this.ids = ids;
        this.matches = List.copyOf(matches);
        this.appeared = appeared;
        this.vanished = vanished;
        this.nextId = nextId;
    }

    /** What the matching used. */
    public Basis basis() {
        return basis;
    }

    /**
     * The stable ID of new label {@code newLabel}; -1 for noise.
     *
     * @throws IllegalArgumentException when the label is not a segment of the new labelling
     */
    public int stableId(int newLabel) {
        if (newLabel == -1) {
            return -1;
        }
        int i = Arrays.binarySearch(newLabels, newLabel);
        if (i < 0) {
            throw new IllegalArgumentException("label " + newLabel + " is not a segment of the new labelling; "
                    + "segments are " + Arrays.toString(newLabels));
        }
        return ids[i];
    }

    /**
     * {@code labels} (of the new model) with every label replaced by its stable ID; noise stays -1.
     *
     * @throws IllegalArgumentException when a label is not a segment of the new labelling (naming the row)
     */
    public int[] relabel(int[] labels) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == -1) {
                out[i] = -1;
                continue;
            }
            int j = Arrays.binarySearch(newLabels, labels[i]);
            if (j < 0) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i
                        + " is not a segment of the new labelling");
            }
            out[i] = ids[j];
        }
        return out;
    }

    /** The new labels, ascending (a copy). */
    public int[] newLabels() {
        return newLabels.clone();
    }

    /** The stable ID of each of {@link #newLabels()} (a copy). */
    public int[] stableIds() {
        return ids.clone();
    }

    /** The matched pairs, by ascending new label (unmodifiable). */
    public List<Match> matches() {
        return matches;
    }

    /** IDs issued to new segments that matched no previous one, ascending (a copy). */
    public int[] appeared() {
        return appeared.clone();
    }

    /** Previous IDs that no new segment matched, ascending (a copy). */
    public int[] vanished() {
        return vanished.clone();
    }

    /** The next ID to issue in a later alignment (one more than the last issued, or the start when none was). */
    public int nextId() {
        return nextId;
    }

    @Override
    public String toString() {
        return "Alignment[" + basis + ", matched " + matches.size() + ", appeared " + Arrays.toString(appeared)
                + ", vanished " + Arrays.toString(vanished) + "]";
    }
}
