package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.scaling.Scaling;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Log axes for skewed money, names in legends, readable 30-feature heatmaps, settings as tables. */
class ReportReadabilityTest {

    @Test
    void autoPicksLogForASkewedMoneyAxisByTheDocumentedRule() {
        // Online Retail's monetary: median about 674, one customer at 280,206 and one at 0
        double[] money = new double[101];
        for (int i = 0; i < 100; i++) {
            money[i] = 300 + 10 * i;
        }
        money[100] = 280_206;
        assertTrue(Charts.logAxis(money, Charts.AxisScale.AUTO, "monetary"));
        money[0] = 0;
        assertTrue(Charts.logAxis(money, Charts.AxisScale.AUTO, "monetary"), "a 0 is plotted as 0 + 1");
        // recency days: max 373, median about 50: 7.5 times, linear
        double[] recency = new double[101];
        for (int i = 0; i <= 100; i++) {
            recency[i] = i == 100 ? 373 : i;
        }
        assertFalse(Charts.logAxis(recency, Charts.AxisScale.AUTO, "recency_days"));
        assertTrue(Charts.logAxis(recency, Charts.AxisScale.LOG, "recency_days"));
        assertFalse(Charts.logAxis(money, Charts.AxisScale.LINEAR, "monetary"));
        // exactly at the ratio: log; just under: linear
        assertTrue(Charts.logAxis(new double[] {1, 1, 20}, Charts.AxisScale.AUTO, "x"));
        assertFalse(Charts.logAxis(new double[] {1, 1, 19.99}, Charts.AxisScale.AUTO, "x"));
        // negative values: AUTO stays linear, LOG is refused with the row and value
        double[] refunds = {-5, 1, 1000};
        assertFalse(Charts.logAxis(refunds, Charts.AxisScale.AUTO, "net"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.logAxis(refunds, Charts.AxisScale.LOG, "net"));
        assertEquals("a log axis for 'net' needs values >= 0 but row 0 has -5.0", e.getMessage());
    }

    @Test
    void legendsUseNamesAndStayUnique() {
        Map<Integer, String> names = new LinkedHashMap<>();
        names.put(0, "Lapsed");
        names.put(1, "Lapsed");
        names.put(2, "High Spend");
        assertEquals(Map.of(-1, "Noise", 0, "Lapsed #0", 1, "Lapsed #1", 2, "High Spend", 3, "Segment 3"),
                Charts.legendNames(List.of(-1, 0, 1, 2, 3), names));
        assertEquals(List.of("0 Lapsed", "2 High Spend", "7"), Charts.idLabels(new int[] {0, 2, 7}, names));
    }

    static SegmentationModel thirtyFeatureModel() {
        Random rnd = new Random(5);
        int n = 240;
        int d = 30;
        List<String> ids = new ArrayList<>();
        List<String> features = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            features.add(j % 3 == 0 ? "share_of_orders_in_weeks_with_promotion_" + j : "f" + j + "_spend");
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            ids.add("c" + i);
            int blob = i % 4;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = blob * ((j % 5) - 2) + rnd.nextGaussian();
            }
        }
        return Segmenter.builder().scaling(Scaling.standard()).clusterer(KMeans.builder().k(4).nInit(2)).seed(3)
                .build().fit(FeatureTable.of(ids, features, x));
    }

    @Test
    void thirtyFeatureHeatmapNumbersCutsAndKeysItsLabels() throws Exception {
        SegmentationModel m = thirtyFeatureModel();
        List<String> f = m.features().featureNames();
        List<String> labels = Charts.featureLabels(f);
        assertEquals(30, labels.size());
        assertEquals("1 share_of_or\u2026_promotion_0", labels.get(0));
        assertEquals("2 f1_spend", labels.get(1));
        for (String l : labels) {
            assertTrue(l.length() <= Charts.MAX_LABEL + 3, l);
        }
        List<String> key = Charts.featureKey(f);
        assertEquals(10, key.size());
        assertEquals("1 = share_of_orders_in_weeks_with_promotion_0", key.get(0));
        assertEquals(List.of("a", "b"), Charts.featureLabels(List.of("a", "b")), "short names stay as they are");

        List<String> names = new ArrayList<>();
        m.profiles().forEach(p -> names.add(p.name()));
        int height = Charts.profileHeatmapHeight(f, names, 900);
        assertTrue(height >= 30 * 26, "room for 30 rows: " + height);
        byte[] png = Charts.profileHeatmapPng(m, 900, height);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(900, img.getWidth());
        assertEquals(height, img.getHeight());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.profileHeatmapPng(m, 900, 150));
        assertTrue(e.getMessage().startsWith("height 150 leaves "), e.getMessage());
    }

    private static List<String> pairs(List<String[]> rows) {
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            out.add(r[0] + "|" + r[1]);
        }
        return out;
    }

    @Test
    void settingsAreParsedIntoRows() {
        List<String[]> s = new ArrayList<>();
        assertEquals("KMeans", HtmlReport.parseSettings("KMeans[k=5, nInit=10, init=KMeans++[a=1, b=2], "
                + "name='x, y', list=[1, 2]]", s));
        assertEquals(List.of("k|5", "nInit|10", "init|KMeans++[a=1, b=2]", "name|'x, y'", "list|[1, 2]"), pairs(s));
        s.clear();
        assertEquals("FittedScaler", HtmlReport.parseSettings("FittedScaler[robust, recency_days: center=31.5 "
                + "scale=275.0, log1p(monetary): center=5.6 scale=6.2]", s));
        assertEquals(List.of("|robust", "recency_days|center=31.5 scale=275.0", "log1p(monetary)|center=5.6 "
                + "scale=6.2"), pairs(s));
        List<String[]> none = new ArrayList<>();
        assertEquals("plain text", HtmlReport.parseSettings("plain text", none));
        assertEquals("A[b", HtmlReport.parseSettings("A[b", none));
        assertEquals("A[(unbalanced]", HtmlReport.parseSettings("A[(unbalanced]", none));
        assertTrue(none.isEmpty());
    }

    @Test
    void settingsAndProvenanceAreTablesNotToString() throws Exception {
        SegmentationModel m = ModelFixtures.kmeansModel();
        String html = HtmlReport.builder(m).render();
        assertTrue(html.contains("<h2>Fitted steps</h2>"), "steps table");
        assertTrue(html.contains("<h2>Provenance</h2>"), "provenance table");
        assertTrue(html.contains("<td>k</td><td>3</td>"), "K-Means k as a row");
        assertTrue(html.contains("<th class=\"l\">Library version</th>"));
        assertFalse(html.contains(m.clusterModel().toString()), "no toString of the cluster model");
        assertFalse(html.contains(m.provenance().toString()), "no toString of the provenance");
        for (String setting : m.provenance().settings()) {
            if (setting.contains("=")) {
                assertFalse(html.contains(HtmlReport.esc(setting)), "setting shown as rows, not as " + setting);
            }
        }
    }
}
