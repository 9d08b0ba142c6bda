package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Differential test against scikit-learn 1.2.1 ({@code data/reference/kmeans_sklearn_gagolews_v1.csv}, see the
 * README beside it): on every dataset, with the same k, nInit = 10, maxIter = 300 and tol = 1e-4 on the raw data
 * and seed 0, our best inertia is compared with scikit-learn's ({@code random_state=0}).
 *
 * <p>The best of 10 restarts is a random draw for both libraries; scikit-learn itself, with another
 * {@code random_state}, misses its own {@code random_state=0} figure by more than 0.5% on 1 to 6 of the 76 datasets
 * (by up to 11.6%): see {@code kmeans_sklearn_random_states.csv} and its README in the test resources. So the test
 * asserts that (1) we miss the 0.5% band on no more datasets than scikit-learn misses it against itself with any
 * of {@code random_state} 1..9, (2) no miss is larger than scikit-learn's largest miss against itself, and it
 * prints how many datasets we beat, tie and miss (by name).
 */
class KMeansSklearnDifferentialTest {
    private static final double BAND = 1.005;

    @Test
    void inertiaIsWithinScikitLearnsOwnSpreadOnEveryGagolewskiDataset() throws IOException {
        Path ref = SharedData.require("data/reference/kmeans_sklearn_gagolews_v1.csv");
        List<String> lines = SharedData.lines(ref);
        assertEquals("battery,dataset,n,d,k,sklearn_inertia,sklearn_ari_vs_labels0,sklearn_seconds", lines.get(0));
        Map<String, double[]> spread = readSpread();
        int states = spread.values().iterator().next().length;
        int[] sklearnMisses = new int[states];
        double sklearnWorst = 1.0;
        List<String> misses = new ArrayList<>();
        int beaten = 0;
        int tied = 0;
        int count = 0;
        double worst = 0;
        long totalNanos = 0;
        StringBuilder report = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            String name = f[0] + "/" + f[1];
            int n = Integer.parseInt(f[2]);
            int d = Integer.parseInt(f[3]);
            int k = Integer.parseInt(f[4]);
            double sk = Double.parseDouble(f[5]);
            double[] rs = spread.get(name);
            assertTrue(rs != null, "no scikit-learn spread for " + name);
            assertEquals(sk, rs[0], 1e-9 * sk, name + ": random_state 0 of the spread file reproduces the reference");
            for (int s = 1; s < states; s++) {
                if (rs[s] > sk * BAND) {
                    sklearnMisses[s]++;
                }
                sklearnWorst = Math.max(sklearnWorst, rs[s] / sk);
            }
            double[][] rows = SharedData.readMatrix(SharedData.require(
                    "data/clustering_benchmarks_gagolews_v1/" + f[0] + "/" + f[1] + ".data.gz"));
            DataMatrix x = DataMatrix.ofRows(rows);
            assertEquals(n, x.rows(), name + " rows");
            assertEquals(d, x.cols(), name + " columns");
            KMeans km = KMeans.builder().k(k).nInit(10).maxIter(300).tol(1e-4).build();
            long t0 = System.nanoTime();
            KMeansModel m = km.fit(x, FitContext.seeded(0));
            long dt = System.nanoTime() - t0;
            totalNanos += dt;
            count++;
            double ratio = m.inertia() / sk;
            worst = Math.max(worst, ratio);
            if (!(ratio <= BAND)) {
                misses.add(String.format("%s %.4f", name, ratio));
            }
            if (ratio < 1 - 1e-9) {
                beaten++;
            }
            if (Math.abs(ratio - 1) <= 1e-9) {
                tied++;
            }
            report.append(String.format("%-28s n=%6d k=%3d ours/sklearn=%.6f iter=%3d %6.0f ms%n", name, n, k, ratio,
                    m.iterations(), dt / 1e6));
        }
        int allowed = 0;
        for (int s = 1; s < states; s++) {
            allowed = Math.max(allowed, sklearnMisses[s]);
        }
        System.out.print(report);
        System.out.println("K-Means vs scikit-learn 1.2.1 (seed 0 vs random_state 0, nInit 10): " + count
                + " datasets; ours lower (by more than 1e-9 relative) on " + beaten + ", equal within 1e-9 on " + tied
                + ", more than 0.5% above on " + misses.size() + " " + misses + "; scikit-learn with random_state 1.."
                + (states - 1) + " misses its own random_state 0 on " + java.util.Arrays.toString(
                        java.util.Arrays.copyOfRange(sklearnMisses, 1, states)) + " datasets, worst ratio "
                + sklearnWorst + "; our fits took " + (totalNanos / 1_000_000) + " ms");
        assertTrue(count > 0, "no dataset read");
        int max = allowed;
        assertTrue(misses.size() <= max, () -> "more than 0.5% above scikit-learn on " + misses.size()
                + " datasets, scikit-learn itself misses on at most " + max + ": " + misses);
        double w = worst;
        double sw = sklearnWorst;
        assertTrue(worst <= sklearnWorst, () -> "worst ratio " + w + " exceeds scikit-learn's own worst " + sw);
    }

    private static Map<String, double[]> readSpread() throws IOException {
        Map<String, double[]> out = new HashMap<>();
        try (InputStream in = KMeansSklearnDifferentialTest.class.getResourceAsStream(
                "kmeans_sklearn_random_states.csv")) {
            assertTrue(in != null, "kmeans_sklearn_random_states.csv missing from the test resources");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = r.readLine();
            assertTrue(header.startsWith("battery,dataset,k,inertia_rs0"), header);
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                double[] v = new double[f.length - 3];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(f[i + 3]);
                }
                out.put(f[0] + "/" + f[1], v);
            }
        }
        return out;
    }
}
