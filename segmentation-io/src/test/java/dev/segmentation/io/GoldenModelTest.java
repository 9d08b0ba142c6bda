package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.features.Rfm;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The golden files of every format version (written once per version by {@link GoldenModelWriter}) must load and
 * predict the same labels forever: format 1 through the migration to the step list, format 2 directly.
 */
class GoldenModelTest {
    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GoldenModelTest.class.getResource("/models/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1-hdbscan", "v1-kmeans", "v2-hdbscan", "v2-kmeans"})
    void everyFormatVersionLoadsAndPredictsAsWhenSaved(String file) throws Exception {
        int version = Integer.parseInt(file.substring(1, 2));
        String kind = file.substring(3);
        SegmentationModels.Loaded loaded = SegmentationModels.load(resource("golden-" + file + ".model.json"));
        SegmentationModel m = loaded.model();
        assertEquals(version, loaded.provenance().formatVersion());
        assertEquals(version >= 2, m.labels().length > 0, "format 2 keeps the training labels");
        assertEquals(Rfm.class, m.extractors().get(0).getClass());
        assertEquals("C", ((Rfm) m.extractors().get(0)).cancelledOrderPrefix().orElseThrow());
        assertEquals(kind.equals("hdbscan") ? HdbscanModel.class : KMeansModel.class, m.clusterModel().getClass());
        assertEquals(kind.equals("hdbscan"), m.embedding().isPresent());

        List<String> lines = Files.readAllLines(resource("golden-" + file + ".expected.txt"));
        List<String> names = m.features().featureNames();
        List<String> ids = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ");
            ids.add(f[0]);
            double[] row = new double[names.size()];
            for (int j = 0; j < row.length; j++) {
                row[j] = Double.longBitsToDouble(Long.parseUnsignedLong(f[j + 1], 16));
            }
            rows.add(row);
            expected.add(Integer.parseInt(f[names.size() + 1]));
        }
        double[] v = new double[rows.size() * names.size()];
        int[] want = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, v, i * names.size(), names.size());
            want[i] = expected.get(i);
        }
        SegmentAssignments scored = m.predict(FeatureTable.wrap(ids.toArray(new String[0]),
                names.toArray(new String[0]), v));
        int[] got = scored.labels();
        assertArrayEquals(want, got);
        // files written before outlier scores of new rows existed score them all the same (HDBSCAN: approximate
        // GLOSH from the prediction data every version keeps); K-Means defines none
        assertEquals(kind.equals("hdbscan"), scored.outlierScores().isPresent());
        if (kind.equals("hdbscan")) {
            double[] scores = scored.outlierScores().orElseThrow();
            assertEquals(want.length, scores.length);
            assertTrue(java.util.Arrays.stream(scores).allMatch(o -> o >= 0 && o <= 1));
            assertTrue(java.util.Arrays.stream(scores).distinct().count() >= 2, "the probe's scores differ");
        }
        assertTrue(java.util.Arrays.stream(want).distinct().count() >= 2, "the probe covers several segments");
    }
}
