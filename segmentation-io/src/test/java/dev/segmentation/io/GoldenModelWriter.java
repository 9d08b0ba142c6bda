package dev.segmentation.io;

import dev.segmentation.SegmentationModel;
import dev.segmentation.data.FeatureTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the golden model files of the current format version and their expected predictions into
 * {@code src/test/resources/models}. Run once per new format version (never to "fix" a failing golden test):
 * {@code java -cp <test class path> dev.segmentation.io.GoldenModelWriter segmentation-io/src/test/resources/models}.
 */
public final class GoldenModelWriter {
    private GoldenModelWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        write(dir, "hdbscan", ModelFixtures.hdbscanModel());
        write(dir, "kmeans", ModelFixtures.kmeansModel());
    }

    private static void write(Path dir, String name, SegmentationModel m) throws Exception {
        String base = "golden-v" + SegmentationModels.FORMAT_VERSION + "-" + name;
        Files.write(dir.resolve(base + ".model.json"), SegmentationModels.toBytes(m,
                Instant.parse("2025-01-01T00:00:00Z")));
        FeatureTable probe = m.predict(ModelFixtures.next()).features();
        int[] labels = m.predict(probe).labels();
        List<String> lines = new ArrayList<>();
        lines.add("# entity, raw feature values as IEEE 754 bits in hex (" + String.join(", ", probe.featureNames())
                + "), expected label");
        for (int r = 0; r < probe.rows(); r++) {
            lines.add(FreshJvmPredict.line(probe, r) + " " + labels[r]);
        }
        Files.write(dir.resolve(base + ".expected.txt"), lines);
    }
}
