package dev.segmentation.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationDiagnostics;
import dev.segmentation.SegmentationModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's segment profiles and its summary table as CSV and JSON files (assignments are
 * {@link AssignmentTable}'s), written atomically (temporary file, then a move):
 * <ul>
 *   <li>{@link #writeProfilesCsv}: one row per segment (noise first when present): {@code segment, name, size,
 *       share, value_share} (empty without a value feature), then {@code mean_<feature>} and
 *       {@code median_<feature>} for every raw feature; {@link #writeProfilesJson} is
 *       {@link JsonOutputs#writeProfiles}.</li>
 *   <li>{@link #summary}: the summary table of the model, in this order: {@code segments, entities_segmented,
 *       entities_in, entities_not_described, entities_ineligible, transaction_rows, rejected_rows, seed,
 *       value_feature} (when there is one), {@code library_version, features, extractor_<i>, eligibility} (when
 *       there is one), {@code scaler, embedding} (when there is one) and {@code cluster_model}; the same rows
 *       {@link HtmlReport} shows. {@link #writeSummaryCsv} writes them as {@code key,value} lines,
 *       {@link #writeSummaryJson} as one object (counts as JSON numbers, the rest as strings).</li>
 * </ul>
 * Doubles are written so they parse back to the same bits (CSV: {@link Double#toString}; JSON: NaN and the
 * infinities as strings). O(segments x features). Stateless and thread-safe.
 */
public final class SegmentOutputs {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private SegmentOutputs() {
    }

    /**
     * Writes the segment profiles of {@code model} as CSV.
     *
     * @throws IOException when the file cannot be written
     */
    public static void writeProfilesCsv(SegmentationModel model, Path file) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        List<String> features = model.features().featureNames();
        List<String> header = new ArrayList<>(List.of("segment", "name", "size", "share", "value_share"));
        for (String f : features) {
            header.add("mean_" + f);
        }
        for (String f : features) {
            header.add("median_" + f);
        }
        int d = features.size();
        CsvWriter.defaults().write(file, header, rows -> {
            Object[] cells = new Object[5 + 2 * d];
            for (SegmentProfile p : model.profiles()) {
                cells[0] = p.segment();
                cells[1] = p.name();
                cells[2] = p.size();
                cells[3] = p.share();
                cells[4] = p.valueShare().isPresent() ? (Object) p.valueShare().getAsDouble() : null;
                double[] means = p.means();
                double[] medians = p.medians();
                for (int j = 0; j < d; j++) {
                    cells[5 + j] = means[j];
                    cells[5 + d + j] = medians[j];
                }
                rows.row(cells);
            }
        });
    }

    /**
     * Writes the segment profiles of {@code model} as JSON ({@link JsonOutputs#writeProfiles}).
     *
     * @throws IOException when the file cannot be written
     */
    public static void writeProfilesJson(SegmentationModel model, Path file) throws IOException {
        JsonOutputs.writeProfiles(model, file);
    }

    /**
     * The summary table of {@code model}, key to value in the order of the class comment (unmodifiable; values
     * are {@link Integer}, {@link Long} or {@link String}).
     */
    public static Map<String, Object> summary(SegmentationModel model) {
        Objects.requireNonNull(model, "model");
        SegmentationDiagnostics d = model.diagnostics();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("segments", model.segmentCount());
        m.put("entities_segmented", d.entitiesSegmented());
        m.put("entities_in", d.entitiesIn());
        m.put("entities_not_described", d.entitiesNotDescribed());
        m.put("entities_ineligible", d.entitiesIneligible());
        m.put("transaction_rows", d.transactionRows());
        m.put("rejected_rows", d.rejectedRows().total());
        m.put("seed", d.seed());
        model.valueFeature().ifPresent(v -> m.put("value_feature", v));
        m.put("library_version", SegmentationModels.libraryVersion());
        m.put("features", String.join(", ", model.features().featureNames()));
        for (int i = 0; i < model.extractors().size(); i++) {
            m.put("extractor_" + i, model.extractors().get(i).toString());
        }
        model.eligibility().ifPresent(e -> m.put("eligibility", e.toString()));
        m.put("scaler", model.scaler().toString());
        model.embedding().ifPresent(e -> m.put("embedding", e.toString()));
        m.put("cluster_model", model.clusterModel().toString());
        return Collections.unmodifiableMap(m);
    }

    /**
     * Writes {@link #summary} as CSV with the header {@code key,value}.
     *
     * @throws IOException when the file cannot be written
     */
    public static void writeSummaryCsv(SegmentationModel model, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Map<String, Object> s = summary(model);
        CsvWriter.defaults().write(file, List.of("key", "value"), rows -> {
            for (Map.Entry<String, Object> e : s.entrySet()) {
                rows.row(e.getKey(), e.getValue());
            }
        });
    }

    /**
     * Writes {@link #summary} as one JSON object.
     *
     * @throws IOException when the file cannot be written
     */
    public static void writeSummaryJson(SegmentationModel model, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Map<String, Object> s = summary(model);
        AtomicFiles.write(file, out -> {
            try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                for (Map.Entry<String, Object> e : s.entrySet()) {
                    Object v = e.getValue();
                    if (v instanceof Integer) {
                        g.writeNumberField(e.getKey(), (Integer) v);
                    } else if (v instanceof Long) {
                        g.writeNumberField(e.getKey(), (Long) v);
                    } else {
                        g.writeStringField(e.getKey(), v.toString());
                    }
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
        });
    }
}
