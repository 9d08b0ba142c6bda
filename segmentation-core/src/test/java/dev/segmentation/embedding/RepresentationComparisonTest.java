package dev.segmentation.embedding;

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
}
