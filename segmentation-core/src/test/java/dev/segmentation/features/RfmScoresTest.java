package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.fit.FitContext;
import dev.segmentation.testing.OnlineRetailFixture;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RfmScoresTest {
    static FeatureTable rfmTable(double[] recency, double[] frequency, double[] monetary) {
        int n = recency.length;
        List<String> ids = new ArrayList<>();
        double[] v = new double[n * 3];
        for (int i = 0; i < n; i++) {
            ids.add("c" + i);
            v[i * 3] = recency[i];
            v[i * 3 + 1] = frequency[i];
            v[i * 3 + 2] = monetary[i];
        }
        return FeatureTable.of(ids, List.of(Rfm.RECENCY_DAYS, Rfm.FREQUENCY_ORDERS, Rfm.MONETARY), v);
    }

    @Test
    void quintilesOfDistinctValuesWithRecencyInverted() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] m = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        RfmScores s = RfmScores.of(rfmTable(x, x, m));
        // breaks at virtual indices 1.8, 3.6, 5.4, 7.2: 2.8, 4.6, 6.4, 8.2
        assertArrayEquals(new double[] {2.8, 4.6, 6.4, 8.2}, s.frequencyBreaks(), 1e-12);
        assertArrayEquals(new int[] {1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, s.frequencyScores());
        assertArrayEquals(new int[] {1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, s.monetaryScores());
        assertArrayEquals(new int[] {5, 5, 4, 4, 3, 3, 2, 2, 1, 1}, s.recencyScores());
    }

    @Test
    void tiedValuesShareAScore() {
        double[] f = {1, 1, 1, 1, 1, 1, 2, 3, 4, 5};
        double[] r = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
        RfmScores s = RfmScores.of(rfmTable(r, f, f));
        // breaks 1, 1, 1.4, 3.2: every one-order customer scores 1, and a value equal to a break takes the lower score
        assertArrayEquals(new double[] {1, 1, 1.4, 3.2}, s.frequencyBreaks(), 1e-12);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 4, 4, 5, 5}, s.frequencyScores());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, s.recencyScores());
    }

    @Test
    void scoresDependOnlyOnTheValue() {
        double[] r = {5, 1, 5, 9, 1, 5};
        double[] f = {2, 2, 7, 2, 7, 1};
        double[] m = {3.5, 100, 3.5, 0.5, 100, 3.5};
        RfmScores s = RfmScores.of(rfmTable(r, f, m));
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < r.length; j++) {
                if (r[i] == r[j]) {
                    assertEquals(s.recencyScore(i), s.recencyScore(j));
                }
                if (f[i] == f[j]) {
                    assertEquals(s.frequencyScore(i), s.frequencyScore(j));
                }
                if (m[i] == m[j]) {
                    assertEquals(s.monetaryScore(i), s.monetaryScore(j));
                }
            }
        }
    }

    @Test
    void defaultRulesAreTheClassicTableFirstMatchWins() {
        List<RfmSegmentRule> rules = RfmSegmentRule.defaults();
        assertEquals(RfmSegmentRule.classic(), rules);
        assertEquals(RfmSegment.CHAMPIONS, RfmSegmentRule.assign(rules, 5, 5, 5));
        assertEquals(RfmSegment.CHAMPIONS, RfmSegmentRule.assign(rules, 4, 4, 4));
        assertTrue(rules.get(1).matches(5, 5, 5), "Loyal Customers also matches 555");
        assertEquals(RfmSegment.LOYAL_CUSTOMERS, RfmSegmentRule.assign(rules, 3, 5, 5));
        assertEquals(RfmSegment.LOYAL_CUSTOMERS, RfmSegmentRule.assign(rules, 2, 3, 3));
        assertEquals(RfmSegment.CANT_LOSE_THEM, RfmSegmentRule.assign(rules, 1, 4, 5));
        assertEquals(RfmSegment.NEW_CUSTOMERS, RfmSegmentRule.assign(rules, 5, 1, 1));
        assertEquals(RfmSegment.NEW_CUSTOMERS, RfmSegmentRule.assign(rules, 4, 1, 1));
        assertEquals(RfmSegment.PROMISING, RfmSegmentRule.assign(rules, 3, 1, 1));
        assertEquals(RfmSegment.POTENTIAL_LOYALIST, RfmSegmentRule.assign(rules, 5, 2, 3));
        assertEquals(RfmSegment.NEED_ATTENTION, RfmSegmentRule.assign(rules, 2, 2, 3));
        assertEquals(RfmSegment.ABOUT_TO_SLEEP, RfmSegmentRule.assign(rules, 2, 1, 1));
        assertEquals(RfmSegment.AT_RISK, RfmSegmentRule.assign(rules, 1, 5, 3));
        assertEquals(RfmSegment.NEED_ATTENTION, RfmSegmentRule.assign(rules, 2, 2, 2), "tried before At Risk");
        assertEquals(RfmSegment.LOST, RfmSegmentRule.assign(rules, 1, 1, 1));
        assertEquals(RfmSegment.HIBERNATING, RfmSegmentRule.assign(rules, 1, 2, 1));
        assertEquals(RfmSegment.OTHERS, RfmSegmentRule.assign(rules, 5, 1, 5));
        assertEquals(RfmSegment.OTHERS, RfmSegmentRule.assign(List.of(), 3, 3, 3));
    }

    @Test
    void rfmPackage030TableKeepsItsPrecedence() {
        List<RfmSegmentRule> rules = RfmSegmentRule.rfmPackage030();
        assertEquals(RfmSegment.CHAMPIONS, RfmSegmentRule.assign(rules, 5, 5, 5));
        assertTrue(rules.get(1).matches(5, 5, 5), "Potential Loyalist also matches 555");
        assertEquals(RfmSegment.POTENTIAL_LOYALIST, RfmSegmentRule.assign(rules, 5, 5, 4));
        assertEquals(RfmSegment.NEW_CUSTOMERS, RfmSegmentRule.assign(rules, 5, 1, 1));
        assertEquals(RfmSegment.PROMISING, RfmSegmentRule.assign(rules, 3, 1, 5));
        assertEquals(RfmSegment.CANT_LOSE_THEM, RfmSegmentRule.assign(rules, 1, 3, 5));
        assertEquals(RfmSegment.AT_RISK, RfmSegmentRule.assign(rules, 1, 5, 5));
        assertEquals(RfmSegment.NEED_ATTENTION, RfmSegmentRule.assign(rules, 1, 4, 3));
        assertEquals(RfmSegment.ABOUT_TO_SLEEP, RfmSegmentRule.assign(rules, 2, 1, 1));
        assertEquals(RfmSegment.HIBERNATING, RfmSegmentRule.assign(rules, 1, 2, 1));
        assertEquals(RfmSegment.LOST, RfmSegmentRule.assign(rules, 1, 1, 1));
        assertEquals(RfmSegment.OTHERS, RfmSegmentRule.assign(rules, 5, 5, 1));
    }

    @Test
    void everyNamedSegmentIsReachableUnderBothTables() {
        for (List<RfmSegmentRule> rules : List.of(RfmSegmentRule.classic(), RfmSegmentRule.rfmPackage030())) {
            EnumSet<RfmSegment> seen = EnumSet.noneOf(RfmSegment.class);
            int others = 0;
            for (int r = 1; r <= 5; r++) {
                for (int f = 1; f <= 5; f++) {
                    for (int m = 1; m <= 5; m++) {
                        RfmSegment s = RfmSegmentRule.assign(rules, r, f, m);
                        seen.add(s);
                        if (s == RfmSegment.OTHERS) {
                            others++;
                            if (rules == RfmSegmentRule.classic()) {
                                assertTrue(Math.abs(f - m) >= 2, "classic Others " + r + f + m);
                            }
                        }
                        if (s == RfmSegment.CHAMPIONS) {
                            assertTrue(r >= 4 && f >= 4 && m >= 4);
                        }
                        if (s == RfmSegment.HIBERNATING || s == RfmSegment.LOST) {
                            assertEquals(1, r);
                        }
                    }
                }
            }
            assertEquals(EnumSet.allOf(RfmSegment.class), seen);
            assertEquals(rules == RfmSegmentRule.classic() ? 36 : 10, others);
        }
    }

    @Test
    void segmentsCountsAndTable() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] rev = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        RfmScores s = RfmScores.of(rfmTable(x, rev, rev));
        // c0: recency 1 (score 5), frequency 10 (score 5), monetary 10 (score 5)
        assertEquals(RfmSegment.CHAMPIONS, s.segment(0));
        assertEquals(RfmSegment.LOST, s.segment(9));
        Map<RfmSegment, Integer> counts = s.counts();
        assertEquals(RfmSegment.values().length, counts.size());
        assertEquals(10, counts.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(s.segments().stream().filter(g -> g == RfmSegment.CHAMPIONS).count(),
                (long) counts.get(RfmSegment.CHAMPIONS));
        FeatureTable t = s.toFeatureTable();
        assertEquals(List.of("r_score", "f_score", "m_score"), t.featureNames());
        assertArrayEquals(new double[] {5, 5, 5}, t.row(0));
        assertEquals(s.entityIds(), t.entityIds());
        s.recencyScores()[0] = 99;
        assertEquals(5, s.recencyScore(0));
        assertEquals("Can't Lose Them", RfmSegment.CANT_LOSE_THEM.displayName());
    }

    @Test
    void badTablesAreRefused() {
        FeatureTable empty = FeatureTable.of(List.of(), List.of(Rfm.RECENCY_DAYS, Rfm.FREQUENCY_ORDERS,
                Rfm.MONETARY), new double[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RfmScores.of(empty));
        assertEquals("cannot score an RFM table with no entity", e.getMessage());
        FeatureTable noMonetary = FeatureTable.of(List.of("a"), List.of(Rfm.RECENCY_DAYS, Rfm.FREQUENCY_ORDERS),
                new double[] {1, 1});
        e = assertThrows(IllegalArgumentException.class, () -> RfmScores.of(noMonetary));
        assertEquals("no feature named 'monetary'; features are [recency_days, frequency_orders]", e.getMessage());
        FeatureTable nan = rfmTable(new double[] {1, 2}, new double[] {1, 1}, new double[] {5, Double.NaN});
        e = assertThrows(IllegalArgumentException.class, () -> RfmScores.of(nan));
        assertEquals("entity 'c1', feature 'monetary': value NaN is not finite", e.getMessage());
    }

    @Test
    void badRulesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RfmSegmentRule.of(RfmSegment.LOST, 0, 1, 1, 5, 1, 5));
        assertEquals("recencyLow must be within 1..5 but was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RfmSegmentRule.of(RfmSegment.LOST, 1, 1, 1, 6, 1, 5));
        assertEquals("frequencyHigh must be within 1..5 but was 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RfmSegmentRule.of(RfmSegment.LOST, 1, 1, 1, 5, 4, 2));
        assertEquals("monetaryLow (4) must not exceed monetaryHigh (2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RfmSegmentRule.of(RfmSegment.OTHERS, 1, 5, 1, 5, 1, 5));
        assertEquals("segment must not be OTHERS: it is assigned when no rule matches", e.getMessage());
    }

    @Test
    void customRulesAreTriedInOrder() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        List<RfmSegmentRule> rules = List.of(RfmSegmentRule.of(RfmSegment.LOST, 1, 5, 1, 5, 1, 5),
                RfmSegmentRule.of(RfmSegment.CHAMPIONS, 1, 5, 1, 5, 1, 5));
        RfmScores s = RfmScores.of(rfmTable(x, x, x), rules);
        assertEquals(10, (int) s.counts().get(RfmSegment.LOST));
    }

    @Test
    void onlineRetailScoresAndSegments() {
        OnlineRetailFixture.Loaded data = OnlineRetailFixture.require();
        FeatureTable table = Rfm.builder().cancelledOrders(id -> id.startsWith("C")).build()
                .compute(data.transactions, FitContext.seeded(1)).table();
        RfmScores s = RfmScores.of(table);
        System.out.println("Online Retail RFM breaks: recency " + java.util.Arrays.toString(s.recencyBreaks())
                + ", frequency " + java.util.Arrays.toString(s.frequencyBreaks()) + ", monetary "
                + java.util.Arrays.toString(s.monetaryBreaks()));
        System.out.println("Online Retail RFM segments: " + s.counts());
        assertEquals(table.rows(), s.size());
        assertEquals(table.entityIds(), s.entityIds());
        int total = 0;
        for (int c : s.counts().values()) {
            total += c;
        }
        assertEquals(table.rows(), total, "every customer has exactly one segment");
        double[] rec = table.column(Rfm.RECENCY_DAYS);
        double[] mon = table.column(Rfm.MONETARY);
        for (int i = 0; i < s.size(); i++) {
            int r = s.recencyScore(i);
            int f = s.frequencyScore(i);
            int m = s.monetaryScore(i);
            assertTrue(r >= 1 && r <= 5 && f >= 1 && f <= 5 && m >= 1 && m <= 5, s.entityId(i));
            assertEquals(RfmSegmentRule.assign(RfmSegmentRule.defaults(), r, f, m), s.segment(i));
            if (s.segment(i) == RfmSegment.CHAMPIONS) {
                assertTrue(r >= 4 && f >= 4 && m >= 4, s.entityId(i));
            }
            // monotone: a customer who spent more never has a lower monetary score; more recent, no lower R score
            int j = (i * 7919) % s.size();
            if (mon[i] > mon[j]) {
                assertTrue(m >= s.monetaryScore(j));
            }
            if (rec[i] < rec[j]) {
                assertTrue(r >= s.recencyScore(j));
            }
        }
        assertTrue(s.counts().get(RfmSegment.CHAMPIONS) > 0);
    }
}
