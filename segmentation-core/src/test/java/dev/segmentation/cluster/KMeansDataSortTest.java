package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.DataMatrix;
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

    /**
     * The canonical order is the stable lexicographic order of the rows (ties broken by input index), whether the
     * runs of equal leading bits are few (only those rows are copied, session 7) or many (the whole matrix is).
     */
    @Test
    void canonicalOrderIsTheStableLexicographicOrderWithFewOrManyTiedRows() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n : new int[] {50, 3_000, 70_000}) {
            for (int kind = 0; kind < 3; kind++) {
                int d = 3;
                double[] v = new double[n * d];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        v[i * d + j] = kind == 2 ? r.nextInt(3) - 1 : r.nextGaussian();
                    }
                    if (kind >= 1 && i > 0 && r.nextInt(25) == 0) {
                        // the previous row's leading value one or two ulps up: equal leading bits, other columns
                        // deciding; sometimes an exact duplicate row, sometimes -0.0 for 0.0
                        v[i * d] = r.nextBoolean() ? Math.nextUp(v[(i - 1) * d]) : v[(i - 1) * d];
                        if (r.nextInt(4) == 0) {
                            System.arraycopy(v, (i - 1) * d, v, i * d, d);
                        }
                    }
                    if (kind == 2 && v[i * d + 1] == 0 && r.nextBoolean()) {
                        v[i * d + 1] = -0.0;
                    }
                }
                Integer[] expected = new Integer[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = i;
                }
                Arrays.sort(expected, (a, b) -> {
                    for (int j = 0; j < d; j++) {
                        int c = Double.compare(v[a * d + j] + 0.0, v[b * d + j] + 0.0);
                        if (c != 0) {
                            return c;
                        }
                    }
                    return Integer.compare(a, b);
                });
                DataMatrix m = DataMatrix.of(n, d, v);
                for (int threads = 1; threads <= 2; threads++) {
                    int[] order = KMeansData.of(m, true, Cancel.NEVER, threads).order;
                    for (int i = 0; i < n; i++) {
                        int e = expected[i];
                        int o = order[i];
                        for (int j = 0; j < d; j++) {
                            // identical rows may come in either order: compare the rows' values
                            assertEquals(v[e * d + j] + 0.0, v[o * d + j] + 0.0,
                                    "n " + n + ", kind " + kind + ", position " + i + ", column " + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aCancelledSortStops() {
        CancellationToken t = new CancellationToken();
        t.cancel();
        Cancel c = Cancel.of(t::isCancelled, FitCancelledException::new);
        assertThrows(FitCancelledException.class, () -> KMeansData.sortLongs(new long[] {3, 1, 2}, c));
    }
}
