package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentAssignments.Status;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.Rfm;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.testing.SyntheticRetail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assignments with segment, name, strength, outlier score and status, as CSV and JSON. */
class AssignmentTableTest {
    private static final long DAY = 86_400L;

    @TempDir
    Path dir;

    private static Segmenter.Builder segmenter() {
        return Segmenter.builder().features(Rfm.builder().cancelledOrderPrefix("C").build())
                .scaling(Scaling.robust().log1p("monetary")).seed(3);
    }

    /** {@code base} plus a one-order customer (ineligible under min 2 orders) and a customer with only a return. */
    private static Transactions withExtras(Transactions base) {
        Transactions.Builder b = Transactions.builder();
        for (int r = 0; r < base.size(); r++) {
            b.add(base.entityId(base.entityOf(r)), base.epochSecond(r), base.orderId(r), base.quantity(r),
                    base.amount(r));
        }
        long t = base.epochSecond(0);
        b.add("one-off", t + DAY, "x1", 1.0, 10.0);
        b.add("returner", t + DAY, "x2", -1.0, -20.0);
        b.add("returner", t + 2 * DAY, "x3", -1.0, -5.0);
        return b.build();
    }

    private static List<String[]> csv(Path f) throws Exception {
        List<String> lines = Files.readAllLines(f);
        assertEquals(String.join(",", AssignmentTable.CSV_HEADER), lines.get(0));
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    }

    @Test
    void trainingAssignmentsOfHdbscanCarryStrengthsAndOutlierScores() throws Exception {
        SegmentationModel model = segmenter().clusterer(Hdbscan.builder().minClusterSize(5)).build()
                .fit(SyntheticRetail.transactions(150, 5));
        HdbscanModel h = (HdbscanModel) model.clusterModel();
        AssignmentTable t = AssignmentTable.training(model);
        assertEquals(model.entityIds(), t.entityIds());
        assertTrue(t.hasStrengths());
        assertTrue(t.hasOutlierScores());
        t.writeCsv(dir.resolve("a.csv"));
        t.writeJson(dir.resolve("a.json"));
        List<String[]> rows = csv(dir.resolve("a.csv"));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("a.json").toFile());
        assertEquals(t.size(), json.get("entities").asInt());
        assertEquals(t.size(), json.get("assigned").asInt());
        int[] labels = model.labels();
        double[] strengths = h.strengths();
        double[] outliers = h.outlierScores();
        for (int i = 0; i < t.size(); i++) {
            String[] r = rows.get(i);
            JsonNode j = json.get("assignments").get(i);
            String name = model.profile(labels[i]).name();
            assertEquals(model.entityIds().get(i), r[0]);
            assertEquals(labels[i], Integer.parseInt(r[1]));
            assertEquals(name, r[2]);
            assertEquals(Double.doubleToLongBits(strengths[i]), Double.doubleToLongBits(Double.parseDouble(r[3])));
            assertEquals(Double.doubleToLongBits(outliers[i]), Double.doubleToLongBits(Double.parseDouble(r[4])));
            assertEquals("ASSIGNED", r[5]);
            assertEquals("", r[6]);
            assertEquals(model.entityIds().get(i), j.get("entity").asText());
            assertEquals(labels[i], j.get("segment").asInt());
            assertEquals(name, j.get("name").asText());
            assertEquals(strengths[i], j.get("strength").asDouble());
            assertEquals(outliers[i], j.get("outlierScore").asDouble());
            assertEquals("ASSIGNED", j.get("status").asText());
            assertFalse(j.has("eligibilityRule"));
        }
    }

    @Test
    void predictedAssignmentsListIneligibleAndUndescribedEntitiesWithTheirStatus() throws Exception {
        SegmentationModel model = segmenter().eligibility(Eligibility.none().minOrders(2))
                .clusterer(Hdbscan.builder().minClusterSize(5)).build().fit(SyntheticRetail.transactions(150, 5));
        SegmentAssignments p = model.predict(withExtras(SyntheticRetail.transactions(60, 6)));
        assertEquals(Status.NOT_ELIGIBLE, p.status("one-off"));
        AssignmentTable t = AssignmentTable.predicted(model, p);
        assertEquals(p.size() + p.notEligible().size() + p.notDescribed().size(), t.size());
        assertEquals(p.size(), t.assigned());
        assertTrue(t.hasStrengths());
        assertTrue(t.hasOutlierScores(), "HDBSCAN scores new rows (approximate GLOSH)");
        t.writeCsv(dir.resolve("p.csv"));
        t.writeJson(dir.resolve("p.json"));
        List<String[]> rows = csv(dir.resolve("p.csv"));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("p.json").toFile()).get("assignments");
        double[] strengths = p.strengths().orElseThrow();
        for (int i = 0; i < t.size(); i++) {
            String id = t.entityIds().get(i);
            String[] r = rows.get(i);
            JsonNode j = json.get(i);
            assertEquals(id, r[0]);
            assertEquals(p.status(id).name(), r[5]);
            assertEquals(p.status(id), t.status(i));
            if (i < p.size()) {
                double o = p.outlierScore(id).getAsDouble();
                assertEquals(Double.doubleToLongBits(o), Double.doubleToLongBits(Double.parseDouble(r[4])));
                assertEquals(o, j.get("outlierScore").asDouble());
                assertEquals(o, t.outlierScore(i).getAsDouble());
                assertTrue(o >= 0 && o <= 1, id + ": " + o);
                assertEquals(p.label(id).getAsInt(), Integer.parseInt(r[1]));
                assertEquals(strengths[i], Double.parseDouble(r[3]));
                assertEquals(strengths[i], j.get("strength").asDouble());
                assertEquals(strengths[i], t.strength(i).getAsDouble());
            } else {
                assertEquals("", r[1]);
                assertEquals("", r[2]);
                assertEquals("", r[3]);
                assertEquals("", r[4]);
                assertFalse(j.has("segment") || j.has("name") || j.has("strength") || j.has("outlierScore"));
                assertTrue(t.outlierScore(i).isEmpty());
                assertTrue(t.segment(i).isEmpty() && t.segmentName(i).isEmpty() && t.strength(i).isEmpty());
            }
            String rule = p.notEligible().get(id);
            assertEquals(rule == null ? "" : rule, r[6]);
            assertEquals(rule, j.has("eligibilityRule") ? j.get("eligibilityRule").asText() : null);
        }
        int oneOff = t.entityIds().indexOf("one-off");
        assertEquals("MIN_ORDERS", t.eligibilityRule(oneOff).orElseThrow());
        int returner = t.entityIds().indexOf("returner");
        assertEquals(Status.NOT_DESCRIBED, t.status(returner));
    }

    @Test
    void kMeansHasNoStrengthsAndStableIdsReplaceTheSegmentsButNotTheNames() throws Exception {
        SegmentationModel model = segmenter().clusterer(KMeans.builder().k(3)).build()
                .fit(SyntheticRetail.transactions(90, 5));
        AssignmentTable t = AssignmentTable.training(model);
        assertFalse(t.hasStrengths());
        assertFalse(t.hasOutlierScores());
        // K-Means defines no outlier score for new rows either: the column stays empty
        assertFalse(AssignmentTable.predicted(model, model.predict(SyntheticRetail.transactions(30, 6)))
                .hasOutlierScores());
        int[] labels = model.labels();
        int[] stable = new int[labels.length];
        for (int i = 0; i < stable.length; i++) {
            stable[i] = labels[i] + 10;
        }
        AssignmentTable s = t.withSegmentIds(stable);
        s.writeCsv(dir.resolve("s.csv"));
        List<String[]> rows = csv(dir.resolve("s.csv"));
        for (int i = 0; i < labels.length; i++) {
            assertEquals(labels[i] + 10, Integer.parseInt(rows.get(i)[1]));
            assertEquals(model.profile(labels[i]).name(), rows.get(i)[2]);
            assertEquals("", rows.get(i)[3]);
            assertEquals(labels[i], t.segment(i).getAsInt(), "the original table is unchanged");
        }
    }

    @Test
    void errorsAreNamed() throws Exception {
        SegmentationModel model = segmenter().clusterer(KMeans.builder().k(2)).build()
                .fit(SyntheticRetail.transactions(40, 5));
        AssignmentTable t = AssignmentTable.training(model);
        assertEquals("segmentIds has 3 values but the table has " + t.assigned() + " assigned entities",
                assertThrows(IllegalArgumentException.class, () -> t.withSegmentIds(new int[3])).getMessage());
        assertEquals("row must be within [0, " + t.size() + ") but was -1", assertThrows(
                IllegalArgumentException.class, () -> t.status(-1)).getMessage());
        Path file = dir.resolve("m.json");
        SegmentationModels.write(model, file);
        AssignmentTable loaded = AssignmentTable.training(SegmentationModels.read(file));
        assertEquals(t.entityIds(), loaded.entityIds(), "a loaded model keeps its training assignments");
        assertThrows(NullPointerException.class, () -> AssignmentTable.predicted(model, null));
    }
}
