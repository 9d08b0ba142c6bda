package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Rfm;
import dev.segmentation.scaling.Scaling;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationModelsTest {
    @TempDir
    Path dir;

    private static void assertSamePredictions(SegmentationModel a, SegmentationModel b, Transactions tx) {
        SegmentAssignments x = a.predict(tx);
        SegmentAssignments y = b.predict(tx);
        assertEquals(x.entityIds(), y.entityIds());
        assertArrayEquals(x.labels(), y.labels());
        assertEquals(x.outlierScores().isPresent(), y.outlierScores().isPresent());
        if (x.outlierScores().isPresent()) {
            assertArrayEquals(x.outlierScores().get(), y.outlierScores().get(), "outlier scores, same bits");
        }
    }

    private static void assertSameProfiles(List<SegmentProfile> a, List<SegmentProfile> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            SegmentProfile p = a.get(i);
            SegmentProfile q = b.get(i);
            assertEquals(p.segment(), q.segment());
            assertEquals(p.name(), q.name());
            assertEquals(p.size(), q.size());
            assertEquals(p.share(), q.share());
            assertEquals(p.valueShare(), q.valueShare());
            assertArrayEquals(p.means(), q.means());
            assertArrayEquals(p.medians(), q.medians());
            assertEquals(p.featureNames(), q.featureNames());
        }
    }

    @Test
    void hdbscanModelRoundTripsAndPredictsIdentically() throws Exception {
        SegmentationModel m = ModelFixtures.hdbscanModel();
        assertTrue(m.segmentCount() >= 2, m.toString());
        Path f = dir.resolve("hdbscan.model.json");
        SegmentationModels.write(m, f);
        SegmentationModels.Loaded loaded = SegmentationModels.load(f);
        SegmentationModel back = loaded.model();
        assertSamePredictions(m, back, ModelFixtures.next());
        assertSamePredictions(m, back, ModelFixtures.train());
        assertSameProfiles(m.profiles(), back.profiles());
        assertEquals(m.valueFeature(), back.valueFeature());
        assertEquals(m.segmentCount(), back.segmentCount());
        assertEquals(m.features().featureNames(), back.features().featureNames());
        assertArrayEquals(m.labels(), back.labels(), "training labels travel in the file");
        assertEquals(m.entityIds(), back.entityIds());
        assertArrayEquals(m.strengths().orElseThrow(), back.strengths().orElseThrow());
        // the read model scores outliers of new rows with the same bits, and re-scores the training entities at
        // their training GLOSH scores (the file keeps no outlier scores: they derive from the prediction data)
        assertTrue(back.predict(ModelFixtures.next()).outlierScores().isPresent());
        assertArrayEquals(((HdbscanModel) m.clusterModel()).outlierScores(),
                back.predict(ModelFixtures.train()).outlierScores().orElseThrow());
        assertFalse(back.hasTrainingFeatures());
        assertEquals(m.provenance().settings(), back.provenance().settings());
        assertEquals(m.provenance().stageSeeds(), back.provenance().stageSeeds());
        assertEquals(m.provenance().jvm(), back.provenance().jvm());
        ModelProvenance p = loaded.provenance();
        assertEquals(2, p.formatVersion());
        assertEquals(21, p.seed());
        assertEquals(SegmentationModels.fingerprint(m.features()), p.trainingFingerprint());
        assertTrue(p.trainingFingerprint().matches("sha256:[0-9a-f]{64}"), p.trainingFingerprint());
        assertEquals(m.features().featureNames(), p.featureNames());
        assertEquals(m.diagnostics().entitiesSegmented(), p.entitiesSegmented());
        assertEquals(m.diagnostics().transactionRows(), p.transactionRows());
        assertEquals(SegmentationModels.libraryVersion(), p.libraryVersion());
        assertFalse(p.libraryVersion().equals("unknown"));
        int last = m.provenance().settings().size() - 1;
        assertEquals(m.provenance().settings().get(last), p.settings().get("step " + last));
        assertTrue(p.settings().get("step " + last).startsWith("Hdbscan[minClusterSize=5"), p.settings().toString());
        assertEquals(m.diagnostics().seed(), back.diagnostics().seed());
        assertEquals(m.diagnostics().rejectedRows().counts(), back.diagnostics().rejectedRows().counts());
    }

    @Test
    void kmeansModelRoundTripsAndSavingTwiceGivesTheSamePayload() throws Exception {
        SegmentationModel m = ModelFixtures.kmeansModel();
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        byte[] a = SegmentationModels.toBytes(m, t);
        byte[] b = SegmentationModels.toBytes(m, t);
        assertArrayEquals(a, b);
        SegmentationModel back = SegmentationModels.fromBytes(dir.resolve("x"), a).model();
        assertSamePredictions(m, back, ModelFixtures.next());
        // a loaded model saves again to the same steps and profiles (only the fingerprint is gone: no rows)
        String again = ModelFixtures.payload(SegmentationModels.toBytes(back, t));
        String first = ModelFixtures.payload(a);
        assertEquals(withoutTrainingFacts(first), withoutTrainingFacts(again));
    }

    @Test
    void eligibilityTravelsWithTheModelAndStillReportsIneligibleEntities() throws Exception {
        Transactions train = ModelFixtures.train();
        SegmentationModel m = Segmenter.builder().features(ModelFixtures.rfm())
                .eligibility(dev.segmentation.features.Eligibility.none().minOrders(3))
                .scaling(Scaling.standard()).clusterer(KMeans.builder().k(3).nInit(2)).seed(5).build().fit(train);
        assertTrue(m.diagnostics().entitiesIneligible() > 0, m.diagnostics().toString());
        Path f = dir.resolve("eligible.model.json");
        SegmentationModels.write(m, f);
        SegmentationModel back = SegmentationModels.read(f);
        assertEquals(m.eligibility().get().toString(), back.eligibility().get().toString());
        assertEquals(m.diagnostics().ineligibleByRule(), back.diagnostics().ineligibleByRule());
        SegmentAssignments a = m.predict(train);
        SegmentAssignments b = back.predict(train);
        assertEquals(a.notEligible(), b.notEligible());
        assertFalse(b.notEligible().isEmpty());
        assertArrayEquals(a.labels(), b.labels());
    }

    @Test
    void aModelWithEngagementFeaturesIsSavedAndScoresNewEventsIdentically() throws Exception {
        Transactions train = ModelFixtures.train();
        Transactions next = ModelFixtures.next();
        SegmentationModel m = Segmenter.builder().features(ModelFixtures.rfm(),
                        dev.segmentation.features.Features.engagement())
                .scaling(Scaling.standard()).clusterer(KMeans.builder().k(3).nInit(2)).seed(5).build()
                .fit(train, events(train, 1));
        Path f = dir.resolve("engagement.model.json");
        SegmentationModels.write(m, f);
        SegmentationModel back = SegmentationModels.read(f);
        dev.segmentation.data.Events later = events(next, 2);
        SegmentAssignments a = m.predict(next, later);
        SegmentAssignments b = back.predict(next, later);
        assertEquals(a.entityIds(), b.entityIds());
        assertArrayEquals(a.labels(), b.labels());
        assertEquals("Engagement[events_per_active_day, events_per_order] needs an event table, but none was given: "
                + "fit with Segmenter.fit(transactions, events) and score with SegmentationModel.predict("
                + "transactions, events)", assertThrows(IllegalStateException.class, () -> back.predict(next))
                        .getMessage());
    }

    /** A few events for every other entity of {@code tx}, on the days of its purchases and the next. */
    private static dev.segmentation.data.Events events(Transactions tx, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        dev.segmentation.data.Events.Builder b = dev.segmentation.data.Events.builder();
        for (int e = 0; e < tx.entityCount(); e += 2) {
            int n = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                int row = tx.entityStart(e) + rnd.nextInt(tx.entityEnd(e) - tx.entityStart(e));
                b.add(tx.entityId(e), tx.epochSecond(row) + rnd.nextInt(2) * 86_400L, "view");
            }
        }
        return b.build();
    }

    /** The payload without the facts a loaded model no longer has (fingerprint, timings, row counts in settings). */
    private static String withoutTrainingFacts(String payload) {
        return payload.replaceAll("\"trainingFingerprint\":\"[^\"]*\"", "")
                .replaceAll("\"stageMillis\":\\{[^}]*\\}", "").replaceAll("\"settings\":\\{[^}]*\\}", "");
    }

    @Test
    void modelFittedOnAFeatureTableRoundTrips() throws Exception {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 120;
        String[] ids = new String[n];
        double[] v = new double[n * 2];
        for (int i = 0; i < n; i++) {
            ids[i] = "e" + i;
            v[2 * i] = (i % 3) * 10 + rnd.nextDouble();
            v[2 * i + 1] = rnd.nextDouble() == 0.5 ? -0.0 : (i % 3) - rnd.nextDouble();
        }
        FeatureTable t = FeatureTable.wrap(ids, new String[] {"x", "y"}, v);
        SegmentationModel m = Segmenter.builder().scaling(Scaling.robust()).clusterer(KMeans.builder().k(3))
                .seed(1).build().fit(t);
        Path f = dir.resolve("table.model.json");
        SegmentationModels.write(m, f);
        SegmentationModel back = SegmentationModels.read(f);
        assertTrue(back.extractors().isEmpty());
        assertArrayEquals(m.predict(t).labels(), back.predict(t).labels());
        assertArrayEquals(m.labels(), back.predict(t).labels());
    }

    @Test
    void anRfmWithAPredicateIsRefusedAndNothingIsWritten() throws Exception {
        Segmenter.Builder sb = Segmenter.builder().features(Rfm.builder().cancelledOrders(id -> id.startsWith("C"))
                .build()).clusterer(KMeans.builder().k(2)).seed(1);
        assertTrue(assertThrows(IllegalStateException.class, sb::build).getMessage().startsWith("the model would not"
                + " be saveable: this Rfm flags cancelled orders with an arbitrary predicate"));
        SegmentationModel m = sb.allowUnsaveableSteps().build().fit(ModelFixtures.train());
        Path f = dir.resolve("m.json");
        Files.writeString(f, "old");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SegmentationModels.write(m, f));
        assertTrue(e.getMessage().startsWith("this Rfm flags cancelled orders with an arbitrary predicate"),
                e.getMessage());
        assertEquals("old", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    private byte[] saved() throws Exception {
        return SegmentationModels.toBytes(ModelFixtures.kmeansModel(), Instant.parse("2024-05-01T10:00:00Z"));
    }

    private ModelFileException refused(byte[] bytes) throws Exception {
        Path f = dir.resolve("bad.model.json");
        Files.write(f, bytes);
        return assertThrows(ModelFileException.class, () -> SegmentationModels.read(f));
    }

    @Test
    void truncatedFilesAreRefused() throws Exception {
        byte[] b = saved();
        for (int cut : new int[] {1, 40, 120, b.length / 2, b.length - 3}) {
            ModelFileException e = refused(java.util.Arrays.copyOf(b, cut));
            assertEquals(ModelFileException.Problem.TRUNCATED, e.problem(), e.getMessage());
            assertTrue(e.getMessage().contains("the file ends early, after " + cut + " bytes"), e.getMessage());
        }
        ModelFileException e = refused(new byte[0]);
        assertEquals(ModelFileException.Problem.TRUNCATED, e.problem());
        assertTrue(e.getMessage().endsWith("bad.model.json': the file is empty"), e.getMessage());
    }

    @Test
    void corruptedAndEditedFilesFailTheirChecksum() throws Exception {
        byte[] b = saved();
        String text = new String(b, StandardCharsets.UTF_8);
        // a hand edit: rename a segment
        byte[] edited = text.replaceFirst("\"name\":\"Segment 1\"", "\"name\":\"Segment X\"")
                .getBytes(StandardCharsets.UTF_8);
        ModelFileException e = refused(edited);
        assertEquals(ModelFileException.Problem.CHECKSUM_MISMATCH, e.problem());
        assertTrue(e.getMessage().matches(".*: the payload's SHA-256 is [0-9a-f]{64} but the file records [0-9a-f]{64}:"
                + " the file was corrupted or edited"), e.getMessage());
        // a flipped bit inside a number
        int at = text.indexOf("\"centres\"");
        int digit = at;
        while (!Character.isDigit(text.charAt(digit)) || text.charAt(digit) == '9') {
            digit++;
        }
        byte[] flipped = b.clone();
        flipped[digit]++;
        assertEquals(ModelFileException.Problem.CHECKSUM_MISMATCH, refused(flipped).problem());
        // garbage bytes that break the JSON itself
        byte[] broken = text.replace("\"segments\":[", "\"segments\":{").getBytes(StandardCharsets.UTF_8);
        ModelFileException m = refused(broken);
        assertTrue(m.problem() == ModelFileException.Problem.MALFORMED, m.getMessage());
        assertTrue(m.getMessage().contains("not valid JSON at line"), m.getMessage());
    }

    @Test
    void aNewerFormatVersionIsRefusedNamingBothVersions() throws Exception {
        String text = new String(saved(), StandardCharsets.UTF_8).replaceFirst("\"formatVersion\":2,",
                "\"formatVersion\":7,");
        ModelFileException e = refused(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(ModelFileException.Problem.NEWER_VERSION, e.problem());
        assertTrue(e.getMessage().endsWith("bad.model.json': it has format version 7, newer than the versions this"
                + " library (segmentation-io " + SegmentationModels.libraryVersion() + ") reads: up to 2; load it with"
                + " a newer segmentation-io"), e.getMessage());
    }

    @Test
    void otherJsonIsNotAModelFile() throws Exception {
        ModelFileException e = refused("{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(ModelFileException.Problem.NOT_A_MODEL_FILE, e.problem());
        assertTrue(e.getMessage().endsWith("its format is missing, expected 'dev.segmentation/model'"),
                e.getMessage());
        e = refused("[1, 2]".getBytes(StandardCharsets.UTF_8));
        assertEquals(ModelFileException.Problem.NOT_A_MODEL_FILE, e.problem());
        assertTrue(e.getMessage().endsWith("it does not start with a JSON object"), e.getMessage());
    }

    @Test
    void wellFormedButInconsistentPayloadsNameThePart() throws Exception {
        byte[] b = saved();
        String payload = ModelFixtures.payload(b);
        ModelFileException e = refused(ModelFixtures.withPayload(b,
                payload.replaceFirst("\"type\":\"kmeans\"", "\"type\":\"autoencoder\"")));
        assertEquals(ModelFileException.Problem.UNKNOWN_STEP, e.problem());
        assertTrue(e.getMessage().contains("the step 2 is of step type 'autoencoder', which no factory on the"
                + " class path restores"), e.getMessage());
        e = refused(ModelFixtures.withPayload(b, payload.replaceFirst("\"k\":3", "\"k\":4")));
        assertEquals(ModelFileException.Problem.INVALID_CONTENT, e.problem());
        assertTrue(e.getMessage().endsWith("the step 2 cannot be restored: kmeans state: 4 x 5 centres need 20"
                + " values but there are 15"), e.getMessage());
        e = refused(ModelFixtures.withPayload(b, payload.replaceFirst("\"formatVersion\":2", "\"formatVersion\":3")));
        assertEquals(ModelFileException.Problem.MALFORMED, e.problem());
        assertTrue(e.getMessage().endsWith("the envelope says format version 2 but the payload says 3"),
                e.getMessage());
        e = refused(ModelFixtures.withPayload(b, payload.replaceFirst("\"seed\":22", "\"seed\":\"x\"")));
        assertEquals(ModelFileException.Problem.MALFORMED, e.problem());
        assertTrue(e.getMessage().endsWith("payload.provenance.seed must be an integer but is \"x\""),
                e.getMessage());
    }

    @Test
    void doublesRoundTripToTheSameBits() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 1e23, 2e23, 0.1, 1.0 / 3,
            5e-324, 9007199254740993.0, 4.35, 0.3};
        double[] random = new double[20_000];
        for (int i = 0; i < random.length; i++) {
            random[i] = rnd.nextBoolean() ? Double.longBitsToDouble(rnd.nextLong()) : rnd.nextDouble() * 1e6;
        }
        for (double[] a : new double[][] {special, random, java.util.Arrays.copyOf(random, 30)}) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (var g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
                JsonParts.writeDoubles(g, a);
            }
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toByteArray());
            double[] back = JsonParts.readDoubles(node, "x");
            assertEquals(a.length, back.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(back[i]),
                        "value " + a[i] + " at " + i);
            }
            // the inline form too, value by value
            for (int i = 0; i < Math.min(a.length, 2000); i++) {
                java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
                try (var g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(o)) {
                    JsonParts.writeDouble(g, a[i]);
                }
                double v = JsonParts.readDouble(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(o.toByteArray()), "x");
                if (!Double.isNaN(a[i])) {
                    assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(v), "value " + a[i]);
                } else {
                    assertTrue(Double.isNaN(v));
                }
            }
        }
    }
}
