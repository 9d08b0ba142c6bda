package dev.segmentation.supervised;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link ClassifierPipelineTest}: reads a classifier pipeline file, scores the test's new raw
 * transactions and writes the scored entity count, the probabilities' bits and the excluded count.
 */
public final class FreshJvmPipeline {
    private FreshJvmPipeline() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ClassifierPipeline p = ClassifierPipeline.read(dir.resolve("pipeline.json"));
        ClassifierPipeline.Scores s = p.score(ClassifierPipelineTest.next(), ClassifierPipelineTest.SCORED_AT);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("fresh.bin")))) {
            out.writeInt(s.entityIds().size());
            for (String id : s.entityIds()) {
                out.writeUTF(id);
            }
            for (double v : s.probabilities().toArray()) {
                out.writeLong(Double.doubleToRawLongBits(v));
            }
            out.writeInt(s.excluded().size());
        }
    }
}
