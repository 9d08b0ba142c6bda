package dev.segmentation.stability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Migration between two segmentations of overlapping entities (for example last quarter's and this quarter's,
 * after {@link SegmentAlignment} gave both the same stable IDs): the transition matrix of the entities in both
 * (counts, and shares of each previous segment), the entities that entered (only in the new one) and left (only
 * in the previous one), and, given a value per segment, upgrades and downgrades.
 *
 * <p>Noise ({@code -1}) is a state like a segment here: entities moving into or out of noise appear in its row and
 * column. Rows and columns are the union of the segment IDs of both labellings (ascending, -1 first when
 * present), so a segmentation compared with itself gives a diagonal matrix.
 *
 * <p>Complexity: O(n) expected (hashing the ids) plus O(s^2) for the matrix. Deterministic; stateless and
 * thread-safe.
 */
public final class Migration {
    private Migration() {
    }

    /**
     * The migration from {@code previousSegments} (of entities {@code previousIds}) to {@code newSegments} (of
     * {@code newIds}).
     *
     * @throws NullPointerException when an argument or an id is null
     * @throws IllegalArgumentException when lengths differ, an id appears twice or a segment ID is below -1
     */
    public static MigrationReport between(List<String> previousIds, int[] previousSegments, List<String> newIds,
            int[] newSegments) {
        Map<String, Integer> prevRow = SegmentAlignment.index(previousIds, previousSegments, "previous");
        Map<String, Integer> newRow = SegmentAlignment.index(newIds, newSegments, "new");
        int[] union = new int[previousSegments.length + newSegments.length];
        System.arraycopy(previousSegments, 0, union, 0, previousSegments.length);
        System.arraycopy(newSegments, 0, union, previousSegments.length, newSegments.length);
        int[] states = distinct(union);
        int s = states.length;
        long[] counts = new long[s * s];
        long[] entered = new long[s];
        long[] left = new long[s];
        List<String> enteredIds = new ArrayList<>();
        List<String> leftIds = new ArrayList<>();
        for (int i = 0; i < newIds.size(); i++) {
            Integer r = prevRow.get(newIds.get(i));
            int to = Arrays.binarySearch(states, newSegments[i]);
            if (r == null) {
                entered[to]++;
                enteredIds.add(newIds.get(i));
            } else {
                int from = Arrays.binarySearch(states, previousSegments[r]);
                counts[from * s + to]++;
            }
        }
        for (int i = 0; i < previousIds.size(); i++) {
            if (!newRow.containsKey(previousIds.get(i))) {
                left[Arrays.binarySearch(states, previousSegments[i])]++;
                leftIds.add(previousIds.get(i));
            }
        }
        return new MigrationReport(states, counts, entered, left, enteredIds, leftIds);
    }

    /**
     * Counts of entities in both segmentations whose segment value went up, down or stayed, given
     * {@code valueBySegment} (for example each segment's mean spend); moves involving a segment without a value
     * (noise, say) are counted as unranked.
     *
     * @throws NullPointerException when an argument or a value is null
     * @throws IllegalArgumentException when a value is not finite
     */
    public static ValueMoves valueMoves(MigrationReport report, Map<Integer, Double> valueBySegment) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(valueBySegment, "valueBySegment");
        for (Map.Entry<Integer, Double> e : valueBySegment.entrySet()) {
            Objects.requireNonNull(e.getValue(), "value of segment " + e.getKey());
            if (!Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("value of segment " + e.getKey() + " is not finite: "
                        + e.getValue());
            }
        }
        int[] states = report.segmentsRef();
        long[] counts = report.countsRef();
        int s = states.length;
        long up = 0;
        long down = 0;
        long same = 0;
        long unranked = 0;
        for (int a = 0; a < s; a++) {
            Double va = valueBySegment.get(states[a]);
            for (int b = 0; b < s; b++) {
                long c = counts[a * s + b];
                if (c == 0) {
                    continue;
                }
                Double vb = valueBySegment.get(states[b]);
                if (va == null || vb == null) {
                    unranked += c;
                } else if (vb > va) {
                    up += c;
                } else if (vb < va) {
                    down += c;
                } else {
                    same += c;
                }
            }
        }
        return new ValueMoves(up, down, same, unranked);
    }

    /**
     * Entities in both segmentations, by the direction of their segment's value.
     *
     * @param upgrades moved to a segment of higher value
     * @param downgrades moved to a segment of lower value
     * @param unchanged stayed, or moved between segments of equal value
     * @param unranked moved from or to a segment without a value
     */
    public record ValueMoves(long upgrades, long downgrades, long unchanged, long unranked) {
    }

    private static int[] distinct(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < s.length; i++) {
            if (m == 0 || s[i] != s[m - 1]) {
                s[m++] = s[i];
            }
        }
        return Arrays.copyOf(s, m);
    }
}
