package dev.segmentation.supervised;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.state.Steps;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link PersistenceTest}: restores a classifier and a regressor from their state files through
 * the {@code StepFactory} services and writes their predictions' bits on the fixture data.
 */
public final class FreshJvmPredict {
    private FreshJvmPredict() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        FeatureTable x = Fixtures.table(500, 77);
        ClassifierModel c = Steps.restore(StateFiles.read(dir.resolve("classifier.state")), ClassifierModel.class);
        RegressorModel r = Steps.restore(StateFiles.read(dir.resolve("regressor.state")), RegressorModel.class);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("fresh.bin")))) {
            for (double v : c.probabilities(x).toArray()) {
                out.writeLong(Double.doubleToRawLongBits(v));
            }
            for (double v : r.predictAll(x).toArray()) {
                out.writeLong(Double.doubleToRawLongBits(v));
            }
        }
    }
}
