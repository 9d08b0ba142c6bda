package dev.segmentation.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Coverage-guided fuzz test of model-file reading ({@link SegmentationModels#read}); the seed corpus under
 * {@code src/test/resources/dev/segmentation/io/ModelFileFuzzTestInputs/read/} (the golden files of every format
 * version) runs as a regression test in the normal suite.
 *
 * <p>First byte even: the rest is the file as is (so the envelope, the JSON syntax and the checksum are fuzzed).
 * First byte odd: the rest is a payload, wrapped in an envelope with a matching checksum, so the fuzzer reaches the
 * step states, profiles and provenance behind the checksum. Oracle: a model, or a {@link ModelFileException} (an
 * {@link java.io.IOException}); never another exception, never a hang.
 */
class ModelFileFuzzTest {
    private static final Path FILE = Path.of("fuzzed.model.json");

    @FuzzTest(maxDuration = "10m")
    void read(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        byte[] file;
        if ((data[0] & 1) == 0) {
            file = java.util.Arrays.copyOfRange(data, 1, data.length);
        } else {
            byte[] payload = java.util.Arrays.copyOfRange(data, 1, data.length);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
            byte[] head = ("{\"format\":\"" + SegmentationModels.FORMAT + "\",\"formatVersion\":2,\"sha256\":\"" + sha
                    + "\",\n\"payload\":").getBytes(StandardCharsets.UTF_8);
            byte[] tail = "}\n".getBytes(StandardCharsets.UTF_8);
            file = new byte[head.length + payload.length + tail.length];
            System.arraycopy(head, 0, file, 0, head.length);
            System.arraycopy(payload, 0, file, head.length, payload.length);
            System.arraycopy(tail, 0, file, head.length + payload.length, tail.length);
        }
        try {
            SegmentationModels.fromBytes(FILE, file);
        } catch (ModelFileException expected) {
            // a typed refusal naming the file and the part
        }
    }
}
