package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Entropy;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.Features;
import dev.segmentation.features.Period;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.FittedScaler;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.RetailSimulator;
import dev.segmentation.state.Steps;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link MiniBatchKMeans} on simulator data: features streamed from the transaction store by
 * {@link TransactionFeatureChunks} equal a whole-store extraction; the mini-batch inertia is within 1% of the full
 * K-Means fit's; the model runs in a {@link Segmenter} and persists as a K-Means model.
 */
class MiniBatchKMeansTransactionsTest {
    private static final List<FeatureExtractor> EXTRACTORS = List.of(Features.rfm(), Features.demandStats(Period.MONTH),
            Features.entropy(Entropy.Over.CALENDAR_MONTH), Features.activity(Period.MONTH));
    private static Transactions tx;
    private static FeatureTable whole;
    private static FittedScaler scaler;

    @BeforeAll
    static void simulate() {
        tx = RetailSimulator.builder().seed(42).entities(6000).weeks(104).activityScale(0.2).build().simulate(2)
                .transactions();
        FitContext ctx = FitContext.seeded(1);
        FeatureTable t = null;
        for (FeatureExtractor e : EXTRACTORS) {
            FeatureTable f = e.extract(tx, ctx);
            t = t == null ? f : t.join(f);
        }
        whole = t;
        scaler = Scaling.robust().fit(whole);
    }

    private static DataMatrix streamed(TransactionFeatureChunks src) {
        double[] all = new double[whole.rows() * src.cols()];
        double[] buf = new double[333 * src.cols()];
        int pos = 0;
        src.rewind();
        for (int got; (got = src.next(buf, 333)) > 0;) {
            System.arraycopy(buf, 0, all, pos * src.cols(), got * src.cols());
            pos += got;
        }
        assertEquals(whole.rows(), pos);
        assertEquals(pos, src.rows());
        return DataMatrix.wrap(pos, src.cols(), all);
    }

    @Test
    void chunkedFeaturesEqualTheWholeStoreExtraction() {
        assertEquals(tx.entityCount(), whole.rows(), "every simulated entity is described");
        try (TransactionFeatureChunks src = new TransactionFeatureChunks(tx, EXTRACTORS, scaler, 700,
                FitContext.seeded(1))) {
            assertEquals(-1, src.rows());
            assertEquals(scaler.featureNames(), src.featureNames());
            assertEquals(LocalDate.ofEpochDay(Math.floorDiv(tx.maxEpochSecond(), 86_400L) + 1), src.asOf());
            assertArrayEquals(scaler.transform(whole).values(), streamed(src).toArray());
        }
        try (TransactionFeatureChunks raw = new TransactionFeatureChunks(tx, EXTRACTORS, null, 1999,
                FitContext.seeded(1))) {
            assertArrayEquals(whole.values(), streamed(raw).toArray());
        }
    }

    /**
     * The target, inertia within 1% of the full fit, on the benchmark's data (RFM, log1p on frequency,
     * monetary and average order value, robust scaling; here 6,000 simulated customers). scikit-learn's algorithm
     * alone (the defaults) does not meet it: measured ratios are printed, and bounded only loosely (see
     * benchmarks/results/minibatch-kmeans-2026-12-06.json for scikit-learn's own MiniBatchKMeans on the same data).
     * Ten runs followed by streamed Lloyd passes meet it, here as in the benchmark.
     */
    @Test
    void refinedMiniBatchInertiaIsWithinOnePercentOfTheFullFitOnSimulatorRfm() {
        FeatureTable rfm = Features.rfm().extract(tx, FitContext.seeded(1));
        FittedScaler s = Scaling.robust().log1p("frequency_orders", "monetary", "avg_order_value").fit(rfm);
        DataMatrix x = s.transform(rfm).matrix();
        KMeansModel full = KMeans.builder().k(8).build().fit(x, FitContext.seeded(42));
        StringBuilder measured = new StringBuilder();
        for (long seed = 0; seed < 3; seed++) {
            KMeansModel plain = MiniBatchKMeans.builder().k(8).build().fit(x, FitContext.seeded(seed));
            KMeansModel refined = MiniBatchKMeans.builder().k(8).runs(10).lloydPasses(100).build()
                    .fit(x, FitContext.seeded(seed));
            double p = plain.inertia() / full.inertia();
            double r = refined.inertia() / full.inertia();
            measured.append(String.format(java.util.Locale.ROOT, "seed %d: defaults %.4f, refined %.4f; ", seed, p, r));
            assertTrue(r <= 1.01, "refined ratio " + r + " (" + measured + ")");
            assertTrue(p <= 1.25, "defaults ratio " + p + " (" + measured + ")");
        }
        org.slf4j.LoggerFactory.getLogger(MiniBatchKMeansTransactionsTest.class).info("inertia / full fit: {}",
                measured);
    }

    @Test
    void aFitStreamedFromTheStoreEqualsTheInMemoryFit() {
        DataMatrix x = scaler.transform(whole).matrix();
        MiniBatchKMeans mb = MiniBatchKMeans.builder().k(8).build();
        KMeansModel inMemory = mb.fit(x, FitContext.seeded(42));
        KMeansModel stream;
        try (TransactionFeatureChunks src = new TransactionFeatureChunks(tx, EXTRACTORS, scaler, 1000,
                FitContext.seeded(42))) {
            stream = mb.fit(src, FitContext.seeded(42));
        }
        assertEquals(inMemory.centres(), stream.centres(), "same rows in the same order: the same model");
        assertEquals(inMemory.inertia(), stream.inertia(), 0.0);
    }

    @Test
    void worksAsTheSegmentersClustererAndPersistsAsKMeans() {
        SegmentationModel m = Segmenter.builder().features(EXTRACTORS.toArray(new FeatureExtractor[0]))
                .scaling(Scaling.robust()).clusterer(MiniBatchKMeans.builder().k(5)).seed(3).build().fit(tx);
        KMeansModel km = (KMeansModel) m.clusterModel();
        assertEquals(tx.entityCount(), km.labels().length);
        KMeansModel back = Steps.restore(Steps.state(km), KMeansModel.class);
        DataMatrix x = scaler.transform(whole).matrix();
        assertArrayEquals(km.predict(x), back.predict(x));
        assertEquals(km.centres(), back.centres());
        assertEquals(km.inertia(), back.inertia());
        assertEquals(km.iterations(), back.iterations());
        assertEquals(km.converged(), back.converged());
    }

    @Test
    void badSettingsAreRefusedNamingThem() {
        FitContext c = FitContext.seeded(1);
        assertEquals("at least one feature extractor is needed", assertThrows(IllegalArgumentException.class,
                () -> new TransactionFeatureChunks(tx, List.of(), null, 10, c)).getMessage());
        assertEquals("entitiesPerChunk must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> new TransactionFeatureChunks(tx, EXTRACTORS, null, 0, c)).getMessage());
        assertEquals("feature 'recency_days' is produced by two extractors", assertThrows(IllegalArgumentException.class,
                () -> new TransactionFeatureChunks(tx, List.of(Features.rfm(), Features.rfm()), null, 10, c))
                .getMessage());
        assertEquals("the scaler needs feature 'mean' but the extractors produce [recency_days, frequency_orders, "
                + "monetary, avg_order_value, tenure_days]", assertThrows(IllegalArgumentException.class,
                        () -> new TransactionFeatureChunks(tx, List.of(Features.rfm()), scaler, 10, c)).getMessage());
    }
}
