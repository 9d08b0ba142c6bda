package dev.segmentation.lifetime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.Features;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CLV and P(alive) as a feature step: fit, persistence of its state, scoring, and the per-segment profiles. */
class LifetimeFeaturesTest {
    private static final Transactions SHOP = Shops.shop(600, 3);

    private static SegmentationModel defaultModel;

    private static synchronized SegmentationModel defaultModel() {
        if (defaultModel == null) {
            defaultModel = fit(LifetimeFeatures.builder().build());
        }
        return defaultModel;
    }

    private static SegmentationModel fit(LifetimeFeatures lf) {
        return Segmenter.builder().features(Features.rfm(), lf).scaling(Scaling.robust())
                .clusterer(KMeans.builder().k(3).nInit(2)).seed(7).threads(2).build().fit(SHOP);
    }

    @Test
    void fitsTheModelsOnTheTrainingTransactionsAndScoresWithoutRefitting() {
        LifetimeFeatures spec = LifetimeFeatures.builder().build();
        assertEquals(List.of("expected_purchases_90d", "p_alive", "clv_12m"), spec.featureNames());
        SegmentationModel model = defaultModel();
        LifetimeFeatures fitted = (LifetimeFeatures) model.extractors().get(1);
        assertTrue(fitted.isFitted() && !spec.isFitted());
        // the columns are those of the models fitted on the purchase lines, observed until the last date
        Transactions purchases = SHOP.filterRows(r -> SHOP.quantity(r) > 0 && SHOP.amount(r) > 0);
        CustomerSummary s = CustomerSummary.of(purchases, TimeUnit.DAY,
                LocalDate.ofEpochDay(Math.floorDiv(SHOP.maxEpochSecond(), 86_400L)));
        BgNbdModel bg = BgNbd.builder().build().fit(s);
        GammaGammaModel gg = GammaGamma.builder().build().fit(s);
        assertEquals(bg, fitted.purchaseModel().orElseThrow());
        assertEquals(gg, fitted.spendModel().orElseThrow());
        LifetimeValues v = LifetimePredictor.builder().build().predict(bg, gg, s);
        FeatureTable raw = model.features().select(fitted.featureNames());
        double[] clv = v.clv();
        for (int r = 0; r < raw.rows(); r++) {
            int i = s.customerIds().indexOf(raw.entityId(r));
            assertEquals(clv[i], raw.values()[3 * r + 2], 0.0, raw.entityId(r));
        }
        // an entity with returns only is not described
        assertTrue(model.entityIds().size() <= s.size());
        // scoring later transactions keeps the fitted parameters
        Transactions later = SHOP.filterRows(r -> SHOP.epochDay(r) <= LocalDate.of(2011, 10, 31).toEpochDay());
        FeatureTable scored = fitted.extract(later, FitContext.seeded(1).withAsOf(LocalDate.of(2011, 11, 1)));
        LifetimeFeatures refit = (LifetimeFeatures) spec.fit(dev.segmentation.pipeline.Frame.of(later),
                FitContext.seeded(1).withAsOf(LocalDate.of(2011, 11, 1))).step();
        assertFalse(refit.purchaseModel().orElseThrow().equals(bg), "a refit on other data differs");
        CustomerSummary sLater = CustomerSummary.of(later.filterRows(r -> later.quantity(r) > 0
                && later.amount(r) > 0), TimeUnit.DAY, LocalDate.of(2011, 10, 31));
        assertArrayEquals(LifetimePredictor.builder().build().predict(bg, gg, sLater).probabilityAlive(),
                scored.select(List.of("p_alive")).values(), 0.0);
    }

    @Test
    void stateRoundTripRestoresTheFittedAndTheUnfittedStep() {
        SegmentationModel model = fit(LifetimeFeatures.builder().penalizer(0.001)
                .predictor(LifetimePredictor.builder().purchaseHorizon(30).months(6)
                        .discounting(LifetimePredictor.Discounting.CONTINUOUS).build()).build());
        LifetimeFeatures fitted = (LifetimeFeatures) model.extractors().get(1);
        assertEquals(List.of("expected_purchases_30d", "p_alive", "clv_6m"), fitted.featureNames());
        for (LifetimeFeatures f : new LifetimeFeatures[] {fitted, LifetimeFeatures.builder().build()}) {
            StepState st = Steps.state(f);
            LifetimeFeatures back = Steps.restore(st, LifetimeFeatures.class);
            assertEquals(f, back);
            assertEquals(st, Steps.state(back));
        }
        FeatureExtractor back = Steps.restore(Steps.state(fitted), FeatureExtractor.class);
        FitContext ctx = FitContext.seeded(3).withAsOf(LocalDate.of(2012, 1, 1));
        assertArrayEquals(fitted.extract(SHOP, ctx).values(), back.extract(SHOP, ctx).values(), 0.0);
        SegmentAssignments a = model.predict(SHOP);
        assertArrayEquals(model.labels(), a.labels());
    }

    @Test
    void profilesGainExpectedPurchasesAliveAndClvPerSegment() {
        SegmentationModel model = defaultModel();
        LifetimeFeatures fitted = (LifetimeFeatures) model.extractors().get(1);
        Transactions purchases = SHOP.filterRows(r -> SHOP.quantity(r) > 0 && SHOP.amount(r) > 0);
        CustomerSummary s = CustomerSummary.of(purchases, TimeUnit.DAY, LocalDate.of(2011, 12, 31));
        LifetimeValues v = fitted.predictor().predict(fitted.purchaseModel().orElseThrow(),
                fitted.spendModel().orElseThrow(), s);
        List<SegmentProfile> profiles = model.profiles(v);
        assertTrue(model.profiles().get(0).lifetime().isEmpty());
        SegmentValues byClv = SegmentValues.of(s, v.clv(), model.entityIds(), model.labels());
        SegmentValues byAlive = SegmentValues.of(s, v.probabilityAlive(), model.entityIds(), model.labels());
        assertEquals(byClv.segments().size(), profiles.size());
        for (int k = 0; k < profiles.size(); k++) {
            SegmentProfile.Lifetime l = profiles.get(k).lifetime().orElseThrow();
            SegmentValues.Segment seg = byClv.segments().get(k);
            assertEquals(seg.label(), profiles.get(k).segment());
            assertEquals(seg.customers(), l.customers());
            assertEquals(profiles.get(k).size(), l.customers());
            assertEquals(seg.total(), l.clvSum(), 1e-9 * Math.abs(seg.total()));
            assertEquals(seg.mean(), l.clvMean(), 1e-9 * Math.abs(seg.mean()));
            assertEquals(byAlive.segments().get(k).total(), l.expectedAlive(), 1e-9 * l.expectedAlive());
            // the clv_12m feature mean of the profile is the same quantity
            assertEquals(profiles.get(k).mean("clv_12m"), l.clvMean(), 1e-9 * Math.abs(l.clvMean()));
            assertTrue(l.probabilityAliveMean() > 0 && l.probabilityAliveMean() <= 1);
        }
    }

    @Test
    void transactionsWithoutAPurchaseLineAreRefusedNamingTheCount() {
        Transactions returns = Transactions.builder().add("a", java.time.LocalDateTime.parse("2011-01-03T09:00"),
                "C1", -1, -5.0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LifetimeFeatures.builder().build().extract(returns, FitContext.seeded(1)));
        assertEquals("lifetime features: none of the 1 rows is a purchase line (quantity > 0 and amount > 0)",
                e.getMessage());
        assertEquals("penalizer must be finite and >= 0 but was -1.0", assertThrows(IllegalArgumentException.class,
                () -> LifetimeFeatures.builder().penalizer(-1)).getMessage());
    }

    @Test
    void aStateWithAnUnknownDiscountingIsRefusedNamingIt() {
        StepState good = Steps.state(LifetimeFeatures.builder().build());
        StepState.Builder bad = StepState.builder(good.type(), good.version());
        good.parameters().forEach((k, val) -> {
            if (k.equals("discounting")) {
                bad.put(k, "YEARLY");
            } else if (val instanceof String) {
                bad.put(k, (String) val);
            } else if (val instanceof Long) {
                bad.put(k, (long) (Long) val);
            } else {
                bad.put(k, (double) (Double) val);
            }
        });
        assertEquals("lifetime-features state: unknown discounting 'YEARLY'", assertThrows(
                IllegalArgumentException.class, () -> Steps.restore(bad.build())).getMessage());
    }
}
