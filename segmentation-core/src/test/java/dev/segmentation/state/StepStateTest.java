package dev.segmentation.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepStateTest {
    @Test
    void keepsPartsInInsertionOrderAndCopiesArrays() {
        double[] d = {1, 2};
        int[] i = {3};
        StepState.Builder b = StepState.builder("t", 1).put("s", "x").put("n", 5L).put("r", 0.5)
                .put("d", d).put("i", i);
        StepState s = b.build();
        d[0] = 9;
        i[0] = 9;
        assertArrayEquals(new double[] {1, 2}, s.doubles("d"));
        assertArrayEquals(new int[] {3}, s.ints("i"));
        s.doubles("d")[0] = 7;
        assertArrayEquals(new double[] {1, 2}, s.doubles("d"));
        assertEquals(List.of("s", "n", "r"), List.copyOf(s.parameters().keySet()));
        assertEquals("x", s.string("s"));
        assertEquals(5, s.integer("n"));
        assertEquals(5.0, s.number("n"));
        assertEquals(0.5, s.number("r"));
        assertEquals(s, b.build());
        assertEquals(s.hashCode(), b.build().hashCode());
        assertNotEquals(s, StepState.builder("t", 1).put("s", "x").build());
        assertEquals("StepState[t v1, parameters={s=x, n=5, r=0.5}, doubles=[d], ints=[i]]", s.toString());
    }

    @Test
    void refusesBadPartsWithTheirNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepState.builder(" ", 1));
        assertEquals("type must not be blank but was ' '", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StepState.builder("t", 0));
        assertEquals("version must be >= 1 but was 0", e.getMessage());
        StepState.Builder b = StepState.builder("t", 1).put("a", 1L);
        e = assertThrows(IllegalArgumentException.class, () -> b.put("a", new double[0]));
        assertEquals("name 'a' is already used in this t state", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.put("x", Double.NaN));
        assertEquals("parameter 'x' must not be NaN", e.getMessage());
        StepState s = StepState.builder("t", 1).put("a", "text").put("big", 1L << 40).build();
        e = assertThrows(IllegalArgumentException.class, () -> s.number("a"));
        assertEquals("t state: parameter 'a' is not a number but text", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.integer("big"));
        assertEquals("t state: parameter 'big' is not an int but 1099511627776", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.string("zz"));
        assertEquals("t state: parameter 'zz' is missing", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.doubles("zz"));
        assertEquals("t state: double array 'zz' is missing", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.ints("zz"));
        assertEquals("t state: int array 'zz' is missing", e.getMessage());
        assertThrows(NullPointerException.class, () -> StepState.builder("t", 1).put("a", (String) null));
    }
}
