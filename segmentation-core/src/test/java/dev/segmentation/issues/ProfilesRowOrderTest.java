package dev.segmentation.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.scaling.Scaling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, weak spot "profiles depend on row order": a feature table with its rows reversed gave identical labels
 * but profile means that differed in the last bits ({@code 163.03425408160334} against {@code 163.0342540816031}).
 * Profile sums now run over sorted values, so any row order gives the same bits.
 */
class ProfilesRowOrderTest {
    private static FeatureTable table(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> ids = new ArrayList<>();
        double[] v = new double[n * 3];
        for (int i = 0; i < n; i++) {
            ids.add(String.format("c%05d", i));
            int group = i % 3;
            v[3 * i] = 10 + 40 * group + r.nextDouble() * 7.3;                    // recency
            v[3 * i + 1] = 1 + group + r.nextInt(5);                              // frequency
            v[3 * i + 2] = Math.exp(IssueData.gauss(r) * 1.7) * (50 + 100 * group); // monetary, heavy-tailed
        }
        return FeatureTable.of(ids, List.of("recency", "frequency", "monetary"), v);
    }

    private static FeatureTable permuted(FeatureTable t, List<Integer> order) {
        int d = t.cols();
        List<String> ids = new ArrayList<>();
        double[] v = new double[t.rows() * d];
        for (int i = 0; i < order.size(); i++) {
            int src = order.get(i);
            ids.add(t.entityId(src));
            System.arraycopy(t.row(src), 0, v, i * d, d);
        }
        return FeatureTable.of(ids, t.featureNames(), v);
    }

    private static SegmentationModel fit(FeatureTable t) {
        return Segmenter.builder().scaling(Scaling.robust()).clusterer(KMeans.builder().k(3).nInit(2)).seed(7)
                .threads(2).build().fit(t);
    }

    @Test
    void reversedOrShuffledRowsGiveBitIdenticalProfiles() {
        FeatureTable t = table(3000, 11);
        SegmentationModel base = fit(t);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < t.rows(); i++) {
            order.add(i);
        }
        for (int trial = 0; trial < 3; trial++) {
            if (trial == 0) {
                Collections.reverse(order);
            } else {
                Collections.shuffle(order, new Random(trial));
            }
            SegmentationModel other = fit(permuted(t, order));
            for (String id : t.entityIds()) {
                assertEquals(base.label(id), other.label(id), "label of " + id);
            }
            List<SegmentProfile> a = base.profiles();
            List<SegmentProfile> b = other.profiles();
            assertEquals(a.size(), b.size());
            for (int s = 0; s < a.size(); s++) {
                String where = "trial " + trial + ", segment " + a.get(s).segment();
                assertEquals(a.get(s).segment(), b.get(s).segment(), where);
                assertEquals(a.get(s).size(), b.get(s).size(), where);
                assertBits(a.get(s).means(), b.get(s).means(), where + " means");
                assertBits(a.get(s).medians(), b.get(s).medians(), where + " medians");
                assertEquals(Double.doubleToRawLongBits(a.get(s).valueShare().orElseThrow()),
                        Double.doubleToRawLongBits(b.get(s).valueShare().orElseThrow()), where + " value share");
            }
        }
    }

    private static void assertBits(double[] a, double[] b, String where) {
        assertEquals(a.length, b.length, where);
        for (int j = 0; j < a.length; j++) {
            assertEquals(Double.doubleToRawLongBits(a[j]), Double.doubleToRawLongBits(b[j]),
                    where + "[" + j + "]: " + a[j] + " vs " + b[j]);
        }
    }
}
