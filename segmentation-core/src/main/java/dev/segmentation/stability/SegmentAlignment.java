package dev.segmentation.stability;

import dev.segmentation.internal.EntityRows;
import dev.segmentation.quality.internal.Checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stable segment IDs across refits: aligns the segments of a new model to the segment IDs of a previous one, so a
 * segment keeps its ID when it is the same segment, new segments get fresh IDs and vanished ones are reported.
 *
 * <p><b>By entities</b> ({@link #byEntities}): on the entities both labellings contain (matched by entity id),
 * the new segments and the previous IDs are paired one-to-one so that the total number of shared entities in
 * matched pairs is the largest possible (Hungarian algorithm, O(k^3)); a pair is kept only when it shares at least
 * one entity and its Jaccard similarity on the shared entities is at least {@link #minJaccard(double)} (default
 * 0). <b>By centres</b> ({@link #byCentres}), for models that share no entity: pairs minimise the total squared
 * Euclidean distance between centres (or exemplars); a pair farther apart than {@link #maxDistance(double)}
 * (default unlimited) is not kept. Unmatched new segments get IDs from {@link #nextId(int)} on (default: one more
 * than the largest previous ID), so a vanished segment's ID is never reused.
 *
 * <p>Noise ({@code -1}) is not a segment: it is never matched and stays {@code -1}.
 *
 * <p>Complexity: O(n) hashing of the entity ids plus O(k^3) for the matching. Deterministic (ties go to the
 * lowest index). Instances are immutable and thread-safe.
 */
public final class SegmentAlignment {
    private final double minJaccard;
    private final double maxDistance;
    private final int nextId;

    private SegmentAlignment(double minJaccard, double maxDistance, int nextId) {
        this.minJaccard = minJaccard;
        this.maxDistance = maxDistance;
        this.nextId = nextId;
    }

    /** Alignment with the defaults: minimum Jaccard 0, unlimited centre distance, next ID after the largest. */
    public static SegmentAlignment defaults() {
        return new SegmentAlignment(0.0, Double.POSITIVE_INFINITY, -1);
    }

    /**
     * The same alignment keeping an entity-based pair only when its Jaccard similarity is at least {@code j}.
     *
     * @throws IllegalArgumentException when {@code j} is not in [0, 1]
     */
    public SegmentAlignment minJaccard(double j) {
        if (!(j >= 0 && j <= 1)) {
            throw new IllegalArgumentException("minJaccard must be in [0, 1] but was " + j);
        }
        return new SegmentAlignment(j, maxDistance, nextId);
    }

    /**
     * The same alignment keeping a centre-based pair only when the centres are at most {@code d} apart.
     *
     * @throws IllegalArgumentException when {@code d} is negative or NaN
     */
    public SegmentAlignment maxDistance(double d) {
        if (!(d >= 0)) {
            throw new IllegalArgumentException("maxDistance must be >= 0 but was " + d);
        }
        return new SegmentAlignment(minJaccard, d, nextId);
    }

    /**
     * The same alignment issuing new IDs from {@code id} on (for example one more than every ID ever issued).
     *
     * @throws IllegalArgumentException when {@code id < 0}
     */
    public SegmentAlignment nextId(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("nextId must be >= 0 but was " + id);
        }
        return new SegmentAlignment(minJaccard, maxDistance, id);
    }

    /**
     * Aligns {@code newLabels} (of entities {@code newIds}) to {@code previousSegments} (stable IDs of entities
     * {@code previousIds}).
     *
     * @throws NullPointerException when an argument or an id is null
     * @throws IllegalArgumentException when lengths differ, an id appears twice, a label is below -1, the
     *     labellings share no entity, or {@code nextId} is not above every previous ID
     */
    public Alignment byEntities(List<String> previousIds, int[] previousSegments, List<String> newIds,
            int[] newLabels) {
        Map<String, Integer> prevRow = index(previousIds, previousSegments, "previous");
        index(newIds, newLabels, "new");
        int[] prevSegs = Checks.nonNoiseDistinct(previousSegments);
        int[] newSegs = Checks.nonNoiseDistinct(newLabels);
        startId(prevSegs);
        int kp = prevSegs.length;
        int kn = newSegs.length;
        long[] overlap = new long[kn * kp];
        long[] prevShared = new long[kp];
        long[] newShared = new long[kn];
        int shared = 0;
        for (int i = 0; i < newIds.size(); i++) {
            Integer r = prevRow.get(newIds.get(i));
            if (r == null) {
                continue;
            }
            shared++;
            int a = newLabels[i] < 0 ? -1 : Arrays.binarySearch(newSegs, newLabels[i]);
            int b = previousSegments[r] < 0 ? -1 : Arrays.binarySearch(prevSegs, previousSegments[r]);
            if (a >= 0) {
                newShared[a]++;
            }
            if (b >= 0) {
                prevShared[b]++;
            }
            if (a >= 0 && b >= 0) {
                overlap[a * kp + b]++;
            }
        }
        if (shared == 0) {
            throw new IllegalArgumentException("the labellings share no entity (" + previousIds.size()
                    + " previous, " + newIds.size() + " new); align by centres instead");
        }
        return match(prevSegs, newSegs, overlap, prevShared, newShared);
    }

    /**
     * Aligns by entities from their counts alone, for labellings too large to hold as id lists (segmentation-spark
     * counts them in a join): the same matching as {@link #byEntities}, which calls it.
     *
     * @param previousSegments every segment ID of the previous labelling, noise left out, ascending and distinct
     * @param newSegments every label of the new labelling, noise left out, ascending and distinct
     * @param overlap row-major {@code newSegments.length x previousSegments.length}: entities in both labellings
     *     with new label {@code newSegments[a]} and previous ID {@code previousSegments[b]}
     * @param previousShared per previous ID: entities in both labellings with that previous ID (whatever their new
     *     label, noise included)
     * @param newShared per new label: entities in both labellings with that new label (whatever their previous ID)
     * @param sharedEntities entities in both labellings (noise in both included)
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the segment lists are not ascending, distinct and non-negative, a length
     *     does not match, a count is negative or an overlap exceeds its row's or column's shared count, no entity is
     *     shared, or {@code nextId} is not above every previous ID
     */
    public Alignment byOverlap(int[] previousSegments, int[] newSegments, long[] overlap, long[] previousShared,
            long[] newShared, long sharedEntities) {
        Objects.requireNonNull(previousSegments, "previousSegments");
        Objects.requireNonNull(newSegments, "newSegments");
        Objects.requireNonNull(overlap, "overlap");
        Objects.requireNonNull(previousShared, "previousShared");
        Objects.requireNonNull(newShared, "newShared");
        checkAscending(previousSegments, "previousSegments");
        checkAscending(newSegments, "newSegments");
        int kp = previousSegments.length;
        int kn = newSegments.length;
        if (overlap.length != kn * kp || previousShared.length != kp || newShared.length != kn) {
            throw new IllegalArgumentException("overlap must have " + kn + " x " + kp + " = " + (kn * kp)
                    + " counts, previousShared " + kp + " and newShared " + kn + ", but they have " + overlap.length
                    + ", " + previousShared.length + " and " + newShared.length);
        }
        for (int b = 0; b < kp; b++) {
            nonNegative(previousShared[b], "previousShared", b);
        }
        for (int a = 0; a < kn; a++) {
            nonNegative(newShared[a], "newShared", a);
            for (int b = 0; b < kp; b++) {
                long o = nonNegative(overlap[a * kp + b], "overlap", a * kp + b);
                if (o > newShared[a] || o > previousShared[b]) {
                    throw new IllegalArgumentException("overlap of new label " + newSegments[a] + " and previous ID "
                            + previousSegments[b] + " is " + o + ", more than their shared counts " + newShared[a]
                            + " and " + previousShared[b]);
                }
            }
        }
        for (int i = 0; i < Math.max(kp, kn); i++) {
            if ((i < kp && previousShared[i] > sharedEntities) || (i < kn && newShared[i] > sharedEntities)) {
                throw new IllegalArgumentException("a shared count exceeds sharedEntities " + sharedEntities);
            }
        }
        if (sharedEntities == 0) {
            throw new IllegalArgumentException("the labellings share no entity; align by centres instead");
        }
        return match(previousSegments.clone(), newSegments.clone(), overlap.clone(), previousShared.clone(),
                newShared.clone());
    }

    private static void checkAscending(int[] segs, String name) {
        for (int i = 0; i < segs.length; i++) {
            if (segs[i] < 0) {
                throw new IllegalArgumentException(name + " must not contain noise or negative IDs but holds "
                        + segs[i] + " at index " + i);
            }
            if (i > 0 && segs[i] <= segs[i - 1]) {
                throw new IllegalArgumentException(name + " must be ascending and distinct but holds " + segs[i]
                        + " after " + segs[i - 1]);
            }
        }
    }

    private static long nonNegative(long v, String name, int i) {
        if (v < 0) {
            throw new IllegalArgumentException(name + "[" + i + "] is negative: " + v);
        }
        return v;
    }

    private Alignment match(int[] prevSegs, int[] newSegs, long[] overlap, long[] prevShared, long[] newShared) {
        int start = startId(prevSegs);
        int kp = prevSegs.length;
        int kn = newSegs.length;
        double[] cost = new double[kn * kp];
        for (int i = 0; i < cost.length; i++) {
            cost[i] = -overlap[i];
        }
        int[] assigned = Hungarian.assign(cost, kn, kp);
        List<Alignment.Match> matches = new ArrayList<>();
        boolean[] prevUsed = new boolean[kp];
        int[] idOf = new int[kn];
        Arrays.fill(idOf, -1);
        for (int a = 0; a < kn; a++) {
            int b = assigned[a];
            if (b < 0) {
                continue;
            }
            long o = overlap[a * kp + b];
            double jac = o == 0 ? 0.0 : o / (double) (newShared[a] + prevShared[b] - o);
            if (o > 0 && jac >= minJaccard) {
                idOf[a] = prevSegs[b];
                prevUsed[b] = true;
                matches.add(new Alignment.Match(newSegs[a], prevSegs[b], o, jac, Double.NaN));
            }
        }
        return finish(Alignment.Basis.ENTITIES, newSegs, prevSegs, idOf, prevUsed, matches, start);
    }

    /**
     * Aligns new segments {@code newLabelsOfCentres[i]} with centre {@code newCentres[i]} to previous segments
     * {@code previousSegmentIds[j]} with centre {@code previousCentres[j]}.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when lengths or dimensions differ, a centre is not finite, a label or ID
     *     is negative or repeated, or {@code nextId} is not above every previous ID
     */
    public Alignment byCentres(int[] previousSegmentIds, double[][] previousCentres, int[] newLabelsOfCentres,
            double[][] newCentres) {
        Objects.requireNonNull(previousSegmentIds, "previousSegmentIds");
        Objects.requireNonNull(previousCentres, "previousCentres");
        Objects.requireNonNull(newLabelsOfCentres, "newLabelsOfCentres");
        Objects.requireNonNull(newCentres, "newCentres");
        checkCentres(previousSegmentIds, previousCentres, "previous");
        checkCentres(newLabelsOfCentres, newCentres, "new");
        int kp = previousSegmentIds.length;
        int kn = newLabelsOfCentres.length;
        if (kp > 0 && kn > 0 && previousCentres[0].length != newCentres[0].length) {
            throw new IllegalArgumentException("previous centres have " + previousCentres[0].length
                    + " dimensions but new centres have " + newCentres[0].length);
        }
        // work in ascending label order for determinism independent of the caller's order
        int[] prevSegs = previousSegmentIds.clone();
        Arrays.sort(prevSegs);
        int[] newSegs = newLabelsOfCentres.clone();
        Arrays.sort(newSegs);
        int start = startId(prevSegs);
        double[][] pc = new double[kp][];
        for (int j = 0; j < kp; j++) {
            pc[Arrays.binarySearch(prevSegs, previousSegmentIds[j])] = previousCentres[j];
        }
        double[][] nc = new double[kn][];
        for (int i = 0; i < kn; i++) {
            nc[Arrays.binarySearch(newSegs, newLabelsOfCentres[i])] = newCentres[i];
        }
        double[] cost = new double[kn * kp];
        for (int a = 0; a < kn; a++) {
            for (int b = 0; b < kp; b++) {
                double s = 0;
                for (int t = 0; t < nc[a].length; t++) {
                    double df = nc[a][t] - pc[b][t];
                    s += df * df;
                }
                cost[a * kp + b] = s;
            }
        }
        int[] assigned = Hungarian.assign(cost, kn, kp);
        List<Alignment.Match> matches = new ArrayList<>();
        boolean[] prevUsed = new boolean[kp];
        int[] idOf = new int[kn];
        Arrays.fill(idOf, -1);
        for (int a = 0; a < kn; a++) {
            int b = assigned[a];
            if (b < 0) {
                continue;
            }
            double dist = Math.sqrt(cost[a * kp + b]);
            if (dist <= maxDistance) {
                idOf[a] = prevSegs[b];
                prevUsed[b] = true;
                matches.add(new Alignment.Match(newSegs[a], prevSegs[b], 0, Double.NaN, dist));
            }
        }
        return finish(Alignment.Basis.CENTRES, newSegs, prevSegs, idOf, prevUsed, matches, start);
    }

    private Alignment finish(Alignment.Basis basis, int[] newSegs, int[] prevSegs, int[] idOf, boolean[] prevUsed,
            List<Alignment.Match> matches, int start) {
        int next = start;
        List<Integer> appeared = new ArrayList<>();
        for (int a = 0; a < newSegs.length; a++) {
            if (idOf[a] < 0) {
                idOf[a] = next++;
                appeared.add(idOf[a]);
            }
        }
        List<Integer> vanished = new ArrayList<>();
        for (int b = 0; b < prevSegs.length; b++) {
            if (!prevUsed[b]) {
                vanished.add(prevSegs[b]);
            }
        }
        return new Alignment(basis, newSegs, idOf, matches, toArray(appeared), toArray(vanished), next);
    }

    private int startId(int[] prevSegs) {
        int max = prevSegs.length == 0 ? -1 : prevSegs[prevSegs.length - 1];
        if (nextId < 0) {
            return max + 1;
        }
        if (nextId <= max) {
            throw new IllegalArgumentException("nextId " + nextId + " must be above every previous ID (largest "
                    + max + ")");
        }
        return nextId;
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    private static void checkCentres(int[] ids, double[][] centres, String which) {
        if (ids.length != centres.length) {
            throw new IllegalArgumentException(which + " segment IDs has " + ids.length + " entries but "
                    + centres.length + " centres were given");
        }
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0) {
                throw new IllegalArgumentException(which + " segment ID " + sorted[i] + " is negative");
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException(which + " segment ID " + sorted[i] + " appears twice");
            }
        }
        for (int i = 0; i < centres.length; i++) {
            Objects.requireNonNull(centres[i], which + " centre " + i);
            if (centres[i].length != centres[0].length) {
                throw new IllegalArgumentException(which + " centre " + i + " has " + centres[i].length
                        + " dimensions, centre 0 has " + centres[0].length);
            }
            for (int t = 0; t < centres[i].length; t++) {
                if (!Double.isFinite(centres[i][t])) {
                    throw new IllegalArgumentException(which + " centre " + i + " has a non-finite value "
                            + centres[i][t] + " at dimension " + t);
                }
            }
        }
    }

    /** Row of each entity id; checks lengths, nulls, duplicates and labels. */
    static Map<String, Integer> index(List<String> ids, int[] labels, String which) {
        return EntityRows.of(ids, labels, which, which + " labels", "label");
    }
}
