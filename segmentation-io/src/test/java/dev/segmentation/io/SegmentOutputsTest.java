package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.features.Rfm;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.testing.SyntheticRetail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles and the summary table as CSV and JSON. */
class SegmentOutputsTest {
    @TempDir
    Path dir;

    private static SegmentationModel model() {
        return Segmenter.builder().features(Rfm.builder().cancelledOrderPrefix("C").build())
                .scaling(Scaling.robust().log1p("monetary")).clusterer(KMeans.builder().k(3)).seed(3).build()
                .fit(SyntheticRetail.transactions(90, 5));
    }

    @Test
    void profilesCsvHoldsEveryMeanAndMedianExactly() throws Exception {
        SegmentationModel m = model();
        Path f = dir.resolve("profiles.csv");
        SegmentOutputs.writeProfilesCsv(m, f);
        List<String> lines = Files.readAllLines(f);
        List<String> features = m.features().featureNames();
        List<String> header = new ArrayList<>(List.of("segment", "name", "size", "share", "value_share"));
        features.forEach(x -> header.add("mean_" + x));
        features.forEach(x -> header.add("median_" + x));
        assertEquals(String.join(",", header), lines.get(0));
        assertEquals(m.profiles().size() + 1, lines.size());
        int d = features.size();
        for (int s = 0; s < m.profiles().size(); s++) {
            SegmentProfile p = m.profiles().get(s);
            String[] c = lines.get(s + 1).split(",", -1);
            assertEquals(p.segment(), Integer.parseInt(c[0]));
            assertEquals(p.name(), c[1]);
            assertEquals(p.size(), Integer.parseInt(c[2]));
            assertEquals(p.share(), Double.parseDouble(c[3]));
            assertEquals(p.valueShare().getAsDouble(), Double.parseDouble(c[4]));
            for (int j = 0; j < d; j++) {
                assertEquals(p.means()[j], Double.parseDouble(c[5 + j]), features.get(j));
                assertEquals(p.medians()[j], Double.parseDouble(c[5 + d + j]), features.get(j));
            }
        }
        SegmentOutputs.writeProfilesJson(m, dir.resolve("profiles.json"));
        JsonNode j = new ObjectMapper().readTree(dir.resolve("profiles.json").toFile());
        assertEquals(m.profiles().size(), j.get("segments").size());
    }

    @Test
    void summaryAsCsvAndJson() throws Exception {
        SegmentationModel m = model();
        Map<String, Object> s = SegmentOutputs.summary(m);
        assertEquals(3, s.get("segments"));
        assertEquals(m.entityIds().size(), s.get("entities_segmented"));
        assertEquals(3L, s.get("seed"));
        assertEquals(String.join(", ", m.features().featureNames()), s.get("features"));
        assertEquals(m.clusterModel().toString(), s.get("cluster_model"));
        SegmentOutputs.writeSummaryCsv(m, dir.resolve("summary.csv"));
        SegmentOutputs.writeSummaryJson(m, dir.resolve("summary.json"));
        List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals("key,value", lines.get(0));
        assertEquals(s.size() + 1, lines.size());
        assertEquals("segments,3", lines.get(1));
        assertTrue(lines.contains("entities_segmented," + m.entityIds().size()), lines.toString());
        JsonNode j = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(s.size(), j.size());
        assertTrue(j.get("segments").isInt());
        assertEquals(3, j.get("segments").asInt());
        assertEquals(m.scaler().toString(), j.get("scaler").asText());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(new ArrayList<>(s.keySet()), keys, "same order");
    }
}
