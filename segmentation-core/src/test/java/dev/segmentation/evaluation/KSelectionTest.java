package dev.segmentation.evaluation;

import dev.segmentation.cluster.HasInertia;
import dev.segmentation.quality.InternalIndices;
import dev.segmentation.quality.Silhouette;

import dev.segmentation.testing.TinyKMeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.Clusterer;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class KSelectionTest {
    static final double[][] FOUR = {{0, 0}, {10, 0}, {0, 10}, {10, 10}};

    @Test
    void everyCriterionFindsFourWellSeparatedBlobs() {
        DataMatrix x = TinyKMeans.blobs(FOUR, 400, 0.7, 1);
        KSelectionResult r = KSelection.range(2, 8).run(x, TinyKMeans::new, FitContext.seeded(3));
        assertEquals(7, r.scores().size());
        assertEquals(OptionalInt.of(4), r.elbow());
        assertEquals(4, r.bySilhouette());
        assertEquals(4, r.byCalinskiHarabasz());
        assertEquals(4, r.byDaviesBouldin());
        assertEquals(4, r.chosenK());
        assertEquals(KSelection.Criterion.SILHOUETTE, r.criterion());
        KScore four = r.score(4);
        assertEquals(4, four.k());
        assertEquals(0.0, four.silhouetteStandardError());
        // the model's own inertia (HasInertia) is reported
        assertEquals(((HasInertia) r.model(4)).inertia(), four.inertia());
        assertEquals(Silhouette.score(x, r.chosenModel().labels(), 1), four.silhouette());
        assertTrue(r.table().contains("silhouette"));
    }

    @Test
    void sameSeedSameSweepForAnyThreadCountAndCriterionPicksItsK() {
        DataMatrix x = TinyKMeans.blobs(FOUR, 300, 2.5, 2);
        KSelection sel = KSelection.range(2, 6);
        KSelectionResult a = sel.run(x, TinyKMeans::new, FitContext.seeded(9).withThreads(1));
        KSelectionResult b = sel.run(x, TinyKMeans::new, FitContext.seeded(9).withThreads(3));
        assertEquals(a.scores(), b.scores());
        assertEquals(a.byDaviesBouldin(), sel.by(KSelection.Criterion.DAVIES_BOULDIN)
                .run(x, TinyKMeans::new, FitContext.seeded(9)).chosenK());
        assertEquals(a.byCalinskiHarabasz(), sel.by(KSelection.Criterion.CALINSKI_HARABASZ)
                .run(x, TinyKMeans::new, FitContext.seeded(9)).chosenK());
    }

    @Test
    void sampledSilhouetteAboveTheExactLimitAndInertiaFromLabelsWithoutHasInertia() {
        DataMatrix x = TinyKMeans.blobs(FOUR, 200, 0.7, 5);
        IntFunctionOfPlainModels plain = new IntFunctionOfPlainModels();
        KSelectionResult r = KSelection.range(3, 5).exactSilhouetteUpTo(50)
                .run(x, plain::clusterer, FitContext.seeded(1));
        KScore s = r.score(4);
        assertEquals(InternalIndices.inertia(x, r.model(4).labels()), s.inertia(), 1e-9);
        assertTrue(s.silhouetteStandardError() > 0);
        assertEquals(Silhouette.sampled(x, r.model(4).labels(), 50, FitContext.seeded(1).stage("silhouette").seed(),
                1).estimate(), s.silhouette());
    }

    /** Wraps TinyKMeans models so they do not expose their inertia. */
    static final class IntFunctionOfPlainModels {
        Clusterer clusterer(int k) {
            TinyKMeans inner = new TinyKMeans(k);
            return new Clusterer() {
                @Override
                public ClusterModel fit(DataMatrix x, FitContext context) {
                    ClusterModel m = inner.fit(x, context);
                    return new ClusterModel() {
                        @Override
                        public int[] labels() {
                            return m.labels();
                        }

                        @Override
                        public int clusterCount() {
                            return m.clusterCount();
                        }

                        @Override
                        public int dimension() {
                            return m.dimension();
                        }

                        @Override
                        public int predict(double[] row) {
                            return m.predict(row);
                        }

                        @Override
                        public int[] predict(DataMatrix x) {
                            return m.predict(x);
                        }
                    };
                }

                @Override
                public String name() {
                    return "plain";
                }
            };
        }
    }

    @Test
    void reportsProgressAndKeepsTheModels() {
        DataMatrix x = TinyKMeans.blobs(FOUR, 100, 0.7, 5);
        List<Long> done = new ArrayList<>();
        KSelectionResult r = KSelection.range(2, 4).run(x, TinyKMeans::new,
                FitContext.seeded(1).withListener((stage, d, t) -> done.add(d * 100 + t)));
        assertEquals(List.of(103L, 203L, 303L), done);
        assertSame(r.model(r.chosenK()), r.chosenModel());
        assertArrayEquals(r.model(3).labels(), new TinyKMeans(3).fit(x, FitContext.seeded(1)).labels());
    }

    @Test
    void rejectsBadInput() {
        assertEquals("kMin must be >= 2 but was 1",
                assertThrows(IllegalArgumentException.class, () -> KSelection.range(1, 5)).getMessage());
        assertEquals("kMax must be > kMin = 3 but was 3",
                assertThrows(IllegalArgumentException.class, () -> KSelection.range(3, 3)).getMessage());
        assertEquals("exactSilhouetteUpTo must be >= 2 but was 1", assertThrows(IllegalArgumentException.class,
                () -> KSelection.range(2, 3).exactSilhouetteUpTo(1)).getMessage());
        assertEquals("sensitivity must be finite and >= 0 but was NaN", assertThrows(IllegalArgumentException.class,
                () -> KSelection.range(2, 3).sensitivity(Double.NaN)).getMessage());
        DataMatrix small = TinyKMeans.uniform(4, 2, 1);
        assertEquals("x has 4 rows; a sweep up to k = 4 needs at least 5", assertThrows(
                IllegalArgumentException.class,
                () -> KSelection.range(2, 4).run(small, TinyKMeans::new, FitContext.seeded(1))).getMessage());
        DataMatrix x = TinyKMeans.uniform(20, 2, 1);
        assertEquals("k = 2: silhouette needs between 2 and n - 1 = 19 distinct labels but got 1",
                assertThrows(IllegalArgumentException.class, () -> KSelection.range(2, 3)
                        .run(x, k -> new TinyKMeans(1), FitContext.seeded(1))).getMessage());
        assertThrows(NullPointerException.class, () -> KSelection.range(2, 3).by(null));
    }
}
