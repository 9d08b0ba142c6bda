package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.fit.CancellationToken;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.internal.Cancel;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cancellable radix sort of K-Means's canonical order gives exactly {@link Arrays#sort(long[])}'s order. */
class KMeansDataSortTest {
    @Test
    void sortLongsAgreesWithArraysSort() {
        SplittableRandom r = new SplittableRandom(2);
        for (int n : new int[] {0, 1, 2, 100, 70_000, 200_000}) {
            for (int kind = 0; kind < 3; kind++) {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = kind == 0 ? r.nextLong() : kind == 1 ? r.nextLong(-5, 5) : (r.nextLong() & 0xFFFF0000L);
                }
                long[] expected = a.clone();
                Arrays.sort(expected);
                for (int threads = 2; threads <= 3; threads++) {
                    long[] b = a.clone();
                    KMeansData.sortLongs(b, Cancel.NEVER, threads);
                    assertArrayEquals(expected, b, "n " + n + ", kind " + kind + ", threads " + threads);
                }
                KMeansData.sortLongs(a, Cancel.NEVER);
                assertArrayEquals(expected, a, "n " + n + ", kind " + kind);
            }
        }
        long[] edges = {Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, 1, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1};
        long[] expected = edges.clone();
        Arrays.sort(expected);
        KMeansData.sortLongs(edges, Cancel.NEVER);
        assertArrayEquals(expected, edges);
    }

    @Test
    void aCancelledSortStops() {
        CancellationToken t = new CancellationToken();
        t.cancel();
        Cancel c = Cancel.of(t::isCancelled, FitCancelledException::new);
        assertThrows(FitCancelledException.class, () -> KMeansData.sortLongs(new long[] {3, 1, 2}, c));
    }
}
