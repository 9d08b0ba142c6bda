package dev.segmentation.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.testing.SharedData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential test: {@link Scaling#robust()} fitted on recency_days, frequency_orders and monetary of the reference
 * RFM table matches scikit-learn 1.2.1's {@code RobustScaler()} ({@code online_retail_rfm_robust_scaler.csv}).
 */
class ScalingReferenceTest {
    @Test
    void robustMatchesScikitLearnOnReferenceRfmTable() {
        List<String> rfm = SharedData.lines(SharedData.require("data/reference/online_retail_rfm.csv"));
        List<String> expected =
                SharedData.lines(SharedData.require("data/reference/online_retail_rfm_robust_scaler.csv"));
        String[] header = rfm.get(0).split(",");
        List<String> ids = new ArrayList<>();
        double[] v = new double[(rfm.size() - 1) * (header.length - 1)];
        int k = 0;
        for (int i = 1; i < rfm.size(); i++) {
            String[] p = rfm.get(i).split(",");
            ids.add(p[0]);
            for (int j = 1; j < header.length; j++) {
                v[k++] = Double.parseDouble(p[j]);
            }
        }
        List<String> names = new ArrayList<>(List.of(header).subList(1, header.length));
        FeatureTable table = FeatureTable.of(ids, names, v).select("recency_days", "frequency_orders", "monetary");
        FittedScaler s = Scaling.robust().fit(table);

        assertEquals("feature,center,scale", expected.get(0));
        assertEquals(4, expected.size());
        for (int i = 1; i < expected.size(); i++) {
            String[] p = expected.get(i).split(",");
            int j = s.featureNames().indexOf(p[0]);
            assertEquals(Double.parseDouble(p[1]), s.center()[j], 1e-12, "center of " + p[0]);
            assertEquals(Double.parseDouble(p[2]), s.scale()[j], 1e-12, "scale of " + p[0]);
        }
    }
}
