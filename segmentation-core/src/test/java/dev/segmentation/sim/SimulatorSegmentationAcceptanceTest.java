package dev.segmentation.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Features;
import dev.segmentation.features.Period;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.quality.ExternalIndices;
import dev.segmentation.scaling.Scaling;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acceptance of the simulator claim: segmenting well-separated archetypes with the library's own pipeline
 * (catalogue features, {@code Scaling.robust()}, {@code KMeans.builder().k(number of archetypes)}) recovers them
 * with an adjusted Rand index of at least 0.9, for several simulation seeds. "Well separated" here: 100 entities
 * per archetype over three years (156 weeks) at activity scale 2, so the per-entity noise (Poisson orders, the
 * intermittent buyers' random active weeks) is small against the archetypes' differences; over two years at scale
 * 1 the same pipeline gives 0.72 to 0.98 depending on the seed (K-Means then splits the noisy intermittent buyers
 * and merges two regular archetypes). Seen over seeds 1..6, 77 and 2024: ARI 0.99 to 1.0.
 *
 * <p>The features, one per behaviour the archetypes differ in:
 * <ul>
 *   <li>{@code avg_order_value} (RFM, log1p before scaling): BULK's few, very large orders;</li>
 *   <li>{@code trend_slope} (weekly quantity): TRENDING (about +0.8 per year) against the flat ones, and CHURNED
 *       (strongly negative);</li>
 *   <li>{@code season_profile_strength} on the <em>monthly</em> panel: SEASONAL (about 0.9 against about 0.5 for
 *       noise; the weekly profile, with two noisy weeks per slot, overlaps the steady buyers');</li>
 *   <li>{@code zero_share} (weekly): INTERMITTENT (about 0.9) and the churned;</li>
 *   <li>{@code cv} (weekly demand): again INTERMITTENT and BULK, whose weekly demand is far more volatile.</li>
 * </ul>
 * Without cv the minimum over those seeds drops to 0.94; trend_ratio instead of trend_slope did worse on two
 * years (0.73: the intermittent buyers' ratio spreads over +-1.5).
 */
class SimulatorSegmentationAcceptanceTest {
    static final String[] FEATURES = {"avg_order_value", "trend_slope", "season_profile_strength", "zero_share",
        "cv"};

    @ParameterizedTest
    @ValueSource(longs = {2024, 1})
    void kMeansOnRobustScaledCatalogueFeaturesRecoversTheArchetypes(long seed) {
        Archetype[] archetypes = Archetype.values();
        Simulation s = RetailSimulator.builder().seed(seed).entities(100 * archetypes.length).weeks(156).activityScale(2).build()
                .simulate();
        Transactions t = s.transactions();
        FitContext ctx = FitContext.seeded(7).withThreads(2);
        FeatureTable f = Rfm.defaults().extract(t, ctx)
                .join(Features.trend(Period.WEEK).extract(t, ctx))
                .join(Features.seasonality(Period.MONTH).extract(t, ctx))
                .join(Features.activity(Period.WEEK).extract(t, ctx))
                .join(Features.demandStats(Period.WEEK).extract(t, ctx))
                .select(FEATURES);
        assertEquals(t.entityCount(), f.rows());
        FeatureTable scaled = Scaling.robust().log1p("avg_order_value").fit(f).transform(f);
        int[] labels = KMeans.builder().k(archetypes.length).nInit(10).build().fit(scaled.matrix(), ctx).labels();
        double ari = ExternalIndices.adjustedRandIndex(s.labels(), labels);
        assertTrue(ari >= 0.9, "ARI " + ari + " for seed " + seed);
    }
}
