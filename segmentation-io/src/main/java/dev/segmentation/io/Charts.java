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
 *   <li>{@link #segmentScatter}: two features of every entity, coloured by segment (e.g. seed 000's trend versus
 *       volatility, with the coefficient of variation on the x axis);</li>
 *   <li>{@link #profileHeatmap}: segments x features, each feature's segment means standardised across the segments
 *       (z-scores), so features of different units share one colour scale;</li>
 *   <li>{@link #kSelection}: inertia per k with the elbow marked, and the silhouette per k (two panels side by
 *       side in one image);</li>
 *   <li>{@link #lossCurve}: an autoencoder's training (and validation) loss per epoch;</li>
 *   <li>{@link #segmentSizes}: entities per segment as bars (noise included when present);</li>
 *   <li>{@link #migrationMatrix}: a {@link MigrationReport} as a heatmap of row shares (previous segment in rows,
 *       new segment in columns, the percentage in each cell).</li>
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
     * A scatter plot of {@code features}' columns {@code xFeature} and {@code yFeature}, one colour per segment
     * ({@code labels[i]} is the segment of row i; noise {@code -1} is drawn in grey and named "Noise").
     *
     * @throws IllegalArgumentException when a feature is missing, the labels' length differs from the row count,
     *     the table is empty, a value is not finite (naming the entity and feature) or the size is out of range
     * @throws IOException when the file cannot be written
     */
    public static void segmentScatter(Path file, FeatureTable features, int[] labels, String xFeature,
            String yFeature, String title, int width, int height) throws IOException {
        write(segmentScatterChart(features, labels, xFeature, yFeature, title, width, height), file);
    }

    /** The PNG bytes of {@link #segmentScatter}. */
    static byte[] segmentScatterPng(FeatureTable features, int[] labels, String xFeature,
            String yFeature, String title, int width, int height) throws IOException {
        return pngBytes(segmentScatterChart(features, labels, xFeature, yFeature, title, width, height));
    }

    private static Drawing segmentScatterChart(FeatureTable features, int[] labels, String xFeature,
            String yFeature, String title, int width, int height) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
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
        for (int i = 0; i < labels.length; i++) {
            double x = features.get(i, cx);
            double y = features.get(i, cy);
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("entity '" + features.entityId(i) + "': " + (Double.isFinite(x)
                        ? yFeature + " is " + y : xFeature + " is " + x) + "; charts need finite values");
            }
            bySegment.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xFeature)
                .yAxisTitle(yFeature).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (var e : bySegment.entrySet()) {
            List<Integer> rows = e.getValue();
            double[] xs = new double[rows.size()];
            double[] ys = new double[rows.size()];
            for (int k = 0; k < xs.length; k++) {
                xs[k] = features.get(rows.get(k), cx);
                ys[k] = features.get(rows.get(k), cy);
            }
            XYSeries s = chart.addSeries((e.getKey() < 0 ? "Noise" : "Segment " + e.getKey()) + " (" + xs.length
                    + ")", xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            if (e.getKey() < 0) {
                s.setMarkerColor(new Color(160, 160, 160));
            }
        }
        return new Drawing(chart);
    }

    private static int column(FeatureTable t, String name) {
        Objects.requireNonNull(name, "feature");
        return t.findColumn(name).orElseThrow(() -> new IllegalArgumentException("no feature '" + name
                + "' in the table; features are " + t.featureNames()));
    }

    /**
     * The z-scores of each feature's segment means across the segments of {@code model} (noise left out), as a
     * heatmap with segments (by name) in rows and features in columns; a feature whose means are all equal is 0.
     *
     * @throws IllegalArgumentException when the model has fewer than 2 segments besides noise, or the size is out
     *     of range
     * @throws IOException when the file cannot be written
     */
    public static void profileHeatmap(Path file, SegmentationModel model, int width, int height) throws IOException {
        write(profileHeatmapChart(model, width, height), file);
    }

    /** The PNG bytes of {@link #profileHeatmap}. */
    static byte[] profileHeatmapPng(SegmentationModel model, int width, int height) throws IOException {
        return pngBytes(profileHeatmapChart(model, width, height));
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
        double[][] z = standardisedMeans(segs, features.size());
        List<String> rows = new ArrayList<>();
        for (SegmentProfile p : segs) {
            rows.add(p.name());
        }
        List<Number[]> cells = new ArrayList<>();
        for (int s = 0; s < segs.size(); s++) {
            for (int j = 0; j < features.size(); j++) {
                cells.add(new Number[] {j, s, Math.round(z[s][j] * 100) / 100.0});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .title("Segment profiles (feature means, standardised across segments)").build();
        chart.getStyler().setShowValue(true);
        // every segment and feature labelled (XChart otherwise skips ticks closer than ~74 px)
        chart.getStyler().setXAxisTickMarkSpacingHint(20);
        chart.getStyler().setYAxisTickMarkSpacingHint(20);
        chart.getStyler().setMin(-2);
        chart.getStyler().setMax(2);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        chart.getStyler().setRangeColors(new Color[] {new Color(49, 54, 149), new Color(247, 247, 247),
            new Color(165, 0, 38)});
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.addSeries("z-score", features, rows, cells);
        return new Drawing(chart);
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
        write(segmentSizesChart(model, width, height), file);
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
        return pngBytes(segmentSizesChart(model, width, height));
    }

    private static Drawing segmentSizesChart(SegmentationModel model, int width, int height) {
        Objects.requireNonNull(model, "model");
        List<String> names = new ArrayList<>();
        long[] sizes = new long[model.profiles().size()];
        for (int i = 0; i < sizes.length; i++) {
            SegmentProfile p = model.profiles().get(i);
            names.add(p.segment() < 0 ? p.name() : p.segment() + ": " + p.name());
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
        chart.getStyler().setXAxisLabelRotation(names.size() > 6 ? 30 : 0);
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
        write(migrationMatrixChart(report, width, height), file);
    }

    /** The PNG bytes of {@link #migrationMatrix}. */
    static byte[] migrationMatrixPng(MigrationReport report, int width, int height) throws IOException {
        return pngBytes(migrationMatrixChart(report, width, height));
    }

    private static Drawing migrationMatrixChart(MigrationReport report, int width, int height) {
        Objects.requireNonNull(report, "report");
        checkSize(width, height);
        int[] segments = report.segments();
        if (segments.length == 0) {
            throw new IllegalArgumentException("the migration report has no segment: nothing to plot");
        }
        int s = segments.length;
        double[] shares = report.shares();
        List<String> newIds = new ArrayList<>(s);
        List<String> previousIds = new ArrayList<>(s);
        for (int seg : segments) {
            newIds.add(Integer.toString(seg));
            previousIds.add(Integer.toString(seg));
        }
        List<Number[]> cells = new ArrayList<>(s * s);
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                cells.add(new Number[] {b, a, Math.round(shares[a * s + b] * 1000) / 10.0});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .title("Segment migration (% of each previous segment)")
                .xAxisTitle("new segment (" + report.shared() + " entities in both, " + report.stayed() + " stayed)")
                .yAxisTitle("previous segment").build();
        chart.getStyler().setShowValue(true);
        // every segment and feature labelled (XChart otherwise skips ticks closer than ~74 px)
        chart.getStyler().setXAxisTickMarkSpacingHint(20);
        chart.getStyler().setYAxisTickMarkSpacingHint(20);
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
