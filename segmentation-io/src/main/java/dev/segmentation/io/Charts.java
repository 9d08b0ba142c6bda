package dev.segmentation.io;

import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.evaluation.KScore;
import dev.segmentation.evaluation.KSelectionResult;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.intermediate.CommandSequence;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import dev.segmentation.stability.MigrationReport;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of a segmentation as PNG or SVG, drawn with XChart without a display ({@code java.awt.headless} is set to
 * {@code true} when this class loads, unless the application set it already) and written atomically (temporary
 * file, then a move). The format follows the file name: a name ending in {@code .svg} (any case) gives an SVG
 * document (vector, through VectorGraphics2D, with the requested width and height), any other a PNG image of the
 * requested size.
 * <ul>
 *   <li>{@link #segmentScatter}: two features of every entity, coloured by segment and named in the legend (e.g.
 *       seed 000's trend versus volatility, or monetary versus recency); a skewed axis gets a log scale
 *       ({@link AxisScale});</li>
 *   <li>{@link #profileHeatmap}: features x segments (segments by name), each feature's segment means standardised
 *       across the segments (z-scores), so features of different units share one colour scale; readable with 30
 *       features (rows, long names cut with a key);</li>
 *   <li>{@link #kSelection}: inertia per k with the elbow marked, and the silhouette per k (two panels side by
 *       side in one image);</li>
 *   <li>{@link #lossCurve}: an autoencoder's training (and validation) loss per epoch;</li>
 *   <li>{@link #segmentSizes}: entities per segment as bars (noise included when present);</li>
 *   <li>{@link #migrationMatrix}: a {@link MigrationReport} as a heatmap of row shares (previous segment in rows,
 *       new segment in columns, each labelled "ID name", the percentage in each cell).</li>
 * </ul>
 * Width and height are in pixels, each in [{@value #MIN_SIZE}, {@value #MAX_SIZE}]. Rendering costs O(points).
 * Stateless and thread-safe (XChart builds a new chart per call).
 */
public final class Charts {
    /** Smallest width or height accepted. */
    public static final int MIN_SIZE = 100;
    /** Largest width or height accepted. */
    public static final int MAX_SIZE = 8000;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    private static void checkSize(int width, int height) {
        if (width < MIN_SIZE || width > MAX_SIZE) {
            throw new IllegalArgumentException("width must be within [" + MIN_SIZE + ", " + MAX_SIZE + "] but was "
                    + width);
        }
        if (height < MIN_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("height must be within [" + MIN_SIZE + ", " + MAX_SIZE + "] but was "
                    + height);
        }
    }

    /** Draws a chart of a given size on a graphics context. */
    @FunctionalInterface
    interface Painter {
        void paint(Graphics2D g, int width, int height);
    }

    /** A chart ready to be drawn at its size. */
    static final class Drawing {
        final Painter painter;
        final int width;
        final int height;

        Drawing(Painter painter, int width, int height) {
            this.painter = painter;
            this.width = width;
            this.height = height;
        }

        Drawing(Chart<?, ?> chart) {
            this(chart::paint, chart.getWidth(), chart.getHeight());
        }
    }

    /** True when {@code file}'s name ends in {@code .svg}, any case. */
    static boolean isSvg(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".svg");
    }

    private static void write(Drawing d, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = isSvg(file) ? svgBytes(d) : pngBytes(d);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    static byte[] pngBytes(Drawing d) throws IOException {
        BufferedImage img = new BufferedImage(d.width, d.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, d.width, d.height);
            d.painter.paint(g, d.width, d.height);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static byte[] svgBytes(Drawing d) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        try {
            d.painter.paint(g, d.width, d.height);
        } finally {
            g.dispose();
        }
        CommandSequence commands = g.getCommands();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(commands, new PageSize(0, 0, d.width, d.height)).writeTo(out);
        return out.toByteArray();
    }

    private static void requireFinite(double[] v, String name) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + v[i] + "; charts need finite values");
            }
        }
    }

    /**
     * How an axis maps values: {@link #LINEAR}, {@link #LOG} (base 10), or {@link #AUTO}, which picks log for a
     * skewed axis by this rule: every value is &gt;= 0 and the largest plotted value is at least
     * {@value #SKEW_RATIO} times the median, so that on a linear axis half the points would be squeezed into its
     * bottom twentieth (one customer with GBP 280k and a median of GBP 674 does exactly that to Online Retail's
     * monetary axis). A log axis of values that include 0 plots value + 1, and its title says so.
     */
    public enum AxisScale {
        /** Log when skewed (see the enum comment), linear otherwise. */
        AUTO,
        /** A linear axis. */
        LINEAR,
        /** A log axis; every value must be &gt;= 0 (value + 1 is plotted when one is 0). */
        LOG
    }

    /** The ratio of largest to median value at and above which {@link AxisScale#AUTO} picks a log axis. */
    public static final double SKEW_RATIO = 20;

    /**
     * Whether {@code scale} means a log axis for {@code values} (see {@link AxisScale}).
     *
     * @throws IllegalArgumentException when {@code scale} is {@link AxisScale#LOG} and a value is negative (naming
     *     the feature, the value and its row)
     */
    static boolean logAxis(double[] values, AxisScale scale, String feature) {
        Objects.requireNonNull(scale, "scale");
        if (scale == AxisScale.LINEAR || values.length == 0) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY;
        int minRow = -1;
        for (int i = 0; i < values.length; i++) {
            if (values[i] < min) {
                min = values[i];
                minRow = i;
            }
        }
        if (min < 0) {
            if (scale == AxisScale.LOG) {
                throw new IllegalArgumentException("a log axis for '" + feature + "' needs values >= 0 but row "
                        + minRow + " has " + values[minRow]);
            }
            return false;
        }
        if (scale == AxisScale.LOG) {
            return true;
        }
        double shift = min == 0 ? 1 : 0;
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        double median = (n & 1) == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return sorted[n - 1] + shift >= SKEW_RATIO * (median + shift);
    }

    /**
     * A scatter plot of {@code features}' columns {@code xFeature} and {@code yFeature}, one colour per segment
     * ({@code labels[i]} is the segment of row i; noise {@code -1} is drawn in grey and named "Noise"), legend
     * entries "Segment i (count)", both axes {@link AxisScale#AUTO}.
     *
     * @throws IllegalArgumentException when a feature is missing, the labels' length differs from the row count,
     *     the table is empty, a value is not finite (naming the entity and feature) or the size is out of range
     * @throws IOException when the file cannot be written
     */
    public static void segmentScatter(Path file, FeatureTable features, int[] labels, String xFeature,
            String yFeature, String title, int width, int height) throws IOException {
        write(segmentScatterChart(features, labels, Map.of(), xFeature, yFeature, AxisScale.AUTO, AxisScale.AUTO,
                title, width, height), file);
    }

    /**
     * A scatter plot as {@link #segmentScatter(Path, FeatureTable, int[], String, String, String, int, int)}, with
     * the legend naming each segment by {@code segmentNames} ("name (count)"; a segment missing from the map is
     * "Segment i", noise "Noise") and each axis scaled as asked ({@link AxisScale#AUTO} picks log for a skewed
     * axis; the axis title then ends in "(log scale)").
     *
     * @throws IllegalArgumentException as the other overload, or when a log axis is asked for a feature with a
     *     negative value
     * @throws IOException when the file cannot be written
     */
    public static void segmentScatter(Path file, FeatureTable features, int[] labels, Map<Integer, String> segmentNames,
            String xFeature, String yFeature, AxisScale xScale, AxisScale yScale, String title, int width,
            int height) throws IOException {
        write(segmentScatterChart(features, labels, segmentNames, xFeature, yFeature, xScale, yScale, title, width,
                height), file);
    }

    /** The PNG bytes of {@link #segmentScatter}. */
    static byte[] segmentScatterPng(FeatureTable features, int[] labels, Map<Integer, String> segmentNames,
            String xFeature, String yFeature, String title, int width, int height) throws IOException {
        return pngBytes(segmentScatterChart(features, labels, segmentNames, xFeature, yFeature, AxisScale.AUTO,
                AxisScale.AUTO, title, width, height));
    }

    /** The legend text of each segment: its name, made unique with " #id" when two segments share one. */
    static Map<Integer, String> legendNames(java.util.Collection<Integer> segments, Map<Integer, String> names) {
        Map<Integer, String> out = new java.util.LinkedHashMap<>();
        Map<String, Integer> uses = new java.util.HashMap<>();
        for (int s : segments) {
            String n = s < 0 ? names.getOrDefault(s, "Noise") : names.getOrDefault(s, "Segment " + s);
            out.put(s, n);
            uses.merge(n, 1, Integer::sum);
        }
        for (Map.Entry<Integer, String> e : out.entrySet()) {
            if (uses.get(e.getValue()) > 1) {
                e.setValue(e.getValue() + " #" + e.getKey());
            }
        }
        return out;
    }

    private static Drawing segmentScatterChart(FeatureTable features, int[] labels, Map<Integer, String> segmentNames,
            String xFeature, String yFeature, AxisScale xScale, AxisScale yScale, String title, int width,
            int height) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(segmentNames, "segmentNames");
        Objects.requireNonNull(xScale, "xScale");
        Objects.requireNonNull(yScale, "yScale");
        Objects.requireNonNull(title, "title");
        checkSize(width, height);
        int cx = column(features, xFeature);
        int cy = column(features, yFeature);
        if (labels.length != features.rows()) {
            throw new IllegalArgumentException("labels has " + labels.length + " values but the table has "
                    + features.rows() + " rows");
        }
        if (features.rows() == 0) {
            throw new IllegalArgumentException("the feature table has no rows: nothing to plot");
        }
        TreeMap<Integer, List<Integer>> bySegment = new TreeMap<>();
        double[] allX = new double[labels.length];
        double[] allY = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double x = features.get(i, cx);
            double y = features.get(i, cy);
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("entity '" + features.entityId(i) + "': " + (Double.isFinite(x)
                        ? yFeature + " is " + y : xFeature + " is " + x) + "; charts need finite values");
            }
            allX[i] = x;
            allY[i] = y;
            bySegment.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        boolean logX = logAxis(allX, xScale, xFeature);
        boolean logY = logAxis(allY, yScale, yFeature);
        double shiftX = logX && min(allX) == 0 ? 1 : 0;
        double shiftY = logY && min(allY) == 0 ? 1 : 0;
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(axisTitle(xFeature, logX, shiftX)).yAxisTitle(axisTitle(yFeature, logY, shiftY)).build();
        if (logX) {
            chart.getStyler().setXAxisDecimalPattern("#,##0.##");
        }
        if (logY) {
            chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        }
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        Map<Integer, String> legend = legendNames(bySegment.keySet(), segmentNames);
        for (var e : bySegment.entrySet()) {
            List<Integer> rows = e.getValue();
            double[] xs = new double[rows.size()];
            double[] ys = new double[rows.size()];
            for (int k = 0; k < xs.length; k++) {
                xs[k] = features.get(rows.get(k), cx) + shiftX;
                ys[k] = features.get(rows.get(k), cy) + shiftY;
            }
            XYSeries s = chart.addSeries(legend.get(e.getKey()) + " (" + xs.length + ")", xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            if (e.getKey() < 0) {
                s.setMarkerColor(new Color(160, 160, 160));
            }
        }
        return new Drawing(chart);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static String axisTitle(String feature, boolean log, double shift) {
        if (!log) {
            return feature;
        }
        return (shift > 0 ? feature + " + 1" : feature) + " (log scale)";
    }

    private static int column(FeatureTable t, String name) {
        Objects.requireNonNull(name, "feature");
        return t.findColumn(name).orElseThrow(() -> new IllegalArgumentException("no feature '" + name
                + "' in the table; features are " + t.featureNames()));
    }

    /**
     * The z-scores of each feature's segment means across the segments of {@code model} (noise left out), as a
     * heatmap with features in rows (so that even 30 feature names read horizontally) and segments, by name, in
     * columns (labels turned 25 degrees when a name is long); a feature whose means are all equal is 0. Feature
     * names longer than {@value #MAX_LABEL} characters are cut with an ellipsis, every row is then numbered, and a
     * key under the heatmap gives the full names of the cut ones ({@link #featureKey}).
     *
     * @throws IllegalArgumentException when the model has fewer than 2 segments besides noise, or the size is out
     *     of range or leaves the heatmap less than {@value #MIN_SIZE} pixels high above its key
     * @throws IOException when the file cannot be written
     */
    public static void profileHeatmap(Path file, SegmentationModel model, int width, int height) throws IOException {
        write(profileHeatmapChart(model, width, height), file);
    }

    /** The PNG bytes of {@link #profileHeatmap}. */
    static byte[] profileHeatmapPng(SegmentationModel model, int width, int height) throws IOException {
        return pngBytes(profileHeatmapChart(model, width, height));
    }

    /** Longest feature label drawn in full on a heatmap axis. */
    public static final int MAX_LABEL = 24;

    /**
     * The axis labels of {@code features}: the names themselves when none is longer than {@value #MAX_LABEL}
     * characters; otherwise "i name" for feature i (from 1), long names cut in the middle with an ellipsis (their
     * start and their end, where names of one family usually differ, both stay).
     */
    static List<String> featureLabels(List<String> features) {
        boolean cut = false;
        for (String f : features) {
            cut |= f.length() > MAX_LABEL;
        }
        if (!cut) {
            return List.copyOf(features);
        }
        List<String> out = new ArrayList<>(features.size());
        for (int j = 0; j < features.size(); j++) {
            String f = features.get(j);
            int head = (MAX_LABEL - 1) / 2;
            int tail = MAX_LABEL - 1 - head;
            out.add((j + 1) + " " + (f.length() > MAX_LABEL ? f.substring(0, head) + "\u2026"
                    + f.substring(f.length() - tail) : f));
        }
        return out;
    }

    /** The key of cut labels, "i = full name" in feature order (empty when no label is cut). */
    static List<String> featureKey(List<String> features) {
        List<String> key = new ArrayList<>();
        for (int j = 0; j < features.size(); j++) {
            if (features.get(j).length() > MAX_LABEL) {
                key.add((j + 1) + " = " + features.get(j));
            }
        }
        return key;
    }

    private static final int KEY_LINE = 16;

    /** Pixels under a heatmap of {@code features} that its key takes at {@code width}. */
    static int keyHeight(List<String> features, int width) {
        List<String> key = featureKey(features);
        if (key.isEmpty()) {
            return 0;
        }
        int columns = keyColumns(key, width);
        return 12 + KEY_LINE * ((key.size() + columns - 1) / columns);
    }

    private static int keyColumns(List<String> key, int width) {
        int longest = 0;
        for (String k : key) {
            longest = Math.max(longest, k.length());
        }
        return Math.max(1, (width - 40) / Math.max(120, longest * 7 + 24));
    }

    /** A height that fits {@code features} heatmap rows, the column labels and the key, within the size limits. */
    static int profileHeatmapHeight(List<String> features, List<String> segmentNames, int width) {
        int longestName = 0;
        for (String n : segmentNames) {
            longestName = Math.max(longestName, n.length());
        }
        int labels = longestName > 12 ? (int) (longestName * 7 * 0.45) + 20 : 20;
        return Math.min(MAX_SIZE, Math.max(MIN_SIZE, 110 + labels + 26 * features.size()
                + keyHeight(features, width)));
    }

    private static Drawing profileHeatmapChart(SegmentationModel model, int width, int height) {
        Objects.requireNonNull(model, "model");
        checkSize(width, height);
        List<SegmentProfile> segs = new ArrayList<>();
        for (SegmentProfile p : model.profiles()) {
            if (p.segment() >= 0) {
                segs.add(p);
            }
        }
        if (segs.size() < 2) {
            throw new IllegalArgumentException("a profile heatmap needs at least 2 segments but the model has "
                    + segs.size());
        }
        List<String> features = model.features().featureNames();
        int keyHeight = keyHeight(features, width);
        int chartHeight = height - keyHeight;
        if (chartHeight < MIN_SIZE) {
            throw new IllegalArgumentException("height " + height + " leaves " + chartHeight + " pixels for the"
                    + " heatmap above its key of " + featureKey(features).size() + " feature names; at least "
                    + (MIN_SIZE + keyHeight) + " are needed");
        }
        double[][] z = standardisedMeans(segs, features.size());
        Map<Integer, String> names = new java.util.LinkedHashMap<>();
        for (SegmentProfile p : segs) {
            names.put(p.segment(), p.name());
        }
        List<String> columns = new ArrayList<>(legendNames(names.keySet(), names).values());
        List<String> labels = featureLabels(features);
        // first feature at the top: XChart draws the first y category at the bottom
        List<String> rows = new ArrayList<>(labels);
        java.util.Collections.reverse(rows);
        int d = features.size();
        List<Number[]> cells = new ArrayList<>();
        for (int s = 0; s < segs.size(); s++) {
            for (int j = 0; j < d; j++) {
                cells.add(new Number[] {s, d - 1 - j, Math.round(z[s][j] * 100) / 100.0});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(chartHeight)
                .title("Segment profiles (feature means, standardised across segments)").build();
        chart.getStyler().setShowValue(true);
        // every segment and feature labelled (XChart otherwise skips ticks closer than ~74 px)
        chart.getStyler().setXAxisTickMarkSpacingHint(10);
        chart.getStyler().setYAxisTickMarkSpacingHint(10);
        int longest = 0;
        for (String c : columns) {
            longest = Math.max(longest, c.length());
        }
        chart.getStyler().setXAxisLabelRotation(longest > 12 ? 25 : 0);
        chart.getStyler().setMin(-2);
        chart.getStyler().setMax(2);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        chart.getStyler().setRangeColors(new Color[] {new Color(49, 54, 149), new Color(247, 247, 247),
            new Color(165, 0, 38)});
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.addSeries("z-score", columns, rows, cells);
        List<String> key = featureKey(features);
        return new Drawing((g, w, h) -> {
            chart.paint(g, w, h - keyHeight);
            if (!key.isEmpty()) {
                g.setColor(Color.DARK_GRAY);
                g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
                int cols = keyColumns(key, w);
                int perColumn = (key.size() + cols - 1) / cols;
                int colWidth = (w - 40) / cols;
                for (int i = 0; i < key.size(); i++) {
                    g.drawString(key.get(i), 20 + (i / perColumn) * colWidth,
                            h - keyHeight + 8 + KEY_LINE * (i % perColumn + 1) - 4);
                }
            }
        }, width, height);
    }

    /** Per feature, the z-score of each segment's mean across segments (population sd; 0 when it is 0). */
    static double[][] standardisedMeans(List<SegmentProfile> segs, int d) {
        int k = segs.size();
        double[][] z = new double[k][d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (SegmentProfile p : segs) {
                sum += p.means()[j];
            }
            double mean = sum / k;
            double ss = 0;
            for (SegmentProfile p : segs) {
                double dv = p.means()[j] - mean;
                ss += dv * dv;
            }
            double sd = Math.sqrt(ss / k);
            for (int s = 0; s < k; s++) {
                z[s][j] = sd > 0 && Double.isFinite(sd) ? (segs.get(s).means()[j] - mean) / sd : 0.0;
            }
        }
        return z;
    }

    /**
     * The k sweep of {@code result}: inertia per k with the elbow marked (left) and mean silhouette per k (right).
     *
     * @throws IllegalArgumentException when the size is out of range
     * @throws IOException when the file cannot be written
     */
    public static void kSelection(Path file, KSelectionResult result, int width, int height) throws IOException {
        write(kSelectionChart(result, width, height), file);
    }

    /** The PNG bytes of {@link #kSelection}. */
    static byte[] kSelectionPng(KSelectionResult result, int width, int height) throws IOException {
        return pngBytes(kSelectionChart(result, width, height));
    }

    private static Drawing kSelectionChart(KSelectionResult result, int width, int height) {
        Objects.requireNonNull(result, "result");
        checkSize(width, height);
        List<KScore> scores = result.scores();
        double[] ks = new double[scores.size()];
        double[] inertia = new double[ks.length];
        double[] silhouette = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            ks[i] = scores.get(i).k();
            inertia[i] = scores.get(i).inertia();
            silhouette[i] = scores.get(i).silhouette();
        }
        XYChart left = new XYChartBuilder().width(width / 2).height(height).title("Inertia (elbow)")
                .xAxisTitle("k").yAxisTitle("inertia").build();
        left.getStyler().setChartBackgroundColor(Color.WHITE);
        left.addSeries("inertia", ks, inertia).setMarker(SeriesMarkers.CIRCLE);
        if (result.elbow().isPresent()) {
            int e = result.elbow().getAsInt();
            XYSeries s = left.addSeries("elbow k = " + e, new double[] {e}, new double[] {result.score(e).inertia()});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setMarkerColor(Color.RED);
        }
        XYChart right = new XYChartBuilder().width(width - width / 2).height(height).title("Mean silhouette")
                .xAxisTitle("k").yAxisTitle("silhouette").build();
        right.getStyler().setChartBackgroundColor(Color.WHITE);
        right.addSeries("silhouette", ks, silhouette).setMarker(SeriesMarkers.CIRCLE);
        int best = result.bySilhouette();
        XYSeries b = right.addSeries("best k = " + best, new double[] {best},
                new double[] {result.score(best).silhouette()});
        b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        b.setMarker(SeriesMarkers.DIAMOND);
        b.setMarkerColor(Color.RED);
        return new Drawing((g, w, h) -> {
            left.paint(g, w / 2, h);
            g.translate(w / 2, 0);
            right.paint(g, w - w / 2, h);
            g.translate(-(w / 2), 0);
        }, width, height);
    }

    /**
     * Training loss per epoch, and validation loss when {@code validationLoss} is not empty (epochs numbered from
     * 1).
     *
     * @throws IllegalArgumentException when the training loss is empty, the validation loss is neither empty nor of
     *     the same length, a value is not finite (naming the array and epoch), or the size is out of range
     * @throws IOException when the file cannot be written
     */
    public static void lossCurve(Path file, double[] trainingLoss, double[] validationLoss, int width, int height)
            throws IOException {
        write(lossCurveChart(trainingLoss, validationLoss, width, height), file);
    }

    /** The PNG bytes of {@link #lossCurve}. */
    static byte[] lossCurvePng(double[] trainingLoss, double[] validationLoss, int width, int height)
            throws IOException {
        return pngBytes(lossCurveChart(trainingLoss, validationLoss, width, height));
    }

    static Drawing lossCurveChart(double[] trainingLoss, double[] validationLoss, int width, int height) {
        Objects.requireNonNull(trainingLoss, "trainingLoss");
        Objects.requireNonNull(validationLoss, "validationLoss");
        checkSize(width, height);
        if (trainingLoss.length == 0) {
            throw new IllegalArgumentException("trainingLoss is empty: there is no epoch to plot");
        }
        if (validationLoss.length != 0 && validationLoss.length != trainingLoss.length) {
            throw new IllegalArgumentException("validationLoss has " + validationLoss.length + " epochs but"
                    + " trainingLoss has " + trainingLoss.length);
        }
        requireFinite(trainingLoss, "trainingLoss");
        requireFinite(validationLoss, "validationLoss");
        double[] epochs = new double[trainingLoss.length];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Autoencoder loss per epoch")
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.addSeries("training", epochs, trainingLoss.clone()).setMarker(SeriesMarkers.NONE);
        if (validationLoss.length > 0) {
            chart.addSeries("validation", epochs, validationLoss.clone()).setMarker(SeriesMarkers.NONE);
        }
        return new Drawing(chart);
    }


    /**
     * Entities per segment of {@code model} as bars, labelled with the segment names of its profiles (noise
     * included when present).
     *
     * @throws IllegalArgumentException when the size is out of range
     * @throws IOException when the file cannot be written
     */
    public static void segmentSizes(Path file, SegmentationModel model, int width, int height) throws IOException {
        write(segmentSizesChart(model, Map.of(), width, height), file);
    }

    /**
     * Bars of {@code sizes[i]} entities for the segment named {@code names.get(i)} (e.g. the counts of a
     * prediction).
     *
     * @throws IllegalArgumentException when there is no segment, the lengths differ, a name is repeated, a size is
     *     negative (naming the segment) or the size is out of range
     * @throws IOException when the file cannot be written
     */
    public static void segmentSizes(Path file, List<String> names, long[] sizes, String title, int width,
            int height) throws IOException {
        write(segmentSizesChart(names, sizes, title, width, height), file);
    }

    /** The PNG bytes of {@link #segmentSizes(Path, SegmentationModel, int, int)}. */
    static byte[] segmentSizesPng(SegmentationModel model, int width, int height) throws IOException {
        return pngBytes(segmentSizesChart(model, Map.of(), width, height));
    }

    /** The PNG bytes of {@link #segmentSizes(Path, List, long[], String, int, int)}. */
    static byte[] segmentSizesPng(List<String> names, long[] sizes, String title, int width, int height)
            throws IOException {
        return pngBytes(segmentSizesChart(names, sizes, title, width, height));
    }

    private static Drawing segmentSizesChart(SegmentationModel model, Map<Integer, Integer> shownIds, int width,
            int height) {
        Objects.requireNonNull(model, "model");
        List<String> names = new ArrayList<>();
        long[] sizes = new long[model.profiles().size()];
        for (int i = 0; i < sizes.length; i++) {
            SegmentProfile p = model.profiles().get(i);
            names.add(p.segment() < 0 ? p.name() : shownIds.getOrDefault(p.segment(), p.segment()) + ": "
                    + p.name());
            sizes[i] = p.size();
        }
        return segmentSizesChart(names, sizes, "Entities per segment", width, height);
    }

    private static Drawing segmentSizesChart(List<String> names, long[] sizes, String title, int width,
            int height) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(sizes, "sizes");
        Objects.requireNonNull(title, "title");
        checkSize(width, height);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("there is no segment to plot");
        }
        if (names.size() != sizes.length) {
            throw new IllegalArgumentException("there are " + names.size() + " names but " + sizes.length
                    + " sizes");
        }
        List<Long> values = new ArrayList<>(sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            Objects.requireNonNull(names.get(i), "names[" + i + "]");
            if (names.indexOf(names.get(i)) != i) {
                throw new IllegalArgumentException("segment name '" + names.get(i) + "' appears twice");
            }
            if (sizes[i] < 0) {
                throw new IllegalArgumentException("segment '" + names.get(i) + "' has a negative size: "
                        + sizes[i]);
            }
            values.add(sizes[i]);
        }
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("segment").yAxisTitle("entities").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        int longestName = 0;
        for (String n : names) {
            longestName = Math.max(longestName, n.length());
        }
        chart.getStyler().setXAxisLabelRotation(names.size() > 6 || longestName * names.size() * 7 > width - 120
                ? 25 : 0);
        chart.addSeries("entities", new ArrayList<>(names), values).setFillColor(new Color(70, 120, 180));
        return new Drawing(chart);
    }

    /**
     * The migration matrix of {@code report} as a heatmap of row shares in percent: previous segment IDs in rows,
     * new segment IDs in columns, each cell the share of the previous segment's entities (still present) now in the
     * new one. Entered and left entities are not drawn (see {@link MigrationReport#table()}).
     *
     * @throws IllegalArgumentException when the report has no segment or the size is out of range
     * @throws IOException when the file cannot be written
     */
    public static void migrationMatrix(Path file, MigrationReport report, int width, int height)
            throws IOException {
        write(migrationMatrixChart(report, Map.of(), Map.of(), width, height), file);
    }

    /**
     * The migration matrix as {@link #migrationMatrix(Path, MigrationReport, int, int)}, with every row and column
     * labelled "ID name": {@code previousNames} names the report's IDs in the previous segmentation (rows),
     * {@code newNames} in the new one (columns); an ID missing from a map is labelled by its number alone.
     *
     * @throws IllegalArgumentException as the other overload
     * @throws IOException when the file cannot be written
     */
    public static void migrationMatrix(Path file, MigrationReport report, Map<Integer, String> previousNames,
            Map<Integer, String> newNames, int width, int height) throws IOException {
        write(migrationMatrixChart(report, previousNames, newNames, width, height), file);
    }

    /** The PNG bytes of {@link #migrationMatrix}. */
    static byte[] migrationMatrixPng(MigrationReport report, Map<Integer, String> previousNames,
            Map<Integer, String> newNames, int width, int height) throws IOException {
        return pngBytes(migrationMatrixChart(report, previousNames, newNames, width, height));
    }

    /** "ID name" for each of {@code ids} (the number alone when {@code names} lacks it), in order. */
    static List<String> idLabels(int[] ids, Map<Integer, String> names) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            String n = names.get(id);
            out.add(n == null ? Integer.toString(id) : id + " " + n);
        }
        return out;
    }

    private static Drawing migrationMatrixChart(MigrationReport report, Map<Integer, String> previousNames,
            Map<Integer, String> newNames, int width, int height) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(previousNames, "previousNames");
        Objects.requireNonNull(newNames, "newNames");
        checkSize(width, height);
        int[] segments = report.segments();
        if (segments.length == 0) {
            throw new IllegalArgumentException("the migration report has no segment: nothing to plot");
        }
        int s = segments.length;
        double[] shares = report.shares();
        List<String> newIds = idLabels(segments, newNames);
        List<String> previousIds = new ArrayList<>(idLabels(segments, previousNames));
        // first previous segment at the top, as in the table
        java.util.Collections.reverse(previousIds);
        List<Number[]> cells = new ArrayList<>(s * s);
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                cells.add(new Number[] {b, s - 1 - a, Math.round(shares[a * s + b] * 1000) / 10.0});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .title("Segment migration (% of each previous segment)")
                .xAxisTitle("new segment (" + report.shared() + " entities in both, " + report.stayed() + " stayed)")
                .yAxisTitle("previous segment").build();
        chart.getStyler().setShowValue(true);
        // every segment labelled (XChart otherwise skips ticks closer than ~74 px)
        chart.getStyler().setXAxisTickMarkSpacingHint(10);
        chart.getStyler().setYAxisTickMarkSpacingHint(10);
        int longest = 0;
        for (String c : newIds) {
            longest = Math.max(longest, c.length());
        }
        chart.getStyler().setXAxisLabelRotation(longest > 12 ? 25 : 0);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(100);
        chart.getStyler().setHeatMapValueDecimalPattern("0.0");
        chart.getStyler().setRangeColors(new Color[] {new Color(247, 251, 255), new Color(158, 202, 225),
            new Color(66, 146, 198)});
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.addSeries("share %", newIds, previousIds, cells);
        return new Drawing(chart);
    }
}
