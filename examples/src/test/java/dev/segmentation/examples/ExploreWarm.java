package dev.segmentation.examples;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Rfm;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.refresh.Hysteresis;
import dev.segmentation.refresh.RollingRefresh;
import dev.segmentation.refresh.WarmStart;
import dev.segmentation.scaling.Scaling;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExploreWarm {
    Segmenter.Builder seg() {
        return Segmenter.builder().features(Rfm.builder().cancelledOrderPrefix("C").build())
                .scaling(Scaling.robust().log1p("frequency_orders", "monetary", "avg_order_value")).seed(42);
    }

    @Test
    void explore() throws Exception {
        Transactions all = CsvPresets.onlineRetail().build().read(Path.of("data/online_retail.csv.gz"));
        LocalDate s = LocalDate.of(2010, 12, 1);
        SegmentationModel prev = seg().clusterer(KMeans.builder().k(5).nInit(10).build()).build().fit(win(all, s));
        for (int t = 1; t < 4; t++) {
            Transactions w = win(all, s.plusMonths(t));
            SegmentationModel cold = seg().clusterer(KMeans.builder().k(5).nInit(10).build()).build().fit(w);
            DataMatrix x = cold.scaler().transform(cold.features()).matrix();
            SegmentAssignments sc = prev.predict(w);
            Map<String, Integer> b = new HashMap<>();
            for (int i = 0; i < sc.entityIds().size(); i++) b.put(sc.entityIds().get(i), sc.labels()[i]);
            int[] anchor = new int[x.rows()];
            for (int i = 0; i < anchor.length; i++) anchor[i] = b.getOrDefault(cold.entityIds().get(i), -1);
            double coldI = RollingRefresh.partitionInertia(x, cold.labels());
            System.out.printf("window %d: cold ratio 1, model change vs rescored %.4f%n", t, diff(anchor, cold.labels()));
            System.out.printf("  rescored ratio %.4f%n", RollingRefresh.partitionInertia(x, anchor) / coldI);
            DataMatrix c0 = WarmStart.centres(prev, cold.scaler());
            for (int it : new int[] {1, 2, 3, 5, 10, 300}) {
                KMeansModel km = KMeans.builder().k(5).nInit(1).initialCentres(c0).maxIter(it).build().fit(x,
                        dev.segmentation.fit.FitContext.seeded(1));
                System.out.printf("  warm maxIter %3d: model %.4f ratio %.4f%n", it, diff(anchor, km.labels()),
                        RollingRefresh.partitionInertia(x, km.labels()) / coldI);
            }
            for (double d : new double[] {0.02, 0.05, 0.1, 0.2, 0.5}) {
                // sticky Lloyd anchored on the rescored labels
                DataMatrix c = c0;
                int[] lab = null;
                for (int it = 0; it < 100; it++) {
                    int[] nl = Hysteresis.assign(x, c, anchor, d).labels();
                    if (lab != null && java.util.Arrays.equals(nl, lab)) break;
                    lab = nl;
                    c = means(x, lab, c);
                }
                System.out.printf("  sticky d %.2f: model %.4f ratio %.4f%n", d, diff(anchor, lab),
                        RollingRefresh.partitionInertia(x, lab) / coldI);
            }
            prev = cold;
        }
    }

    static DataMatrix means(DataMatrix x, int[] lab, DataMatrix old) {
        int k = old.rows(), d = x.cols();
        double[] s = new double[k * d];
        int[] n = new int[k];
        for (int i = 0; i < lab.length; i++) {
            n[lab[i]]++;
            for (int j = 0; j < d; j++) s[lab[i] * d + j] += x.get(i, j);
        }
        for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) s[c * d + j] = n[c] == 0 ? old.get(c, j) : s[c * d + j] / n[c];
        return DataMatrix.of(k, d, s);
    }

    static double diff(int[] a, int[] b) {
        int m = 0, n = 0;
        for (int i = 0; i < a.length; i++) { if (a[i] < 0) continue; n++; if (a[i] != b[i]) m++; }
        return m / (double) n;
    }

    static Transactions win(Transactions all, LocalDate s) {
        return all.between(s.atStartOfDay().toInstant(ZoneOffset.UTC), s.plusMonths(9).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
