package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential test against scikit-learn 1.2.1 ({@code data/reference/kmeans_sklearn_gagolews_v1.csv}, see the
 * README beside it): on every dataset, with the same k, nInit = 10, maxIter = 300 and tol = 1e-4 on the raw data,
 * our best inertia must be at most scikit-learn's times 1.005. Prints how many datasets we beat.
 */
class KMeansSklearnDifferentialTest {
    private static final double SLACK = 1.005;

    @Test
    void inertiaNoWorseThanScikitLearnOnEveryGagolewskiDataset() {
        Path ref = SharedData.require("data/reference/kmeans_sklearn_gagolews_v1.csv");
        List<String> lines = SharedData.lines(ref);
        assertEquals("battery,dataset,n,d,k,sklearn_inertia,sklearn_ari_vs_labels0,sklearn_seconds", lines.get(0));
        List<String> worse = new ArrayList<>();
        int beaten = 0;
        int equalish = 0;
        int count = 0;
        long totalNanos = 0;
        StringBuilder report = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            String battery = f[0];
            String dataset = f[1];
            int n = Integer.parseInt(f[2]);
            int d = Integer.parseInt(f[3]);
            int k = Integer.parseInt(f[4]);
            double sk = Double.parseDouble(f[5]);
            double[][] rows = SharedData.readMatrix(SharedData.require(
                    "data/clustering_benchmarks_gagolews_v1/" + battery + "/" + dataset + ".data.gz"));
            DataMatrix x = DataMatrix.ofRows(rows);
            assertEquals(n, x.rows(), battery + "/" + dataset + " rows");
            assertEquals(d, x.cols(), battery + "/" + dataset + " columns");
            KMeans km = KMeans.builder().k(k).nInit(10).maxIter(300).tol(1e-4).build();
            long t0 = System.nanoTime();
            KMeansModel m = km.fit(x, FitContext.seeded(0));
            long dt = System.nanoTime() - t0;
            totalNanos += dt;
            count++;
            double ours = m.inertia();
            if (!(ours <= sk * SLACK)) {
                worse.add(battery + "/" + dataset + ": ours " + ours + " vs sklearn " + sk + " (ratio " + ours / sk
                        + ")");
            }
            if (ours < sk) {
                beaten++;
            }
            if (Math.abs(ours - sk) <= 1e-9 * sk) {
                equalish++;
            }
            report.append(String.format("%-10s %-22s n=%6d k=%3d ratio=%.6f iter=%3d %6.0f ms%n", battery, dataset, n,
                    k, ours / sk, m.iterations(), dt / 1e6));
        }
        System.out.print(report);
        System.out.println("K-Means vs scikit-learn 1.2.1: " + count + " datasets, ours strictly lower on " + beaten
                + ", within 1e-9 relative on " + equalish + ", worse than 0.5% on " + worse.size() + "; fits took "
                + (totalNanos / 1_000_000) + " ms");
        assertTrue(count > 0, "no dataset read");
        assertTrue(worse.isEmpty(), () -> "inertia more than 0.5% above scikit-learn's on " + worse);
    }
}
