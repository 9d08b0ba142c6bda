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
import dev.segmentation.quality.KSelection;
import dev.segmentation.quality.KSelectionResult;
import dev.segmentation.testing.SyntheticRetail;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        Path f = dir.resolve("scatter.png");
        Charts.segmentScatter(f, t, labels, "cv", "trend", "Trend versus volatility", 800, 600);
        assertPng(f, 800, 600);
    }

    @Test
    void profileHeatmapIsAPngOfTheRequestedSize() throws Exception {
        SegmentationModel m = ModelFixtures.kmeansModel();
        Path f = dir.resolve("heatmap.png");
        Charts.profileHeatmap(f, m, 900, 500);
        assertPng(f, 900, 500);
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
        Path f = dir.resolve("k.png");
        Charts.kSelection(f, r, 1000, 400);
        assertPng(f, 1000, 400);
    }

    @Test
    void lossCurveIsAPngOfTheRequestedSize() throws Exception {
        double[] train = new double[30];
        double[] val = new double[30];
        for (int i = 0; i < 30; i++) {
            train[i] = 1.0 / (i + 1);
            val[i] = 1.2 / (i + 1) + 0.01;
        }
        Path f = dir.resolve("loss.png");
        Charts.lossCurve(f, train, val, 640, 480);
        assertPng(f, 640, 480);
        Path g = dir.resolve("loss-train-only.png");
        Charts.lossCurve(g, train, new double[0], 300, 200);
        assertPng(g, 300, 200);
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
