package dev.segmentation.evaluation;

import dev.segmentation.embedding.Pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.Clusterer;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import org.junit.jupiter.api.Test;

class RepresentationComparisonTest {
    /** Test-local clusterer: sign of column 0, noise within 0.5 of zero. */
    static final class SignClusterer implements Clusterer {
        @Override
        public ClusterModel fit(DataMatrix x, FitContext context) {
            int[] labels = new int[x.rows()];
            for (int i = 0; i < labels.length; i++) {
                double v = x.get(i, 0);
                labels[i] = Math.abs(v) < 0.5 ? -1 : v > 0 ? 0 : 1;
            }
            return new ClusterModel() {
                @Override
                public int[] labels() {
                    return labels.clone();
                }

                @Override
                public int clusterCount() {
                    return 2;
                }

                @Override
                public int dimension() {
                    return x.cols();
                }

                @Override
                public int predict(double[] row) {
                    return 0;
                }

                @Override
                public int[] predict(DataMatrix m) {
                    return new int[m.rows()];
                }
            };
        }

        @Override
        public String name() {
            return "sign";
        }
    }

    @Test
    void reportsSizesNoiseStrengthAndMetricsPerRepresentation() {
        // column 0 small, column 1 large: PCA(1) follows column 1
        DataMatrix x = DataMatrix.ofRows(new double[][] {
            {0.1, 10}, {0.2, -10}, {2, 9}, {-2, -9}, {0.3, 11}, {3, -11}});
        RepresentationComparison c = RepresentationComparison.builder().clusterer(new SignClusterer())
                .features("raw").embedding("pca", Pca.components(1))
                .strengths(m -> new double[] {1, 1, 1, 1, 1, 0.5})
                .metric("rows", (data, labels) -> data.rows() + labels.length)
                .build();
        RepresentationComparison.Result r = c.compare(x, FitContext.seeded(1));
        assertEquals(2, r.rows().size());
        RepresentationComparison.Row raw = r.rows().get(0);
        assertEquals("raw", raw.name());
        assertEquals(2, raw.dimension());
        assertTrue(raw.embedding().isEmpty());
        assertArrayEquals(new int[] {2, 1}, raw.sizes());
        assertEquals(0.5, raw.noiseShare());
        assertEquals(2.5 / 3, raw.meanStrength().getAsDouble(), 1e-15);
        assertEquals(12.0, raw.metrics().get("rows"));
        RepresentationComparison.Row pca = r.rows().get(1);
        assertEquals(1, pca.dimension());
        assertEquals(0.0, pca.noiseShare());
        assertEquals(6, pca.sizes()[0] + pca.sizes()[1]);
        String table = r.table();
        assertTrue(table.startsWith("representation"), table);
        assertTrue(table.contains("raw                       2        2    50.0%     0.833      12.0000  [2, 1]"),
                table);
    }

    @Test
    void builderRefusesIncompleteOrDuplicateSettings() {
        assertEquals("a clusterer must be set", assertThrows(IllegalStateException.class,
                () -> RepresentationComparison.builder().features("raw").build()).getMessage());
        assertEquals("at least one representation must be added", assertThrows(IllegalStateException.class,
                () -> RepresentationComparison.builder().clusterer(new SignClusterer()).build()).getMessage());
        assertEquals("representation name 'raw' is blank or already used", assertThrows(
                IllegalArgumentException.class, () -> RepresentationComparison.builder().features("raw")
                        .embedding("raw", Pca.components(1))).getMessage());
        assertEquals("metric name ' ' is blank or already used", assertThrows(IllegalArgumentException.class,
                () -> RepresentationComparison.builder().metric(" ", (d, l) -> 0)).getMessage());
    }

    @Test
    void stabilityColumnSeparatesAStablePartitionFromAnArbitraryOne() {
        java.util.Random rnd = new java.util.Random(7);
        double[][] blobs = new double[200][];
        double[][] uniform = new double[200][];
        for (int i = 0; i < 200; i++) {
            blobs[i] = new double[] {(i % 2 == 0 ? -50 : 50) + rnd.nextGaussian(), rnd.nextGaussian()};
            uniform[i] = new double[] {rnd.nextDouble(), rnd.nextDouble()};
        }
        RepresentationComparison c = RepresentationComparison.builder()
                .clusterer(dev.segmentation.cluster.KMeans.builder().k(2).nInit(1).build())
                .features("features")
                .stability(dev.segmentation.evaluation.BootstrapStability.defaults().resamples(15))
                .build();
        RepresentationComparison.Row stable = c.compare(DataMatrix.ofRows(blobs), FitContext.seeded(3)).rows().get(0);
        assertEquals(15, stable.stability().orElseThrow().resamples());
        assertEquals(1.0, stable.meanStability().getAsDouble(), 0.0, "two blobs 100 apart are recovered every time");
        RepresentationComparison c3 = RepresentationComparison.builder()
                .clusterer(dev.segmentation.cluster.KMeans.builder().k(6).nInit(1).build())
                .features("features")
                .stability(dev.segmentation.evaluation.BootstrapStability.defaults().resamples(15))
                .build();
        RepresentationComparison.Result r1 = c3.compare(DataMatrix.ofRows(uniform), FitContext.seeded(3));
        RepresentationComparison.Row arbitrary = r1.rows().get(0);
        assertTrue(arbitrary.meanStability().getAsDouble() < 0.9,
                "6 clusters cut out of uniform noise are not stable: " + arbitrary.meanStability());
        assertTrue(arbitrary.stability().orElseThrow().minMeanJaccard() <= arbitrary.meanStability().getAsDouble());
        RepresentationComparison.Result r2 = c3.compare(DataMatrix.ofRows(uniform), FitContext.seeded(3));
        assertEquals(r1.rows().get(0).stability().orElseThrow(), r2.rows().get(0).stability().orElseThrow(),
                "same seed, same report");
        assertTrue(r1.table().contains("stab mean"), r1.table());
    }

    @Test
    void noStabilityWithoutTheSettingOrWithoutClusters() {
        // every |column 0| < 0.5: the sign clusterer labels all rows noise
        DataMatrix x = DataMatrix.ofRows(new double[][] {{0.1, 1}, {0.2, 2}, {-0.3, 3}, {0.4, 4}});
        RepresentationComparison.Result with = RepresentationComparison.builder().clusterer(new SignClusterer())
                .features("raw").stability(dev.segmentation.evaluation.BootstrapStability.defaults().resamples(3))
                .build().compare(x, FitContext.seeded(1));
        assertTrue(with.rows().get(0).stability().isEmpty());
        assertTrue(with.rows().get(0).meanStability().isEmpty());
        assertTrue(with.table().lines().skip(1).findFirst().orElseThrow().contains(" - "), with.table());
        RepresentationComparison.Result without = RepresentationComparison.builder().clusterer(new SignClusterer())
                .features("raw").build().compare(x, FitContext.seeded(1));
        assertTrue(without.rows().get(0).stability().isEmpty());
        assertTrue(!without.table().contains("stab"), without.table());
        assertThrows(NullPointerException.class, () -> RepresentationComparison.builder().stability(null));
    }
}
