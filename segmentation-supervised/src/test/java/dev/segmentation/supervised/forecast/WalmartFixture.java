package dev.segmentation.supervised.forecast;

import dev.segmentation.features.Period;
import dev.segmentation.supervised.forecast.ForecastPanel.Level;
import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/** Walmart train.csv.gz as a weekly ForecastPanel (entity Store_Dept), restricted to a few series for speed. */
final class WalmartFixture {
    private WalmartFixture() {
    }

    /** The train file; skips the calling test when ../shared is absent. */
    static Path train() {
        return SharedData.require("data/walmart_store_sales/train.csv.gz");
    }

    private static java.util.List<String> lines;

    /** The data lines of the train file, read once per test JVM. */
    private static synchronized java.util.List<String> lines(Path train) {
        if (lines == null) {
            java.util.List<String> all = SharedData.lines(train);
            lines = java.util.List.copyOf(all.subList(1, all.size()));
        }
        return lines;
    }

    /** Every {@code every}-th Store_Dept id in sorted order, up to {@code limit}. */
    static Set<String> sample(Path train, int every, int limit) {
        TreeSet<String> ids = new TreeSet<>();
        for (String line : lines(train)) {
            String[] c = line.split(",");
            ids.add(c[0] + "_" + c[1]);
        }
        TreeSet<String> out = new TreeSet<>();
        int i = 0;
        for (String id : ids) {
            if (i++ % every == 0 && out.size() < limit) {
                out.add(id);
            }
        }
        return out;
    }

    /** The panel of the given series, with location (store) and category (dept) labels and the holiday flag. */
    static ForecastPanel panel(Path train, Set<String> ids) {
        ForecastPanel.Builder b = ForecastPanel.builder(Period.WEEK)
                .covariate("holiday", ForecastPanel.Availability.KNOWN_IN_ADVANCE);
        for (String line : lines(train)) {
            String[] c = line.split(",");
            String id = c[0] + "_" + c[1];
            if (ids.contains(id)) {
                LocalDate d = LocalDate.parse(c[2]);
                b.add(id, d, Double.parseDouble(c[3]));
                b.label(id, Level.LOCATION, c[0]).label(id, Level.CATEGORY, c[1]);
                b.covariateValue("holiday", id, d, c[4].equals("TRUE") ? 1 : 0);
            }
        }
        return b.build();
    }
}
