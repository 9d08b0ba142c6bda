package dev.segmentation.issues;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.cluster.HdbscanStepFactory;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.state.StepState;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.FittedScaler;
import dev.segmentation.scaling.ScalerStepFactory;
import dev.segmentation.scaling.Scaling;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, weak spot "model content is not validated on load": edited HDBSCAN states (NaN or negative core
 * distances, NaN lambdas, predictionMinSamples 2^30+1, every clusterLabel 0) and a scaler with scale 1e-308 loaded
 * and then predicted nonsense or failed blaming the data. Restoring now checks the invariants and names the part
 * and the value. (Profiles are validated by the pipeline's own restore.)
 */
class ModelContentValidationTest {
    private static final DataMatrix X = IssueData.threeBlobs(60, 5);
    private static final HdbscanModel MODEL = Hdbscan.builder().minClusterSize(10).build()
            .fit(X, FitContext.seeded(1).withThreads(2));
    private static final HdbscanStepFactory HDBSCAN = new HdbscanStepFactory();
    private static final StepState STATE = HDBSCAN.describe(MODEL).orElseThrow();

    private static String refused(StepState s) {
        return assertThrows(IllegalArgumentException.class, () -> HDBSCAN.restore(s)).getMessage();
    }

    @Test
    void anUneditedStateStillLoadsAndPredictsTheSame() {
        HdbscanModel back = HDBSCAN.restore(STATE);
        assertArrayEquals(MODEL.predict(X), back.predict(X));
    }

    @Test
    void nanOrNegativeCoreDistancesAreRefused() {
        double[] core = STATE.doubles("coreDistance");
        core[17] = Double.NaN;
        assertEquals("hdbscan state: coreDistance[17] = NaN must be >= 0 (and not NaN)",
                refused(IssueData.with(STATE, "coreDistance", core)));
        core[17] = -0.5;
        assertEquals("hdbscan state: coreDistance[17] = -0.5 must be >= 0 (and not NaN)",
                refused(IssueData.with(STATE, "coreDistance", core)));
    }

    @Test
    void nanLambdasAreRefused() {
        double[] fall = STATE.doubles("fallLambda");
        fall[3] = Double.NaN;
        assertEquals("hdbscan state: fallLambda[3] = NaN must be >= 0 (and not NaN)",
                refused(IssueData.with(STATE, "fallLambda", fall)));
        double[] birth = STATE.doubles("clusterBirth");
        birth[1] = Double.NaN;
        assertEquals("hdbscan state: clusterBirth[1] = NaN must be >= 0 (and not NaN)",
                refused(IssueData.with(STATE, "clusterBirth", birth)));
        double[] max = STATE.doubles("labelMaxLambda");
        max[0] = Double.NaN;
        assertEquals("hdbscan state: labelMaxLambda[0] = NaN must be >= 0 (and not NaN)",
                refused(IssueData.with(STATE, "labelMaxLambda", max)));
    }

    @Test
    void anAbsurdPredictionMinSamplesIsRefused() {
        assertEquals("hdbscan state: minSamples must be in [1, 184] (the number of training rows) but was "
                + "1073741825", refused(IssueData.with(STATE, "predictionMinSamples", (1L << 30) + 1)));
    }

    @Test
    void aHugeMinSamplesSettingIsWrittenClampedAndLoads() {
        // whatever write accepts, read loads: a fit with minSamples 2^30 + 1 saves the predictor's clamped value
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).minSamples((1 << 30) + 1).build()
                .fit(X, FitContext.seeded(1).withThreads(1));
        StepState s = HDBSCAN.describe(m).orElseThrow();
        assertEquals(184, s.integer("predictionMinSamples"));
        assertArrayEquals(m.predict(X), HDBSCAN.restore(s).predict(X));
    }

    @Test
    void labelsInconsistentWithTheTreeAreRefused() {
        int[] labels = STATE.ints("clusterLabel");
        int[] zeros = new int[labels.length];
        assertEquals(3, MODEL.clusterCount());
        assertEquals("hdbscan state: label 1 of 3 is carried by no cluster (clusterLabel)",
                refused(IssueData.with(STATE, "clusterLabel", zeros)));
        // two unrelated clusters with one label: the selected clusters of labels 0 and 1 both say 0
        int[] twice = labels.clone();
        for (int c = 0; c < twice.length; c++) {
            if (twice[c] == 1) {
                twice[c] = 0;
            }
        }
        String message = refused(IssueData.with(STATE, "clusterLabel", twice));
        assertEquals(true, message.startsWith("hdbscan state: label 0 is carried by two unrelated clusters"),
                message);
    }

    @Test
    void aLambdaBelowItsClustersBirthIsRefused() {
        int[] fallCluster = STATE.ints("fallCluster");
        double[] birth = STATE.doubles("clusterBirth");
        double[] fall = STATE.doubles("fallLambda");
        int row = -1;
        for (int i = 0; i < fallCluster.length && row < 0; i++) {
            if (fallCluster[i] > 0) {
                row = i;
            }
        }
        fall[row] = birth[fallCluster[row]] / 2;
        String message = refused(IssueData.with(STATE, "fallLambda", fall));
        assertEquals("hdbscan state: fallLambda[" + row + "] = " + fall[row] + " is below the birth "
                + birth[fallCluster[row]] + " of the cluster " + fallCluster[row] + " the row left", message);
    }

    // ---------------------------------------------------------------- scaler

    private static final ScalerStepFactory SCALER = new ScalerStepFactory();

    private static StepState scalerState() {
        FeatureTable t = FeatureTable.of(List.of("a", "b", "c"), List.of("recency", "monetary"),
                new double[] {1, 10, 2, 30, 4, 50});
        FittedScaler s = Scaling.standard().fit(t);
        return SCALER.describe(s).orElseThrow();
    }

    private static String refusedScaler(StepState s) {
        return assertThrows(IllegalArgumentException.class, () -> SCALER.restore(s)).getMessage();
    }

    @Test
    void aScalerWithATinyOrNonFiniteScaleIsRefused() {
        StepState s = scalerState();
        double[] scale = s.doubles("scale");
        scale[1] = 1e-308;
        assertEquals("affine-scaler state: scale of feature 'monetary' is 1.0E-308; it must be finite and at least "
                + "2.2250738585072014E-308", refusedScaler(IssueData.with(s, "scale", scale)));
        scale[1] = Double.POSITIVE_INFINITY;
        assertEquals("affine-scaler state: scale of feature 'monetary' is Infinity; it must be finite and non-zero",
                refusedScaler(IssueData.with(s, "scale", scale)));
        scale[1] = -2.0;
        assertEquals("affine-scaler state: scale of feature 'monetary' is -2.0; it must be finite and at least "
                + "2.2250738585072014E-308", refusedScaler(IssueData.with(s, "scale", scale)));
        double[] centre = s.doubles("center");
        centre[0] = Double.NaN;
        assertEquals("affine-scaler state: centre of feature 'recency' is NaN",
                refusedScaler(IssueData.with(s, "center", centre)));
        assertEquals("affine-scaler state: scaler kind must be 'robust', 'standard' or 'no' but was 'minmax'",
                refusedScaler(IssueData.with(s, "kind", "minmax")));
    }

    @Test
    void anUneditedScalerLoadsAndTransformsTheSame() {
        StepState s = scalerState();
        FittedScaler back = SCALER.restore(s);
        assertEquals(Arrays.toString(s.doubles("scale")), Arrays.toString(back.scale()));
    }
}
