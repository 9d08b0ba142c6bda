package dev.segmentation.refresh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.scaling.FittedScaler;
import dev.segmentation.scaling.Scaling;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WarmStartTest {
    /** Three blobs in 2 positive features. */
    static FeatureTable blobs(long seed, int n, double scale, double shift) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] c = {{10, 10}, {40, 15}, {25, 50}};
        List<String> ids = new ArrayList<>();
        double[] v = new double[2 * n];
        for (int i = 0; i < n; i++) {
            ids.add("e" + i);
            double[] cc = c[i % 3];
            v[2 * i] = (cc[0] + 2 * gauss(r)) * scale + shift;
            v[2 * i + 1] = (cc[1] + 2 * gauss(r)) * scale + shift;
        }
        return FeatureTable.of(ids, List.of("f1", "f2"), v);
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** The rows of {@code t} except every fifth from {@code offset}: a later window with other scaling statistics. */
    static FeatureTable later(FeatureTable t) {
        int[] keep = java.util.stream.IntStream.range(0, t.rows()).filter(i -> i % 5 != 0 && i % 7 != 1).toArray();
        return t.selectRows(keep);
    }

    static int[] labelsOf(SegmentationModel m, FeatureTable t) {
        int[] out = new int[t.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = m.label(t.entityId(i)).getAsInt();
        }
        return out;
    }

    @Test
    void warmKMeansStartsFromTheOldCentresInTheNewScaling() {
        FeatureTable oldT = blobs(1, 300, 1, 0);
        FeatureTable newT = later(oldT);
        SegmentationModel prev = Segmenter.builder().scaling(Scaling.robust())
                .clusterer(KMeans.builder().k(3).nInit(4)).seed(3).build().fit(oldT);
        FittedScaler newScaler = Scaling.robust().fit(newT);
        DataMatrix mapped = WarmStart.centres(prev, newScaler);
        DataMatrix old = ((KMeansModel) prev.clusterModel()).centres();
        double[] co = prev.scaler().center();
        double[] so = prev.scaler().scale();
        double[] cn = newScaler.center();
        double[] sn = newScaler.scale();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double raw = old.get(i, j) * so[j] + co[j];
                assertEquals((raw - cn[j]) / sn[j], mapped.get(i, j), 1e-9);
            }
        }
        SegmentationModel warm = Segmenter.builder().scaling(Scaling.robust())
                .clusterer(WarmStart.kMeans(prev, newScaler)).seed(3).build().fit(newT);
        // the same segments keep the same labels: no realignment needed
        assertArrayEquals(labelsOf(prev, newT), warm.labels());
        assertEquals(1, ((KMeans) WarmStart.kMeans(prev, newScaler).build()).nInit());
    }

    @Test
    void theMapIsUnscaleThenRescaleWithLog1p() {
        FeatureTable a = blobs(2, 90, 1, 0);
        FeatureTable b = blobs(5, 120, 1.5, 2);
        Scaling recipe = Scaling.robust().log1p("f2");
        FittedScaler sa = recipe.fit(a);
        FittedScaler sb = recipe.fit(b);
        // any raw rows: scaled by a then mapped equals scaled by b
        DataMatrix za = sa.transform(b).matrix();
        DataMatrix mapped = WarmStart.toNewSpace(za, sa, sb);
        DataMatrix zb = sb.transform(b).matrix();
        for (int i = 0; i < zb.rows(); i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(zb.get(i, j), mapped.get(i, j), 1e-9);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WarmStart.toNewSpace(za, sa, Scaling.robust().fit(b)));
        assertTrue(e.getMessage().startsWith("feature 'f2' is pre-transformed differently by the two scalers"),
                e.getMessage());
    }

    @Test
    void gaussianMixtureStartsFromTheMappedParameters() {
        FeatureTable oldT = blobs(7, 300, 1, 0);
        FeatureTable newT = later(oldT);
        SegmentationModel prev = Segmenter.builder().scaling(Scaling.robust())
                .clusterer(GaussianMixture.builder().k(3).nInit(2)).seed(3).build().fit(oldT);
        FittedScaler newScaler = Scaling.robust().fit(newT);
        GaussianMixtureModel g0 = (GaussianMixtureModel) prev.clusterModel();
        SegmentationModel warm = Segmenter.builder().scaling(Scaling.robust())
                .clusterer(WarmStart.gaussianMixture(prev, newScaler)).seed(3).build().fit(newT);
        GaussianMixtureModel g1 = (GaussianMixtureModel) warm.clusterModel();
        assertArrayEquals(labelsOf(prev, newT), warm.labels());
        assertEquals(g0.covarianceType(), g1.covarianceType());
        assertTrue(g1.iterations() <= 5, "a warm start near the optimum converges fast: " + g1.iterations());
    }

    @Test
    void otherModelsAreRefusedWithTheReason() {
        FeatureTable t = blobs(1, 90, 1, 0);
        SegmentationModel hdb = Segmenter.builder().scaling(Scaling.robust())
                .clusterer(Hdbscan.builder().minClusterSize(10)).seed(1).build().fit(t);
        FittedScaler s = Scaling.robust().fit(t);
        assertEquals("a K-Means warm start needs a K-Means model but the previous model has HdbscanModel",
                assertThrows(IllegalArgumentException.class, () -> WarmStart.centres(hdb, s)).getMessage());
        assertEquals("a Gaussian mixture warm start needs a Gaussian mixture model but the previous model has "
                + "HdbscanModel", assertThrows(IllegalArgumentException.class,
                        () -> WarmStart.gaussianMixture(hdb, s)).getMessage());
        SegmentationModel km = Segmenter.builder().scaling(Scaling.robust()).clusterer(KMeans.builder().k(2))
                .seed(1).build().fit(t);
        FittedScaler other = Scaling.robust().fit(t.select("f1"));
        assertEquals("the previous scaler was fitted on [f1, f2] but the new one on [f1]", assertThrows(
                IllegalArgumentException.class, () -> WarmStart.centres(km, other)).getMessage());
    }
}
