package dev.segmentation.io;

import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.evaluation.KSelectionResult;
import dev.segmentation.lifetime.LifetimeValues;
import dev.segmentation.Provenance;
import dev.segmentation.stability.Alignment;
import dev.segmentation.stability.MigrationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;

/**
 * One self-contained HTML page describing a {@link SegmentationModel}: a summary table (entities, segments, seed,
 * features), every step's settings and the model's provenance as tables (one row per setting), the segment
 * profiles (ID, name, the features that set each segment apart with their effect sizes, size, share, value share,
 * mean of every feature) and the charts of {@link Charts} embedded as PNG data URIs, so the page needs no other file
 * and no network to be viewed. Charts name segments (legends, axes, migration rows and columns), and the scatter
 * picks a log axis for a skewed money axis ({@link Charts.AxisScale#AUTO}).
 *
 * <pre>{@code
 * HtmlReport.builder(model).title("Online Retail customers").scatter("cv", "trend").kSelection(sweep)
 *     .lossCurve(trainLoss, validationLoss).migration(migrationReport).write(Path.of("report.html"));
 * }</pre>
 *
 * <p><b>One ID scheme per page.</b> Every segment number on the page (profile table, legends, migration table and
 * matrix) is in the same scheme: the model's own segment numbers, or, after {@link #migration(MigrationReport,
 * SegmentationModel, Alignment)} of a refit aligned to the previous model, the stable IDs of that alignment.
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
    private SegmentationModel previous;
    private Alignment alignment;

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

    /**
     * Adds the migration matrix and table of {@code report}, whose IDs must be this model's own segment numbers on
     * both sides (e.g. the labels an earlier model gave the same entities, mapped to this model's segments). Rows and
     * columns are named by this model's segment names. For a refit aligned to the previous model, use
     * {@link #migration(MigrationReport, SegmentationModel, Alignment)}, which puts the whole page in stable IDs.
     */
    public HtmlReport migration(MigrationReport report) {
        this.migration = Objects.requireNonNull(report, "report");
        this.previous = null;
        this.alignment = null;
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
     * Adds the migration from {@code previous} to this model, refitted and aligned to it: {@code report} is in
     * stable IDs (the previous model's segment numbers, as {@code alignment.relabel} gives), and so is the whole page:
     * the profile table, the legends and the migration rows and columns all show stable IDs, rows named by the
     * previous model's segment names and columns by this model's.
     *
     * @throws IllegalArgumentException when the alignment does not cover this model's segments (naming the segment)
     */
    public HtmlReport migration(MigrationReport report, SegmentationModel previous, Alignment alignment) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(alignment, "alignment");
        for (SegmentProfile p : model.profiles()) {
            alignment.stableId(p.segment());
        }
        this.migration = report;
        this.previous = previous;
        this.alignment = alignment;
        return this;
    }

    /** The ID this page shows for segment {@code segment} of the model. */
    private int shownId(int segment) {
        return alignment == null ? segment : alignment.stableId(segment);
    }

    /** This model's segment names by shown ID. */
    Map<Integer, String> namesByShownId() {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (SegmentProfile p : model.profiles()) {
            m.put(shownId(p.segment()), p.name());
        }
        return m;
    }

    /** The names of the migration's rows by ID: the previous model's names, or this model's without one. */
    private Map<Integer, String> previousNamesById() {
        if (previous == null) {
            return namesByShownId();
        }
        Map<Integer, String> m = new LinkedHashMap<>();
        for (SegmentProfile p : previous.profiles()) {
            m.put(p.segment(), p.name());
        }
        return m;
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
                        + "text-align:right;vertical-align:top}th{background:#f0f0f0}td.l,th.l{text-align:left}"
                        + "table.kv td,table.kv th{text-align:left}div.wide{overflow-x:auto}"
                        + "img{max-width:100%;display:block;margin:1em 0}</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        if (alignment != null) {
            h.append("<p>Segment IDs on this page are the stable IDs of the alignment to the previous model "
                    + "(the previous model's segment numbers), in every table and chart.</p>\n");
        }
        h.append("<h2>Summary</h2>\n<table class=\"kv\">\n");
        row(h, "Generated", Instant.now().toString());
        Map<String, Object> summary = SegmentOutputs.summary(model);
        List<Map.Entry<String, Object>> steps = new ArrayList<>();
        for (Map.Entry<String, Object> e : summary.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("extractor_") || k.equals("eligibility") || k.equals("scaler") || k.equals("embedding")
                    || k.equals("cluster_model")) {
                steps.add(e);
                continue;
            }
            row(h, label(k), e.getValue().toString());
        }
        h.append("</table>\n");

        h.append("<h2>Fitted steps</h2>\n<table class=\"kv\">\n<tr><th>Step</th><th>Kind</th><th>Setting</th>"
                + "<th>Value</th></tr>\n");
        for (Map.Entry<String, Object> e : steps) {
            settingRows(h, label(e.getKey()), e.getValue().toString());
        }
        h.append("</table>\n");

        Provenance pv = model.provenance();
        h.append("<h2>Provenance</h2>\n<table class=\"kv\">\n");
        row(h, "Library version", pv.version());
        row(h, "Fitted at", pv.fittedAt().toString());
        row(h, "JVM", pv.jvm());
        row(h, "Operating system", pv.os());
        row(h, "Threads", Integer.toString(pv.threads()));
        row(h, "OMP_NUM_THREADS", pv.ompNumThreads().isEmpty() ? "(not set)" : pv.ompNumThreads());
        h.append("</table>\n");
        if (!pv.stageSeeds().isEmpty()) {
            h.append("<h3>Seeds per stage</h3>\n<table class=\"kv\">\n<tr><th>Stage</th><th>Seed</th></tr>\n");
            for (Map.Entry<String, Long> e : pv.stageSeeds().entrySet()) {
                h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(e.getValue())
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!pv.settings().isEmpty()) {
            h.append("<h3>Settings of every step, in pipeline order</h3>\n<table class=\"kv\">\n<tr><th>#</th>"
                    + "<th>Kind</th><th>Setting</th><th>Value</th></tr>\n");
            for (int i = 0; i < pv.settings().size(); i++) {
                settingRows(h, Integer.toString(i + 1), pv.settings().get(i));
            }
            h.append("</table>\n");
        }

        List<String> names = model.features().featureNames();
        h.append("<h2>Segment profiles</h2>\n<p>Means of the raw features per segment. \"Sets it apart\" lists the"
                + " features with the largest effect size against the other segments (Cliff's delta in [-1, 1]: the"
                + " chance a member lies above a non-member minus the chance it lies below; |delta| &ge; 0.33 is"
                + " medium, &ge; 0.474 large).</p>\n<div class=\"wide\"><table>\n<tr><th>ID</th><th class=\"l\">Name"
                + "</th><th class=\"l\">Sets it apart (delta)</th><th>Size</th><th>Share</th><th>Value share</th>");
        for (String f : names) {
            h.append("<th>").append(esc(f)).append("</th>");
        }
        h.append("</tr>\n");
        for (SegmentProfile p : shownOrder()) {
            h.append("<tr><td>").append(shownId(p.segment())).append("</td><td class=\"l\">").append(esc(p.name()))
                    .append("</td><td class=\"l\">").append(esc(distinguishing(p))).append("</td><td>")
                    .append(p.size()).append("</td><td>").append(pct(p.share()))
                    .append("</td><td>").append(p.valueShare().isPresent() ? pct(p.valueShare().getAsDouble()) : "")
                    .append("</td>");
            for (double m : p.means()) {
                h.append("<td>").append(num(m)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table></div>\n");

        if (migration != null && migration.segments().length > 0) {
            migrationTable(h);
        }

        if (lifetime != null && !lifetime.isEmpty()) {
            LifetimeCharts.appendSection(h, lifetime);
        }

        h.append("<h2>Charts</h2>\n");
        List<String> segmentNames = new ArrayList<>();
        for (SegmentProfile p : model.profiles()) {
            if (p.segment() >= 0) {
                segmentNames.add(p.name());
            }
        }
        if (segmentNames.size() >= 2) {
            img(h, "Segment profile heatmap", Charts.profileHeatmapPng(model, 900,
                    Charts.profileHeatmapHeight(names, segmentNames, 900)));
            List<String> key = Charts.featureKey(names);
            if (!key.isEmpty()) {
                h.append("<table class=\"kv\"><caption>Key to the shortened feature names</caption>\n"
                        + "<tr><th>#</th><th>Feature</th></tr>\n");
                for (int j = 0; j < names.size(); j++) {
                    if (names.get(j).length() > Charts.MAX_LABEL) {
                        h.append("<tr><td>").append(j + 1).append("</td><td>").append(esc(names.get(j)))
                                .append("</td></tr>\n");
                    }
                }
                h.append("</table>\n");
            }
        }
        if (!model.profiles().isEmpty()) {
            List<String> bars = new ArrayList<>();
            List<SegmentProfile> order = shownOrder();
            long[] sizes = new long[order.size()];
            for (int i = 0; i < sizes.length; i++) {
                SegmentProfile p = order.get(i);
                bars.add(p.segment() < 0 ? p.name() : shownId(p.segment()) + ": " + p.name());
                sizes[i] = p.size();
            }
            img(h, "Segment sizes", Charts.segmentSizesPng(bars, sizes, "Entities per segment", 900, 450));
        }
        if (scatterX != null && model.hasTrainingFeatures()) {
            int[] labels = alignment == null ? model.labels() : alignment.relabel(model.labels());
            img(h, scatterY + " versus " + scatterX, Charts.segmentScatterPng(model.features(), labels,
                    namesByShownId(), scatterX, scatterY, scatterY + " versus " + scatterX, 900, 600));
        }
        if (kSelection != null) {
            img(h, "Choice of k", Charts.kSelectionPng(kSelection, 1000, 400));
        }
        if (migration != null && migration.segments().length > 0) {
            int n = migration.segments().length;
            img(h, "Migration between the previous and this segmentation", Charts.migrationMatrixPng(migration,
                    previousNamesById(), namesByShownId(), Math.min(Charts.MAX_SIZE, 400 + 110 * n),
                    Math.min(Charts.MAX_SIZE, 260 + 60 * n)));
        }
        if (trainingLoss != null) {
            img(h, "Embedding loss per epoch", Charts.lossCurvePng(trainingLoss, validationLoss, 800, 450));
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** The profiles in the order of the IDs the page shows (noise first). */
    private List<SegmentProfile> shownOrder() {
        List<SegmentProfile> order = new ArrayList<>(model.profiles());
        order.sort(java.util.Comparator.comparingInt(p -> shownId(p.segment())));
        return order;
    }

    /** The migration as a table: previous "ID name" in rows, new "ID name" in columns, count and row share. */
    private void migrationTable(StringBuilder h) {
        int[] ids = migration.segments();
        List<String> rows = Charts.idLabels(ids, previousNamesById());
        List<String> cols = Charts.idLabels(ids, namesByShownId());
        h.append("<h2>Migration</h2>\n<p>Rows: previous segment; columns: new segment; each cell the entities in "
                + "both and their share of the previous segment. ").append(migration.shared())
                .append(" entities in both, ").append(migration.stayed()).append(" stayed.</p>\n"
                        + "<div class=\"wide\"><table id=\"migration\">\n<tr><th class=\"l\">previous \\ new</th>");
        for (String c : cols) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>\n");
        for (int a = 0; a < ids.length; a++) {
            h.append("<tr><th class=\"l\">").append(esc(rows.get(a))).append("</th>");
            for (int b = 0; b < ids.length; b++) {
                h.append("<td>").append(migration.count(ids[a], ids[b])).append(" (")
                        .append(pct(migration.share(ids[a], ids[b]))).append(")</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table></div>\n");
    }

    /** The three features with the largest |delta|, e.g. "monetary +0.62, recency_days -0.41". */
    static String distinguishing(SegmentProfile p) {
        double[] d = p.effectSizes();
        List<String> f = p.featureNames();
        Integer[] idx = new Integer[d.length];
        for (int j = 0; j < d.length; j++) {
            idx[j] = j;
        }
        java.util.Arrays.sort(idx, (a, b) -> {
            double x = Double.isNaN(d[a]) ? -1 : Math.abs(d[a]);
            double y = Double.isNaN(d[b]) ? -1 : Math.abs(d[b]);
            int c = Double.compare(y, x);
            return c != 0 ? c : Integer.compare(a, b);
        });
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(3, idx.length); i++) {
            double v = d[idx[i]];
            if (Double.isNaN(v)) {
                break;
            }
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(f.get(idx[i])).append(' ').append(String.format(Locale.ROOT, "%+.2f", v));
        }
        return b.length() == 0 ? "(not recorded)" : b.toString();
    }

    private static String label(String key) {
        String k = key.replace('_', ' ');
        return Character.toUpperCase(k.charAt(0)) + k.substring(1);
    }

    /**
     * Rows of a settings table for one step: "Name[a=1, b=x]" becomes one row per setting (kind "Name"); a value
     * not in that form is one row with its text.
     */
    private static void settingRows(StringBuilder h, String step, String text) {
        List<String[]> settings = new ArrayList<>();
        String kind = parseSettings(text, settings);
        if (settings.isEmpty()) {
            h.append("<tr><td>").append(esc(step)).append("</td><td>").append(esc(kind))
                    .append("</td><td></td><td></td></tr>\n");
            return;
        }
        boolean first = true;
        for (String[] e : settings) {
            h.append("<tr>");
            if (first) {
                h.append("<td rowspan=\"").append(settings.size()).append("\">").append(esc(step))
                        .append("</td><td rowspan=\"").append(settings.size()).append("\">").append(esc(kind))
                        .append("</td>");
                first = false;
            }
            h.append("<td>").append(esc(e[0])).append("</td><td>").append(esc(e[1])).append("</td></tr>\n");
        }
    }

    /**
     * Splits "Name[a=1, b=Inner[c=2], d='x, y', col: center=1 scale=2, flag]" into "Name" (returned) and the
     * top-level settings in order as {setting, value} pairs: "a=1" gives {a, 1}, "col: rest" gives {col, rest}
     * (whichever of '=' and ':' comes first splits), a bare "flag" gives {"", flag}; brackets, parentheses, braces
     * and quotes nest. Text not of that form is returned whole with no settings.
     */
    static String parseSettings(String text, List<String[]> out) {
        int open = text.indexOf('[');
        if (open <= 0 || !text.endsWith("]")) {
            return text;
        }
        String body = text.substring(open + 1, text.length() - 1);
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(body.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (depth != 0 || quote != 0) {
            return text;
        }
        parts.add(body.substring(start).trim());
        List<String[]> found = new ArrayList<>();
        for (String part : parts) {
            int eq = part.indexOf('=');
            int colon = part.indexOf(':');
            int cut = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (cut <= 0) {
                found.add(new String[] {"", part});
            } else {
                found.add(new String[] {part.substring(0, cut).trim(), part.substring(cut + 1).trim()});
            }
        }
        out.addAll(found);
        return text.substring(0, open);
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
