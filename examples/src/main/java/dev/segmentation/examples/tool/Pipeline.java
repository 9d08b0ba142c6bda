package dev.segmentation.examples.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Clusterer;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.embedding.Pca;
import dev.segmentation.evaluation.KSelection;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.Entropy;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.FeatureFilter;
import dev.segmentation.features.Features;
import dev.segmentation.features.PanelSpec;
import dev.segmentation.features.Period;
import dev.segmentation.features.ReturnsPolicy;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.ProgressListener;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.io.CsvTransactionReader;
import dev.segmentation.io.JdbcConnections;
import dev.segmentation.io.JdbcTransactionReader;
import dev.segmentation.io.SegmentTableWriter;
import dev.segmentation.scaling.Scaling;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A pipeline file (JSON): the source and its column mapping, the steps with their options, the seed, the thread
 * count and the outputs. {@link #read} checks every key and value at once and names the JSON path of the first
 * problem; {@link #resolvedJson()} is the file as run, every default written out.
 *
 * <pre>{@code
 * {
 *   "source": {"path": "examples/data/online_retail.csv.gz", "preset": "onlineRetail"},
 *   "eligibility": {"minOrders": 1},
 *   "features": [{"type": "rfm", "cancelledOrderPrefix": "C"}],
 *   "filters": [{"feature": "monetary", "atLeast": 0}],
 *   "select": ["recency_days", "frequency_orders", "monetary"],
 *   "scaling": {"method": "robust", "log1p": ["frequency_orders", "monetary"]},
 *   "pca": {"components": 2},
 *   "clusterer": {"kmeans": {"k": 5, "nInit": 10}},
 *   "seed": 42,
 *   "threads": 2,
 *   "outputs": {"dir": "target/segments", "title": "Customers", "scatter": ["recency_days", "monetary"]}
 * }
 * }</pre>
 */
final class Pipeline {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final ObjectMapper YAML = new YAMLMapper();

    /**
     * The source: a file (CSV, or Parquet read through DuckDB) or an SQL query (DuckDB in memory, or the database
     * of a JDBC URL), with the readers of its column mapping. {@code sqlReader} is null when the mapping is
     * CSV-only ({@code sqlProblem} says why).
     */
    record Source(Path path, CsvTransactionReader.Builder reader, JdbcTransactionReader sqlReader, String sqlProblem,
            String query, String url, String user, String passwordEnv) {
        /** A CSV file source. */
        Source(Path path, CsvTransactionReader.Builder reader) {
            this(path, reader, null, "the --preset reads CSV files only", null, null, null, null);
        }

        /** What the source reads, for messages. */
        String describe() {
            return path != null ? path.toString() : (url != null ? JdbcConnections.redact(url) : "DuckDB") + " query";
        }
    }

    /** What the tool writes. */
    record Outputs(Path dir, String title, String scatterX, String scatterY, TableOutput table, Path parquet) {
    }

    /** Segments to an SQL table: the JDBC URL, table name, model id and credentials (password from a variable). */
    record TableOutput(String url, String name, String modelId, String user, String passwordEnv) {
    }

    private final ObjectNode resolved;
    private final Source source;
    private final Eligibility eligibility;
    private final List<FeatureExtractor> extractors;
    private final List<FeatureFilter> filters;
    private final List<String> select;
    private final Scaling scaling;
    private final Pca pca;
    private final KMeans kmeans;
    private final KSelection selection;
    private final Hdbscan hdbscan;
    private final String valueFeature;
    private final long seed;
    private final int threads;
    private final Outputs outputs;

    private Pipeline(Builder b) {
        this.resolved = b.resolved;
        this.source = b.source;
        this.eligibility = b.eligibility;
        this.extractors = List.copyOf(b.extractors);
        this.filters = List.copyOf(b.filters);
        this.select = b.select;
        this.scaling = b.scaling;
        this.pca = b.pca;
        this.kmeans = b.kmeans;
        this.selection = b.selection;
        this.hdbscan = b.hdbscan;
        this.valueFeature = b.valueFeature;
        this.seed = b.seed;
        this.threads = b.threads;
        this.outputs = b.outputs;
    }

    /**
     * Reads and checks a pipeline file.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws PipelineException when the JSON is malformed or a key or value is wrong (naming its path and value)
     */
    static Pipeline read(Path file) throws IOException, PipelineException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "pipeline file not found");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return parse(text, file.toString(), isYaml(file));
    }

    /** Whether {@code file} is YAML by its name (.yaml or .yml); otherwise it is JSON. */
    static boolean isYaml(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /** Parses pipeline JSON; {@code name} names the source in messages. */
    static Pipeline parse(String text, String name) throws PipelineException {
        return parse(text, name, false);
    }

    /** Parses a pipeline in JSON or YAML; {@code name} names the source in messages. */
    static Pipeline parse(String text, String name, boolean yaml) throws PipelineException {
        JsonNode root;
        try {
            root = (yaml ? YAML : MAPPER).readTree(text);
        } catch (JsonProcessingException e) {
            throw new PipelineException(name + ": not valid " + (yaml ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        ObjectNode resolved = Json.newObject();
        Json top = new Json(name, "$", root, resolved);
        Builder b = new Builder();
        b.resolved = resolved;
        b.source = source(top.object("source"), top);
        Json el = top.object("eligibility");
        if (el != null) {
            b.eligibility = eligibility(el);
        }
        for (Json f : top.objects("features")) {
            b.extractors.add(extractor(f));
        }
        if (b.extractors.isEmpty()) {
            throw top.error("features", "is required: a list of at least one extractor, e.g. [{\"type\": \"rfm\"}]");
        }
        for (Json f : top.objects("filters")) {
            b.filters.add(filter(f));
        }
        b.select = top.strings("select");
        Json sc = top.object("scaling");
        b.scaling = scaling(sc != null ? sc
                : new Json(name, "$.scaling", Json.newObject(), resolved.putObject("scaling")));
        Json pc = top.object("pca");
        if (pc != null) {
            b.pca = pca(pc);
        }
        Json cl = top.object("clusterer");
        if (cl == null) {
            throw top.error("clusterer", "is required, e.g. {\"kmeans\": {\"k\": 5}}");
        }
        clusterer(cl, b);
        b.valueFeature = top.string("valueFeature", null);
        b.seed = top.longValue("seed", 42L);
        b.threads = top.integer("threads", Runtime.getRuntime().availableProcessors());
        if (b.threads < 1) {
            throw top.error("threads", "must be at least 1 but was " + b.threads);
        }
        Json out = top.object("outputs");
        if (out == null) {
            out = new Json(name, "$.outputs", Json.newObject(), resolved.putObject("outputs"));
        }
        String dir = out.string("dir", "target/segmentation");
        String title = out.string("title", "Segments");
        List<String> scatter = out.strings("scatter");
        if (scatter != null && scatter.size() != 2) {
            throw out.error("scatter", "expected two feature names [x, y] but was " + scatter);
        }
        Json tableJson = out.object("table");
        TableOutput table = null;
        if (tableJson != null) {
            String url = tableJson.requiredString("url");
            if (!url.startsWith("jdbc:")) {
                throw tableJson.error("url", "expected a JDBC URL such as jdbc:duckdb:features.duckdb, "
                        + "jdbc:sqlite:features.db or jdbc:postgresql://host/db but was \"" + url + "\"");
            }
            String tableName = tableJson.string("name", SegmentTableWriter.DEFAULT_TABLE);
            try {
                SegmentTableWriter.builder().table(tableName);
            } catch (IllegalArgumentException e) {
                throw tableJson.error("name", e.getMessage());
            }
            table = new TableOutput(url, tableName, tableJson.string("modelId", title),
                    tableJson.string("user", null), tableJson.string("passwordEnv", null));
            tableJson.done();
        }
        String parquet = out.string("parquet", null);
        out.done();
        b.outputs = new Outputs(Path.of(dir), title, scatter == null ? null : scatter.get(0),
                scatter == null ? null : scatter.get(1), table, parquet == null ? null : Path.of(parquet));
        top.done();
        Pipeline p = new Pipeline(b);
        try {
            p.segmenter(null); // combinations (e.g. select of an unknown feature is checked at fit time)
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new PipelineException(name + ": " + e.getMessage());
        }
        return p;
    }

    private static Source source(Json s, Json top) throws PipelineException {
        if (s == null) {
            throw top.error("source", "is required, e.g. {\"path\": \"orders.csv\", \"preset\": \"onlineRetail\"}");
        }
        String path = s.string("path", null);
        String query = s.string("query", null);
        String url = s.string("url", null);
        if ((path == null) == (query == null)) {
            throw s.error(path == null ? "path" : "query", "give either a file \"path\" (CSV, or Parquet when named "
                    + ".parquet) or an SQL \"query\" (DuckDB, or the database of \"url\"), not "
                    + (path == null ? "neither" : "both"));
        }
        if (url != null && query == null) {
            throw s.error("url", "a database url needs a \"query\"");
        }
        if (url != null && !url.startsWith("jdbc:")) {
            throw s.error("url", "expected a JDBC URL such as jdbc:sqlite:shop.db, jdbc:duckdb:shop.duckdb or "
                    + "jdbc:postgresql://host/db but was \"" + url + "\"");
        }
        String user = s.string("user", null);
        String passwordEnv = s.string("passwordEnv", null);
        String preset = s.string("preset", null);
        Json columns = s.object("columns");
        CsvTransactionReader.Builder reader;
        Mapping mapping;
        if (preset != null && columns != null) {
            throw s.error("columns", "give either a preset or a column mapping, not both");
        }
        if (preset != null) {
            reader = preset(preset);
            if (reader == null) {
                throw s.error("preset", "unknown value \"" + preset + "\" (expected one of " + PRESETS + ")");
            }
            mapping = presetMapping(preset);
        } else if (columns != null) {
            reader = CsvTransactionReader.builder();
            try {
                List<String> entity = columns.strings("entity");
                if (entity == null || entity.isEmpty()) {
                    throw columns.error("entity", "is required (a column name, or a list of columns joined with '_')");
                }
                reader.entity(entity.toArray(new String[0]));
                String ts = columns.requiredString("timestamp");
                String tsFormat = columns.string("timestampFormat", "yyyy-MM-dd HH:mm:ss");
                reader.timestamp(ts, tsFormat);
                String order = columns.string("order", null);
                if (order != null) {
                    reader.order(order);
                }
                String q = columns.string("quantity", null);
                if (q != null) {
                    reader.quantity(q);
                }
                String a = columns.string("amount", null);
                if (a != null) {
                    reader.amount(a);
                }
                String up = columns.string("unitPrice", null);
                if (up != null) {
                    reader.unitPrice(up);
                }
                String item = columns.string("item", null);
                if (item != null) {
                    reader.item(item);
                }
                String cat = columns.string("category", null);
                if (cat != null) {
                    reader.category(cat);
                }
                mapping = new Mapping(entity, ts, tsFormat, order, q, a, up, item, cat);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new PipelineException(columns.file() + ": " + columns.path() + ": " + e.getMessage());
            }
            columns.done();
        } else {
            throw s.error("preset", "give a preset (onlineRetail, walmartTrain, predictFutureSales, "
                    + "predictFutureSalesByShop) or a column mapping \"columns\"");
        }
        String delimiter = s.string("delimiter", null);
        if (delimiter != null) {
            if (delimiter.length() != 1) {
                throw s.error("delimiter", "expected one character but was \"" + delimiter + "\"");
            }
            reader.delimiter(delimiter.charAt(0));
        }
        InvalidRowPolicy policy = s.choice("invalidRows", InvalidRowPolicy.class, null);
        if (policy != null) {
            reader.onInvalidRow(policy);
        }
        JdbcTransactionReader sqlReader = null;
        String sqlProblem = null;
        if (mapping == null) {
            sqlProblem = "the preset \"" + preset + "\" reads CSV files only; give a column mapping \"columns\" "
                    + "for a Parquet file or an SQL query";
        } else {
            try {
                sqlReader = mapping.jdbc(policy != null ? policy
                        : preset != null ? InvalidRowPolicy.SKIP : InvalidRowPolicy.FAIL);
            } catch (IllegalArgumentException | IllegalStateException e) {
                sqlProblem = "the column mapping cannot read a Parquet file or an SQL query: " + e.getMessage();
            }
        }
        if (query != null && sqlReader == null) {
            throw new PipelineException(s.file() + ": " + s.path() + ": " + sqlProblem);
        }
        if (path != null && isParquet(Path.of(path)) && sqlReader == null) {
            throw new PipelineException(s.file() + ": " + s.path() + ".path: " + sqlProblem);
        }
        s.done();
        return new Source(path == null ? null : Path.of(path), reader, sqlReader, sqlProblem, query, url, user,
                passwordEnv);
    }

    /** Whether {@code file} is read as Parquet (named .parquet). */
    static boolean isParquet(Path file) {
        return file.getFileName() != null
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    /** A column mapping, for the JDBC (Parquet, SQL) reader. */
    record Mapping(List<String> entity, String timestamp, String timestampFormat, String order, String quantity,
            String amount, String unitPrice, String item, String category) {
        JdbcTransactionReader jdbc(InvalidRowPolicy policy) {
            if (entity.size() != 1) {
                throw new IllegalArgumentException("a composite entity " + entity + " is for CSV files; join the "
                        + "columns in the query, e.g. store || '_' || dept AS entity");
            }
            if (order == null) {
                throw new IllegalArgumentException("an order column is required");
            }
            if (quantity == null) {
                throw new IllegalArgumentException("a quantity column is required");
            }
            JdbcTransactionReader.Builder b = JdbcTransactionReader.builder().entity(entity.get(0))
                    .timestamp(timestamp, timestampFormat).order(order).quantity(quantity).onInvalidRow(policy);
            if (amount != null) {
                b.amount(amount);
            }
            if (unitPrice != null) {
                b.unitPrice(unitPrice);
            }
            if (item != null) {
                b.item(item);
            }
            if (category != null) {
                b.category(category);
            }
            return b.build();
        }
    }

    /** The column mapping of a preset for Parquet and SQL sources, or null when the preset is CSV-only. */
    static Mapping presetMapping(String name) {
        if (name.equals("onlineRetail")) {
            return new Mapping(List.of("CustomerID"), "InvoiceDate", "yyyy-MM-dd HH:mm:ss", "InvoiceNo", "Quantity",
                    null, "UnitPrice", "StockCode", null);
        }
        return null;
    }

    static final String PRESETS = "onlineRetail, walmartTrain, predictFutureSales, predictFutureSalesByShop";

    /** The reader of a named layout preset, or null for an unknown name. */
    static CsvTransactionReader.Builder preset(String name) {
        return switch (name) {
            case "onlineRetail" -> CsvPresets.onlineRetail();
            case "walmartTrain" -> CsvPresets.walmartTrain();
            case "predictFutureSales" -> CsvPresets.predictFutureSales();
            case "predictFutureSalesByShop" -> CsvPresets.predictFutureSalesByShop();
            default -> null;
        };
    }

    private static Eligibility eligibility(Json e) throws PipelineException {
        Eligibility el = Eligibility.none();
        try {
            Integer months = e.integer("minActiveMonths", null);
            if (months != null) {
                el = el.withMinActiveMonths(months);
            }
            Double perYear = e.number("minAvgActiveMonthsPerYear", null);
            if (perYear != null) {
                el = el.minAvgActiveMonthsPerYear(perYear);
            }
            Integer orders = e.integer("minOrders", null);
            if (orders != null) {
                el = el.minOrders(orders);
            }
            Json periods = e.object("minActivePeriods");
            if (periods != null) {
                Period period = periods.choice("period", Period.class, null);
                if (period == null) {
                    throw periods.error("period", "is required (day, week or month)");
                }
                Integer count = periods.integer("count", null);
                if (count == null) {
                    throw periods.error("count", "is required (an integer)");
                }
                periods.done();
                el = el.minActivePeriods(period, count);
            }
        } catch (IllegalArgumentException ex) {
            throw new PipelineException(e.file() + ": " + e.path() + ": " + ex.getMessage());
        }
        e.done();
        return el;
    }

    private static final List<String> EXTRACTORS = List.of("rfm", "demandStats", "trend", "seasonality",
            "stlStrengths", "monthlyProfile", "stability", "entropy", "growth", "demandClass", "activity",
            "assortment", "distinctItems", "distinctCategories", "attributePerOrder", "categoryFocus", "engagement");

    private static FeatureExtractor extractor(Json f) throws PipelineException {
        String type = f.requiredString("type");
        FeatureExtractor out;
        try {
            out = switch (type) {
                case "rfm" -> rfm(f);
                case "demandStats" -> Features.demandStats(panel(f, PanelSpec.of(period(f))));
                case "trend" -> Features.trend(panel(f, PanelSpec.of(period(f))));
                case "seasonality" -> Features.seasonality(panel(f, PanelSpec.of(period(f))));
                case "stlStrengths" -> Features.stlStrengths(panel(f, PanelSpec.of(period(f))));
                case "demandClass" -> Features.demandClass(panel(f, PanelSpec.of(period(f))));
                case "activity" -> Features.activity(panel(f, PanelSpec.of(period(f))));
                case "stability" -> Features.stability(panel(f, PanelSpec.of(period(f))
                        .withEmptyCells(PanelSpec.EmptyCells.ABSENT)));
                case "monthlyProfile" -> Features.monthlyProfile(panel(f, Features.entityMonthlySpec()));
                case "growth" -> Features.growth(panel(f, Features.entityMonthlySpec()));
                case "entropy" -> {
                    Entropy.Over over = f.choice("over", Entropy.Over.class, null);
                    if (over == null) {
                        throw f.error("over", "is required (period, calendar-month, category or item)");
                    }
                    yield Features.entropy(over, panel(f, Features.entityMonthlySpec()));
                }
                case "assortment" -> Features.assortment();
                case "distinctItems" -> Features.distinctItems();
                case "distinctCategories" -> Features.distinctCategories();
                case "categoryFocus" -> Features.categoryFocus();
                case "engagement" -> Features.engagement();
                case "attributePerOrder" -> Features.attributePerOrder(f.requiredString("attribute"));
                default -> throw f.error("type", "unknown extractor \"" + type + "\" (expected one of "
                        + String.join(", ", EXTRACTORS) + ")");
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new PipelineException(f.file() + ": " + f.path() + ": " + e.getMessage());
        }
        f.done();
        return out;
    }

    private static Period period(Json f) throws PipelineException {
        Period p = f.choice("period", Period.class, null);
        if (p == null) {
            throw f.error("period", "is required (day, week or month)");
        }
        return p;
    }

    /** Applies measure, span and emptyCells (and a period for the monthly extractors) to a base spec. */
    private static PanelSpec panel(Json f, PanelSpec base) throws PipelineException {
        PanelSpec spec = base;
        if (!f.resolved().has("period")) {
            spec = spec.withPeriod(f.choice("period", Period.class, base.period()));
        }
        spec = spec.withMeasure(f.choice("measure", PanelSpec.Measure.class, base.measure()));
        spec = spec.withSpan(f.choice("span", PanelSpec.Span.class, base.span()));
        spec = spec.withEmptyCells(f.choice("emptyCells", PanelSpec.EmptyCells.class, base.emptyCells()));
        return spec;
    }

    private static Rfm rfm(Json f) throws PipelineException {
        Rfm.Builder b = Rfm.builder();
        b.returnsPolicy(f.choice("returnsPolicy", ReturnsPolicy.class, ReturnsPolicy.EXCLUDE));
        String prefix = f.string("cancelledOrderPrefix", null);
        String pattern = f.string("cancelledOrderPattern", null);
        if (prefix != null && pattern != null) {
            throw f.error("cancelledOrderPattern", "give cancelledOrderPrefix or cancelledOrderPattern, not both");
        }
        if (prefix != null) {
            b.cancelledOrderPrefix(prefix);
        }
        if (pattern != null) {
            b.cancelledOrderPattern(pattern);
        }
        String asOf = f.string("asOf", null);
        if (asOf != null) {
            try {
                b.asOf(LocalDate.parse(asOf));
            } catch (DateTimeParseException e) {
                throw f.error("asOf", "expected a date yyyy-MM-dd but was \"" + asOf + "\"");
            }
        }
        return b.build();
    }

    private static FeatureFilter filter(Json f) throws PipelineException {
        String feature = f.requiredString("feature");
        Double min = f.number("atLeast", null);
        Double max = f.number("atMost", null);
        f.done();
        if ((min == null) == (max == null)) {
            throw new PipelineException(f.file() + ": " + f.path() + ": give exactly one of atLeast or atMost");
        }
        try {
            return min != null ? FeatureFilter.atLeast(feature, min) : FeatureFilter.atMost(feature, max);
        } catch (IllegalArgumentException e) {
            throw new PipelineException(f.file() + ": " + f.path() + ": " + e.getMessage());
        }
    }

    enum ScalingMethod { ROBUST, STANDARD, NONE }

    private static Scaling scaling(Json s) throws PipelineException {
        ScalingMethod m = s.choice("method", ScalingMethod.class, ScalingMethod.ROBUST);
        List<String> log1p = s.strings("log1p");
        if (log1p == null) {
            log1p = List.of();
            s.resolved().putArray("log1p");
        }
        s.done();
        Scaling scaling = switch (m) {
            case ROBUST -> Scaling.robust();
            case STANDARD -> Scaling.standard();
            case NONE -> Scaling.none();
        };
        try {
            return log1p.isEmpty() ? scaling : scaling.log1p(log1p.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw new PipelineException(s.file() + ": " + s.at("log1p") + ": " + e.getMessage());
        }
    }

    private static Pca pca(Json p) throws PipelineException {
        Integer components = p.integer("components", null);
        Double target = p.number("varianceTarget", null);
        Boolean whiten = p.bool("whiten", false);
        p.done();
        try {
            Pca.Builder b = Pca.builder();
            if (components != null && target != null) {
                throw p.error("varianceTarget", "give components or varianceTarget, not both");
            }
            if (components != null) {
                b.components(components);
            } else if (target != null) {
                b.varianceTarget(target);
            } else {
                throw p.error("components", "give components (an integer) or varianceTarget (a fraction)");
            }
            return b.whiten(whiten).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new PipelineException(p.file() + ": " + p.path() + ": " + e.getMessage());
        }
    }

    private static void clusterer(Json c, Builder b) throws PipelineException {
        Json km = c.object("kmeans");
        Json sweep = c.object("kSweep");
        Json hd = c.object("hdbscan");
        c.done();
        int given = (km != null ? 1 : 0) + (sweep != null ? 1 : 0) + (hd != null ? 1 : 0);
        if (given != 1) {
            throw new PipelineException(c.file() + ": " + c.path() + ": give exactly one of kmeans, kSweep, hdbscan");
        }
        try {
            if (km != null) {
                b.kmeans = kmeans(km, true);
                km.done();
            } else if (sweep != null) {
                int kMin = sweep.integer("kMin", 2);
                int kMax = sweep.integer("kMax", 8);
                KSelection.Criterion criterion = sweep.choice("criterion", KSelection.Criterion.class,
                        KSelection.Criterion.SILHOUETTE);
                b.kmeans = kmeans(sweep, false);
                sweep.done();
                try {
                    b.selection = KSelection.range(kMin, kMax).by(criterion);
                } catch (IllegalArgumentException e) {
                    throw new PipelineException(sweep.file() + ": " + sweep.path() + ": " + e.getMessage());
                }
            } else {
                Hdbscan.Builder h = Hdbscan.builder();
                int minClusterSize = hd.integer("minClusterSize", 5);
                Integer minSamples = hd.integer("minSamples", null);
                Boolean single = hd.bool("allowSingleCluster", false);
                hd.done();
                h.minClusterSize(minClusterSize).allowSingleCluster(single);
                if (minSamples != null) {
                    h.minSamples(minSamples);
                }
                b.hdbscan = h.build();
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new PipelineException(c.file() + ": " + c.path() + ": " + e.getMessage());
        }
    }

    private static KMeans kmeans(Json k, boolean needK) throws PipelineException {
        KMeans.Builder b = KMeans.builder();
        if (needK) {
            Integer kk = k.integer("k", null);
            if (kk == null) {
                throw k.error("k", "is required (the number of segments)");
            }
            wrap(k, "k", () -> b.k(kk));
        }
        int nInit = k.integer("nInit", 10);
        wrap(k, "nInit", () -> b.nInit(nInit));
        int maxIter = k.integer("maxIter", 300);
        wrap(k, "maxIter", () -> b.maxIter(maxIter));
        double tol = k.number("tol", 1e-4);
        wrap(k, "tol", () -> b.tol(tol));
        return b.build();
    }

    private static void wrap(Json j, String key, Supplier<?> setter) throws PipelineException {
        try {
            setter.get();
        } catch (IllegalArgumentException e) {
            throw j.error(key, e.getMessage());
        }
    }

    /** The segmenter this file describes, reporting to {@code listener} (may be null). */
    /** The names of the features the pipeline's extractors produce, in order. */
    List<String> extractorFeatures() {
        List<String> out = new ArrayList<>();
        for (FeatureExtractor e : extractors) {
            out.addAll(e.featureNames());
        }
        return out;
    }

    Segmenter segmenter(ProgressListener listener) {
        return segmenter(listener, clusterer());
    }

    /** The segmenter this file describes with another clusterer. */
    Segmenter segmenter(ProgressListener listener, Clusterer clusterer) {
        Segmenter.Builder b = Segmenter.builder().features(extractors.toArray(new FeatureExtractor[0]));
        if (eligibility != null) {
            b.eligibility(eligibility);
        }
        if (!filters.isEmpty()) {
            b.filter(filters.toArray(new FeatureFilter[0]));
        }
        if (select != null) {
            b.select(select);
        }
        b.scaling(scaling);
        if (pca != null) {
            b.embedding(pca);
        }
        b.clusterer(clusterer);
        if (valueFeature != null) {
            b.valueFeature(valueFeature);
        }
        b.seed(seed).threads(threads);
        if (listener != null) {
            b.listener(listener);
        }
        return b.build();
    }

    Clusterer clusterer() {
        if (hdbscan != null) {
            return hdbscan;
        }
        return selection != null ? selection.sweep(kmeans) : kmeans;
    }

    /** The pipeline as run, with every default written out. */
    ObjectNode resolvedJson() {
        return resolved.deepCopy();
    }

    String resolvedText() {
        try {
            return MAPPER.writeValueAsString(resolved) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Source source() {
        return source;
    }

    Outputs outputs() {
        return outputs;
    }

    KMeans kmeans() {
        return kmeans;
    }

    KSelection selection() {
        return selection;
    }

    boolean hasPca() {
        return pca != null;
    }

    long seed() {
        return seed;
    }

    int threads() {
        return threads;
    }

    private static final class Builder {
        ObjectNode resolved;
        Source source;
        Eligibility eligibility;
        final List<FeatureExtractor> extractors = new ArrayList<>();
        final List<FeatureFilter> filters = new ArrayList<>();
        List<String> select;
        Scaling scaling;
        Pca pca;
        KMeans kmeans;
        KSelection selection;
        Hdbscan hdbscan;
        String valueFeature;
        long seed;
        int threads;
        Outputs outputs;
    }
}
