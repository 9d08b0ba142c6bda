package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.Eligibility;
import dev.segmentation.features.Features;
import dev.segmentation.features.Rfm;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps files: a round trip of core steps and every refusal with its problem and message. */
class StepFilesTest {
    private static final List<Object> STEPS = List.of(Eligibility.minActiveMonths(3), Features.rfm());
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void roundTrip(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("steps.json");
        StepFiles.write(f, "test-kind", STEPS, Map.of("seed", "42"));
        StepFiles.Contents c = StepFiles.read(f, "test-kind");
        assertEquals("test-kind", c.kind());
        assertEquals(Map.of("seed", "42"), c.notes());
        assertEquals(2, c.states().size());
        assertEquals(Steps.state(STEPS.get(1)), c.states().get(1));
        assertEquals(Steps.state(STEPS.get(1)), Steps.state(c.step(1, Rfm.class)));
        assertTrue(c.step(0, FittedStep.class) instanceof Eligibility);
        assertEquals(SegmentationModels.libraryVersion(), c.libraryVersion());
    }

    @Test
    void badFilesAreRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("steps.json");
        byte[] good = StepFiles.toBytes("test-kind", STEPS, Map.of(), AT);
        assertEquals(ModelFileException.Problem.TRUNCATED, problem(f, Arrays.copyOf(good, good.length / 2)));
        assertEquals(ModelFileException.Problem.TRUNCATED, problem(f, new byte[0]));
        String text = new String(good, StandardCharsets.UTF_8);
        assertEquals(ModelFileException.Problem.NEWER_VERSION, problem(f, text.replaceFirst("\"formatVersion\":1",
                "\"formatVersion\":2").getBytes(StandardCharsets.UTF_8)));
        assertEquals(ModelFileException.Problem.CHECKSUM_MISMATCH, problem(f, text.replace("minActiveMonths",
                "minActiveMonthz").getBytes(StandardCharsets.UTF_8)));
        assertEquals(ModelFileException.Problem.NOT_A_MODEL_FILE, problem(f, text.replace(StepFiles.FORMAT,
                SegmentationModels.FORMAT).getBytes(StandardCharsets.UTF_8)));
        assertEquals(ModelFileException.Problem.MALFORMED, problem(f, (text.trim() + " trailing")
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(ModelFileException.Problem.MALFORMED, problem(f, text.replaceFirst("\"formatVersion\":1",
                "\"formatVersion\":\"1\"").getBytes(StandardCharsets.UTF_8)));
        assertEquals(ModelFileException.Problem.NOT_A_MODEL_FILE, problem(f, "[1, 2]".getBytes(
                StandardCharsets.UTF_8)));
        String emptySteps = "{\"formatVersion\":1,\"kind\":\"test-kind\",\"provenance\":{\"libraryVersion\":\"x\","
                + "\"createdAt\":\"2026-01-02T03:04:05Z\"},\"steps\":[]}";
        ModelFileException empty = assertThrows(ModelFileException.class, () -> StepFiles.fromBytes(f,
                envelope(emptySteps), "test-kind"));
        assertEquals("model file '" + f + "': payload.steps must be a non-empty array but is []", empty.getMessage());
        Files.write(f, good);
        ModelFileException kind = assertThrows(ModelFileException.class, () -> StepFiles.read(f, "other-kind"));
        assertEquals("model file '" + f + "': it holds a 'test-kind', expected a 'other-kind'", kind.getMessage());
    }

    @Test
    void unknownStepTypesAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("steps.json");
        StepFiles.write(f, "k", List.of(StepState.builder("no-such-step", 1).build()), Map.of());
        ModelFileException e = assertThrows(ModelFileException.class, () -> StepFiles.read(f, "k").step(0,
                Object.class));
        assertEquals(ModelFileException.Problem.UNKNOWN_STEP, e.problem());
        assertTrue(e.getMessage().contains("step 0 is of step type 'no-such-step'"), e.getMessage());
    }

    @Test
    void badArgumentsAreRefusedBeforeWriting(@TempDir Path dir) {
        Path f = dir.resolve("steps.json");
        assertEquals("steps must not be empty", assertThrows(IllegalArgumentException.class,
                () -> StepFiles.write(f, "k", List.of(), Map.of())).getMessage());
        assertEquals("kind must not be blank but was ' '", assertThrows(IllegalArgumentException.class,
                () -> StepFiles.write(f, " ", STEPS, Map.of())).getMessage());
        assertEquals("notes must not use the reserved key 'createdAt'", assertThrows(IllegalArgumentException.class,
                () -> StepFiles.write(f, "k", STEPS, Map.of("createdAt", "x"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StepFiles.write(f, "k",
                List.of(new Object()), Map.of())).getMessage().startsWith("cannot save a step of class"));
        assertTrue(Files.notExists(f), "nothing written");
    }

    /** An envelope with a correct checksum around {@code payload}. */
    private static byte[] envelope(String payload) throws Exception {
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(payload.getBytes(StandardCharsets.UTF_8)));
        return ("{\"format\":\"" + StepFiles.FORMAT + "\",\"formatVersion\":1,\"sha256\":\"" + sha + "\",\"payload\":"
                + payload + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static ModelFileException.Problem problem(Path f, byte[] bytes) throws Exception {
        Files.write(f, bytes);
        return assertThrows(ModelFileException.class, () -> StepFiles.read(f, "test-kind")).problem();
    }
}
