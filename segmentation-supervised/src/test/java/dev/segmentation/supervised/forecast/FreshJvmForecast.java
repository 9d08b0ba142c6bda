package dev.segmentation.supervised.forecast;

import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process of {@link GradientBoostedModelTest}: reads a model, rebuilds the test panel from its seed, forecasts
 * and writes the forecast bits. Arguments: model file (a step state file when it ends in .state), panel seed, horizon, output file.
 */
public final class FreshJvmForecast {
    private FreshJvmForecast() {
    }

    public static void main(String[] args) throws Exception {
        GradientBoostedModel m;
        if (args[0].endsWith(".state")) {
            // through the StepFactory service, as io's model files restore steps
            m = dev.segmentation.state.Steps.restore(dev.segmentation.supervised.StateFiles.read(Path.of(args[0])),
                    GradientBoostedModel.class);
        } else {
            try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
                m = GradientBoostedModel.read(in);
            }
        }
        Forecast f = m.forecast(NoLeakageProperties.panel(Long.parseLong(args[1])), Integer.parseInt(args[2]));
        try (OutputStream o = Files.newOutputStream(Path.of(args[3]))) {
            write(new DataOutputStream(o), f);
        }
        m.close();
    }

    static void write(DataOutputStream d, Forecast f) throws java.io.IOException {
        for (double v : f.points()) {
            d.writeLong(Double.doubleToRawLongBits(v));
        }
        for (int q = 0; q < f.quantileLevels().length; q++) {
            for (double v : f.quantiles(q)) {
                d.writeLong(Double.doubleToRawLongBits(v));
            }
        }
        d.flush();
    }
}
