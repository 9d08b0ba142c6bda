package dev.segmentation.io;

import dev.segmentation.SegmentProfile;
import dev.segmentation.lifetime.LifetimePredictor;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Charts of customer lifetime value by segment, from profiles that carry a lifetime section
 * ({@code SegmentationModel.profiles(LifetimeValues)}): a bar per segment of its summed CLV (noise drawn as
 * "Noise"), and the HTML section {@link HtmlReport#lifetime} embeds (a table of expected purchases, P(alive) and
 * CLV per segment, and the chart). PNG, or SVG when the file name ends in {@code .svg}; files are written
 * atomically. Stateless and thread-safe; O(segments).
 */
public final class LifetimeCharts {
    private LifetimeCharts() {
    }

    /**
     * Bars of the summed CLV of each segment.
     *
     * @throws IllegalArgumentException when there is no profile, a profile has no lifetime section (naming its
     *     segment), a CLV is not finite, or the size is out of range
     * @throws IOException when the file cannot be written
     */
    public static void clvBySegment(Path file, List<SegmentProfile> profiles, int width, int height)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Charts.Drawing d = clvChart(profiles, width, height);
        byte[] bytes = Charts.isSvg(file) ? Charts.svgBytes(d) : Charts.pngBytes(d);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    static byte[] clvBySegmentPng(List<SegmentProfile> profiles, int width, int height) throws IOException {
        return Charts.pngBytes(clvChart(profiles, width, height));
    }

    private static List<SegmentProfile.Lifetime> sections(List<SegmentProfile> profiles) {
        Objects.requireNonNull(profiles, "profiles");
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("there is no segment to plot");
        }
        List<SegmentProfile.Lifetime> out = new ArrayList<>(profiles.size());
        for (SegmentProfile p : profiles) {
            Objects.requireNonNull(p, "profile");
            out.add(p.lifetime().orElseThrow(() -> new IllegalArgumentException("segment " + p.segment()
                    + " has no lifetime section: use SegmentationModel.profiles(LifetimeValues)")));
        }
        return out;
    }

    private static String label(SegmentProfile p) {
        return p.segment() < 0 ? p.name() : p.segment() + ": " + p.name();
    }

    private static Charts.Drawing clvChart(List<SegmentProfile> profiles, int width, int height) {
        List<SegmentProfile.Lifetime> life = sections(profiles);
        if (width < Charts.MIN_SIZE || width > Charts.MAX_SIZE || height < Charts.MIN_SIZE
                || height > Charts.MAX_SIZE) {
            throw new IllegalArgumentException("width and height must be within [" + Charts.MIN_SIZE + ", "
                    + Charts.MAX_SIZE + "] but were " + width + " x " + height);
        }
        List<String> names = new ArrayList<>();
        List<Double> sums = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            double v = life.get(i).clvSum();
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("segment " + profiles.get(i).segment() + " has CLV " + v
                        + "; charts need finite values");
            }
            names.add(label(profiles.get(i)));
            sums.add(v);
        }
        LifetimePredictor s = life.get(0).settings();
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
                .title("Customer lifetime value by segment, next " + s.months() + " months")
                .xAxisTitle("segment").yAxisTitle("CLV, sum over the segment").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setXAxisLabelRotation(names.size() > 6 ? 30 : 0);
        chart.addSeries("CLV", names, sums).setFillColor(new Color(60, 140, 90));
        return new Charts.Drawing(chart);
    }

    /** The HTML section of {@link HtmlReport#lifetime}: heading, settings, table and the embedded chart. */
    static void appendSection(StringBuilder h, List<SegmentProfile> profiles) throws IOException {
        List<SegmentProfile.Lifetime> life = sections(profiles);
        LifetimePredictor s = life.get(0).settings();
        h.append("<h2>Lifetime value by segment</h2>\n<p>").append(HtmlReport.esc(String.format(Locale.ROOT,
                "Expected purchases over the next %s time units, P(alive), and CLV over the next %d months"
                        + " discounted at %s a month (%s convention).", num(s.purchaseHorizon()), s.months(),
                num(s.monthlyDiscountRate()), s.discounting().name().toLowerCase(Locale.ROOT))))
                .append("</p>\n<table>\n<tr><th>Segment</th><th class=\"l\">Name</th><th>Customers</th>"
                        + "<th>Expected purchases</th><th>per customer</th><th>Expected alive</th>"
                        + "<th>Mean P(alive)</th><th>CLV</th><th>CLV per customer</th></tr>\n");
        for (int i = 0; i < profiles.size(); i++) {
            SegmentProfile p = profiles.get(i);
            SegmentProfile.Lifetime l = life.get(i);
            h.append("<tr><td>").append(p.segment()).append("</td><td class=\"l\">").append(HtmlReport.esc(p.name()))
                    .append("</td><td>").append(l.customers()).append("</td><td>").append(num(l.expectedPurchasesSum()))
                    .append("</td><td>").append(num(l.expectedPurchasesMean())).append("</td><td>")
                    .append(num(l.expectedAlive())).append("</td><td>").append(num(l.probabilityAliveMean()))
                    .append("</td><td>").append(num(l.clvSum())).append("</td><td>").append(num(l.clvMean()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        String alt = "Customer lifetime value by segment";
        h.append("<h3>").append(alt).append("</h3>\n<img alt=\"").append(alt)
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(
                        clvBySegmentPng(profiles, 900, 450))).append("\">\n");
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,.2f", v) : Double.toString(v);
    }
}
