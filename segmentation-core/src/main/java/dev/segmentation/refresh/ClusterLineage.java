package dev.segmentation.refresh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to each cluster between two refits of a density clusterer (HDBSCAN, say), read from the contingency
 * table of the entities both labellings contain, with segment IDs already aligned (for example with
 * {@code SegmentAlignment.byEntities}, which keeps the Hungarian matching's IDs).
 *
 * <p><b>Rules</b>, with {@code n_A} the shared entities of previous cluster {@code A}, {@code m_B} those of new cluster
 * {@code B}, {@code o_AB} the entities in both and threshold {@code t} ({@link #threshold(double)}, default 0.2):
 * <ul>
 *   <li>{@code B} is a <b>successor</b> of {@code A} when {@code o_AB >= t n_A}; {@code A} is a <b>predecessor</b> of
 *   {@code B} when {@code o_AB >= t m_B};</li>
 *   <li><b>split</b>: {@code A} has at least two successors;</li>
 *   <li><b>merged</b>: {@code B} has at least two predecessors;</li>
 *   <li><b>died</b>: {@code A} has no successor (its entities went to noise, scattered, or left);</li>
 *   <li><b>born</b>: {@code B} has no predecessor (it grew from noise, scattered entities, or new ones).</li>
 * </ul>
 * Noise ({@code -1}) is not a cluster: it is never born, dead, split or merged, but it counts in {@code n_A} and
 * {@code m_B}, so a cluster dissolving into noise dies. With {@code t > 0.5} nothing can split or merge.
 *
 * <p>Complexity O(n) expected plus O(k_prev k_new). Deterministic. Instances are immutable and thread-safe.
 */
public final class ClusterLineage {
    private final double threshold;

    private ClusterLineage(double threshold) {
        this.threshold = threshold;
    }

    /** Lineage with the default threshold 0.2. */
    public static ClusterLineage defaults() {
        return new ClusterLineage(0.2);
    }

    /**
     * The same lineage with threshold {@code t}.
     *
     * @throws IllegalArgumentException when {@code t} is not in (0, 1]
     */
    public ClusterLineage threshold(double t) {
        if (!(t > 0 && t <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1] but was " + t);
        }
        return new ClusterLineage(t);
    }

    /** The threshold. */
    public double threshold() {
        return threshold;
    }

    /**
     * The events between two labellings.
     *
     * @param born new cluster IDs with no predecessor, ascending
     * @param died previous cluster IDs with no successor, ascending
     * @param splits previous ID to its successors (ascending), for clusters that split
     * @param merges new ID to its predecessors (ascending), for clusters that merged
     * @param continued previous ID to its single successor, for clusters that neither split nor died and whose
     *     successor did not merge
     */
    public record Events(List<Integer> born, List<Integer> died, Map<Integer, List<Integer>> splits,
            Map<Integer, List<Integer>> merges, Map<Integer, Integer> continued) {
        /** One line per event, e.g. {@code "split: 3 -> [3, 7]"}. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            born.forEach(b -> out.add("born: " + b));
            died.forEach(d -> out.add("died: " + d));
            splits.forEach((a, s) -> out.add("split: " + a + " -> " + s));
            merges.forEach((b, p) -> out.add("merged: " + p + " -> " + b));
            return out;
        }
    }

    /**
     * The events from {@code previousSegments} (of {@code previousIds}) to {@code newSegments} (of {@code newIds}).
     *
     * @throws NullPointerException when an argument or an id is null
     * @throws IllegalArgumentException when lengths differ, an id repeats or a segment is below -1
     */
    public Events between(List<String> previousIds, int[] previousSegments, List<String> newIds,
            int[] newSegments) {
        Objects.requireNonNull(previousIds, "previousIds");
        Objects.requireNonNull(previousSegments, "previousSegments");
        Objects.requireNonNull(newIds, "newIds");
        Objects.requireNonNull(newSegments, "newSegments");
        if (previousIds.size() != previousSegments.length || newIds.size() != newSegments.length) {
            throw new IllegalArgumentException("ids and segments differ in length: previous " + previousIds.size()
                    + " vs " + previousSegments.length + ", new " + newIds.size() + " vs " + newSegments.length);
        }
        Map<String, Integer> prevRow = new HashMap<>(previousIds.size() * 2);
        for (int i = 0; i < previousIds.size(); i++) {
            check(previousSegments[i], "previous", i);
            if (prevRow.put(Objects.requireNonNull(previousIds.get(i), "previous id " + i), i) != null) {
                throw new IllegalArgumentException("previous entity id '" + previousIds.get(i) + "' appears twice");
            }
        }
        int[] pSegs = distinctClusters(previousSegments);
        int[] nSegs = distinctClusters(newSegments);
        int kp = pSegs.length;
        int kn = nSegs.length;
        long[] o = new long[kp * kn];
        long[] nA = new long[kp];
        long[] mB = new long[kn];
        java.util.HashSet<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < newIds.size(); i++) {
            check(newSegments[i], "new", i);
            if (!seen.add(Objects.requireNonNull(newIds.get(i), "new id " + i))) {
                throw new IllegalArgumentException("new entity id '" + newIds.get(i) + "' appears twice");
            }
            Integer r = prevRow.get(newIds.get(i));
            if (r == null) {
                continue;
            }
            int a = previousSegments[r] < 0 ? -1 : Arrays.binarySearch(pSegs, previousSegments[r]);
            int b = newSegments[i] < 0 ? -1 : Arrays.binarySearch(nSegs, newSegments[i]);
            if (a >= 0) {
                nA[a]++;
            }
            if (b >= 0) {
                mB[b]++;
            }
            if (a >= 0 && b >= 0) {
                o[a * kn + b]++;
            }
        }
        List<List<Integer>> succ = new ArrayList<>();
        for (int a = 0; a < kp; a++) {
            List<Integer> s = new ArrayList<>();
            for (int b = 0; b < kn; b++) {
                if (nA[a] > 0 && o[a * kn + b] > 0 && o[a * kn + b] >= threshold * nA[a]) {
                    s.add(nSegs[b]);
                }
            }
            succ.add(s);
        }
        List<List<Integer>> pred = new ArrayList<>();
        for (int b = 0; b < kn; b++) {
            List<Integer> p = new ArrayList<>();
            for (int a = 0; a < kp; a++) {
                if (mB[b] > 0 && o[a * kn + b] > 0 && o[a * kn + b] >= threshold * mB[b]) {
                    p.add(pSegs[a]);
                }
            }
            pred.add(p);
        }
        List<Integer> born = new ArrayList<>();
        Map<Integer, List<Integer>> merges = new LinkedHashMap<>();
        for (int b = 0; b < kn; b++) {
            if (pred.get(b).isEmpty()) {
                born.add(nSegs[b]);
            } else if (pred.get(b).size() >= 2) {
                merges.put(nSegs[b], List.copyOf(pred.get(b)));
            }
        }
        List<Integer> died = new ArrayList<>();
        Map<Integer, List<Integer>> splits = new LinkedHashMap<>();
        Map<Integer, Integer> continued = new LinkedHashMap<>();
        for (int a = 0; a < kp; a++) {
            List<Integer> s = succ.get(a);
            if (s.isEmpty()) {
                died.add(pSegs[a]);
            } else if (s.size() >= 2) {
                splits.put(pSegs[a], List.copyOf(s));
            } else if (!merges.containsKey(s.get(0))) {
                continued.put(pSegs[a], s.get(0));
            }
        }
        return new Events(List.copyOf(born), List.copyOf(died), java.util.Collections.unmodifiableMap(splits),
                java.util.Collections.unmodifiableMap(merges), java.util.Collections.unmodifiableMap(continued));
    }

    private static void check(int label, String which, int row) {
        if (label < -1) {
            throw new IllegalArgumentException(which + " segment of row " + row + " is " + label
                    + "; segments must be -1 (noise) or >= 0");
        }
    }

    private static int[] distinctClusters(int[] labels) {
        return Arrays.stream(labels).filter(l -> l >= 0).distinct().sorted().toArray();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ClusterLineage[threshold %.2f]", threshold);
    }
}
