package dev.segmentation.nn;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run by {@link NativeOutputTest} in a fresh JVM, so that ND4J, javacpp and OpenBLAS load inside it: fits the
 * seed-001 preset twice with the same seed, transforms, and writes to the file named by {@code args[0]} the ND4J
 * thread count and whether the two fits gave identical bits. It prints nothing itself.
 */
final class QuietFitMain {
    private QuietFitMain() {
    }

    public static void main(String[] args) throws IOException {
        DataMatrix x = AutoencoderTest.manifold(900, 12, 31);
        Autoencoder ae = Autoencoder.halfWidthPreset().batchSize(100).epochs(3).build();
        FittedAutoencoder a = ae.fit(x, FitContext.seeded(9));
        FittedAutoencoder b = ae.fit(x, FitContext.seeded(9));
        boolean same = a.state().equals(b.state())
                && Arrays.equals(a.transform(x).toArray(), b.transform(x).toArray())
                && Arrays.equals(a.trainingLoss(), b.trainingLoss())
                && Arrays.equals(a.validationLoss(), b.validationLoss());
        String threads = String.valueOf(org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads());
        Files.writeString(Path.of(args[0]), "threads=" + threads + "\nidentical=" + same + "\n",
                StandardCharsets.UTF_8);
    }
}
