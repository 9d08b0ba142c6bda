package dev.segmentation;

import dev.segmentation.data.FeatureTable;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * Segments assigned to entities by {@link SegmentationModel#predict}: entity ids, labels and the raw features they
 * were computed from. Immutable.
 */
public final class SegmentAssignments {
    private final FeatureTable features;
    private final int[] labels;
    private final int entitiesNotDescribed;

    SegmentAssignments(FeatureTable features, int[] labels, int entitiesNotDescribed) {
        this.features = features;
        this.labels = labels;
        this.entitiesNotDescribed = entitiesNotDescribed;
    }

    /** Entity ids, in the order of {@link #labels()}. */
    public List<String> entityIds() {
        return features.entityIds();
    }

    /** The segment of every entity (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** The segment of {@code entityId}, if it was assigned. O(n). */
    public OptionalInt label(String entityId) {
        int i = features.entityIds().indexOf(entityId);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(labels[i]);
    }

    /** The raw features the assignment was computed from. */
    public FeatureTable features() {
        return features;
    }

    /** Entities of the input that the extractors could not describe (and that therefore got no segment). */
    public int entitiesNotDescribed() {
        return entitiesNotDescribed;
    }

    /** Number of assigned entities. */
    public int size() {
        return labels.length;
    }

    /** Entities per label, as a sorted {@code [label, count]} list. */
    public List<int[]> counts() {
        int[] sorted = labels.clone();
        Arrays.sort(sorted);
        java.util.ArrayList<int[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < sorted.length;) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            out.add(new int[] {sorted[i], j - i});
            i = j;
        }
        return Collections.unmodifiableList(out);
    }
}
