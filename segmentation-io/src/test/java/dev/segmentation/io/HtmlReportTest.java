package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentationModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.fit.FitContext;
import dev.segmentation.evaluation.KSelection;
import dev.segmentation.evaluation.KSelectionResult;
import dev.segmentation.stability.Migration;
import dev.segmentation.testing.SyntheticRetail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void aSelfContainedPageWithTablesAndEmbeddedCharts() throws Exception {
        SegmentationModel m = ModelFixtures.kmeansModel();
        KSelectionResult sweep = KSelection.range(2, 5).run(SyntheticRetail.blobs(200, 2, 3, 1),
                k -> KMeans.builder().k(k).build(), FitContext.seeded(1));
        Path f = dir.resolve("report.html");
        HtmlReport.builder(m).title("Customers <test> & co").scatter("recency_days", "monetary").kSelection(sweep)
                .lossCurve(new double[] {3, 2, 1.5}, new double[] {3.5, 2.5, 2})
                .migration(Migration.between(m.entityIds(), m.labels(), m.entityIds(), m.labels())).write(f);
        String html = Files.readString(f);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<title>Customers &lt;test&gt; &amp; co</title>"));
        assertTrue(html.contains("<th class=\"l\">Segments</th><td class=\"l\">3</td>"), html.substring(0, 2000));
        for (var p : m.profiles()) {
            assertTrue(html.contains("<td class=\"l\">" + p.name() + "</td><td class=\"l\">"
                    + HtmlReport.distinguishing(p) + "</td><td>" + p.size() + "</td>"), p.name());
        }
        Matcher img = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            byte[] png = java.util.Base64.getDecoder().decode(img.group(1));
            assertEquals((byte) 0x89, png[0]);
            assertEquals('P', png[1]);
            images++;
        }
        assertEquals(6, images, "sizes, heatmap, scatter, k selection, migration, loss curve");
        assertTrue(html.contains("<h3>Segment sizes</h3>") && html.contains("<h3>Migration between the previous"
                + " and this segmentation</h3>"), "chart headings");
        assertFalse(html.contains("http://") || html.contains("https://"), "no network reference");
    }

    @Test
    void aLoadedModelHasNoScatterAndBadOptionsAreRefused() throws Exception {
        Path model = dir.resolve("m.json");
        SegmentationModels.write(ModelFixtures.kmeansModel(), model);
        SegmentationModel back = SegmentationModels.read(model);
        String html = HtmlReport.builder(back).scatter("recency_days", "monetary").render();
        assertEquals(2, html.split("data:image/png").length - 1, "only the sizes and the heatmap");
        assertEquals("no feature 'cv' in the model; features are [recency_days, frequency_orders, monetary,"
                + " avg_order_value, tenure_days]", assertThrows(IllegalArgumentException.class,
                        () -> HtmlReport.builder(back).scatter("cv", "monetary")).getMessage());
        assertEquals("title must not be blank", assertThrows(IllegalArgumentException.class,
                () -> HtmlReport.builder(back).title(" ")).getMessage());
        assertThrows(NullPointerException.class, () -> HtmlReport.builder(back).migration(null));
        assertEquals("validationLoss has 1 epochs but trainingLoss has 2", assertThrows(
                IllegalArgumentException.class, () -> HtmlReport.builder(back).lossCurve(new double[2],
                        new double[1])).getMessage());
    }
}
