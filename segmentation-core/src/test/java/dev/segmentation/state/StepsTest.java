package dev.segmentation.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.ModelParts;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.embedding.FittedEmbedding;
import dev.segmentation.embedding.Pca;
import dev.segmentation.state.StepState;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.ReturnsPolicy;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.FittedScaler;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.testing.SyntheticRetail;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StepsTest {
    private static FeatureTable table(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] ids = new String[n];
        double[] v = new double[n * 3];
        for (int i = 0; i < n; i++) {
            ids[i] = "e" + i;
            v[i * 3] = rnd.nextDouble() * 100;
            v[i * 3 + 1] = Math.exp(rnd.nextDouble() * 8);
            v[i * 3 + 2] = rnd.nextInt(5) - 2;
        }
        return FeatureTable.wrap(ids, new String[] {"a", "money", "c"}, v);
    }

    private static DataMatrix random(int n, int d, double spread, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble(-spread, spread);
        }
        return DataMatrix.of(n, d, v);
    }

    @Test
    void coreFactoriesAreRegistered() {
        List<String> known = Steps.knownTypes();
        for (String t : List.of("affine-scaler", "kmeans", "hdbscan", "rfm", "pca")) {
            assertTrue(known.contains(t), t + " in " + known);
        }
    }

    @Test
    void everyScalingRecipeRoundTripsBitForBit() {
        FeatureTable train = table(300, 1);
        FeatureTable next = table(50, 2);
        for (Scaling recipe : List.of(Scaling.robust().log1p("money"), Scaling.standard(), Scaling.none(),
                Scaling.robust(10, 90))) {
            FittedScaler fitted = recipe.fit(train);
            StepState state = Steps.state(fitted);
            assertEquals("affine-scaler", state.type());
            FittedScaler back = Steps.restore(state, FittedScaler.class);
            assertEquals(fitted.featureNames(), back.featureNames());
            assertArrayEquals(fitted.transform(next).values(), back.transform(next).values(), recipe.toString());
            assertEquals(fitted.toString(), back.toString());
            assertEquals(state, Steps.state(back));
        }
    }

    @Test
    void scalerStateWithAZeroScaleIsRefused() {
        StepState bad = StepState.builder("affine-scaler", 1).put("kind", "robust")
                .putStrings("features", List.of("a", "b")).put("log1p", new int[] {0, 0})
                .put("center", new double[] {0, 0}).put("scale", new double[] {1, 0}).build();
        assertEquals("affine-scaler state: scale of feature 'b' is 0.0; it must be finite and non-zero",
                assertThrows(IllegalArgumentException.class, () -> Steps.restore(bad)).getMessage());
        StepState shortArrays = StepState.builder("affine-scaler", 1).put("kind", "robust")
                .putStrings("features", List.of("a", "b")).put("log1p", new int[] {0})
                .put("center", new double[] {0, 0}).put("scale", new double[] {1, 1}).build();
        assertEquals("affine-scaler state: 2 features but 1 log1p flags, 2 centres and 2 scales",
                assertThrows(IllegalArgumentException.class, () -> Steps.restore(shortArrays)).getMessage());
        StepState newer = StepState.builder("affine-scaler", 2).build();
        assertEquals("'affine-scaler' state version 2 is newer than this library reads (up to 1)",
                assertThrows(IllegalArgumentException.class, () -> Steps.restore(newer)).getMessage());
    }

    @Test
    void kmeansRoundTripPredictsIdentically() {
        DataMatrix x = SyntheticRetail.blobs(600, 4, 5, 3);
        KMeansModel m = KMeans.builder().k(5).nInit(3).build().fit(x, FitContext.seeded(9));
        KMeansModel back = Steps.restore(Steps.state(m), KMeansModel.class);
        DataMatrix probe = random(2000, 4, 60, 4);
        assertArrayEquals(m.predict(probe), back.predict(probe));
        assertArrayEquals(m.predict(x), back.predict(x));
        assertEquals(m.centres(), back.centres());
        assertEquals(m.inertia(), back.inertia());
        assertArrayEquals(m.restartInertias(), back.restartInertias());
        assertEquals(m.algorithm(), back.algorithm());
        assertEquals(0, back.labels().length);
    }

    @Test
    void kmeansStateWithWrongCentresIsRefused() {
        StepState bad = StepState.builder("kmeans", 1).put("k", 2).put("dimension", 3)
                .put("centres", new double[5]).build();
        assertEquals("kmeans state: 2 x 3 centres need 6 values but there are 5",
                assertThrows(IllegalArgumentException.class, () -> Steps.restore(bad)).getMessage());
    }

    @Test
    void hdbscanRoundTripPredictsIdenticallyWithStrengths() {
        DataMatrix x = SyntheticRetail.blobs(800, 3, 4, 5);
        for (Hdbscan h : List.of(Hdbscan.builder().minClusterSize(15).build(),
                Hdbscan.builder().minClusterSize(10).minSamples(4)
                        .clusterSelectionMethod(Hdbscan.ClusterSelectionMethod.LEAF).build())) {
            HdbscanModel m = h.fit(x, FitContext.seeded(1));
            assertTrue(m.clusterCount() >= 2, m.toString());
            StepState state = Steps.state(m);
            HdbscanModel back = Steps.restore(state, HdbscanModel.class);
            DataMatrix probe = random(3000, 3, 50, 6);
            for (DataMatrix q : List.of(probe, x)) {
                HdbscanModel.Prediction a = m.predictWithStrength(q);
                HdbscanModel.Prediction b = back.predictWithStrength(q);
                assertArrayEquals(a.labels(), b.labels());
                assertArrayEquals(a.strengths(), b.strengths());
            }
            assertEquals(m.settings().toString(), back.settings().toString());
            assertArrayEquals(m.clusterPersistence(), back.clusterPersistence());
            assertEquals(m.clusterCount(), back.clusterCount());
            assertEquals(0, back.labels().length);
            assertEquals(state, Steps.state(back));
        }
    }

    @Test
    void hdbscanWithDuplicateRowsAndNoClusterRoundTrips() {
        // duplicates: ties in the neighbour search must resolve the same way after the KD-tree is rebuilt
        double[] v = new double[400 * 2];
        SplittableRandom rnd = new SplittableRandom(8);
        for (int i = 0; i < 400; i++) {
            v[2 * i] = rnd.nextInt(6);
            v[2 * i + 1] = rnd.nextInt(6);
        }
        DataMatrix x = DataMatrix.of(400, 2, v);
        DataMatrix probe = random(1000, 2, 7, 9);
        for (int mcs : new int[] {5, 300}) {
            HdbscanModel m = Hdbscan.builder().minClusterSize(mcs).build().fit(x, FitContext.seeded(1));
            HdbscanModel back = Steps.restore(Steps.state(m), HdbscanModel.class);
            assertArrayEquals(m.predictWithStrength(probe).labels(), back.predictWithStrength(probe).labels());
            assertArrayEquals(m.predictWithStrength(probe).strengths(), back.predictWithStrength(probe).strengths());
        }
    }

    @Test
    void hdbscanStateWithABrokenClusterTreeIsRefused() {
        HdbscanModel m = Hdbscan.builder().minClusterSize(15).build().fit(SyntheticRetail.blobs(200, 2, 2, 1),
                FitContext.seeded(1));
        StepState s = Steps.state(m);
        StepState.Builder b = StepState.builder("hdbscan", 1);
        for (var e : s.parameters().entrySet()) {
            if (e.getValue() instanceof String) {
                b.put(e.getKey(), (String) e.getValue());
            } else if (e.getValue() instanceof Long) {
                b.put(e.getKey(), (Long) e.getValue());
            } else {
                b.put(e.getKey(), (Double) e.getValue());
            }
        }
        for (String n : s.doubleArrayNames()) {
            b.put(n, s.doubles(n));
        }
        for (String n : s.intArrayNames()) {
            int[] a = s.ints(n);
            if (n.equals("fallCluster")) {
                a[3] = 10_000;
            }
            b.put(n, a);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Steps.restore(b.build()));
        assertTrue(e.getMessage().startsWith("hdbscan state: fallCluster[3] = 10000 is not a cluster in [0, "),
                e.getMessage());
    }

    @Test
    void rfmSettingsRoundTripAndThePrefixRuleMatchesThePredicate() {
        Transactions tx = SyntheticRetail.transactions(60, 3);
        Rfm prefix = Rfm.builder().cancelledOrderPrefix("C").returnsPolicy(ReturnsPolicy.NET)
                .asOf(LocalDate.of(2012, 1, 1)).build();
        Rfm predicate = Rfm.builder().cancelledOrders(id -> id.startsWith("C")).returnsPolicy(ReturnsPolicy.NET)
                .asOf(LocalDate.of(2012, 1, 1)).build();
        assertEquals(predicate.extract(tx, FitContext.seeded(0)), prefix.extract(tx, FitContext.seeded(0)));
        Rfm back = Steps.restore(Steps.state(prefix), Rfm.class);
        assertEquals(prefix.toString(), back.toString());
        assertEquals("C", back.cancelledOrderPrefix().orElseThrow());
        assertEquals(prefix.extract(tx, FitContext.seeded(0)), back.extract(tx, FitContext.seeded(0)));
        Rfm defaults = Steps.restore(Steps.state(Rfm.defaults()), Rfm.class);
        assertEquals(Rfm.defaults().toString(), defaults.toString());
    }

    @Test
    void rfmWithAPredicateCannotBeSaved() {
        Rfm r = Rfm.builder().cancelledOrders(id -> id.startsWith("C")).build();
        assertEquals("this Rfm flags cancelled orders with an arbitrary predicate, which is code and cannot be saved"
                + " in a model file; use Rfm.builder().cancelledOrderPrefix(\"C\"), cancelledOrderPattern(regex) or"
                + " cancelledOrderIds(ids) instead of cancelledOrders(predicate)", assertThrows(IllegalStateException.class, () -> Steps.state(r))
                        .getMessage());
        assertEquals("cancelledOrderPrefix must not be empty (it would flag every order)",
                assertThrows(IllegalArgumentException.class, () -> Rfm.builder().cancelledOrderPrefix(""))
                        .getMessage());
        // a later predicate replaces the prefix rule
        Rfm replaced = Rfm.builder().cancelledOrderPrefix("C").cancelledOrders(id -> false).build();
        assertTrue(replaced.cancelledOrderPrefix().isEmpty());
        assertThrows(IllegalStateException.class, replaced::state);
    }

    @Test
    void pcaRestoresThroughTheEmbeddingFactories() {
        DataMatrix x = random(200, 5, 3, 2);
        FittedEmbedding pca = Pca.components(2).fit(x, FitContext.seeded(1));
        FittedEmbedding back = Steps.restore(Steps.state(pca), FittedEmbedding.class);
        assertEquals(pca.transform(x), back.transform(x));
    }

    @Test
    void unknownTypesAndUnsavableStepsGetClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Steps.restore(StepState.builder("autoencoder-x", 1).build()));
        assertTrue(e.getMessage().startsWith("no factory for step type 'autoencoder-x' on the class path; known"
                + " types: [affine-scaler, quantile-scaler, kmeans, hdbscan, rfm"), e.getMessage());
        FeatureExtractor custom = new FeatureExtractor() {
            @Override
            public List<String> featureNames() {
                return List.of("x");
            }

            @Override
            public FeatureTable extract(Transactions transactions, FitContext context) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String toString() {
                return "Custom";
            }
        };
        e = assertThrows(IllegalArgumentException.class, () -> Steps.state(custom));
        assertTrue(e.getMessage().startsWith("cannot save a step of class dev.segmentation.state.StepsTest$"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(" (Custom): it does not implement dev.segmentation.state.Stateful and no"
                + " StepFactory on the class path describes it"), e.getMessage());
        assertEquals("step type 'rfm' restores a dev.segmentation.features.Rfm, not a "
                + "dev.segmentation.cluster.KMeansModel", assertThrows(IllegalArgumentException.class,
                        () -> Steps.restore(Rfm.defaults().state(), KMeansModel.class)).getMessage());
    }

    @Test
    void aModelRebuiltFromItsRestoredPartsPredictsAsTheFittedOne() {
        Transactions tx = SyntheticRetail.transactions(120, 5);
        Transactions next = SyntheticRetail.transactions(45, 6);
        SegmentationModel fitted = Segmenter.builder().features(Rfm.builder().cancelledOrderPrefix("C").build())
                .scaling(Scaling.robust().log1p("monetary")).embedding(Pca.components(3))
                .clusterer(Hdbscan.builder().minClusterSize(5)).seed(3).build().fit(tx);
        SegmentationModel rebuilt = ModelParts.builder()
                .extractors(List.of(Steps.restore(Steps.state(fitted.extractors().get(0)), Rfm.class)))
                .featureNames(fitted.features().featureNames())
                .scaler(Steps.restore(Steps.state(fitted.scaler()), FittedScaler.class))
                .embedding(Steps.restore(Steps.state(fitted.embedding().orElseThrow()), FittedEmbedding.class))
                .clusterModel(Steps.restore(Steps.state(fitted.clusterModel()), HdbscanModel.class))
                .profiles(fitted.profiles()).seed(fitted.diagnostics().seed())
                .build();
        assertArrayEquals(fitted.predict(next).labels(), rebuilt.predict(next).labels());
        assertArrayEquals(fitted.predict(tx).labels(), rebuilt.predict(tx).labels());
        assertEquals(0, rebuilt.labels().length);
        assertEquals(fitted.profiles(), rebuilt.profiles());
    }

    @Test
    void modelPartsThatDoNotFitTogetherAreRefused() {
        FeatureTable t = table(100, 1);
        FittedScaler s = Scaling.standard().fit(t);
        KMeansModel km = KMeans.builder().k(2).build().fit(s.transform(t).matrix(), FitContext.seeded(1));
        assertEquals("featureNames, scaler and clusterModel are required; missing: featureNames",
                assertThrows(IllegalStateException.class, () -> ModelParts.builder().scaler(s).clusterModel(km)
                        .build()).getMessage());
        assertEquals("the scaler was fitted on [a, money, c] but the features at that step are [a, money]",
                assertThrows(IllegalStateException.class, () -> ModelParts.builder().scaler(s).clusterModel(km)
                        .featureNames(List.of("a", "money")).build()).getMessage());
        assertEquals("the scaler was fitted on [a, money, c] but the features at that step are [recency_days,"
                + " frequency_orders, monetary, avg_order_value, tenure_days]", assertThrows(IllegalStateException.class,
                        () -> ModelParts.builder().scaler(s).clusterModel(km).featureNames(List.of("a", "money", "c"))
                                .extractors(List.of(Rfm.defaults())).build()).getMessage());
        KMeansModel wrongDim = KMeans.builder().k(2).build().fit(random(50, 2, 1, 1), FitContext.seeded(1));
        assertEquals("the cluster model takes 2 columns but its input has 3",
                assertThrows(IllegalStateException.class, () -> ModelParts.builder().scaler(s).clusterModel(wrongDim)
                        .featureNames(List.of("a", "money", "c")).build()).getMessage());
        assertInstanceOf(SegmentationModel.class, ModelParts.builder().scaler(s).clusterModel(km)
                .featureNames(List.of("a", "money", "c")).build());
    }
}
