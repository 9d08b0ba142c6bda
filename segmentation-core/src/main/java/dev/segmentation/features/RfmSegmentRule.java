package dev.segmentation.features;

import java.util.List;
import java.util.Objects;

/**
 * One segment rule: an entity whose recency, frequency and monetary scores (1..5) all lie within the rule's
 * inclusive bounds belongs to the rule's segment. Rules are tried in list order and the <b>first</b> match wins
 * (the precedence of the R package {@code rfm} since its fix of issue #67, version 0.2.2: a customer keeps the
 * first segment assigned); an entity no rule matches is {@link RfmSegment#OTHERS}. Immutable.
 *
 * <p><b>The default table</b> ({@link #defaults()}, also {@link #classic()}) is the classic eleven-segment RFM table
 * with score ranges: Champions R 4-5, F 4-5, M 4-5, and so on. Its source is the segment table ("Segment,
 * Description, R, F, M") of the documentation of the R package {@code rfm} by Aravind Hebbali (versions 0.2.x, README
 * and the "Introduction to RFM" vignette; Hebbali credits the segment names to the RFM article of Putler, a
 * retail-analytics vendor). Published as an unordered list of ranges, it leaves two things open, which we settle
 * here so that every row can be reached under first-match precedence:
 * <ul>
 *   <li><b>Order.</b> New Customers and Promising (frequency and monetary score 1) lie inside Potential Loyalist's
 *       box, and Can't Lose Them (recency 1, frequency and monetary 4-5) inside At Risk's; the narrower boxes are
 *       tried first, everything else keeps its published order.</li>
 *   <li><b>Lost versus Hibernating.</b> The published boxes are identical (R, F and M all 1-2 once scores start at
 *       1), and recency-2 ones are About To Sleep's or Need Attention's before either is reached. Lost here is the
 *       lowest score on all three (R 1, F 1, M 1); Hibernating keeps the rest of its box.</li>
 * </ul>
 * <table>
 *   <caption>Default (classic) segment rules, in precedence order (score bounds, inclusive)</caption>
 *   <tr><th>#</th><th>segment</th><th>R</th><th>F</th><th>M</th></tr>
 *   <tr><td>1</td><td>Champions</td><td>4-5</td><td>4-5</td><td>4-5</td></tr>
 *   <tr><td>2</td><td>Loyal Customers</td><td>2-5</td><td>3-5</td><td>3-5</td></tr>
 *   <tr><td>3</td><td>Can't Lose Them</td><td>1-1</td><td>4-5</td><td>4-5</td></tr>
 *   <tr><td>4</td><td>New Customers</td><td>4-5</td><td>1-1</td><td>1-1</td></tr>
 *   <tr><td>5</td><td>Promising</td><td>3-4</td><td>1-1</td><td>1-1</td></tr>
 *   <tr><td>6</td><td>Potential Loyalist</td><td>3-5</td><td>1-3</td><td>1-3</td></tr>
 *   <tr><td>7</td><td>Need Attention</td><td>2-3</td><td>2-3</td><td>2-3</td></tr>
 *   <tr><td>8</td><td>About To Sleep</td><td>2-3</td><td>1-2</td><td>1-2</td></tr>
 *   <tr><td>9</td><td>At Risk</td><td>1-2</td><td>2-5</td><td>2-5</td></tr>
 *   <tr><td>10</td><td>Lost</td><td>1-1</td><td>1-1</td><td>1-1</td></tr>
 *   <tr><td>11</td><td>Hibernating</td><td>1-2</td><td>1-2</td><td>1-2</td></tr>
 * </table>
 * Every segment is reachable; 36 of the 125 score combinations match no rule and are {@link RfmSegment#OTHERS}.
 * In each of them the frequency and monetary scores are two or more apart (e.g. R 5, F 1, M 5: one big order; R 4,
 * F 5, M 1: many tiny ones), a profile the published table does not name.
 *
 * <p><b>The {@code rfm} 0.3.0 table</b> ({@link #rfmPackage030()}) was the default before. It is the table of the
 * same package's version 0.3.0 ({@code rfm_segment} examples and vignette), in which Champions needs exactly 5/5/5
 * and Potential Loyalist (R 3-5, F 3-5, M 2-5) is tried before Loyal Customers, so nearly every strong customer
 * short of 5/5/5 is called Potential Loyalist: on UCI Online Retail its Potential Loyalists average more orders and
 * spend than its Loyal Customers. It is kept for comparison with that package:
 * <table>
 *   <caption>The rfm 0.3.0 rules, in precedence order (score bounds, inclusive)</caption>
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
 * That package's table has no Hibernating segment: row 10 is ours and takes the recency-1 entities with frequency
 * score &gt;= 2 that the package calls Lost; ten of the 125 combinations match no rule.
 */
public final class RfmSegmentRule {
    private static final List<RfmSegmentRule> CLASSIC = List.of(
            of(RfmSegment.CHAMPIONS, 4, 5, 4, 5, 4, 5),
            of(RfmSegment.LOYAL_CUSTOMERS, 2, 5, 3, 5, 3, 5),
            of(RfmSegment.CANT_LOSE_THEM, 1, 1, 4, 5, 4, 5),
            of(RfmSegment.NEW_CUSTOMERS, 4, 5, 1, 1, 1, 1),
            of(RfmSegment.PROMISING, 3, 4, 1, 1, 1, 1),
            of(RfmSegment.POTENTIAL_LOYALIST, 3, 5, 1, 3, 1, 3),
            of(RfmSegment.NEED_ATTENTION, 2, 3, 2, 3, 2, 3),
            of(RfmSegment.ABOUT_TO_SLEEP, 2, 3, 1, 2, 1, 2),
            of(RfmSegment.AT_RISK, 1, 2, 2, 5, 2, 5),
            of(RfmSegment.LOST, 1, 1, 1, 1, 1, 1),
            of(RfmSegment.HIBERNATING, 1, 2, 1, 2, 1, 2));

    private static final List<RfmSegmentRule> RFM_PACKAGE_030 = List.of(
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

    /** The default rule table: {@link #classic()} (see the class comment), in precedence order (unmodifiable). */
    public static List<RfmSegmentRule> defaults() {
        return CLASSIC;
    }

    /**
     * The classic table (Champions R 4-5, F 4-5, M 4-5, ...; source and precedence in the class comment), in
     * precedence order (unmodifiable).
     */
    public static List<RfmSegmentRule> classic() {
        return CLASSIC;
    }

    /**
     * The R package {@code rfm} 0.3.0 table (the default before the classic one; see the class comment), in
     * precedence order (unmodifiable).
     */
    public static List<RfmSegmentRule> rfmPackage030() {
        return RFM_PACKAGE_030;
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
