package dev.segmentation.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Entropy;
import dev.segmentation.features.Features;
import dev.segmentation.features.Period;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.RetailSimulator;
import org.junit.jupiter.api.Test;

/**
 * Issue 20 regression: the compact transaction store, the streaming simulator and the merged Cliff's delta of the
 * profiles change no bit. The hashes below were computed with the code before issue 20 (commit be96c16, the row
 * columns as long/int/double arrays and the simulator assembling whole columns) on 10,000 simulated customers
 * (502,357 transactions): every column of the table, the K-Means pipeline's raw features and labels, and every
 * profile figure. The simulation and the fit run on 1 and on 2 threads.
 */
class Issue20SameBitsTest {
    private static final long TRANSACTIONS = 0xbd277bdace4396f7L;
    private static final long MODEL = 0xeec64af5b00218cbL;
    private static final long PROFILES = 0x422133ca53cabad6L;

    @Test
    void tableFeaturesLabelsAndProfilesAreThoseOfTheFormerStore() {
        for (int threads = 1; threads <= 2; threads++) {
            Transactions t = RetailSimulator.builder().seed(42).entities(10_000).weeks(104).activityScale(0.135)
                    .build().simulate(threads).transactions();
            assertEquals(502_357, t.size());
            assertEquals(TRANSACTIONS, tableHash(t), "transactions, " + threads + " threads");
            SegmentationModel m = Segmenter.builder().features(Features.rfm(), Features.demandStats(Period.MONTH),
                    Features.entropy(Entropy.Over.CALENDAR_MONTH), Features.activity(Period.MONTH))
                    .scaling(Scaling.robust()).clusterer(KMeans.builder().k(8)).seed(42).threads(threads).build()
                    .fit(t);
            long g = 7;
            for (int l : m.labels()) {
                g = 31 * g + l;
            }
            FeatureTable f = m.features();
            for (int i = 0; i < f.rows(); i++) {
                for (int j = 0; j < f.cols(); j++) {
                    g = 31 * g + Double.doubleToRawLongBits(f.get(i, j));
                }
            }
            assertEquals(MODEL, g, "features and labels, " + threads + " threads");
            long p = 3;
            for (SegmentProfile prof : m.profiles()) {
                p = 31 * p + prof.size();
                p = mix(p, prof.means());
                p = mix(p, prof.medians());
                p = mix(p, prof.standardDeviations());
                p = mix(p, prof.effectSizes());
                p = 31 * p + prof.name().hashCode();
            }
            assertEquals(PROFILES, p, "profiles, " + threads + " threads");
        }
    }

    private static long mix(long h, double[] v) {
        for (double x : v) {
            h = 31 * h + Double.doubleToRawLongBits(x);
        }
        return h;
    }

    private static long tableHash(Transactions t) {
        long h = 1125899906842597L;
        for (int r = 0; r < t.size(); r++) {
            h = 31 * h + t.epochSecond(r);
            h = 31 * h + t.orderCode(r);
            h = 31 * h + t.itemCode(r);
            h = 31 * h + t.categoryCode(r);
            h = 31 * h + Double.doubleToRawLongBits(t.quantity(r));
            h = 31 * h + Double.doubleToRawLongBits(t.amount(r));
        }
        for (int e = 0; e <= t.entityCount(); e++) {
            h = 31 * h + (e < t.entityCount() ? t.entityStart(e) + t.entityId(e).hashCode() : 0);
        }
        h = 31 * h + t.orderCount();
        h = 31 * h + t.itemCount();
        h = 31 * h + t.categoryCount();
        return 31 * h + t.orderId(t.size() - 1).hashCode() + t.itemIdOfCode(t.itemCount() - 1).hashCode();
    }
}
