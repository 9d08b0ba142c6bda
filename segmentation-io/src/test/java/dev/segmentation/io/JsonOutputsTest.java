package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonOutputsTest {
    @TempDir
    Path dir;

    @Test
    void profilesReadBackExactly() throws Exception {
        SegmentationModel m = ModelFixtures.hdbscanModel();
        Path f = dir.resolve("profiles.json");
        JsonOutputs.writeProfiles(m, f);
        JsonNode root = new ObjectMapper().readTree(f.toFile());
        assertEquals("monetary", root.get("valueFeature").textValue());
        assertEquals(m.profiles().size(), root.get("segments").size());
        for (int i = 0; i < m.profiles().size(); i++) {
            SegmentProfile p = m.profiles().get(i);
            JsonNode s = root.get("segments").get(i);
            assertEquals(p.segment(), s.get("segment").intValue());
            assertEquals(p.name(), s.get("name").textValue());
            assertEquals(p.size(), s.get("size").intValue());
            assertEquals(p.share(), s.get("share").doubleValue());
            assertEquals(p.valueShare().getAsDouble(), s.get("valueShare").doubleValue());
            for (String feature : p.featureNames()) {
                assertEquals(p.mean(feature), JsonParts.readDouble(s.get("means").get(feature), feature));
                assertEquals(p.median(feature), JsonParts.readDouble(s.get("medians").get(feature), feature));
            }
        }
    }

    @Test
    void assignmentsOfTrainingAndPrediction() throws Exception {
        SegmentationModel m = ModelFixtures.kmeansModel();
        Path f = dir.resolve("assignments.json");
        JsonOutputs.writeAssignments(m, f);
        JsonNode root = new ObjectMapper().readTree(f.toFile());
        assertEquals(m.entityIds().size(), root.get("entities").intValue());
        int[] labels = m.labels();
        for (int i = 0; i < labels.length; i++) {
            JsonNode a = root.get("assignments").get(i);
            assertEquals(m.entityIds().get(i), a.get("entity").textValue());
            assertEquals(labels[i], a.get("segment").intValue());
            assertEquals(m.profile(labels[i]).name(), a.get("name").textValue());
        }
        SegmentAssignments next = m.predict(ModelFixtures.next());
        JsonOutputs.writeAssignments(m, next, f);
        root = new ObjectMapper().readTree(f.toFile());
        assertEquals(next.size(), root.get("assignments").size());
        assertEquals(next.labels()[5], root.get("assignments").get(5).get("segment").intValue());
    }

    @Test
    void aLoadedModelWritesTheSameTrainingAssignments() throws Exception {
        Path model = dir.resolve("m.json");
        SegmentationModel fresh = ModelFixtures.kmeansModel();
        SegmentationModels.write(fresh, model);
        SegmentationModel back = SegmentationModels.read(model);
        JsonOutputs.writeAssignments(fresh, dir.resolve("a.json"));
        JsonOutputs.writeAssignments(back, dir.resolve("b.json"));
        assertEquals(java.nio.file.Files.readString(dir.resolve("a.json")),
                java.nio.file.Files.readString(dir.resolve("b.json")));
    }
}
