package dev.segmentation.benchmarks.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.benchmarks.cluster.KMeansPeersLibraries.Library;
import dev.segmentation.benchmarks.cluster.KMeansPeersLibraries.Peer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fixed-iteration protocol of the K-Means peer benchmarks does the same work in every library that can take
 * initial centres: from the same centres, after the same number of Lloyd (or Hamerly) iterations, all end on the
 * same centres. Ours with the layout prepared before timing gives exactly the bits of the public API path.
 */
class KMeansPeersProtocolTest {
    private static double[][] blobs(int n, int d, int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] c = new double[k][d];
        for (double[] row : c) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextDouble() * 20 - 10;
            }
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double[] centre = c[rng.nextInt(k)];
            for (int j = 0; j < d; j++) {
                x[i][j] = centre[j] + rng.nextGaussian();
            }
        }
        return x;
    }

    private static double[][] run(Library library, double[][] rows, double[][] init, int iterations, int threads) {
        Peer p = KMeansPeersLibraries.create(library, threads);
        p.prepare(rows);
        return p.fixedIterations(init, iterations);
    }

    @Test
    void everyEngineThatTakesInitialCentresEndsOnTheSameCentres() {
        double[][] rows = blobs(3000, 4, 5, 11);
        double[][] init = new double[5][];
        for (int c = 0; c < 5; c++) {
            init[c] = rows[c * 600].clone();
        }
        double[][] api = run(Library.OURS_LLOYD, rows, init, 4, 2);
        for (Library l : new Library[] {Library.OURS_LLOYD_PREPARED, Library.OURS_HAMERLY_PREPARED,
            Library.OURS_HAMERLY}) {
            for (int threads : new int[] {1, 2}) {
                double[][] got = run(l, rows, init, 4, threads);
                for (int c = 0; c < api.length; c++) {
                    assertArrayEquals(api[c], got[c], 0.0, l + " threads " + threads + " centre " + c);
                }
            }
        }
        for (Library l : new Library[] {Library.SMILE_LLOYD, Library.ELKI_LLOYD, Library.ELKI_HAMERLY}) {
            double[][] got = run(l, rows, init, 4, 2);
            assertEquals(api.length, got.length, l.toString());
            for (int c = 0; c < api.length; c++) {
                assertArrayEquals(api[c], got[c], 1e-9, l + " centre " + c);
            }
        }
    }
}
