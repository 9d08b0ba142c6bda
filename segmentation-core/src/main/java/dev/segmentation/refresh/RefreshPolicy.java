package dev.segmentation.refresh;

import dev.segmentation.SegmentationModel;
import java.util.Locale;
import java.util.Objects;

/**
 * When to refit: the settings of the decision between re-scoring a new window with the saved model and refitting.
 * {@link #baseline(SegmentationModel)} records, at fit time, what the decision compares against (a
 * {@link RefreshBaseline}, saved with the model); {@link RefreshBaseline#decide} makes the decision on a new window.
 *
 * <p><b>Rule.</b> Refit when any of these holds, else re-score:
 * <ul>
 *   <li>drift: some feature's PSI against the training deciles is at least {@link Builder#maxPsi(double)} (default
 *   0.25, the usual "significant shift"), or its Kolmogorov-Smirnov statistic is at least
 *   {@link Builder#maxKs(double)} (default 0.2);</li>
 *   <li>coverage: the share of new entities far from every segment is at least
 *   {@link Builder#maxFarFraction(double)} (default 0.05). Far means: for K-Means, a squared distance to the nearest
 *   centre above the {@link Builder#farQuantile(double)} quantile (default 0.99) of the training entities'; for a
 *   Gaussian mixture, a log-likelihood below the {@code 1 - farQuantile} quantile of the training entities'; for
 *   any other cluster model (HDBSCAN), predicted as noise;</li>
 *   <li>quality: the saved model fits the new window worse than its training data by at least
 *   {@link Builder#maxQualityLoss(double)} (default 0.2): for K-Means the relative increase of the mean squared
 *   distance to the nearest centre, for a Gaussian mixture the drop of the mean log-likelihood per entity (nats),
 *   otherwise the increase of the noise share.</li>
 * </ul>
 * The far shares of the training entities are about {@code 1 - farQuantile} by construction, so
 * {@code maxFarFraction} should sit well above it.
 *
 * <p>Immutable and thread-safe; the builder validates each setter at once and is not thread-safe.
 */
public final class RefreshPolicy {
    private final double maxPsi;
    private final double maxKs;
    private final double maxFarFraction;
    private final double farQuantile;
    private final double maxQualityLoss;

    RefreshPolicy(double maxPsi, double maxKs, double maxFarFraction, double farQuantile, double maxQualityLoss) {
        this.maxPsi = maxPsi;
        this.maxKs = maxKs;
        this.maxFarFraction = maxFarFraction;
        this.farQuantile = farQuantile;
        this.maxQualityLoss = maxQualityLoss;
    }

    /** A builder with the defaults: maxPsi 0.25, maxKs 0.2, maxFarFraction 0.05, farQuantile 0.99, maxQualityLoss 0.2. */
    public static Builder builder() {
        return new Builder();
    }

    /** The policy with the defaults. */
    public static RefreshPolicy defaults() {
        return builder().build();
    }

    /** PSI from which a feature's drift calls for a refit. */
    public double maxPsi() {
        return maxPsi;
    }

    /** KS statistic from which a feature's drift calls for a refit. */
    public double maxKs() {
        return maxKs;
    }

    /** Share of far entities from which a refit is called for. */
    public double maxFarFraction() {
        return maxFarFraction;
    }

    /** The training quantile that defines "far". */
    public double farQuantile() {
        return farQuantile;
    }

    /** Quality loss from which a refit is called for. */
    public double maxQualityLoss() {
        return maxQualityLoss;
    }

    /**
     * The baseline of {@code fitted} under this policy: a 201-quantile summary of every training feature, the far
     * threshold and the training quality. O(n log n) per feature plus one prediction of the training entities.
     *
     * @throws NullPointerException when {@code fitted} is null
     * @throws IllegalArgumentException when the model has no training features (a loaded model: take the baseline
     *     right after the fit) or no training entity
     */
    public RefreshBaseline baseline(SegmentationModel fitted) {
        return RefreshBaseline.of(this, Objects.requireNonNull(fitted, "fitted"));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RefreshPolicy)) {
            return false;
        }
        RefreshPolicy p = (RefreshPolicy) o;
        return p.maxPsi == maxPsi && p.maxKs == maxKs && p.maxFarFraction == maxFarFraction
                && p.farQuantile == farQuantile && p.maxQualityLoss == maxQualityLoss;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxPsi, maxKs, maxFarFraction, farQuantile, maxQualityLoss);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RefreshPolicy[maxPsi %s, maxKs %s, maxFarFraction %s, farQuantile %s, "
                + "maxQualityLoss %s]", maxPsi, maxKs, maxFarFraction, farQuantile, maxQualityLoss);
    }

    /** Settings of a {@link RefreshPolicy}; each setter validates at once. Not thread-safe. */
    public static final class Builder {
        private double maxPsi = 0.25;
        private double maxKs = 0.2;
        private double maxFarFraction = 0.05;
        private double farQuantile = 0.99;
        private double maxQualityLoss = 0.2;

        private Builder() {
        }

        /** @throws IllegalArgumentException when {@code psi} is not > 0 and finite */
        public Builder maxPsi(double psi) {
            if (!(psi > 0) || Double.isInfinite(psi)) {
                throw new IllegalArgumentException("maxPsi must be > 0 and finite but was " + psi);
            }
            this.maxPsi = psi;
            return this;
        }

        /** @throws IllegalArgumentException when {@code ks} is not in (0, 1] */
        public Builder maxKs(double ks) {
            if (!(ks > 0 && ks <= 1)) {
                throw new IllegalArgumentException("maxKs must be in (0, 1] but was " + ks);
            }
            this.maxKs = ks;
            return this;
        }

        /** @throws IllegalArgumentException when {@code f} is not in (0, 1] */
        public Builder maxFarFraction(double f) {
            if (!(f > 0 && f <= 1)) {
                throw new IllegalArgumentException("maxFarFraction must be in (0, 1] but was " + f);
            }
            this.maxFarFraction = f;
            return this;
        }

        /** @throws IllegalArgumentException when {@code q} is not in (0.5, 1) */
        public Builder farQuantile(double q) {
            if (!(q > 0.5 && q < 1)) {
                throw new IllegalArgumentException("farQuantile must be in (0.5, 1) but was " + q);
            }
            this.farQuantile = q;
            return this;
        }

        /** @throws IllegalArgumentException when {@code loss} is not > 0 and finite */
        public Builder maxQualityLoss(double loss) {
            if (!(loss > 0) || Double.isInfinite(loss)) {
                throw new IllegalArgumentException("maxQualityLoss must be > 0 and finite but was " + loss);
            }
            this.maxQualityLoss = loss;
            return this;
        }

        /**
         * The policy; can be called again and never changes the builder.
         *
         * @throws IllegalStateException when {@code maxFarFraction <= 1 - farQuantile} (the training data alone
         *     would call for a refit)
         */
        public RefreshPolicy build() {
            if (maxFarFraction <= 1 - farQuantile) {
                throw new IllegalStateException("maxFarFraction " + maxFarFraction + " must be above 1 - farQuantile "
                        + "(" + (1 - farQuantile) + "), the far share of the training data itself");
            }
            return new RefreshPolicy(maxPsi, maxKs, maxFarFraction, farQuantile, maxQualityLoss);
        }
    }
}
