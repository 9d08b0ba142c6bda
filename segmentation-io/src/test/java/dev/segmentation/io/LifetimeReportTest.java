package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Features;
import dev.segmentation.lifetime.CustomerSummary;
import dev.segmentation.lifetime.LifetimeFeatures;
import dev.segmentation.lifetime.LifetimeValues;
import dev.segmentation.lifetime.Shops;
import dev.segmentation.lifetime.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifetime feature step through a model file (fit, write, read, identical predictions and features), and the
 * CLV-by-segment chart and report section.
 */
class LifetimeReportTest {
    private static Transactions shop;
    private static SegmentationModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void fit() {
        shop = Shops.shop(500, 9);
        model = Segmenter.builder().features(Features.rfm(), LifetimeFeatures.builder().build())
                .clusterer(KMeans.builder().k(3).nInit(2)).seed(5).threads(2).build().fit(shop);
    }

    private static LifetimeValues values(SegmentationModel m) {
        LifetimeFeatures f = (LifetimeFeatures) m.extractors().get(1);
        CustomerSummary s = CustomerSummary.of(shop.filterRows(r -> shop.quantity(r) > 0 && shop.amount(r) > 0),
                TimeUnit.DAY, LocalDate.ofEpochDay(Math.floorDiv(shop.maxEpochSecond(), 86_400L)));
        return f.predictor().predict(f.purchaseModel().orElseThrow(), f.spendModel().orElseThrow(), s);
    }

    @Test
    void aModelWithLifetimeFeaturesSavesReloadsAndPredictsIdentically() throws Exception {
        Path file = dir.resolve("clv-model.json");
        SegmentationModels.write(model, file);
        SegmentationModel back = SegmentationModels.read(file);
        assertEquals(model.extractors().get(1), back.extractors().get(1));
        Transactions later = shop.filterRows(r -> shop.epochDay(r) <= LocalDate.of(2011, 11, 30).toEpochDay());
        for (Transactions t : List.of(shop, later)) {
            SegmentAssignments a = model.predict(t);
            SegmentAssignments b = back.predict(t);
            assertEquals(a.entityIds(), b.entityIds());
            assertArrayEquals(a.labels(), b.labels());
            assertArrayEquals(a.features().values(), b.features().values(), 0.0);
        }
        assertArrayEquals(model.labels(), model.predict(shop).labels());
        assertEquals(values(model), values(back));
    }

    @Test
    void theReportGainsALifetimeSectionWithItsChart() throws Exception {
        LifetimeValues v = values(model);
        List<SegmentProfile> profiles = model.profiles(v);
        String html = HtmlReport.builder(model).lifetime(v).render();
        assertTrue(html.contains("<h2>Lifetime value by segment</h2>"), "section");
        assertTrue(html.contains("<h3>Customer lifetime value by segment</h3>"), "chart");
        for (SegmentProfile p : profiles) {
            String row = "<tr><td>" + p.segment() + "</td><td class=\"l\">" + p.name() + "</td><td>"
                    + p.lifetime().orElseThrow().customers() + "</td>";
            assertTrue(html.contains(row), row);
        }
        assertTrue(!HtmlReport.builder(model).render().contains("Lifetime value by segment"), "optional");
        Path png = dir.resolve("clv.png");
        LifetimeCharts.clvBySegment(png, profiles, 640, 360);
        ChartsTest.assertPng(png, 640, 360);
        Path svg = dir.resolve("clv.svg");
        LifetimeCharts.clvBySegment(svg, profiles, 640, 360);
        assertTrue(Files.readString(svg).contains("<svg"));
    }

    @Test
    void profilesWithoutALifetimeSectionAreRefusedNamingTheSegment() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LifetimeCharts.clvBySegment(dir.resolve("x.png"), model.profiles(), 640, 360));
        assertEquals("segment 0 has no lifetime section: use SegmentationModel.profiles(LifetimeValues)",
                e.getMessage());
        assertEquals("there is no segment to plot", assertThrows(IllegalArgumentException.class,
                () -> LifetimeCharts.clvBySegment(dir.resolve("x.png"), List.of(), 640, 360)).getMessage());
        assertEquals("width and height must be within [100, 8000] but were 50 x 360", assertThrows(
                IllegalArgumentException.class, () -> LifetimeCharts.clvBySegment(dir.resolve("x.png"),
                        model.profiles(values(model)), 50, 360)).getMessage());
        assertTrue(!Files.exists(dir.resolve("x.png")));
    }
}
