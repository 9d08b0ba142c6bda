package dev.segmentation.refresh;

import dev.segmentation.internal.EntityRows;
import dev.segmentation.stability.Migration;
import dev.segmentation.stability.MigrationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The migration of the entities present in two consecutive segmentations, split into what the entities did and
 * what the refit did. For each entity with previous segment {@code a} (the saved model's label on the previous
 * window), re-scored segment {@code b} (the saved model's prediction on the new window) and new segment {@code c}
 * (the refitted model's label on the new window, after ID alignment):
 * <ul>
 *   <li><b>behaviour change</b> {@code a != b}: under unchanged boundaries the entity now falls elsewhere;</li>
 *   <li><b>model change</b> {@code b != c}: on the same new data, the refit draws the boundary elsewhere;</li>
 *   <li><b>moved</b> {@code a != c}: the migration a report of the two refits shows.</li>
 * </ul>
 * Since {@code a == b} and {@code b == c} imply {@code a == c}, every moved entity changed behaviour, was moved by
 * the model, or both: {@code moved = behaviourOnly + modelOnly + both}, where {@code both} counts entities with
 * {@code a != b}, {@code b != c} and {@code a != c}; entities with {@code a != b}, {@code b != c} but {@code a == c}
 * ({@link #returned()}) changed behaviour and were moved back by the refit.
 *
 * <p>All three labellings must use the same segment IDs (align the refit's labels first, for example with
 * {@code SegmentAlignment.byEntities} against the re-scored labels). Noise ({@code -1}) is a state like a segment.
 * Only entities present in all three labellings count; the others are reported by {@link #notInAll()}.
 *
 * <p>Complexity O(n) expected (hashing ids) plus O(s^2) for the matrices. Deterministic. Immutable and
 * thread-safe.
 */
public final class DecomposedMigration {
    /**
     * The split of one previous segment's entities.
     *
     * @param segment the previous segment ID
     * @param present its entities present in all three labellings
     * @param moved those whose new segment differs from the previous one
     * @param behaviourOnly moved, with behaviour change and no model change
     * @param modelOnly moved, with model change and no behaviour change
     * @param both moved, with both behaviour change and model change
     * @param returned not moved, although behaviour change and model change both happened
     */
    public record SegmentSplit(int segment, long present, long moved, long behaviourOnly, long modelOnly, long both,
            long returned) {
    }

    private final MigrationReport behaviour;
    private final MigrationReport model;
    private final MigrationReport total;
    private final List<String> ids;
    private final List<String> behaviourChanged;
    private final List<String> modelChanged;
    private final List<SegmentSplit> segments;
    private final long notInAll;

    private DecomposedMigration(MigrationReport behaviour, MigrationReport model, MigrationReport total,
            List<String> ids, List<String> behaviourChanged, List<String> modelChanged, List<SegmentSplit> segments,
            long notInAll) {
        this.behaviour = behaviour;
        this.model = model;
        this.total = total;
        this.ids = List.copyOf(ids);
        this.behaviourChanged = List.copyOf(behaviourChanged);
        this.modelChanged = List.copyOf(modelChanged);
        this.segments = List.copyOf(segments);
        this.notInAll = notInAll;
    }

    /**
     * Splits the migration from {@code previous} to {@code refit} through {@code rescored}.
     *
     * @param previousIds entities of the previous segmentation
     * @param previousSegments their segment IDs (saved model, previous window)
     * @param rescoredIds entities the saved model scored on the new window
     * @param rescoredSegments their predicted segment IDs
     * @param newIds entities of the refit
     * @param newSegments their segment IDs after alignment to the same IDs
     * @throws NullPointerException when an argument or an id is null
     * @throws IllegalArgumentException when lengths differ, an id appears twice in one labelling or a segment ID is
     *     below -1 (naming the labelling and row)
     */
    public static DecomposedMigration of(List<String> previousIds, int[] previousSegments, List<String> rescoredIds,
            int[] rescoredSegments, List<String> newIds, int[] newSegments) {
        Map<String, Integer> prev = index(previousIds, previousSegments, "previous");
        Map<String, Integer> resc = index(rescoredIds, rescoredSegments, "rescored");
        index(newIds, newSegments, "new");
        List<String> ids = new ArrayList<>();
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        List<Integer> c = new ArrayList<>();
        long inPrevAndNew = 0;
        for (int i = 0; i < newIds.size(); i++) {
            Integer p = prev.get(newIds.get(i));
            if (p == null) {
                continue;
            }
            inPrevAndNew++;
            Integer r = resc.get(newIds.get(i));
            if (r == null) {
                continue;
            }
            ids.add(newIds.get(i));
            a.add(previousSegments[p]);
            b.add(rescoredSegments[r]);
            c.add(newSegments[i]);
        }
        int n = ids.size();
        int[] pa = new int[n];
        int[] pb = new int[n];
        int[] pc = new int[n];
        List<String> behaviourChanged = new ArrayList<>();
        List<String> modelChanged = new ArrayList<>();
        TreeMap<Integer, long[]> per = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            pa[i] = a.get(i);
            pb[i] = b.get(i);
            pc[i] = c.get(i);
            boolean beh = pa[i] != pb[i];
            boolean mod = pb[i] != pc[i];
            boolean moved = pa[i] != pc[i];
            if (beh) {
                behaviourChanged.add(ids.get(i));
            }
            if (mod) {
                modelChanged.add(ids.get(i));
            }
            long[] s = per.computeIfAbsent(pa[i], x -> new long[6]);
            s[0]++;
            if (moved) {
                s[1]++;
                s[beh && mod ? 4 : beh ? 2 : 3]++;
            } else if (beh) {
                s[5]++;
            }
        }
        List<SegmentSplit> segs = new ArrayList<>();
        per.forEach((seg, s) -> segs.add(new SegmentSplit(seg, s[0], s[1], s[2], s[3], s[4], s[5])));
        MigrationReport behaviour = Migration.between(ids, pa, ids, pb);
        MigrationReport model = Migration.between(ids, pb, ids, pc);
        MigrationReport total = Migration.between(ids, pa, ids, pc);
        return new DecomposedMigration(behaviour, model, total, ids, behaviourChanged, modelChanged, segs,
                inPrevAndNew - n);
    }

    /** Behaviour change: previous segment (rows) to the saved model's prediction on the new window (columns). */
    public MigrationReport behaviour() {
        return behaviour;
    }

    /** Model change: the saved model's prediction (rows) to the refit's aligned segment (columns). */
    public MigrationReport model() {
        return model;
    }

    /** The total migration: previous segment (rows) to the refit's aligned segment (columns). */
    public MigrationReport total() {
        return total;
    }

    /** The entities present in all three labellings, in the refit's row order (unmodifiable). */
    public List<String> entityIds() {
        return ids;
    }

    /** Entities in all three whose re-scored segment differs from the previous one (unmodifiable). */
    public List<String> behaviourChanged() {
        return behaviourChanged;
    }

    /** Entities in all three whose refit segment differs from the re-scored one (unmodifiable). */
    public List<String> modelChanged() {
        return modelChanged;
    }

    /** Entities in the previous segmentation and the refit that the saved model did not score. */
    public long notInAll() {
        return notInAll;
    }

    /** Entities present in all three labellings. */
    public long shared() {
        return ids.size();
    }

    /** Entities whose refit segment differs from their previous one. */
    public long moved() {
        return total.shared() - total.stayed();
    }

    /** Share of the shared entities with behaviour change (0 when none is shared). */
    public double behaviourRate() {
        return rate(behaviourChanged.size());
    }

    /** Share of the shared entities with model change (0 when none is shared). */
    public double modelRate() {
        return rate(modelChanged.size());
    }

    /** Share of the shared entities that moved (0 when none is shared). */
    public double movedRate() {
        return rate(moved());
    }

    /** Per previous segment ID (ascending, noise first when present), the split of its entities. */
    public List<SegmentSplit> segments() {
        return segments;
    }

    /** Moved entities with behaviour change only, summed over segments. */
    public long behaviourOnly() {
        long t = 0;
        for (SegmentSplit s : segments) {
            t += s.behaviourOnly();
        }
        return t;
    }

    /** Moved entities with model change only, summed over segments. */
    public long modelOnly() {
        long t = 0;
        for (SegmentSplit s : segments) {
            t += s.modelOnly();
        }
        return t;
    }

    /** Moved entities with both kinds of change, summed over segments. */
    public long both() {
        long t = 0;
        for (SegmentSplit s : segments) {
            t += s.both();
        }
        return t;
    }

    /** Entities that changed behaviour and were moved back to their previous segment by the refit. */
    public long returned() {
        long t = 0;
        for (SegmentSplit s : segments) {
            t += s.returned();
        }
        return t;
    }

    /**
     * One sentence per previous segment saying how its moved entities split, for example
     * {@code "Segment 2 (Loyal): 120 of 600 customers moved (20.0%): 90 changed behaviour, 25 were moved by the
     * refit's new boundaries, 5 both."}
     *
     * @param names segment names by ID (a missing ID is written without a name)
     * @param noun what the entities are, plural ("customers")
     * @throws NullPointerException when an argument is null
     */
    public List<String> sentences(Map<Integer, String> names, String noun) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(noun, "noun");
        List<String> out = new ArrayList<>();
        for (SegmentSplit s : segments) {
            String name = names.get(s.segment());
            String label = s.segment() == -1 ? "Noise" : "Segment " + s.segment();
            out.add(String.format(Locale.ROOT, "%s%s: %d of %d %s moved (%.1f%%): %d changed behaviour, %d were "
                    + "moved by the refit's new boundaries, %d both%s.", label,
                    name == null ? "" : " (" + name + ")", s.moved(), s.present(), noun,
                    s.present() == 0 ? 0.0 : 100.0 * s.moved() / s.present(), s.behaviourOnly(), s.modelOnly(),
                    s.both(), s.returned() == 0 ? "" : "; " + s.returned() + " changed behaviour and were moved back"));
        }
        return out;
    }

    private double rate(long count) {
        return ids.isEmpty() ? 0.0 : count / (double) ids.size();
    }

    private static Map<String, Integer> index(List<String> ids, int[] labels, String which) {
        return EntityRows.of(ids, labels, which, which + "Segments", "segment");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DecomposedMigration[shared %d, moved %d, behaviour %.4f, model %.4f]",
                shared(), moved(), behaviourRate(), modelRate());
    }
}
