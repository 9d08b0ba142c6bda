package dev.segmentation.lifetime;

import dev.segmentation.state.StepState;
import dev.segmentation.state.Stateful;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fitted (or given) Pareto/NBD model (Schmittlein, Morrison and Colombo 1987) with parameters r, alpha, s, beta
 * (alpha and beta in the model's {@link TimeUnit}). Predictions follow lifetimes 0.11.3's formulas from Fader and
 * Hardie's note 009: conditional expected purchases (eq. 41), P(alive) (eq. 36-37) and the unconditional
 * expectation (eq. 27), on the same log-space likelihood terms as the fit (see {@link ParetoNbd}).
 *
 * <p>Immutable and thread-safe. Per customer O(k) where k, the number of continued-fraction steps, grows like
 * 1 / sqrt(1 - z) with z = |alpha - beta| / (max(alpha, beta) + t<sub>x</sub>) (tens of steps on retail data).
 * Persisted as step type {@value ParetoNbdStepFactory#TYPE}.
 */
public final class ParetoNbdModel implements PurchaseModel, Stateful {
    private static final List<String> NAMES = List.of("r", "alpha", "s", "beta");
    private final double r;
    private final double alpha;
    private final double s;
    private final double beta;
    private final TimeUnit unit;
    private final FitDiagnostics diagnostics;
    private final double[] standardErrors;

    ParetoNbdModel(double r, double alpha, double s, double beta, TimeUnit unit, FitDiagnostics diagnostics,
            double[] standardErrors) {
        this.r = r;
        this.alpha = alpha;
        this.s = s;
        this.beta = beta;
        this.unit = unit;
        this.diagnostics = diagnostics;
        this.standardErrors = standardErrors == null ? null : standardErrors.clone();
    }

    /**
     * A model with the given parameters.
     *
     * @throws IllegalArgumentException when a parameter is not finite and positive, naming it
     */
    public static ParetoNbdModel of(double r, double alpha, double s, double beta, TimeUnit unit) {
        BgNbdModel.checkPositive("r", r);
        BgNbdModel.checkPositive("alpha", alpha);
        BgNbdModel.checkPositive("s", s);
        BgNbdModel.checkPositive("beta", beta);
        return new ParetoNbdModel(r, alpha, s, beta, Objects.requireNonNull(unit, "unit"), null, null);
    }

    /**
     * The no-drop-out limit of the Pareto/NBD (s = 0, beta = +infinity): the NBD model, whose customers are all
     * alive; what {@link ParetoNbd} returns when the data show no drop-out.
     *
     * @throws IllegalArgumentException when r or alpha is not finite and positive
     */
    public static ParetoNbdModel withoutDropout(double r, double alpha, TimeUnit unit) {
        BgNbdModel.checkPositive("r", r);
        BgNbdModel.checkPositive("alpha", alpha);
        return new ParetoNbdModel(r, alpha, 0.0, Double.POSITIVE_INFINITY, Objects.requireNonNull(unit, "unit"), null,
                null);
    }

    /** False for the no-drop-out limit s = 0 (see {@link #withoutDropout}). */
    public boolean hasDropout() {
        return s > 0;
    }

    /** Shape of the purchase-rate gamma distribution. */
    public double r() {
        return r;
    }

    /** Scale (time units) of the purchase-rate gamma distribution. */
    public double alpha() {
        return alpha;
    }

    /** Shape of the drop-out-rate gamma distribution; 0 in the no-drop-out limit. */
    public double s() {
        return s;
    }

    /** Scale (time units) of the drop-out-rate gamma distribution; +infinity in the no-drop-out limit. */
    public double beta() {
        return beta;
    }

    @Override
    public TimeUnit timeUnit() {
        return unit;
    }

    @Override
    public double[] parameters() {
        return new double[] {r, alpha, s, beta};
    }

    @Override
    public List<String> parameterNames() {
        return NAMES;
    }

    /** How the fit ended; empty for a model built with {@link #of}. */
    public Optional<FitDiagnostics> diagnostics() {
        return Optional.ofNullable(diagnostics);
    }

    /**
     * Standard errors of r, alpha, s, beta; empty for a given model or when the Hessian is not negative definite
     * (for the no-drop-out limit, those of r and alpha from the NBD fit and +infinity for s and beta).
     */
    public Optional<double[]> standardErrors() {
        return standardErrors == null ? Optional.empty() : Optional.of(standardErrors.clone());
    }

    /**
     * ln A_0 of Fader and Hardie's note 009 (eq. 19-20): ln[2F1(r+s+x, t; r+s+x+1; z1) / (M + tx)^(r+s+x) -
     * 2F1(r+s+x, t; r+s+x+1; z2) / (M + T)^(r+s+x)], with M = max(alpha, beta), t = r + x when alpha < beta else
     * s + 1, z = |alpha - beta| / (M + time). Negative infinity when tx = T.
     */
    static double lnA0(double r, double alpha, double s, double beta, double x, double tx, double age) {
        return Special.logSubExp(lnTerm(r, alpha, s, beta, x, tx, Special.MAX_TERMS),
                lnTerm(r, alpha, s, beta, x, age, Special.MAX_TERMS));
    }

    /**
     * ln[2F1(r+s+x, t; r+s+x+1; |alpha - beta| / (M + time)) / (M + time)^(r+s+x)], one of the two terms of A_0.
     *
     * @throws ArithmeticException when the series needs more than {@code maxTerms} terms
     */
    static double lnTerm(double r, double alpha, double s, double beta, double x, double time, int maxTerms) {
        double max;
        double diff;
        double t;
        if (alpha < beta) {
            max = beta;
            diff = beta - alpha;
            t = r + x;
        } else {
            max = alpha;
            diff = alpha - beta;
            t = s + 1;
        }
        double rsf = r + s + x;
        return Special.lnHyp2f1APlusOneCf(rsf, t, diff / (max + time), maxTerms) - rsf * Math.log(max + time);
    }

    /**
     * The NBD log-likelihood (the Pareto/NBD at s = 0: no drop-out) summed over customers; gradient w.r.t.
     * (r, alpha) into {@code grad} when not null.
     */
    static double nbdLogLikelihood(double r, double alpha, double[] x, double[] age, double[] grad) {
        double lnGammaR = Special.lnGamma(r);
        double lnAlpha = Math.log(alpha);
        double psiR = grad == null ? 0 : Special.digamma(r);
        double sum = 0;
        double gr = 0;
        double ga = 0;
        for (int i = 0; i < x.length; i++) {
            double rx = r + x[i];
            double lnAT = Math.log(alpha + age[i]);
            sum += Special.lnGamma(rx) - lnGammaR + r * lnAlpha - rx * lnAT;
            if (grad != null) {
                gr += Special.digamma(rx) - psiR + lnAlpha - lnAT;
                ga += r / alpha - rx / (alpha + age[i]);
            }
        }
        if (grad != null) {
            grad[0] = gr;
            grad[1] = ga;
        }
        return sum;
    }

    /** One customer's log-likelihood (note 009, eq. 18). */
    static double logLikelihood(double r, double alpha, double s, double beta, double x, double tx, double age) {
        if (s == 0) {
            return Special.lnGamma(r + x) - Special.lnGamma(r) + r * Math.log(alpha) - (r + x) * Math.log(alpha + age);
        }
        double a1 = Special.lnGamma(r + x) - Special.lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
        double lnA0 = lnA0(r, alpha, s, beta, x, tx, age);
        double a2 = Special.logAddExp(-(r + x) * Math.log(alpha + age) - s * Math.log(beta + age),
                Math.log(s) + lnA0 - Math.log(r + s + x));
        return a1 + a2;
    }

    static double logLikelihood(double r, double alpha, double s, double beta, double[] x, double[] tx,
            double[] age) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += logLikelihood(r, alpha, s, beta, x[i], tx[i], age[i]);
        }
        return sum;
    }

    @Override
    public double logLikelihood(double x, double tx, double age) {
        PurchaseModel.checkHistory(x, tx, age);
        return logLikelihood(r, alpha, s, beta, x, tx, age);
    }

    /** lifetimes' {@code conditional_expected_number_of_purchases_up_to_time} (note 009, eq. 41). */
    @Override
    public double expectedPurchases(double t, double x, double tx, double age) {
        BgNbdModel.checkHorizon(t);
        PurchaseModel.checkHistory(x, tx, age);
        if (t == 0) {
            return 0.0;
        }
        if (s == 0) {
            return (r + x) / (alpha + age) * t;
        }
        double ll = logLikelihood(r, alpha, s, beta, x, tx, age);
        double first = Special.lnGamma(r + x) - Special.lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta)
                - (r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
        double second = Math.log(r + x) + Math.log(beta + age) - Math.log(alpha + age);
        double third = Math.log(oneMinusPowOverSm1(s, Math.log((beta + age) / (beta + age + t))));
        return Math.exp(first + second + third - ll);
    }

    /** (1 - e^((s-1) l)) / (s - 1), its limit -l at s = 1. */
    private static double oneMinusPowOverSm1(double s, double l) {
        double sm1 = s - 1;
        if (Math.abs(sm1) < 1e-12) {
            return -l;
        }
        return -Math.expm1(sm1 * l) / sm1;
    }

    /** lifetimes' {@code conditional_probability_alive} (note 009, eq. 36-37). */
    @Override
    public double probabilityAlive(double x, double tx, double age) {
        PurchaseModel.checkHistory(x, tx, age);
        if (s == 0) {
            return 1.0;
        }
        double lnA0 = lnA0(r, alpha, s, beta, x, tx, age);
        return 1 / (1 + Math.exp(Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + age)
                + s * Math.log(beta + age) + lnA0));
    }

    /**
     * The expected number of purchases in the first {@code t} time units of a new customer (note 009, eq. 27).
     *
     * @throws IllegalArgumentException when t is negative or not finite
     */
    public double expectedPurchases(double t) {
        BgNbdModel.checkHorizon(t);
        if (s == 0) {
            return r / alpha * t;
        }
        return r * beta / alpha * oneMinusPowOverSm1(s, Math.log(beta / (beta + t)));
    }

    @Override
    public StepState state() {
        StepState.Builder st = StepState.builder(ParetoNbdStepFactory.TYPE, ParetoNbdStepFactory.VERSION)
                .put("r", r).put("alpha", alpha).put("s", s).put("beta", beta).put("timeUnit", unit.name());
        LifetimeStates.putDiagnostics(st, diagnostics, standardErrors);
        return st.build();
    }

    static ParetoNbdModel restore(StepState st) {
        double r = st.number("r");
        double alpha = st.number("alpha");
        double s = st.number("s");
        double beta = st.number("beta");
        BgNbdModel.checkPositive("r", r);
        BgNbdModel.checkPositive("alpha", alpha);
        if (!(s == 0 && beta == Double.POSITIVE_INFINITY)) {
            BgNbdModel.checkPositive("s", s);
            BgNbdModel.checkPositive("beta", beta);
        }
        return new ParetoNbdModel(r, alpha, s, beta, LifetimeStates.timeUnit(st), LifetimeStates.diagnostics(st),
                LifetimeStates.standardErrors(st, 4));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ParetoNbdModel)) {
            return false;
        }
        ParetoNbdModel m = (ParetoNbdModel) o;
        return r == m.r && alpha == m.alpha && s == m.s && beta == m.beta && unit == m.unit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(r, alpha, s, beta, unit);
    }

    @Override
    public String toString() {
        return "ParetoNbdModel[r=" + r + ", alpha=" + alpha + ", s=" + s + ", beta=" + beta + " per " + unit
                + (diagnostics == null ? "" : ", logLikelihood=" + diagnostics.logLikelihood()) + "]";
    }
}
