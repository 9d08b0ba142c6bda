package dev.segmentation.features;

import java.util.List;
import java.util.Objects;

/**
 * One segment rule: an entity whose recency, frequency and monetary scores (1..5) all lie within the rule's
 * inclusive bounds belongs to the rule's segment. Rules are tried in list order and the <b>first</b> match wins
 * (the precedence of the R package {@code rfm} since its fix of issue #67, version 0.2.2: a customer keeps the
 * first segment assigned); an entity no rule matches is {@link RfmSegment#OTHERS}. Immutable.
 *
 * <p>The {@link #defaults()} table, tried top to bottom:
 * <table>
 *   <caption>Default segment rules (score bounds, inclusive)</caption>
 *   <tr><th>#</th><th>segment</th><th>R</th><th>F</th><th>M</th></tr>
 *   <tr><td>1</td><td>Champions</td><td>5-5</td><td>5-5</td><td>5-5</td></tr>
 *   <tr><td>2</td><td>Potential Loyalist</td><td>3-5</td><td>3-5</td><td>2-5</td></tr>
 *   <tr><td>3</td><td>Loyal Customers</td><td>2-4</td><td>2-4</td><td>2-4</td></tr>
 *   <tr><td>4</td><td>Promising</td><td>3-4</td><td>1-3</td><td>3-5</td></tr>
 *   <tr><td>5</td><td>New Customers</td><td>4-5</td><td>1-3</td><td>1-5</td></tr>
 *   <tr><td>6</td><td>Can't Lose Them</td><td>1-2</td><td>3-4</td><td>4-5</td></tr>
 *   <tr><td>7</td><td>At Risk</td><td>1-2</td><td>2-5</td><td>4-5</td></tr>
 *   <tr><td>8</td><td>Need Attention</td><td>1-3</td><td>3-5</td><td>3-5</td></tr>
 *   <tr><td>9</td><td>About To Sleep</td><td>2-3</td><td>1-3</td><td>1-4</td></tr>
 *   <tr><td>10</td><td>Hibernating</td><td>1-1</td><td>2-5</td><td>1-5</td></tr>
 *   <tr><td>11</td><td>Lost</td><td>1-1</td><td>1-5</td><td>1-5</td></tr>
 * </table>
 * Rows 1-9 and 11 are the segment table of the {@code rfm} package's documentation (version 0.3.0,
 * {@code rfm_segment} examples and vignette; the function itself has no default bounds). That table has no
 * Hibernating segment: row 10 is ours. It takes the recency-1 entities with frequency score &gt;= 2 that rows 1-9
 * leave over, which the {@code rfm} table calls Lost; so every score combination gets the same name as in
 * {@code rfm} except those, and Lost keeps the recency-1, frequency-1 ones. Under these rules every segment is
 * reachable; ten of the 125 combinations (e.g. R 5, F 5, M 1) match no rule and are {@link RfmSegment#OTHERS}.
 * (The package's older example table, used in its tests, lists the segments in the order of {@link RfmSegment};
 * under first-match precedence its New Customers, Promising and Can't Lose Them rows can never match, which is
 * why the newer table is the default here.)
 */
public final class RfmSegmentRule {
    private static final List<RfmSegmentRule> DEFAULTS = List.of(
            of(RfmSegment.CHAMPIONS, 5, 5, 5, 5, 5, 5),
            of(RfmSegment.POTENTIAL_LOYALIST, 3, 5, 3, 5, 2, 5),
            of(RfmSegment.LOYAL_CUSTOMERS, 2, 4, 2, 4, 2, 4),
            of(RfmSegment.PROMISING, 3, 4, 1, 3, 3, 5),
            of(RfmSegment.NEW_CUSTOMERS, 4, 5, 1, 3, 1, 5),
            of(RfmSegment.CANT_LOSE_THEM, 1, 2, 3, 4, 4, 5),
            of(RfmSegment.AT_RISK, 1, 2, 2, 5, 4, 5),
            of(RfmSegment.NEED_ATTENTION, 1, 3, 3, 5, 3, 5),
            of(RfmSegment.ABOUT_TO_SLEEP, 2, 3, 1, 3, 1, 4),
            of(RfmSegment.HIBERNATING, 1, 1, 2, 5, 1, 5),
            of(RfmSegment.LOST, 1, 1, 1, 5, 1, 5));

    private final RfmSegment segment;
    private final int rLow;
    private final int rHigh;
    private final int fLow;
    private final int fHigh;
    private final int mLow;
    private final int mHigh;

    private RfmSegmentRule(RfmSegment segment, int rLow, int rHigh, int fLow, int fHigh, int mLow, int mHigh) {
        this.segment = segment;
        this.rLow = rLow;
        this.rHigh = rHigh;
        this.fLow = fLow;
        this.fHigh = fHigh;
        this.mLow = mLow;
        this.mHigh = mHigh;
    }

    /**
     * A rule for {@code segment} with inclusive score bounds.
     *
     * @throws IllegalArgumentException when a bound is outside 1..5 or a lower bound exceeds its upper bound, or the
     *     segment is {@link RfmSegment#OTHERS} (which means "no rule matched")
     */
    public static RfmSegmentRule of(RfmSegment segment, int recencyLow, int recencyHigh, int frequencyLow,
            int frequencyHigh, int monetaryLow, int monetaryHigh) {
        Objects.requireNonNull(segment, "segment");
        if (segment == RfmSegment.OTHERS) {
            throw new IllegalArgumentException("segment must not be OTHERS: it is assigned when no rule matches");
        }
        check("recency", recencyLow, recencyHigh);
        check("frequency", frequencyLow, frequencyHigh);
        check("monetary", monetaryLow, monetaryHigh);
        return new RfmSegmentRule(segment, recencyLow, recencyHigh, frequencyLow, frequencyHigh, monetaryLow,
                monetaryHigh);
    }

    private static void check(String name, int low, int high) {
        if (low < 1 || low > 5) {
            throw new IllegalArgumentException(name + "Low must be within 1..5 but was " + low);
        }
        if (high < 1 || high > 5) {
            throw new IllegalArgumentException(name + "High must be within 1..5 but was " + high);
        }
        if (low > high) {
            throw new IllegalArgumentException(name + "Low (" + low + ") must not exceed " + name + "High (" + high
                    + ")");
        }
    }

    /** The default rule table (see the class comment), in precedence order (unmodifiable). */
    public static List<RfmSegmentRule> defaults() {
        return DEFAULTS;
    }

    /** The segment this rule assigns. */
    public RfmSegment segment() {
        return segment;
    }

    /** True when all three scores lie within the bounds. */
    public boolean matches(int recencyScore, int frequencyScore, int monetaryScore) {
        return recencyScore >= rLow && recencyScore <= rHigh && frequencyScore >= fLow && frequencyScore <= fHigh
                && monetaryScore >= mLow && monetaryScore <= mHigh;
    }

    /** The segment of the first rule in {@code rules} that matches, or {@link RfmSegment#OTHERS}. */
    public static RfmSegment assign(List<RfmSegmentRule> rules, int recencyScore, int frequencyScore,
            int monetaryScore) {
        for (int i = 0; i < rules.size(); i++) {
            RfmSegmentRule rule = rules.get(i);
            if (rule.matches(recencyScore, frequencyScore, monetaryScore)) {
                return rule.segment;
            }
        }
        return RfmSegment.OTHERS;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RfmSegmentRule)) {
            return false;
        }
        RfmSegmentRule r = (RfmSegmentRule) o;
        return segment == r.segment && rLow == r.rLow && rHigh == r.rHigh && fLow == r.fLow && fHigh == r.fHigh
                && mLow == r.mLow && mHigh == r.mHigh;
    }

    @Override
    public int hashCode() {
        return Objects.hash(segment, rLow, rHigh, fLow, fHigh, mLow, mHigh);
    }

    @Override
    public String toString() {
        return segment.displayName() + ": R " + rLow + "-" + rHigh + ", F " + fLow + "-" + fHigh + ", M " + mLow
                + "-" + mHigh;
    }
}
