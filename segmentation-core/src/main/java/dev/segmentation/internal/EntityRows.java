package dev.segmentation.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The row of each entity id of a labelled id list, with the checks every comparison of two labellings needs. Internal. */
public final class EntityRows {
    private EntityRows() {
    }

    /**
     * The row of each id in {@code ids}, after checking that {@code ids} and {@code labels} are present and of the
     * same length, that no id is null or repeated, and that every label is -1 (noise) or at least 0. Messages name
     * the list as {@code which} ("previous", "rescored", ...) and the labels by {@code noun} ("label", "segment").
     * O(n) time and memory.
     *
     * @param labelsName the name given to a null {@code labels} array in its {@link NullPointerException}
     * @throws NullPointerException when {@code ids}, {@code labels} or an id is null
     * @throws IllegalArgumentException when the lengths differ, an id repeats or a label is below -1
     */
    public static Map<String, Integer> of(List<String> ids, int[] labels, String which, String labelsName,
            String noun) {
        Objects.requireNonNull(ids, which + "Ids");
        Objects.requireNonNull(labels, labelsName);
        if (ids.size() != labels.length) {
            throw new IllegalArgumentException(which + " ids has " + ids.size() + " entries but " + which + " "
                    + noun + "s has " + labels.length);
        }
        Map<String, Integer> m = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < labels.length; i++) {
            String id = Objects.requireNonNull(ids.get(i), which + " id " + i);
            if (m.put(id, i) != null) {
                throw new IllegalArgumentException(which + " entity id '" + id + "' appears twice (row " + i + ")");
            }
            if (labels[i] < -1) {
                throw new IllegalArgumentException(which + " " + noun + " of row " + i + " is " + labels[i] + "; "
                        + noun + "s must be -1 (noise) or >= 0");
            }
        }
        return m;
    }
}
