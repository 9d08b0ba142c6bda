package dev.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void runsEveryBlockOnceForAnyThreadCount() {
        for (int threads = 1; threads <= 4; threads++) {
            AtomicIntegerArray seen = new AtomicIntegerArray(37);
            Parallel.forEachBlock(37, threads, seen::incrementAndGet);
            for (int b = 0; b < 37; b++) {
                assertEquals(1, seen.get(b), "block " + b + " with " + threads + " threads");
            }
        }
    }

    @Test
    void aWorkersExceptionReachesTheCallerUnwrapped() {
        IllegalArgumentException original = new IllegalArgumentException("row 5, column 2 is NaN");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> Parallel.forEachBlock(8, 2, b -> {
                    if (b == 5) {
                        throw original;
                    }
                }));
        assertEquals("row 5, column 2 is NaN", thrown.getMessage());
        assertSame(IllegalArgumentException.class, thrown.getClass());
    }

    @Test
    void theOriginalExceptionArrivesWhicheverWorkerThrowsIt() {
        // a failure in a block run by another worker is wrapped by more than one join on its way back
        for (int failing = 0; failing < 64; failing += 7) {
            int f = failing;
            IllegalStateException original = new IllegalStateException("block " + f);
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> Parallel.forEachBlock(64, 3, b -> {
                        if (b == f) {
                            throw original;
                        }
                        busy();
                    }));
            assertSame(original, thrown, "block " + f);
        }
    }

    private static void busy() {
        double x = 0;
        for (int i = 0; i < 20_000; i++) {
            x += Math.sqrt(i);
        }
        if (x < 0) {
            throw new AssertionError();
        }
    }

    @Test
    void blocksCoverTheRange() {
        assertEquals(0, Parallel.blocks(0, 4096));
        assertEquals(1, Parallel.blocks(4096, 4096));
        assertEquals(2, Parallel.blocks(4097, 4096));
    }
}
