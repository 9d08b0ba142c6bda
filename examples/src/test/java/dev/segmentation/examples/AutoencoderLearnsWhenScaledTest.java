package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.fit.FitContext;
import dev.segmentation.nn.Autoencoder;
import dev.segmentation.nn.FittedAutoencoder;
import dev.segmentation.scaling.QuantileScaling;
import dev.segmentation.scaling.Scaler;
import dev.segmentation.scaling.Scaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 part 4: on seed 001's monthly-profile features of the bundled Online Retail data, 18 of 29 features have
 * a zero interquartile range; with scikit-learn's robust scaling they keep their own units and the seed-001
 * autoencoder's validation loss falls about 2% in 30 epochs; with the quantile transform about 72%. (With the
 * zero-range fallback the fall depends on the seed: 5.0%, 25.4%, 28.7% and 5.7% for seeds 1 to 4, so it is not
 * asserted; the quantile transform gave 72.4%, 73.3%, 72.1% and 73.4%.)
 */
class AutoencoderLearnsWhenScaledTest {
    private static FeatureTable features;

    @BeforeAll
    static void read() throws Exception {
        Path data = Path.of("data/online_retail.csv.gz");
        Assumptions.assumeTrue(Files.isRegularFile(data), "bundled Online Retail data not found at " + data);
        features = Seed001Comparison.seed001Features(data, FitContext.seeded(42));
    }

    private static double reduction(Scaler scaler) {
        DataMatrix x = scaler.fit(features).transform(features).matrix();
        FittedAutoencoder ae = Autoencoder.halfWidthPreset().build().fit(x, FitContext.seeded(42));
        double[] v = ae.validationLoss();
        return 1 - Arrays.stream(v).min().getAsDouble() / v[0];
    }

    @Test
    void validationLossBarelyMovesWithScikitLearnsRobustScaling() {
        double r = reduction(Scaling.robust());
        assertTrue(r < 0.10, "validation loss fell by " + r);
    }

    @Test
    void validationLossFallsByMoreThanTwoThirdsWithTheQuantileTransform() {
        double r = reduction(QuantileScaling.normal());
        assertTrue(r > 0.6, "validation loss fell by only " + r);
    }
}
