package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierChartsTest {
    private static int nonWhite(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                n += (img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void drawsBothCharts(@TempDir Path dir) throws Exception {
        Path cm = dir.resolve("confusion.png");
        ClassifierCharts.confusionMatrix(cm, new long[][] {{50, 5, 0}, {3, 40, 7}, {0, 0, 0}},
                List.of("a", "b", "c"), 500, 400);
        BufferedImage img = ImageIO.read(cm.toFile());
        assertEquals(500, img.getWidth());
        assertEquals(400, img.getHeight());
        assertTrue(nonWhite(img) > 1000, "something drawn");
        Path cal = dir.resolve("calibration.png");
        ClassifierCharts.calibrationCurve(cal, new double[] {0.05, 0.3, 0.8}, new double[] {0.04, 0.35, 0.7},
                new double[] {0.05, 0.31, 0.79}, "model", 600, 450);
        BufferedImage c = ImageIO.read(cal.toFile());
        assertEquals(600, c.getWidth());
        assertTrue(nonWhite(c) > 500, "something drawn");
        ClassifierCharts.calibrationCurve(cal, new double[] {0.5}, new double[] {0.5}, "model", 300, 300);
        assertTrue(Files.size(cal) > 0);
    }

    @Test
    void badInputIsRefusedWithItsValue(@TempDir Path dir) {
        Path f = dir.resolve("x.png");
        assertEquals("counts[1] must have 2 entries (a square matrix) but has 1", assertThrows(
                IllegalArgumentException.class, () -> ClassifierCharts.confusionMatrix(f, new long[][] {{1, 2}, {3}},
                        List.of("a", "b"), 300, 300)).getMessage());
        assertEquals("classNames has 1 names but the matrix has 2 classes", assertThrows(
                IllegalArgumentException.class, () -> ClassifierCharts.confusionMatrix(f, new long[][] {{1, 2},
                    {3, 4}}, List.of("a"), 300, 300)).getMessage());
        assertEquals("counts[0][1] is -2; counts must be >= 0", assertThrows(IllegalArgumentException.class,
                () -> ClassifierCharts.confusionMatrix(f, new long[][] {{1, -2}, {3, 4}}, List.of("a", "b"), 300,
                        300)).getMessage());
        assertEquals("observed[1] is NaN; it must be in [0, 1]", assertThrows(IllegalArgumentException.class,
                () -> ClassifierCharts.calibrationCurve(f, new double[] {0.1, 0.2}, new double[] {0.1, Double.NaN},
                        "m", 300, 300)).getMessage());
        assertEquals("meanPredicted has 2 bins but observed has 1", assertThrows(IllegalArgumentException.class,
                () -> ClassifierCharts.calibrationCurve(f, new double[] {0.1, 0.2}, new double[] {0.1}, "m", 300,
                        300)).getMessage());
        assertEquals("width must be within [100, 8000] but was 50", assertThrows(IllegalArgumentException.class,
                () -> ClassifierCharts.calibrationCurve(f, new double[] {0.1}, new double[] {0.1}, "m", 50, 300))
                        .getMessage());
        assertTrue(Files.notExists(f), "nothing written");
    }
}
