package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyBehaviourTest {
    private static final long DAY0 = LocalDate.of(2011, 1, 1).toEpochDay();

    private static long at(int day, int hour) {
        return (DAY0 + day) * 86_400L + hour * 3600L;
    }

    /** A: purchases on days 0 and 3, a cancellation on day 3, a purchase on day 40; B: day 50; C: day 100 only. */
    private static Transactions tx() {
        return Transactions.builder()
                .add("A", at(0, 10), "O1", 2, 10, "X", null)
                .add("A", at(0, 10), "O1", 1, 5, "Y", null)
                .add("A", at(3, 9), "O2", 1, 7, "X", null)
                .add("A", at(3, 12), "C9", -1, -5, "X", null)
                .add("A", at(40, 9), "O3", 1, 100, "Y", null)
                .add("B", at(50, 8), "O4", 3, 30, "Z", null)
                .add("C", at(100, 8), "O5", 1, 1, "Z", null)
                .build();
    }

    @Test
    void handComputedFeaturesOfTheFirst30Days() {
        EarlyBehaviour e = EarlyBehaviour.firstDays(30, "C").withFirstPurchaseAge(LocalDate.ofEpochDay(DAY0 + 101));
        FeatureTable f = e.extract(tx());
        // C's first 30 days run past the last day of the data (day 100): left out
        assertEquals(List.of("A", "B"), f.entityIds());
        assertEquals(e.featureNames(), f.featureNames());
        assertArrayEquals(new double[] {2, 22, 11, 15, 2, 3, 4, 2, 1, 101}, f.row(0));
        assertArrayEquals(new double[] {1, 30, 30, 30, 1, 0, 3, 1, 0, 51}, f.row(1));
    }

    @Test
    void alignedWindowsEndOnTheLastDayOfTheData() {
        Transactions w = EarlyBehaviour.firstDays(30, "C").alignedWindows(tx());
        assertEquals(List.of("A", "B"), w.entityIds());
        assertEquals(5, w.size());
        // A's window (days 0..29) is shifted by 71 days to end on day 100, B's (50..79) by 21 days
        long[] days = new long[w.size()];
        for (int r = 0; r < w.size(); r++) {
            days[r] = w.epochDay(r) - DAY0;
        }
        java.util.Arrays.sort(days);
        assertArrayEquals(new long[] {71, 71, 71, 74, 74}, days);
    }

    @Test
    void badArguments() {
        assertEquals("days must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> EarlyBehaviour.firstDays(0, null)).getMessage());
        assertEquals("cancelledOrderPrefix must not be empty (use null for none)",
                assertThrows(IllegalArgumentException.class, () -> EarlyBehaviour.firstDays(5, "")).getMessage());
    }
}
