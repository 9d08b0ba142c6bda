package dev.segmentation.features;

import dev.segmentation.data.FeatureTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFM quintile scores (1..5, 5 best) and named segments for every entity of an RFM table (the output of
 * {@link Rfm}, or any table with the columns {@code recency_days}, {@code frequency_orders} and {@code monetary}).
 *
 * <p><b>Scores.</b> For each of the three columns, four breaks are the 20th, 40th, 60th and 80th percentiles of
 * the column over all entities of the table (linear interpolation between order statistics at virtual index
 * {@code (n - 1) * p / 100}, numpy's default). Then
 * <ul>
 *   <li>frequency and monetary score = 1 + the number of breaks strictly below the value;</li>
 *   <li>recency score = 1 + the number of breaks strictly above the value (fewer days is better).</li>
 * </ul>
 * A value equal to a break thus gets the lower (worse) of the two scores it borders. The score is a function of the
 * value alone, so tied values always share a score; with many ties (most customers have one order, say) several
 * breaks coincide and some scores stay unused, rather than splitting equal customers arbitrarily.
 *
 * <p><b>Segments</b> come from a list of {@link RfmSegmentRule}s, first match wins, {@link RfmSegment#OTHERS}
 * when none matches; the default table is documented at {@link RfmSegmentRule}.
 *
 * <p><b>Cost:</b> O(n log n) (one sort per column). <b>Determinism:</b> a pure function of the table.
 * <b>Thread safety:</b> immutable. Reference: Hughes (1994), <i>Strategic Database Marketing</i> (quintile RFM
 * coding); segment rules after the R package {@code rfm} (Hebbali).
 */
public final class RfmScores {
    private final String[] entityIds;
    private final int[] r;
    private final int[] f;
    private final int[] m;
    private final RfmSegment[] segments;
    private final double[] recencyBreaks;
    private final double[] frequencyBreaks;
    private final double[] monetaryBreaks;

    private RfmScores(String[] entityIds, int[] r, int[] f, int[] m, RfmSegment[] segments, double[] recencyBreaks,
            double[] frequencyBreaks, double[] monetaryBreaks) {
        this.entityIds = entityIds;
        this.r = r;
        this.f = f;
        this.m = m;
        this.segments = segments;
        this.recencyBreaks = recencyBreaks;
        this.frequencyBreaks = frequencyBreaks;
        this.monetaryBreaks = monetaryBreaks;
    }

    /**
     * Scores and segments with the default rules ({@link RfmSegmentRule#defaults()}).
     *
     * @throws IllegalArgumentException when the table has no entity, lacks one of the three columns, or holds a
     *     non-finite value in them (naming the entity, the feature and the value)
     */
    public static RfmScores of(FeatureTable rfmTable) {
        return of(rfmTable, RfmSegmentRule.defaults());
    }

    /**
     * Scores and segments with the given rules, tried in order (first match wins).
     *
     * @throws IllegalArgumentException as {@link #of(FeatureTable)}
     */
    public static RfmScores of(FeatureTable rfmTable, List<RfmSegmentRule> rules) {
        Objects.requireNonNull(rfmTable, "rfmTable");
        Objects.requireNonNull(rules, "rules");
        List<RfmSegmentRule> ruleList = List.copyOf(rules);
        int n = rfmTable.rows();
        if (n == 0) {
            throw new IllegalArgumentException("cannot score an RFM table with no entity");
        }
        double[] rec = column(rfmTable, Rfm.RECENCY_DAYS);
        double[] fre = column(rfmTable, Rfm.FREQUENCY_ORDERS);
        double[] mon = column(rfmTable, Rfm.MONETARY);
        double[] rb = breaks(rec);
        double[] fb = breaks(fre);
        double[] mb = breaks(mon);
        int[] rs = new int[n];
        int[] fs = new int[n];
        int[] ms = new int[n];
        RfmSegment[] seg = new RfmSegment[n];
        for (int i = 0; i < n; i++) {
            int ri = 1;
            int fi = 1;
            int mi = 1;
            for (int k = 0; k < 4; k++) {
                if (rec[i] < rb[k]) {
                    ri++;
                }
                if (fre[i] > fb[k]) {
                    fi++;
                }
                if (mon[i] > mb[k]) {
                    mi++;
                }
            }
            rs[i] = ri;
            fs[i] = fi;
            ms[i] = mi;
            seg[i] = RfmSegmentRule.assign(ruleList, ri, fi, mi);
        }
        return new RfmScores(rfmTable.entityIds().toArray(new String[0]), rs, fs, ms, seg, rb, fb, mb);
    }

    private static double[] column(FeatureTable t, String name) {
        int c = t.columnIndex(name);
        double[] v = t.column(c);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("entity '" + t.entityId(i) + "', feature '" + name + "': value "
                        + v[i] + " is not finite");
            }
        }
        return v;
    }

    /** The 20th, 40th, 60th and 80th percentiles (numpy linear method). */
    private static double[] breaks(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        double[] b = new double[4];
        for (int k = 0; k < 4; k++) {
            double virtual = (n - 1) * ((20.0 * (k + 1)) / 100.0);
            int lo = (int) Math.floor(virtual);
            if (lo >= n - 1) {
                b[k] = s[n - 1];
                continue;
            }
            double t = virtual - lo;
            double diff = s[lo + 1] - s[lo];
            b[k] = t >= 0.5 ? s[lo + 1] - diff * (1 - t) : s[lo] + diff * t;
        }
        return b;
    }

    /** Number of entities. */
    public int size() {
        return entityIds.length;
    }

    /** Entity ids, in the order of the scored table (unmodifiable). */
    public List<String> entityIds() {
        return Collections.unmodifiableList(Arrays.asList(entityIds));
    }

    /** The id of entity {@code i}. */
    public String entityId(int i) {
        return entityIds[i];
    }

    /** Recency score (1..5) of entity {@code i}. */
    public int recencyScore(int i) {
        return r[i];
    }

    /** Frequency score (1..5) of entity {@code i}. */
    public int frequencyScore(int i) {
        return f[i];
    }

    /** Monetary score (1..5) of entity {@code i}. */
    public int monetaryScore(int i) {
        return m[i];
    }

    /** All recency scores (a copy). */
    public int[] recencyScores() {
        return r.clone();
    }

    /** All frequency scores (a copy). */
    public int[] frequencyScores() {
        return f.clone();
    }

    /** All monetary scores (a copy). */
    public int[] monetaryScores() {
        return m.clone();
    }

    /** The segment of entity {@code i}. */
    public RfmSegment segment(int i) {
        return segments[i];
    }

    /** The segments of all entities, in table order (unmodifiable). */
    public List<RfmSegment> segments() {
        return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(segments)));
    }

    /** Entities per segment, for every segment including empty ones, in {@link RfmSegment} order (unmodifiable). */
    public Map<RfmSegment, Integer> counts() {
        EnumMap<RfmSegment, Integer> c = new EnumMap<>(RfmSegment.class);
        for (RfmSegment s : RfmSegment.values()) {
            c.put(s, 0);
        }
        for (RfmSegment s : segments) {
            c.merge(s, 1, Integer::sum);
        }
        return Collections.unmodifiableMap(c);
    }

    /** The four recency breaks (20th..80th percentiles, a copy). */
    public double[] recencyBreaks() {
        return recencyBreaks.clone();
    }

    /** The four frequency breaks (a copy). */
    public double[] frequencyBreaks() {
        return frequencyBreaks.clone();
    }

    /** The four monetary breaks (a copy). */
    public double[] monetaryBreaks() {
        return monetaryBreaks.clone();
    }

    /** The scores as a table with columns {@code r_score, f_score, m_score}, in the scored table's entity order. */
    public FeatureTable toFeatureTable() {
        int n = entityIds.length;
        double[] v = new double[n * 3];
        for (int i = 0; i < n; i++) {
            v[i * 3] = r[i];
            v[i * 3 + 1] = f[i];
            v[i * 3 + 2] = m[i];
        }
        return FeatureTable.wrap(entityIds.clone(), new String[] {"r_score", "f_score", "m_score"}, v);
    }

    @Override
    public String toString() {
        return "RfmScores[" + entityIds.length + " entities, " + counts() + "]";
    }
}
