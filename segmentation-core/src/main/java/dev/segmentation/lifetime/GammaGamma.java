package dev.segmentation.lifetime;

import java.util.Objects;

/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee 2005, "RFM and CLV: using iso-value curves
 * for customer base analysis", Journal of Marketing Research 42(4); Fader and Hardie's note 025): a customer's
 * purchase values are Gamma(p, nu) with nu ~ Gamma(q, v) across customers. Fitted by maximum likelihood on the
 * customers of a {@link CustomerSummary} with frequency > 0 and monetary value > 0 (lifetimes' rule: the others
 * carry no spend information; {@link FitDiagnostics#customers()} says how many were used) into a
 * {@link GammaGammaModel}, which also reports the Pearson correlation between frequency and monetary value over those
 * customers: the model assumes spend independent of frequency, so a strong correlation argues against it.
 *
 * <p>Log-likelihood (note 025, eq. 1a) in log space with its analytic gradient; money is rescaled by 1 / mean
 * monetary value during the fit (v is in the caller's money unit; the optional L2 penalty is on the rescaled
 * parameters). Optimiser and convergence as {@link BgNbd}. For more than 20,000 customers the simplex search runs on a fixed-stride subsample of
 * about 10,000 and its answer starts the Newton steps on all customers (the answer must still converge on all of
 * them; without the subsample, the search costs most of the fit). Cost O(customers) per evaluation. Deterministic. The spec
 * is immutable and thread-safe.
 */
public final class GammaGamma {
    private final double penalizer;
    private final double tolerance;
    private final int maxIterations;

    private GammaGamma(Builder b) {
        this.penalizer = b.penalizer;
        this.tolerance = b.tolerance;
        this.maxIterations = b.maxIterations;
    }

    /** A builder with penalizer 0, tolerance 1e-10 and 100 Newton iterations. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits the model to the customers of {@code summary} with frequency > 0 and monetary value > 0.
     *
     * @throws IllegalArgumentException when fewer than two such customers exist
     * @throws ConvergenceException when the fit does not converge
     */
    public GammaGammaModel fit(CustomerSummary summary) {
        Objects.requireNonNull(summary, "summary");
        int n = 0;
        for (int i = 0; i < summary.size(); i++) {
            if (summary.frequency(i) > 0 && summary.monetary(i) > 0) {
                n++;
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("Gamma-Gamma needs at least 2 customers with frequency > 0 and"
                    + " monetary value > 0 but " + summary + " has " + n);
        }
        double[] x = new double[n];
        double[] m = new double[n];
        double mean = 0;
        int k = 0;
        for (int i = 0; i < summary.size(); i++) {
            if (summary.frequency(i) > 0 && summary.monetary(i) > 0) {
                x[k] = summary.frequency(i);
                m[k] = summary.monetary(i);
                mean += m[k] / n;
                k++;
            }
        }
        double[] scale = {1, 1, 1 / mean};
        double[][] warm = MaximumLikelihood.warmStart(n, scale, rows -> {
            double[] sm = MaximumLikelihood.pick(m, rows);
            double sMean = 0;
            for (double v : sm) {
                sMean += v / sm.length;
            }
            return fitFrom(MaximumLikelihood.pick(x, rows), sm, new double[] {1, 1, 1 / sMean}, STARTS, 450);
        });
        MaximumLikelihood.Fit f = warm != null ? fitFrom(x, m, scale, warm, MaximumLikelihood.WARM_SIMPLEX)
                : fitFrom(x, m, scale, STARTS, 450);
        return new GammaGammaModel(f.theta[0], f.theta[1], f.theta[2], pearson(x, m), f.diagnostics,
                f.standardErrors);
    }

    private static final double[][] STARTS = {{0, 0, 0}, {1, 1, 1}, {-1, 1, 0}};

    private MaximumLikelihood.Fit fitFrom(double[] x, double[] m, double[] scale, double[][] starts, int simplex) {
        GammaGammaLikelihood likelihood = new GammaGammaLikelihood(x, m);
        MaximumLikelihood.Kernel kernel = new MaximumLikelihood.Kernel() {
            @Override
            public double logLikelihood(double[] th) {
                return likelihood.evaluate(th[0], th[1], th[2], null);
            }

            @Override
            public boolean gradient(double[] th, double[] g) {
                likelihood.evaluate(th[0], th[1], th[2], g);
                return true;
            }
        };
        return MaximumLikelihood.fit("Gamma-Gamma", kernel, x.length, scale, penalizer, tolerance, maxIterations,
                starts, simplex);
    }

    /** Pearson correlation of two columns (0 when either is constant). */
    static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? 0.0 : sab / Math.sqrt(saa * sbb);
    }

    /** The L2 penalty coefficient. */
    public double penalizer() {
        return penalizer;
    }

    /** The relative gradient norm at which the fit stops. */
    public double tolerance() {
        return tolerance;
    }

    /** The Newton iteration budget. */
    public int maxIterations() {
        return maxIterations;
    }

    @Override
    public String toString() {
        return "GammaGamma[penalizer=" + penalizer + ", tolerance=" + tolerance + ", maxIterations=" + maxIterations
                + "]";
    }

    /** Settings of a {@link GammaGamma} fit; each setter validates at once. Not thread-safe. */
    public static final class Builder extends FitSettingsBuilder<Builder> {
        private Builder() {
            super(100);
        }

        /** The spec; may be called again. */
        public GammaGamma build() {
            return new GammaGamma(this);
        }
    }
}
