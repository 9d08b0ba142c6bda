package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TimeSplitTest {
    private static final long[] T = {5, 1, 3, 9, 3, 7};

    @Test
    void beforeACutoff() {
        TimeSplit.Split s = TimeSplit.before(T, 4);
        assertArrayEquals(new int[] {1, 2, 4}, s.train());
        assertArrayEquals(new int[] {0, 3, 5}, s.test());
        assertEquals("Split[cutoff=4, train=3 rows, test=3 rows]", s.toString());
        TimeSplit.Split d = TimeSplit.before(new LocalDate[] {LocalDate.of(2011, 1, 2), LocalDate.of(2011, 3, 1)},
                LocalDate.of(2011, 2, 1));
        assertArrayEquals(new int[] {0}, d.train());
        assertArrayEquals(new int[] {1}, d.test());
    }

    @Test
    void rollingWindowsExpand() {
        List<TimeSplit.Split> r = TimeSplit.rolling(T, 4, 2, 2, 3);
        assertEquals(3, r.size());
        assertArrayEquals(new int[] {1, 2, 4}, r.get(0).train());
        assertArrayEquals(new int[] {0}, r.get(0).test());
        assertArrayEquals(new int[] {0, 1, 2, 4}, r.get(1).train());
        assertArrayEquals(new int[] {5}, r.get(1).test());
        assertArrayEquals(new int[] {0, 1, 2, 4, 5}, r.get(2).train());
        assertArrayEquals(new int[] {3}, r.get(2).test());
        assertEquals(10, r.get(2).end());
    }

    @Test
    void errorPaths() {
        assertEquals("no row is before the cut-off 1 (times range from 1 to 9)",
                assertThrows(IllegalArgumentException.class, () -> TimeSplit.before(T, 1)).getMessage());
        assertEquals("no row is at or after 10 (times range from 1 to 9)",
                assertThrows(IllegalArgumentException.class, () -> TimeSplit.before(T, 10)).getMessage());
        assertEquals("no row is before the cut-off 0 (there are no rows)",
                assertThrows(IllegalArgumentException.class, () -> TimeSplit.before(new long[0], 0)).getMessage());
        assertEquals("rolling split 1 of 2: no row is in [6, 7) (times range from 1 to 9)",
                assertThrows(IllegalArgumentException.class, () -> TimeSplit.rolling(T, 5, 1, 1, 2)).getMessage());
        assertEquals("step must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> TimeSplit.rolling(T, 4, 0, 1, 2)).getMessage());
        assertEquals("horizon must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> TimeSplit.rolling(T, 4, 1, 0, 2)).getMessage());
        assertEquals("splits must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> TimeSplit.rolling(T, 4, 1, 1, 0)).getMessage());
        assertEquals("dates[1]", assertThrows(NullPointerException.class,
                () -> TimeSplit.epochDays(new LocalDate[] {LocalDate.EPOCH, null})).getMessage());
    }

    @Property(tries = 200)
    void trainIsBeforeTestIsAfter(@ForAll @Size(min = 2, max = 60) List<@IntRange(min = -50, max = 50) Integer> t,
            @ForAll @IntRange(min = -49, max = 50) int cutoff) {
        long[] times = t.stream().mapToLong(Integer::longValue).toArray();
        long below = t.stream().filter(v -> v < cutoff).count();
        if (below == 0 || below == t.size()) {
            assertThrows(IllegalArgumentException.class, () -> TimeSplit.before(times, cutoff));
            return;
        }
        TimeSplit.Split s = TimeSplit.before(times, cutoff);
        assertEquals(t.size(), s.train().length + s.test().length, "every row in one side");
        for (int r : s.train()) {
            assertTrue(times[r] < cutoff);
        }
        for (int r : s.test()) {
            assertTrue(times[r] >= cutoff);
        }
    }

    @Test
    void evaluatesOnTheLaterRowsBesideTheBaseline() {
        FeatureTable x = Fixtures.table(1200, 31);
        int[] y = Fixtures.labels(x, 3, 32);
        long[] times = new long[x.rows()];
        for (int i = 0; i < times.length; i++) {
            times[i] = i / 100; // twelve "months" of 100 rows
        }
        Classifier c = Classifier.gradientBoosting().nRounds(30).maxDepth(3).seed(1).build();
        CrossValidation.HoldoutResult h = CrossValidation.timeSplit(c, x, y, TimeSplit.before(times, 9));
        assertEquals(300, h.truth().length);
        assertEquals(300, h.probabilities().rows());
        assertTrue(h.report().accuracy() > h.baseline().accuracy() + 0.3,
                h.report().accuracy() + " vs " + h.baseline().accuracy());
        List<CrossValidation.HoldoutResult> rolling = CrossValidation.timeSplits(c, x, y,
                TimeSplit.rolling(times, 6, 2, 2, 3));
        assertEquals(3, rolling.size());
        assertEquals(200, rolling.get(2).truth().length);
    }

    @Test
    void aClassOnlyInTheFutureIsRefused() {
        FeatureTable x = Fixtures.table(60, 3);
        int[] y = new int[60];
        long[] times = new long[60];
        for (int i = 0; i < 60; i++) {
            y[i] = i < 50 ? i % 2 : 2;
            times[i] = i;
        }
        Classifier c = Classifier.gradientBoosting().nRounds(5).seed(1).build();
        assertEquals("class 2 occurs in the test rows (row 50, from the cut-off 40 on) but in no training row: the"
                + " model could not predict it", assertThrows(IllegalArgumentException.class,
                        () -> CrossValidation.timeSplit(c, x, y, TimeSplit.before(times, 40))).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.timeSplits(c, x, y, List.of(TimeSplit.before(times, 40))));
        assertTrue(e.getMessage().startsWith("time split 0 (Split[cutoff=40, train=40 rows, test=20 rows]): class 2"),
                e.getMessage());
        assertEquals("labels has 3 entries but there are 60 rows", assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.timeSplit(c, x, new int[3], TimeSplit.before(times, 40))).getMessage());
    }
}
