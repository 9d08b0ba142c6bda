package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentationModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.fit.FitContext;
import dev.segmentation.evaluation.KSelection;
import dev.segmentation.evaluation.KSelectionResult;
import dev.segmentation.stability.Migration;
import dev.segmentation.stability.MigrationReport;
import dev.segmentation.testing.SyntheticRetail;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ChartsTest {
    @TempDir
    Path dir;

    /** Reads the file as a PNG and checks its size and that it is not one flat colour. */
    static void assertPng(Path f, int width, int height) throws Exception {
        byte[] b = Files.readAllBytes(f);
        assertTrue(b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G',
                "PNG signature of " + f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
        int first = img.getRGB(0, 0);
        boolean varied = false;
        for (int y = 0; y < height && !varied; y += 3) {
            for (int x = 0; x < width; x += 3) {
                if (img.getRGB(x, y) != first) {
                    varied = true;
                    break;
                }
            }
        }
        assertTrue(varied, "the image has content");
    }

    /**
     * Parses the file as XML (no external DTD is loaded) and checks it is an SVG document of the requested width and
     * height (in pixels or unitless) with drawing content.
     */
    static void assertSvg(Path f, int width, int height) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(f.toFile());
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName(), "root element of " + f);
        assertEquals(width, pixels(root.getAttribute("width")), "width of " + f);
        assertEquals(height, pixels(root.getAttribute("height")), "height of " + f);
        int shapes = 0;
        for (String tag : new String[] {"path", "rect", "text", "line", "polyline", "polygon", "ellipse", "circle"}) {
            shapes += doc.getElementsByTagNameNS("*", tag).getLength();
        }
        assertTrue(shapes > 10, "the SVG has drawing content: " + shapes + " shapes");
    }

    private static double pixels(String length) {
        String v = length.endsWith("px") ? length.substring(0, length.length() - 2) : length;
        return Double.parseDouble(v);
    }

    /** Writes a chart as PNG and SVG at the given size and checks both. */
    static void assertBoth(Path dir, String name, int width, int height, ChartWriter w) throws Exception {
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".SVG");
        w.write(png, width, height);
        w.write(svg, width, height);
        assertPng(png, width, height);
        assertSvg(svg, width, height);
    }

    /** Writes one chart to a file at a size. */
    @FunctionalInterface
    interface ChartWriter {
        void write(Path file, int width, int height) throws Exception;
    }

    private static FeatureTable trendAndCv(int n) {
        DataMatrix x = SyntheticRetail.blobs(n, 2, 4, 3);
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "s" + i;
        }
        return FeatureTable.wrap(ids, new String[] {"cv", "trend"}, x.toArray());
    }

    @Test
    void segmentScatterIsAPngOfTheRequestedSize() throws Exception {
        FeatureTable t = trendAndCv(400);
        int[] labels = KMeans.builder().k(4).build().fit(t.matrix(), FitContext.seeded(1)).labels();
        labels[0] = -1;
        assertBoth(dir, "scatter", 800, 600, (f, w, h) -> Charts.segmentScatter(f, t, labels, "cv", "trend",
                "Trend versus volatility", w, h));
    }

    @Test
    void profileHeatmapIsAPngOfTheRequestedSize() throws Exception {
        SegmentationModel m = ModelFixtures.kmeansModel();
        assertBoth(dir, "heatmap", 900, 500, (f, w, h) -> Charts.profileHeatmap(f, m, w, h));
        double[][] z = Charts.standardisedMeans(m.profiles(), 5);
        for (int j = 0; j < 5; j++) {
            double sum = 0;
            for (double[] row : z) {
                sum += row[j];
            }
            assertEquals(0, sum, 1e-9, "z-scores of feature " + j + " sum to 0");
        }
    }

    @Test
    void kSelectionChartIsAPngOfTheRequestedSize() throws Exception {
        DataMatrix x = SyntheticRetail.blobs(300, 2, 4, 2);
        KSelectionResult r = KSelection.range(2, 7).run(x, k -> KMeans.builder().k(k).nInit(2).build(),
                FitContext.seeded(3));
        assertBoth(dir, "k", 1000, 400, (f, w, h) -> Charts.kSelection(f, r, w, h));
    }

    @Test
    void lossCurveIsAPngOfTheRequestedSize() throws Exception {
        double[] train = new double[30];
        double[] val = new double[30];
        for (int i = 0; i < 30; i++) {
            train[i] = 1.0 / (i + 1);
            val[i] = 1.2 / (i + 1) + 0.01;
        }
        assertBoth(dir, "loss", 640, 480, (f, w, h) -> Charts.lossCurve(f, train, val, w, h));
        Path g = dir.resolve("loss-train-only.png");
        Charts.lossCurve(g, train, new double[0], 300, 200);
        assertPng(g, 300, 200);
    }

    @Test
    void segmentSizesAreBarsOfTheRequestedSize() throws Exception {
        SegmentationModel m = ModelFixtures.kmeansModel();
        assertBoth(dir, "sizes", 700, 400, (f, w, h) -> Charts.segmentSizes(f, m, w, h));
        assertBoth(dir, "sizes-counts", 500, 300, (f, w, h) -> Charts.segmentSizes(f, List.of("Noise", "A", "B"),
                new long[] {3, 40, 17}, "Predicted segments", w, h));
    }

    @Test
    void migrationMatrixIsAHeatmapOfTheRequestedSize() throws Exception {
        MigrationReport r = migration();
        assertBoth(dir, "migration", 600, 450, (f, w, h) -> Charts.migrationMatrix(f, r, w, h));
    }

    private static MigrationReport migration() {
        List<String> before = new java.util.ArrayList<>();
        List<String> after = new java.util.ArrayList<>();
        int[] previous = new int[60];
        int[] next = new int[60];
        for (int i = 0; i < 60; i++) {
            before.add("c" + i);
            after.add("c" + (i + 5));
            previous[i] = i % 3;
            next[i] = i % 7 == 0 ? (i + 1) % 3 : (i + 5) % 3;
        }
        return Migration.between(before, previous, after, next);
    }

    @Test
    void newChartsRefuseBadInput() throws Exception {
        Path f = dir.resolve("y.svg");
        assertEquals("there are 2 names but 1 sizes", assertThrows(IllegalArgumentException.class,
                () -> Charts.segmentSizes(f, List.of("a", "b"), new long[] {1}, "t", 400, 300)).getMessage());
        assertEquals("segment 'b' has a negative size: -2", assertThrows(IllegalArgumentException.class,
                () -> Charts.segmentSizes(f, List.of("a", "b"), new long[] {1, -2}, "t", 400, 300)).getMessage());
        assertEquals("segment name 'a' appears twice", assertThrows(IllegalArgumentException.class,
                () -> Charts.segmentSizes(f, List.of("a", "a"), new long[] {1, 2}, "t", 400, 300)).getMessage());
        assertEquals("there is no segment to plot", assertThrows(IllegalArgumentException.class,
                () -> Charts.segmentSizes(f, List.of(), new long[0], "t", 400, 300)).getMessage());
        assertEquals("the migration report has no segment: nothing to plot", assertThrows(
                IllegalArgumentException.class, () -> Charts.migrationMatrix(f, Migration.between(List.of(),
                        new int[0], List.of(), new int[0]), 400, 300)).getMessage());
        assertEquals("width must be within [100, 8000] but was 99", assertThrows(IllegalArgumentException.class,
                () -> Charts.migrationMatrix(f, migration(), 99, 300)).getMessage());
        assertFalse(Files.exists(f));
    }

    @Test
    void badInputGivesClearErrorsAndWritesNothing() throws Exception {
        Path f = dir.resolve("x.png");
        FeatureTable t = trendAndCv(10);
        assertEquals("no feature 'volatility' in the table; features are [cv, trend]",
                assertThrows(IllegalArgumentException.class, () -> Charts.segmentScatter(f, t, new int[10],
                        "volatility", "trend", "t", 400, 300)).getMessage());
        assertEquals("labels has 3 values but the table has 10 rows", assertThrows(IllegalArgumentException.class,
                () -> Charts.segmentScatter(f, t, new int[3], "cv", "trend", "t", 400, 300)).getMessage());
        assertEquals("width must be within [100, 8000] but was 10", assertThrows(IllegalArgumentException.class,
                () -> Charts.segmentScatter(f, t, new int[10], "cv", "trend", "t", 10, 300)).getMessage());
        double[] v = t.values();
        v[7] = Double.NaN;
        FeatureTable nan = FeatureTable.wrap(t.entityIds().toArray(new String[0]), new String[] {"cv", "trend"}, v);
        assertEquals("entity 's3': trend is NaN; charts need finite values",
                assertThrows(IllegalArgumentException.class, () -> Charts.segmentScatter(f, nan, new int[10], "cv",
                        "trend", "t", 400, 300)).getMessage());
        assertEquals("trainingLoss is empty: there is no epoch to plot", assertThrows(IllegalArgumentException.class,
                () -> Charts.lossCurve(f, new double[0], new double[0], 400, 300)).getMessage());
        assertEquals("validationLoss has 2 epochs but trainingLoss has 3", assertThrows(
                IllegalArgumentException.class, () -> Charts.lossCurve(f, new double[3], new double[2], 400, 300))
                        .getMessage());
        assertEquals("trainingLoss[1] is Infinity; charts need finite values", assertThrows(
                IllegalArgumentException.class, () -> Charts.lossCurve(f, new double[] {1, Double.POSITIVE_INFINITY},
                        new double[0], 400, 300)).getMessage());
        assertEquals("height must be within [100, 8000] but was 9000", assertThrows(IllegalArgumentException.class,
                () -> Charts.lossCurve(f, new double[] {1}, new double[0], 400, 9000)).getMessage());
        assertFalse(Files.exists(f));
        assertEquals(List.of(), List.of(dir.toFile().list()));
    }
}
