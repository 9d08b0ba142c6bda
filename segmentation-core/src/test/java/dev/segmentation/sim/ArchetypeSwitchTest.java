package dev.segmentation.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.Transactions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArchetypeSwitchTest {
    private static RetailSimulator.Builder base() {
        return RetailSimulator.builder().seed(11).entities(300).weeks(52)
                .archetypes(Archetype.STEADY, Archetype.INTERMITTENT, Archetype.BULK);
    }

    private static double[] rows(Transactions t, int e) {
        int a = t.entityStart(e);
        int b = t.entityEnd(e);
        double[] v = new double[3 * (b - a)];
        for (int r = a; r < b; r++) {
            v[3 * (r - a)] = t.epochSecond(r);
            v[3 * (r - a) + 1] = t.quantity(r);
            v[3 * (r - a) + 2] = t.amount(r);
        }
        return v;
    }

    @Test
    void switchesOffLeaveTheOutputUnchanged() {
        Simulation plain = base().build().simulate(2);
        Simulation off = base().switches(0, 13).build().simulate(2);
        assertFalse(off.hasSwitches());
        assertEquals(plain.transactions().size(), off.transactions().size());
        for (int e = 0; e < 300; e++) {
            assertArrayEquals(rows(plain.transactions(), e), rows(off.transactions(), e));
            assertEquals(plain.archetype(e), off.archetypeAt(e, 51));
        }
    }

    @Test
    void entitiesThatNeverSwitchKeepTheirTransactionsAndSwitchersChange() {
        Simulation plain = base().build().simulate(2);
        Simulation sw = base().switches(0.3, 13).build().simulate(2);
        assertTrue(sw.hasSwitches());
        int switched = 0;
        for (int e = 0; e < 300; e++) {
            boolean same = true;
            for (int w = 0; w < 52; w++) {
                Archetype a = sw.archetypeAt(e, w);
                same &= a == sw.archetype(e);
                // switches only at the period starts
                if (w % 13 != 0) {
                    assertEquals(sw.archetypeAt(e, w - 1), a);
                }
            }
            if (same) {
                assertArrayEquals(rows(plain.transactions(), e), rows(sw.transactions(), e), "entity " + e);
            } else {
                switched++;
                assertFalse(Arrays.equals(rows(plain.transactions(), e), rows(sw.transactions(), e)), "entity " + e);
            }
        }
        // 3 switch points with probability 0.3: about 66% of entities switch at least once
        assertTrue(switched > 150 && switched < 240, "switched " + switched);
        // the same for any thread count
        Simulation one = base().switches(0.3, 13).build().simulate(1);
        for (int e = 0; e < 300; e++) {
            assertArrayEquals(rows(one.transactions(), e), rows(sw.transactions(), e));
        }
        assertNotEquals(0, switched);
    }

    @Test
    void badSwitchSettingsAreNamed() {
        assertEquals("switch probability must be in [0, 1] but was 1.5", assertThrows(IllegalArgumentException.class,
                () -> base().switches(1.5, 13)).getMessage());
        assertEquals("switch period must be >= 1 week but was 0", assertThrows(IllegalArgumentException.class,
                () -> base().switches(0.1, 0)).getMessage());
        assertEquals("week 52 is outside the horizon [0, 52)", assertThrows(IndexOutOfBoundsException.class,
                () -> base().build().simulate(1).archetypeAt(0, 52)).getMessage());
    }
}
