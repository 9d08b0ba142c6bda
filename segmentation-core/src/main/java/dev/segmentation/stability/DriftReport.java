package dev.segmentation.stability;

import java.util.List;
import java.util.Locale;

/**
 * Per-feature drift ({@link Drift}) and its summary: the worst PSI, the number of features at each level and the
 * overall level (that of the worst feature). Immutable and thread-safe.
 */
public final class DriftReport {
    /**
     * One feature's drift.
     *
     * @param feature the feature name
     * @param psi population stability index against the training deciles
     * @param ks two-sample Kolmogorov-Smirnov statistic
     * @param level the PSI reading
     */
    public record FeatureDrift(String feature, double psi, double ks, Drift.Level level) {
    }

    private final List<FeatureDrift> features;

    DriftReport(List<FeatureDrift> features) {
        this.features = List.copyOf(features);
    }

    /**
     * A report of drifts computed elsewhere (for example by segmentation-spark over distributed tables, with
     * {@link Drift}'s definitions of PSI and KS).
     *
     * @throws NullPointerException when the list or an element is null
     */
    public static DriftReport of(List<FeatureDrift> features) {
        return new DriftReport(java.util.Objects.requireNonNull(features, "features"));
    }

    /** Per feature, in column order (unmodifiable). */
    public List<FeatureDrift> features() {
        return features;
    }

    /** The largest PSI (0 without features). */
    public double maxPsi() {
        double m = 0;
        for (FeatureDrift f : features) {
            m = Math.max(m, f.psi());
        }
        return m;
    }

    /** The largest KS statistic (0 without features). */
    public double maxKs() {
        double m = 0;
        for (FeatureDrift f : features) {
            m = Math.max(m, f.ks());
        }
        return m;
    }

    /** The level of the worst feature. */
    public Drift.Level overall() {
        return Drift.Level.of(maxPsi());
    }

    /** Number of features at {@code level}. */
    public int count(Drift.Level level) {
        int c = 0;
        for (FeatureDrift f : features) {
            if (f.level() == level) {
                c++;
            }
        }
        return c;
    }

    /** The report as a text table, one feature per line. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-30s %10s %10s %12s%n", "feature", "PSI",
                "KS", "level"));
        for (FeatureDrift f : features) {
            sb.append(String.format(Locale.ROOT, "%-30s %10.4f %10.4f %12s%n", f.feature(), f.psi(), f.ks(),
                    f.level()));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "DriftReport[" + overall() + ", max PSI " + maxPsi() + ", " + count(Drift.Level.SIGNIFICANT)
                + " significant, " + count(Drift.Level.MODERATE) + " moderate of " + features.size() + "]";
    }
}
