package dev.segmentation.io;

import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.evaluation.KSelectionResult;
import dev.segmentation.lifetime.LifetimeValues;
import dev.segmentation.stability.MigrationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One self-contained HTML page describing a {@link SegmentationModel}: a summary table (entities, segments, seed,
 * features, every step's settings), the segment profiles (size, share, value share, mean of every feature) and the
 * charts of {@link Charts} embedded as PNG data URIs, so the page needs no other file and no network to be viewed.
 *
 * <pre>{@code
 * HtmlReport.builder(model).title("Online Retail customers").scatter("cv", "trend").kSelection(sweep)
 *     .lossCurve(trainLoss, validationLoss).migration(migrationReport).write(Path.of("report.html"));
 * }</pre>
 *
 * <p>The segment sizes are always charted; the profile heatmap is included when the model has at least 2
 * segments; the scatter when features were named and the model holds its training entities (a model read from a
 * file does not); the migration matrix when a report with at least one segment was given. Text is HTML-escaped.
 * Writing is atomic (temporary file, then a move). The builder is not thread-safe; O(entities) for the scatter, O(segments x
 * features) otherwise.
 */
public final class HtmlReport {
    private final SegmentationModel model;
    private String title = "Segmentation report";
    private String scatterX;
    private String scatterY;
    private KSelectionResult kSelection;
    private double[] trainingLoss;
    private double[] validationLoss;
    private MigrationReport migration;
    private List<SegmentProfile> lifetime;

    private HtmlReport(SegmentationModel model) {
        this.model = model;
    }

    /** A report of {@code model} with no optional chart. */
    public static HtmlReport builder(SegmentationModel model) {
        return new HtmlReport(Objects.requireNonNull(model, "model"));
    }

    /**
     * The page title.
     *
     * @throws IllegalArgumentException when blank
     */
    public HtmlReport title(String title) {
        Objects.requireNonNull(title, "title");
        if (title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
        this.title = title;
        return this;
    }

    /**
     * Adds a scatter of two raw features coloured by segment (e.g. {@code "cv"} and {@code "trend"}).
     *
     * @throws IllegalArgumentException when a feature is not in the model
     */
    public HtmlReport scatter(String xFeature, String yFeature) {
        List<String> names = model.features().featureNames();
        for (String f : new String[] {xFeature, yFeature}) {
            Objects.requireNonNull(f, "feature");
            if (!names.contains(f)) {
                throw new IllegalArgumentException("no feature '" + f + "' in the model; features are " + names);
            }
        }
        this.scatterX = xFeature;
        this.scatterY = yFeature;
        return this;
    }

    /** Adds the k sweep chart (inertia with the elbow, silhouette). */
    public HtmlReport kSelection(KSelectionResult result) {
        this.kSelection = Objects.requireNonNull(result, "result");
        return this;
    }

    /** Adds the migration matrix of a refit (e.g. this model against the previous one, with stable IDs). */
    public HtmlReport migration(MigrationReport report) {
        this.migration = Objects.requireNonNull(report, "report");
        return this;
    }

    /**
     * Adds a "Lifetime value by segment" section (see {@link LifetimeCharts}): per segment, expected purchases,
     * P(alive) and CLV summed and per customer, and a chart of the CLV by segment, from per-customer values
     * matched to the model's entities ({@link SegmentationModel#profiles(LifetimeValues)}).
     */
    public HtmlReport lifetime(LifetimeValues values) {
        this.lifetime = model.profiles(Objects.requireNonNull(values, "values"));
        return this;
    }

    /**
     * Adds an embedding's loss curve ({@code validationLoss} may be empty).
     *
     * @throws IllegalArgumentException as {@link Charts#lossCurve}
     */
    public HtmlReport lossCurve(double[] trainingLoss, double[] validationLoss) {
        Objects.requireNonNull(trainingLoss, "trainingLoss");
        Objects.requireNonNull(validationLoss, "validationLoss");
        try {
            Charts.lossCurvePng(trainingLoss, validationLoss, Charts.MIN_SIZE, Charts.MIN_SIZE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.trainingLoss = trainingLoss.clone();
        this.validationLoss = validationLoss.clone();
        return this;
    }

    /**
     * Renders the page to {@code file}.
     *
     * @throws IOException when the file cannot be written
     */
    public void write(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] html = render().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(html));
    }

    /** The page as a string. */
    public String render() throws IOException {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                        + "text-align:right}th{background:#f0f0f0}td.l,th.l{text-align:left}"
                        + "img{max-width:100%;display:block;margin:1em 0}</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<h2>Summary</h2>\n<table>\n");
        row(h, "Generated", Instant.now().toString());
        for (java.util.Map.Entry<String, Object> e : SegmentOutputs.summary(model).entrySet()) {
            String key = e.getKey().replace('_', ' ');
            row(h, Character.toUpperCase(key.charAt(0)) + key.substring(1), e.getValue().toString());
        }
        h.append("</table>\n");

        List<String> names = model.features().featureNames();
        h.append("<h2>Segment profiles</h2>\n<p>Means of the raw features per segment.</p>\n<table>\n<tr>"
                + "<th>Segment</th><th class=\"l\">Name</th><th>Size</th><th>Share</th><th>Value share</th>");
        for (String f : names) {
            h.append("<th>").append(esc(f)).append("</th>");
        }
        h.append("</tr>\n");
        for (SegmentProfile p : model.profiles()) {
            h.append("<tr><td>").append(p.segment()).append("</td><td class=\"l\">").append(esc(p.name()))
                    .append("</td><td>").append(p.size()).append("</td><td>").append(pct(p.share()))
                    .append("</td><td>").append(p.valueShare().isPresent() ? pct(p.valueShare().getAsDouble()) : "")
                    .append("</td>");
            for (double m : p.means()) {
                h.append("<td>").append(num(m)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        if (lifetime != null && !lifetime.isEmpty()) {
            LifetimeCharts.appendSection(h, lifetime);
        }

        h.append("<h2>Charts</h2>\n");
        long segments = model.profiles().stream().filter(p -> p.segment() >= 0).count();
        if (segments >= 2) {
            img(h, "Segment profile heatmap", Charts.profileHeatmapPng(model, 900, 100 + 60 * (int) segments));
        }
        if (!model.profiles().isEmpty()) {
            img(h, "Segment sizes", Charts.segmentSizesPng(model, 900, 450));
        }
        if (scatterX != null && model.hasTrainingFeatures()) {
            img(h, scatterY + " versus " + scatterX, Charts.segmentScatterPng(model.features(), model.labels(),
                    scatterX, scatterY, scatterY + " versus " + scatterX, 900, 600));
        }
        if (kSelection != null) {
            img(h, "Choice of k", Charts.kSelectionPng(kSelection, 1000, 400));
        }
        if (migration != null && migration.segments().length > 0) {
            int n = migration.segments().length;
            img(h, "Migration between the previous and this segmentation", Charts.migrationMatrixPng(migration,
                    Math.min(Charts.MAX_SIZE, 300 + 90 * n), Math.min(Charts.MAX_SIZE, 200 + 60 * n)));
        }
        if (trainingLoss != null) {
            img(h, "Embedding loss per epoch", Charts.lossCurvePng(trainingLoss, validationLoss, 800, 450));
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th class=\"l\">").append(esc(k)).append("</th><td class=\"l\">").append(esc(v))
                .append("</td></tr>\n");
    }

    private static void img(StringBuilder h, String alt, byte[] png) {
        h.append("<h3>").append(esc(alt)).append("</h3>\n<img alt=\"").append(esc(alt))
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                .append("\">\n");
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,.2f", v) : Double.toString(v);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '&': b.append("&amp;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&#39;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }
}
