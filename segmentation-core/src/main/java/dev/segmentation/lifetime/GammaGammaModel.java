package dev.segmentation.lifetime;

import dev.segmentation.state.StepState;
import dev.segmentation.state.Stateful;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fitted (or given) Gamma-Gamma spend model with parameters p, q and v (v in money units), and, for a fitted
 * model, the frequency-monetary correlation of the fitted customers. Predicts lifetimes'
 * {@code conditional_expected_average_profit} (note 025, eq. 5): a weighted mean of the customer's own mean spend
 * and the population mean v p / (q - 1). Immutable and thread-safe; O(1) per customer. Persisted as step type
 * {@value GammaGammaStepFactory#TYPE}.
 */
public final class GammaGammaModel implements Stateful {
    private static final List<String> NAMES = List.of("p", "q", "v");
    private final double p;
    private final double q;
    private final double v;
    private final double correlation; // NaN when given
    private final FitDiagnostics diagnostics;
    private final double[] standardErrors;

    GammaGammaModel(double p, double q, double v, double correlation, FitDiagnostics diagnostics,
            double[] standardErrors) {
        this.p = p;
        this.q = q;
        this.v = v;
        this.correlation = correlation;
        this.diagnostics = diagnostics;
        this.standardErrors = standardErrors == null ? null : standardErrors.clone();
    }

    /**
     * A model with the given parameters.
     *
     * @throws IllegalArgumentException when a parameter is not finite and positive, naming it
     */
    public static GammaGammaModel of(double p, double q, double v) {
        BgNbdModel.checkPositive("p", p);
        BgNbdModel.checkPositive("q", q);
        BgNbdModel.checkPositive("v", v);
        return new GammaGammaModel(p, q, v, Double.NaN, null, null);
    }

    /** Shape of the per-purchase spend gamma distribution. */
    public double p() {
        return p;
    }

    /** Shape of the gamma distribution of the spend rate nu across customers. */
    public double q() {
        return q;
    }

    /** Scale (money units) of the gamma distribution of nu. */
    public double v() {
        return v;
    }

    /** The parameters p, q, v (a copy). */
    public double[] parameters() {
        return new double[] {p, q, v};
    }

    /** The parameter names, lifetimes' names. */
    public List<String> parameterNames() {
        return NAMES;
    }

    /**
     * Pearson correlation between frequency and monetary value over the fitted customers; empty for a given model.
     * The model assumes the two independent: a value far from 0 (say beyond +-0.3) argues against using it.
     */
    public Optional<Double> frequencyMonetaryCorrelation() {
        return Double.isNaN(correlation) ? Optional.empty() : Optional.of(correlation);
    }

    /** How the fit ended; empty for a given model. */
    public Optional<FitDiagnostics> diagnostics() {
        return Optional.ofNullable(diagnostics);
    }

    /** Standard errors of p, q, v; empty for a given model or a Hessian that is not negative definite. */
    public Optional<double[]> standardErrors() {
        return standardErrors == null ? Optional.empty() : Optional.of(standardErrors.clone());
    }

    /** Sum of the log-likelihoods of (x[i], m[i]), all x > 0 and m > 0; gradient w.r.t. (p, q, v) into grad. */
    static double logLikelihood(double p, double q, double v, double[] x, double[] m, double[] grad) {
        double lnGammaQ = Special.lnGamma(q);
        double lnV = Math.log(v);
        double psiQ = grad == null ? 0 : Special.digamma(q);
        double sum = 0;
        double gp = 0;
        double gq = 0;
        double gv = 0;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double px = p * xi;
            double lnM = Math.log(m[i]);
            double lnX = Math.log(xi);
            double lnXmv = Math.log(xi * m[i] + v);
            sum += Special.lnGamma(px + q) - Special.lnGamma(px) - lnGammaQ + q * lnV + (px - 1) * lnM + px * lnX
                    - (px + q) * lnXmv;
            if (grad != null) {
                double psiPxq = Special.digamma(px + q);
                gp += xi * (psiPxq - Special.digamma(px) + lnM + lnX - lnXmv);
                gq += psiPxq - psiQ + lnV - lnXmv;
                gv += q / v - (px + q) / (xi * m[i] + v);
            }
        }
        if (grad != null) {
            grad[0] = gp;
            grad[1] = gq;
            grad[2] = gv;
        }
        return sum;
    }

    /**
     * The log-likelihood of one customer's mean spend {@code m} over {@code x} repeat purchases.
     *
     * @throws IllegalArgumentException when x is not a whole number > 0 or m is not finite and > 0
     */
    public double logLikelihood(double x, double m) {
        checkSpend(x, m);
        return logLikelihood(p, q, v, new double[] {x}, new double[] {m}, null);
    }

    private static void checkSpend(double x, double m) {
        if (!(x > 0) || x != Math.rint(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("frequency must be a whole number > 0 but was " + x);
        }
        if (!(m > 0) || Double.isInfinite(m)) {
            throw new IllegalArgumentException("monetary value must be finite and > 0 but was " + m);
        }
    }

    /**
     * lifetimes' {@code conditional_expected_average_profit}: the expected mean value of a purchase of a customer
     * with {@code x} repeat purchases of mean value {@code m} (the population mean v p / (q - 1) when x = 0).
     *
     * @throws IllegalArgumentException when x is not a whole number >= 0, m is negative or not finite
     * @throws IllegalStateException when q <= 1 (the population mean does not exist)
     */
    public double expectedAverageValue(double x, double m) {
        if (!(x >= 0) || x != Math.rint(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("frequency must be a whole number >= 0 but was " + x);
        }
        if (!(m >= 0) || Double.isInfinite(m)) {
            throw new IllegalArgumentException("monetary value must be finite and >= 0 but was " + m);
        }
        if (!(q > 1)) {
            throw new IllegalStateException("q = " + q + " <= 1: the Gamma-Gamma population mean spend is infinite");
        }
        double w = p * x / (p * x + q - 1);
        double populationMean = v * p / (q - 1);
        return (1 - w) * populationMean + w * m;
    }

    /** {@link #expectedAverageValue} of every customer of {@code summary}, in its order. */
    public double[] expectedAverageValue(CustomerSummary summary) {
        Objects.requireNonNull(summary, "summary");
        double[] out = new double[summary.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = expectedAverageValue(summary.frequency(i), summary.monetary(i));
        }
        return out;
    }

    @Override
    public StepState state() {
        StepState.Builder st = StepState.builder(GammaGammaStepFactory.TYPE, GammaGammaStepFactory.VERSION)
                .put("p", p).put("q", q).put("v", v);
        if (!Double.isNaN(correlation)) {
            st.put("frequencyMonetaryCorrelation", correlation);
        }
        LifetimeStates.putDiagnostics(st, diagnostics, standardErrors);
        return st.build();
    }

    static GammaGammaModel restore(StepState st) {
        double p = st.number("p");
        double q = st.number("q");
        double v = st.number("v");
        BgNbdModel.checkPositive("p", p);
        BgNbdModel.checkPositive("q", q);
        BgNbdModel.checkPositive("v", v);
        double c = st.parameters().containsKey("frequencyMonetaryCorrelation")
                ? st.number("frequencyMonetaryCorrelation") : Double.NaN;
        return new GammaGammaModel(p, q, v, c, LifetimeStates.diagnostics(st), LifetimeStates.standardErrors(st, 3));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GammaGammaModel)) {
            return false;
        }
        GammaGammaModel g = (GammaGammaModel) o;
        return p == g.p && q == g.q && v == g.v;
    }

    @Override
    public int hashCode() {
        return Objects.hash(p, q, v);
    }

    @Override
    public String toString() {
        return "GammaGammaModel[p=" + p + ", q=" + q + ", v=" + v
                + (Double.isNaN(correlation) ? "" : ", frequencyMonetaryCorrelation=" + correlation) + "]";
    }
}
