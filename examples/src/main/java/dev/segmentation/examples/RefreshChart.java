package dev.segmentation.examples;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG line chart of rates over the windows of a rolling refresh evaluation (behaviour-change and model-change
 * rates per strategy, say), drawn with XChart without a display. The file is written to a temporary sibling and
 * moved into place, so a failed write leaves no half-written chart. Stateless.
 */
final class RefreshChart {
    private RefreshChart() {
    }

    /**
     * Writes the chart.
     *
     * @param file the PNG file
     * @param title the title
     * @param windows the window names, one per x position
     * @param series name to values (percent), each with one value per window; dashed when the name contains
     *     "model"
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException when a series has another length than {@code windows}
     */
    static void rates(Path file, String title, List<String> windows, Map<String, double[]> series)
            throws IOException {
        Objects.requireNonNull(file, "file");
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("window (index; see "
                + "the table for names)").yAxisTitle("% of the customers in both windows").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        List<Double> x = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            x.add((double) (i + 1));
        }
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue().length != windows.size()) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has " + e.getValue().length
                        + " values but there are " + windows.size() + " windows");
            }
            List<Double> y = new ArrayList<>();
            for (double v : e.getValue()) {
                y.add(v);
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            if (e.getKey().contains("model")) {
                s.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        }
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".chart", ".tmp");
        try {
            Files.write(tmp, png);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
