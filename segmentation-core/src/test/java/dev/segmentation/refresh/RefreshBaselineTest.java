package dev.segmentation.refresh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.stability.Drift;
import dev.segmentation.stability.DriftReport;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshBaselineTest {
    static SegmentationModel fit(FeatureTable t) {
        return Segmenter.builder().scaling(Scaling.robust()).clusterer(KMeans.builder().k(3).nInit(3)).seed(5)
                .build().fit(t);
    }

    @Test
    void theSameWindowIsRescoredAndAShiftedOneRefitted() {
        FeatureTable t = WarmStartTest.blobs(1, 600, 1, 0);
        SegmentationModel m = fit(t);
        RefreshBaseline b = RefreshPolicy.defaults().baseline(m);
        RefreshDecision same = b.decide(m, m.predict(t));
        assertEquals(RefreshDecision.Action.RESCORE, same.action());
        assertEquals(List.of(), same.reasons());
        assertTrue(same.maxPsi() < 0.01 && same.maxKs() <= 0.01, same.toString());
        assertTrue(same.farFraction() <= 0.011, same.toString());
        assertEquals(0.0, same.qualityLoss(), 1e-9);

        FeatureTable shifted = WarmStartTest.blobs(2, 600, 1.3, 12);
        RefreshDecision moved = b.decide(m, m.predict(shifted));
        assertEquals(RefreshDecision.Action.REFIT, moved.action());
        assertTrue(moved.reasons().get(0).startsWith("feature 'f1' drifted: PSI "), moved.reasons().toString());
        assertTrue(moved.lines().get(0).startsWith("decision: REFIT (600 entities; max PSI "), moved.lines().get(0));
    }

    @Test
    void driftFromTheQuantileSummaryIsWithinHalfAPercentOfTheFullTrainingData() {
        FeatureTable t = WarmStartTest.blobs(3, 2000, 1, 0);
        SegmentationModel m = fit(t);
        RefreshBaseline b = RefreshPolicy.defaults().baseline(m);
        for (FeatureTable now : List.of(WarmStartTest.blobs(4, 1500, 1.05, 1), WarmStartTest.blobs(5, 900, 1.2, 3))) {
            RefreshDecision d = b.decide(m, m.predict(now));
            DriftReport full = Drift.compare(t, now);
            for (int j = 0; j < 2; j++) {
                assertEquals(full.features().get(j).psi(), d.psi()[j], 0.005 + 0.02 * full.features().get(j).psi());
                assertEquals(full.features().get(j).ks(), d.ks()[j], 0.006);
            }
        }
    }

    @Test
    void theBaselinePersistsWithTheModelAsAPassThroughStep() {
        FeatureTable t = WarmStartTest.blobs(1, 300, 1, 0);
        SegmentationModel m = fit(t);
        RefreshBaseline b = RefreshPolicy.builder().maxPsi(0.3).maxFarFraction(0.1).build().baseline(m);
        SegmentationModel withIt = RefreshBaseline.attach(m, b);
        assertTrue(RefreshBaseline.of(m).isEmpty());
        assertEquals(b, RefreshBaseline.of(withIt).orElseThrow());
        FeatureTable later = WarmStartTest.later(t);
        assertArrayEquals(m.predict(later).labels(), withIt.predict(later).labels());
        // its state restores through the registered factory to a baseline that decides the same
        StepState s = Steps.state(b);
        RefreshBaseline back = (RefreshBaseline) Steps.restore(s);
        assertEquals(s, back.state());
        SegmentAssignments scored = m.predict(later);
        assertEquals(b.decide(m, scored).toString(), back.decide(withIt, scored).toString());
        assertEquals(0.3, back.policy().maxPsi());
        // a model rebuilt from its steps (as a file reader does) keeps the baseline
        SegmentationModel rebuilt = RefreshBaseline.attach(withIt, back);
        assertEquals(1, rebuilt.steps().stream().filter(x -> x instanceof RefreshBaseline).count());
    }

    @Test
    void gaussianMixtureAndHdbscanModelsGetTheirMeasures() {
        FeatureTable t = WarmStartTest.blobs(1, 300, 1, 0);
        SegmentationModel g = Segmenter.builder().scaling(Scaling.robust()).clusterer(GaussianMixture.builder().k(3))
                .seed(5).build().fit(t);
        RefreshDecision dg = RefreshPolicy.defaults().baseline(g).decide(g, g.predict(t));
        assertEquals(RefreshDecision.Action.RESCORE, dg.action());
        assertEquals(0.0, dg.qualityLoss(), 1e-9);
        SegmentationModel h = Segmenter.builder().scaling(Scaling.robust())
                .clusterer(Hdbscan.builder().minClusterSize(15)).seed(5).build().fit(t);
        RefreshBaseline bh = RefreshPolicy.defaults().baseline(h);
        RefreshDecision dh = bh.decide(h, h.predict(t));
        long noise = java.util.Arrays.stream(h.predict(t).labels()).filter(l -> l == -1).count();
        assertEquals(noise / 300.0, dh.farFraction(), 1e-12);
        assertEquals("NOISE", bh.kindName());
    }

    @Test
    void badSettingsAndStatesAreNamed() {
        assertEquals("maxKs must be in (0, 1] but was 1.5", assertThrows(IllegalArgumentException.class,
                () -> RefreshPolicy.builder().maxKs(1.5)).getMessage());
        assertEquals("farQuantile must be in (0.5, 1) but was 1.0", assertThrows(IllegalArgumentException.class,
                () -> RefreshPolicy.builder().farQuantile(1)).getMessage());
        assertEquals("maxPsi must be > 0 and finite but was NaN", assertThrows(IllegalArgumentException.class,
                () -> RefreshPolicy.builder().maxPsi(Double.NaN)).getMessage());
        assertEquals("maxFarFraction 0.01 must be above 1 - farQuantile (0.010000000000000009), the far share of the "
                + "training data itself", assertThrows(IllegalStateException.class,
                        () -> RefreshPolicy.builder().maxFarFraction(0.01).build()).getMessage());
        FeatureTable t = WarmStartTest.blobs(1, 90, 1, 0);
        SegmentationModel m = fit(t);
        RefreshBaseline b = RefreshPolicy.defaults().baseline(m);
        SegmentationModel loaded = RefreshBaseline.attach(m, b); // as a model read from a file: no features
        assertEquals("the model holds no training features (it was loaded from a file?): take the refresh baseline "
                + "right after the fit", assertThrows(IllegalArgumentException.class,
                        () -> RefreshPolicy.defaults().baseline(loaded)).getMessage());
        StepState s = Steps.state(b);
        double[] q = s.doubles("quantiles");
        q[5] = q[4] - 1;
        StepState bad = StepState.builder(RefreshBaseline.TYPE, 1).put("maxPsi", 0.25).put("maxKs", 0.2)
                .put("maxFarFraction", 0.05).put("farQuantile", 0.99).put("maxQualityLoss", 0.2).put("kind", "KMEANS")
                .put("farThreshold", "1.0").put("trainingQuality", 1.0).putStrings("features", List.of("f1", "f2"))
                .put("quantiles", q).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Steps.restore(bad));
        assertTrue(e.getMessage().contains("quantile 5 of feature 'f1' is "), e.getMessage());
        StepState newer = StepState.builder(RefreshBaseline.TYPE, 2).build();
        assertEquals("'refresh-baseline' state version 2 is newer than this library reads (up to 1)", assertThrows(
                IllegalArgumentException.class, () -> Steps.restore(newer)).getMessage());
    }
}
