package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13's model-file items that live in segmentation-io: one regression test per item, named after it. */
class ModelFileHardeningTest {
    @TempDir
    Path dir;

    private static byte[] saved() throws Exception {
        return SegmentationModels.toBytes(ModelFixtures.kmeansModel(), Instant.parse("2024-05-01T10:00:00Z"));
    }

    private ModelFileException refused(byte[] bytes) throws Exception {
        Path f = dir.resolve("bad.model.json");
        Files.write(f, bytes);
        return assertThrows(ModelFileException.class, () -> SegmentationModels.read(f));
    }

    private static String withRejected(String payload, String count) {
        int i = payload.indexOf("\"rejectedRows\":{");
        int j = payload.indexOf('}', i);
        return payload.substring(0, i) + "\"rejectedRows\":{\"UNPARSEABLE\":" + count + "}" + payload.substring(j + 1);
    }

    @Test
    void defect3_anAbsurdRejectedRowCountIsRefusedAtOnceInsteadOfReplayed() throws Exception {
        byte[] b = saved();
        String payload = ModelFixtures.payload(b);
        ModelFileException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> refused(ModelFixtures.withPayload(b, withRejected(payload, "9000000000000000000"))));
        assertEquals(ModelFileException.Problem.MALFORMED, e.problem());
        assertTrue(e.getMessage().endsWith("payload.provenance.rejectedRows.UNPARSEABLE is 9000000000000000000,"
                + " outside 0..1125899906842624"), e.getMessage());
        e = refused(ModelFixtures.withPayload(b, withRejected(payload, "-1")));
        assertTrue(e.getMessage().endsWith("payload.provenance.rejectedRows.UNPARSEABLE is -1, outside"
                + " 0..1125899906842624"), e.getMessage());
        // a large but possible count loads in constant time
        Path f = dir.resolve("ok.model.json");
        Files.write(f, ModelFixtures.withPayload(b, withRejected(payload, "123456789012")));
        assertEquals(123456789012L, SegmentationModels.read(f).diagnostics().rejectedRows().total());
    }

    @Test
    void defect4_aStringLongerThanJacksonsDefaultLimitIsRead() throws Exception {
        // 21 million characters, beyond Jackson's default 20,000,000-character string limit, as the base64 arrays
        // of a 420,000 x 6 HDBSCAN model are: the reader must not refuse what the writer wrote
        byte[] b = saved();
        String payload = ModelFixtures.payload(b);
        String big = "{\"padding\":\"" + "A".repeat(21_000_000) + "\"," + payload.substring(1);
        Path f = dir.resolve("big.model.json");
        Files.write(f, ModelFixtures.withPayload(b, big));
        assertEquals(ModelFixtures.kmeansModel().segmentCount(), SegmentationModels.read(f).segmentCount());
    }

    @Test
    void weakSpot_profilesAreValidatedOnLoad() throws Exception {
        byte[] b = saved();
        String payload = ModelFixtures.payload(b);
        ModelFileException e = refused(ModelFixtures.withPayload(b, payload.replaceFirst("\"segment\":2,",
                "\"segment\":99,")));
        assertEquals(ModelFileException.Problem.INVALID_CONTENT, e.problem());
        assertTrue(e.getMessage().endsWith("profile of segment 99: the cluster model has segments -1..2"),
                e.getMessage());
        e = refused(ModelFixtures.withPayload(b, payload.replaceFirst("\"segment\":2,", "\"segment\":1,")));
        assertTrue(e.getMessage().endsWith("segment 1 has two profiles"), e.getMessage());
        String shares = payload.replaceFirst("\"share\":[^,]*,", "\"share\":1.0,");
        e = refused(ModelFixtures.withPayload(b, shares));
        assertTrue(e.getMessage().contains("the profiles' shares add up to"), e.getMessage());
        String sizes = payload.replaceFirst("\"size\":([0-9]+),", "\"size\":1$1,");
        e = refused(ModelFixtures.withPayload(b, sizes));
        assertTrue(e.getMessage().contains("the profiles' sizes add up to"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("nothing")));
    }
}
