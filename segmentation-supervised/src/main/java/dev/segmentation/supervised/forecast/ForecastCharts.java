package dev.segmentation.supervised.forecast;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Forecast charts as PNG files, drawn with XChart without a display ({@code java.awt.headless} is set to true
 * unless the caller set it): actuals against forecasts for sample series of each segment, and one error measure
 * per segment and method. Files are written atomically (as {@link ForecastTable}). Stateless and thread-safe;
 * O(pixels + points).
 */
public final class ForecastCharts {
    /** Smallest width or height of one panel accepted. */
    public static final int MIN_SIZE = 100;
    /** Largest width or height of the whole image accepted. */
    public static final int MAX_SIZE = 8000;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ForecastCharts() {
    }

    /**
     * A grid of panels, one row per segment and {@code perSegment} series per row (the first series of the
     * segment in panel order, up to that many): each panel shows the actuals over the last {@code history} periods
     * before the forecast origin and through the forecast periods that the panel holds, and the point forecast of
     * every forecast given (all for the same origin and entities as the panel), with the P10 and P90 lines of the first
     * forecast that has those quantiles.
     *
     * @param segmentOf segment label per entity (panel order)
     * @throws IllegalArgumentException when the forecasts are empty or disagree on origin, horizon or entity count
     *     with each other or the panel, segmentOf has the wrong length, perSegment or history is below 1, or a
     *     panel size is outside [{@value #MIN_SIZE}, {@value #MAX_SIZE}]
     * @throws IOException when the file cannot be written (the target is then unchanged)
     */
    public static void actualsVersusForecast(Path file, ForecastPanel panel, List<Forecast> forecasts,
            String[] segmentOf, int perSegment, int history, int panelWidth, int panelHeight) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(panel, "panel");
        Objects.requireNonNull(segmentOf, "segmentOf");
        if (forecasts.isEmpty()) {
            throw new IllegalArgumentException("forecasts is empty");
        }
        Forecast first = forecasts.get(0);
        for (Forecast f : forecasts) {
            if (f.origin() != first.origin() || f.horizon() != first.horizon()
                    || f.entityCount() != panel.entityCount()) {
                throw new IllegalArgumentException("forecast " + f.method() + " (origin " + f.origin() + ", horizon "
                        + f.horizon() + ", " + f.entityCount() + " entities) does not match " + first.method()
                        + " (origin " + first.origin() + ", horizon " + first.horizon() + ") on a panel of "
                        + panel.entityCount() + " entities");
            }
        }
        if (segmentOf.length != panel.entityCount()) {
            throw new IllegalArgumentException("segmentOf has " + segmentOf.length + " labels but the panel "
                    + panel.entityCount() + " entities");
        }
        if (perSegment < 1) {
            throw new IllegalArgumentException("perSegment must be >= 1 but was " + perSegment);
        }
        if (history < 1) {
            throw new IllegalArgumentException("history must be >= 1 but was " + history);
        }
        checkSize("panelWidth", panelWidth);
        checkSize("panelHeight", panelHeight);
        Map<String, List<Integer>> sample = new TreeMap<>();
        for (int e = 0; e < segmentOf.length; e++) {
            List<Integer> l = sample.computeIfAbsent(segmentOf[e], s -> new ArrayList<>());
            if (l.size() < perSegment) {
                l.add(e);
            }
        }
        checkSize("width", panelWidth * perSegment);
        checkSize("height", panelHeight * sample.size());
        int origin = first.origin();
        int hz = first.horizon();
        int from = Math.max(0, origin - history);
        int to = Math.min(panel.periodCount(), origin + hz);
        Forecast banded = null;
        for (Forecast f : forecasts) {
            if (f.quantileLevels().length > 0 && java.util.Arrays.binarySearch(f.quantileLevels(), 0.1) >= 0
                    && java.util.Arrays.binarySearch(f.quantileLevels(), 0.9) >= 0) {
                banded = f;
                break;
            }
        }
        List<XYChart> charts = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> s : sample.entrySet()) {
            for (int e : s.getValue()) {
                XYChart c = new XYChartBuilder().width(panelWidth).height(panelHeight)
                        .title(s.getKey() + ": " + panel.entityId(e)).xAxisTitle("t").yAxisTitle("demand").build();
                c.getStyler().setChartBackgroundColor(Color.WHITE);
                c.getStyler().setLegendVisible(charts.isEmpty());
                c.getStyler().setMarkerSize(3);
                double[] tx = new double[to - from];
                double[] ty = new double[to - from];
                for (int t = from; t < to; t++) {
                    tx[t - from] = t;
                    ty[t - from] = panel.value(e, t);
                }
                if (banded != null) {
                    double[] lo = banded.quantiles(java.util.Arrays.binarySearch(banded.quantileLevels(), 0.1));
                    double[] hi = banded.quantiles(java.util.Arrays.binarySearch(banded.quantileLevels(), 0.9));
                    double[] bx = new double[hz];
                    double[] blo = new double[hz];
                    double[] bhi = new double[hz];
                    for (int k = 0; k < hz; k++) {
                        bx[k] = origin + k;
                        blo[k] = lo[e * hz + k];
                        bhi[k] = hi[e * hz + k];
                    }
                    Color light = new Color(120, 160, 220);
                    c.addSeries(banded.method() + " P10", bx, blo).setMarker(SeriesMarkers.NONE).setLineColor(light);
                    c.addSeries(banded.method() + " P90", bx, bhi).setMarker(SeriesMarkers.NONE).setLineColor(light);
                }
                c.addSeries("actual", tx, ty).setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK);
                for (Forecast f : forecasts) {
                    double[] fx = new double[hz];
                    double[] fy = new double[hz];
                    for (int k = 0; k < hz; k++) {
                        fx[k] = origin + k;
                        fy[k] = f.point(e, k + 1);
                    }
                    c.addSeries(f.method(), fx, fy).setMarker(SeriesMarkers.CIRCLE);
                }
                charts.add(c);
            }
            // pad the row so every segment starts a new row
            while (charts.size() % perSegment != 0) {
                charts.add(null);
            }
        }
        int cols = perSegment;
        int rows = charts.size() / cols;
        BufferedImage img = new BufferedImage(panelWidth * cols, panelHeight * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                if (charts.get(i) == null) {
                    continue;
                }
                Graphics2D sub = (Graphics2D) g.create((i % cols) * panelWidth, (i / cols) * panelHeight,
                        panelWidth, panelHeight);
                try {
                    charts.get(i).paint(sub, panelWidth, panelHeight);
                } finally {
                    sub.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        ForecastTable.writeAtomically(file, out -> ImageIO.write(img, "png", out));
    }

    /**
     * A bar chart of one error measure (e.g. WAPE) per group and method, from rows such as
     * {@link BacktestResult#byGroup} gives; {@code measure} reads the value of a row and {@code measureName} labels
     * the axis. Groups on the x axis in first-seen order, one bar colour per method.
     *
     * @throws IllegalArgumentException when metrics is empty, a value is not finite (naming group and method), a
     *     method lacks a group another method has, or the size is outside [{@value #MIN_SIZE}, {@value #MAX_SIZE}]
     * @throws IOException when the file cannot be written (the target is then unchanged)
     */
    public static void errorBySegment(Path file, List<ErrorMetrics> metrics,
            java.util.function.ToDoubleFunction<ErrorMetrics> measure, String measureName, int width, int height)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(measureName, "measureName");
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("metrics is empty");
        }
        checkSize("width", width);
        checkSize("height", height);
        List<String> groups = new ArrayList<>();
        Map<String, Map<String, Double>> byMethod = new LinkedHashMap<>();
        for (ErrorMetrics m : metrics) {
            double v = measure.applyAsDouble(m);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(measureName + " of group " + m.group() + ", method " + m.method()
                        + " is not finite: " + v);
            }
            if (!groups.contains(m.group())) {
                groups.add(m.group());
            }
            byMethod.computeIfAbsent(m.method(), k -> new LinkedHashMap<>()).put(m.group(), v);
        }
        CategoryChart c = new CategoryChartBuilder().width(width).height(height)
                .title(measureName + " per segment and method").xAxisTitle("segment").yAxisTitle(measureName).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setOverlapped(false);
        for (Map.Entry<String, Map<String, Double>> x : byMethod.entrySet()) {
            List<Double> vals = new ArrayList<>();
            for (String gname : groups) {
                Double v = x.getValue().get(gname);
                if (v == null) {
                    throw new IllegalArgumentException("method " + x.getKey() + " has no row for group " + gname);
                }
                vals.add(v);
            }
            c.addSeries(x.getKey(), groups, vals);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            c.paint(g, width, height);
        } finally {
            g.dispose();
        }
        ForecastTable.writeAtomically(file, out -> ImageIO.write(img, "png", out));
    }

    private static void checkSize(String what, int v) {
        if (v < MIN_SIZE || v > MAX_SIZE) {
            throw new IllegalArgumentException(what + " must be within [" + MIN_SIZE + ", " + MAX_SIZE + "] but was "
                    + v);
        }
    }
}
