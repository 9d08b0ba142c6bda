package dev.segmentation.io;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of a classifier's evaluation as PNG images, drawn with XChart without a display and written atomically. The
 * inputs are plain arrays, so this class does not depend on segmentation-supervised (whose
 * {@code ConfusionMatrix.toArray()} and {@code ClassificationMetrics.calibrationCurve} give them):
 * <ul>
 *   <li>{@link #confusionMatrix}: true class in rows, predicted class in columns, each cell the percentage of its
 *       true class (rows add up to 100) with the counts in the axis titles;</li>
 *   <li>{@link #calibrationCurve}: mean predicted probability against the observed share of positives per bin, with
 *       the diagonal of perfect calibration, and optionally the mean true probability per bin (simulated data, where
 *       it is known).</li>
 * </ul>
 * Width and height are in pixels, each in [{@value Charts#MIN_SIZE}, {@value Charts#MAX_SIZE}]. O(cells + points).
 * Stateless and thread-safe.
 */
public final class ClassifierCharts {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ClassifierCharts() {
    }

    /**
     * A confusion matrix as a heatmap of row percentages.
     *
     * @param counts {@code counts[t][p]}: rows of true class t predicted as p; square
     * @param classNames one name per class
     * @throws IllegalArgumentException when the matrix is empty or not square, a count is negative, the names do
     *     not match the classes, or the size is out of range
     * @throws IOException when the file cannot be written
     */
    public static void confusionMatrix(Path file, long[][] counts, List<String> classNames, int width, int height)
            throws IOException {
        write(file, confusionMatrixPng(counts, classNames, width, height));
    }

    static byte[] confusionMatrixPng(long[][] counts, List<String> classNames, int width, int height)
            throws IOException {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(classNames, "classNames");
        checkSize(width, height);
        int k = counts.length;
        if (k == 0) {
            throw new IllegalArgumentException("the confusion matrix has no class: nothing to plot");
        }
        if (classNames.size() != k) {
            throw new IllegalArgumentException("classNames has " + classNames.size() + " names but the matrix has " + k
                    + " classes");
        }
        long total = 0;
        for (int t = 0; t < k; t++) {
            if (counts[t] == null || counts[t].length != k) {
                throw new IllegalArgumentException("counts[" + t + "] must have " + k + " entries (a square matrix)"
                        + " but has " + (counts[t] == null ? "none" : counts[t].length));
            }
            for (int p = 0; p < k; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException("counts[" + t + "][" + p + "] is " + counts[t][p]
                            + "; counts must be >= 0");
                }
                total += counts[t][p];
            }
        }
        long correct = 0;
        List<Number[]> cells = new ArrayList<>(k * k);
        for (int t = 0; t < k; t++) {
            long row = 0;
            for (long c : counts[t]) {
                row += c;
            }
            correct += counts[t][t];
            for (int p = 0; p < k; p++) {
                double pct = row == 0 ? 0 : Math.round(1000.0 * counts[t][p] / row) / 10.0;
                cells.add(new Number[] {p, k - 1 - t, pct});
            }
        }
        List<String> x = new ArrayList<>(classNames);
        List<String> y = new ArrayList<>(k);
        for (int t = k - 1; t >= 0; t--) {
            y.add(classNames.get(t));
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .title(String.format(Locale.ROOT, "Confusion matrix (%% of each true class); %d rows, accuracy %.3f",
                        total, total == 0 ? 0.0 : (double) correct / total))
                .xAxisTitle("predicted class").yAxisTitle("true class").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setXAxisTickMarkSpacingHint(20);
        chart.getStyler().setYAxisTickMarkSpacingHint(20);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(100);
        chart.getStyler().setHeatMapValueDecimalPattern("0.0");
        chart.getStyler().setRangeColors(new Color[] {new Color(247, 251, 255), new Color(158, 202, 225),
            new Color(66, 146, 198)});
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.addSeries("% of true class", x, y, cells);
        return png(chart);
    }

    /**
     * A calibration curve (reliability diagram).
     *
     * @param meanPredicted the mean predicted probability of each bin
     * @param observed the observed share of positives of each bin
     * @param label the model's name in the legend (e.g. "gradient boosting, out of fold")
     * @throws IllegalArgumentException when the arrays are empty or differ in length, or a value is not in [0, 1]
     * @throws IOException when the file cannot be written
     */
    public static void calibrationCurve(Path file, double[] meanPredicted, double[] observed, String label, int width,
            int height) throws IOException {
        write(file, calibrationPng(meanPredicted, observed, null, label, width, height));
    }

    /**
     * A calibration curve with, per bin, the mean of the true probabilities (known on simulated data) as a second
     * series.
     *
     * @param meanTrue the mean true probability of each bin (same bins as {@code observed})
     * @throws IllegalArgumentException as {@link #calibrationCurve(Path, double[], double[], String, int, int)}
     * @throws IOException when the file cannot be written
     */
    public static void calibrationCurve(Path file, double[] meanPredicted, double[] observed, double[] meanTrue,
            String label, int width, int height) throws IOException {
        Objects.requireNonNull(meanTrue, "meanTrue");
        write(file, calibrationPng(meanPredicted, observed, meanTrue, label, width, height));
    }

    static byte[] calibrationPng(double[] meanPredicted, double[] observed, double[] meanTrue, String label,
            int width, int height) throws IOException {
        Objects.requireNonNull(meanPredicted, "meanPredicted");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(label, "label");
        checkSize(width, height);
        if (meanPredicted.length == 0) {
            throw new IllegalArgumentException("the calibration curve has no bin: nothing to plot");
        }
        if (observed.length != meanPredicted.length || (meanTrue != null && meanTrue.length != meanPredicted.length)) {
            throw new IllegalArgumentException("meanPredicted has " + meanPredicted.length + " bins but observed has "
                    + observed.length + (meanTrue == null ? "" : " and meanTrue " + meanTrue.length));
        }
        checkUnit(meanPredicted, "meanPredicted");
        checkUnit(observed, "observed");
        if (meanTrue != null) {
            checkUnit(meanTrue, "meanTrue");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Calibration curve")
                .xAxisTitle("mean predicted probability").yAxisTitle("share of positives").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        XYSeries diag = chart.addSeries("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1});
        diag.setMarker(SeriesMarkers.NONE);
        diag.setLineColor(Color.GRAY);
        chart.addSeries(label, meanPredicted, observed).setMarker(SeriesMarkers.CIRCLE);
        if (meanTrue != null) {
            chart.addSeries("mean true probability", meanPredicted, meanTrue).setMarker(SeriesMarkers.DIAMOND);
        }
        return png(chart);
    }

    private static void checkUnit(double[] v, String name) {
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + v[i] + "; it must be in [0, 1]");
            }
        }
    }

    private static void checkSize(int width, int height) {
        if (width < Charts.MIN_SIZE || width > Charts.MAX_SIZE) {
            throw new IllegalArgumentException("width must be within [" + Charts.MIN_SIZE + ", " + Charts.MAX_SIZE
                    + "] but was " + width);
        }
        if (height < Charts.MIN_SIZE || height > Charts.MAX_SIZE) {
            throw new IllegalArgumentException("height must be within [" + Charts.MIN_SIZE + ", " + Charts.MAX_SIZE
                    + "] but was " + height);
        }
    }

    private static byte[] png(Chart<?, ?> chart) throws IOException {
        BufferedImage img = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, chart.getWidth(), chart.getHeight());
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Objects.requireNonNull(file, "file");
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
