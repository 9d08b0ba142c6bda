package dev.segmentation.lifetime;

import dev.segmentation.state.StepState;
import dev.segmentation.state.Stateful;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.math3.special.Beta;

/**
 * A fitted (or given) BG/NBD model (Fader, Hardie and Lee 2005) with parameters r, alpha (in the model's
 * {@link TimeUnit}), a and b. Predictions follow lifetimes 0.11.3's formulas: conditional expected purchases
 * (FHL 2005, eq. 10, with the Gauss hypergeometric function through Euler's transformation so it neither overflows
 * nor loses terms for heavy buyers), P(alive) (Fader, Hardie and Lee's note 021), the unconditional expectation
 * (eq. 9) and the probability of exactly n purchases (eq. 8, the tail through the regularised incomplete beta
 * function).
 *
 * <p>Immutable and thread-safe. Per customer O(1), except the conditional expectation, whose series needs O(k)
 * terms where k grows as t / (alpha + T) approaches 1 (a few tens for typical data). Persisted as step type
 * {@value BgNbdStepFactory#TYPE}.
 */
public final class BgNbdModel implements PurchaseModel, Stateful {
    private static final List<String> NAMES = List.of("r", "alpha", "a", "b");
    private final double r;
    private final double alpha;
    private final double a;
    private final double b;
    private final TimeUnit unit;
    private final FitDiagnostics diagnostics; // null when given
    private final double[] standardErrors; // null when unknown

    BgNbdModel(double r, double alpha, double a, double b, TimeUnit unit, FitDiagnostics diagnostics,
            double[] standardErrors) {
        this.r = r;
        this.alpha = alpha;
        this.a = a;
        this.b = b;
        this.unit = unit;
        this.diagnostics = diagnostics;
        this.standardErrors = standardErrors == null ? null : standardErrors.clone();
    }

    /**
     * A model with the given parameters (e.g. from lifetimes or a paper).
     *
     * @throws IllegalArgumentException when a parameter is not finite and positive, naming it
     */
    public static BgNbdModel of(double r, double alpha, double a, double b, TimeUnit unit) {
        checkPositive("r", r);
        checkPositive("alpha", alpha);
        checkPositive("a", a);
        checkPositive("b", b);
        return new BgNbdModel(r, alpha, a, b, Objects.requireNonNull(unit, "unit"), null, null);
    }

    static void checkPositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0 but was " + v);
        }
    }

    /**
     * The no-drop-out limit of the BG/NBD (a = 0, b = +infinity): the NBD model, whose customers are all alive;
     * what {@link BgNbd} returns when the data show no drop-out.
     *
     * @throws IllegalArgumentException when r or alpha is not finite and positive
     */
    public static BgNbdModel withoutDropout(double r, double alpha, TimeUnit unit) {
        checkPositive("r", r);
        checkPositive("alpha", alpha);
        return new BgNbdModel(r, alpha, 0.0, Double.POSITIVE_INFINITY, Objects.requireNonNull(unit, "unit"), null,
                null);
    }

    /** False for the no-drop-out limit a = 0 (see {@link #withoutDropout}). */
    public boolean hasDropout() {
        return a > 0;
    }

    /** Shape of the purchase-rate gamma distribution. */
    public double r() {
        return r;
    }

    /** Scale (in time units) of the purchase-rate gamma distribution. */
    public double alpha() {
        return alpha;
    }

    /** First shape of the drop-out beta distribution; 0 in the no-drop-out limit. */
    public double a() {
        return a;
    }

    /** Second shape of the drop-out beta distribution; +infinity in the no-drop-out limit. */
    public double b() {
        return b;
    }

    @Override
    public TimeUnit timeUnit() {
        return unit;
    }

    @Override
    public double[] parameters() {
        return new double[] {r, alpha, a, b};
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
     * Standard errors of r, alpha, a, b from the inverse of the negative Hessian of the log-likelihood at the fit;
     * empty for a given model or when the Hessian is not negative definite; for the no-drop-out limit, those of r
     * and alpha from the NBD fit and +infinity for a and b.
     */
    public Optional<double[]> standardErrors() {
        return standardErrors == null ? Optional.empty() : Optional.of(standardErrors.clone());
    }

    /**
     * Sum of the log-likelihoods of the customers (x[i], tx[i], T[i]); when {@code grad} is not null, also writes
     * the gradient with respect to (r, alpha, a, b) into it. O(n).
     */
    static double logLikelihood(double r, double alpha, double a, double b, double[] x, double[] tx, double[] age,
            double[] grad) {
        double lnAlpha = Math.log(alpha);
        double lnGammaR = Special.lnGamma(r);
        double lnA = Math.log(a);
        double lnGammaAb = Special.lnGamma(a + b);
        double lnGammaB = Special.lnGamma(b);
        double psiR = grad == null ? 0 : Special.digamma(r);
        double psiAb = grad == null ? 0 : Special.digamma(a + b);
        double psiB = grad == null ? 0 : Special.digamma(b);
        double sum = 0;
        double gr = 0;
        double gAlpha = 0;
        double ga = 0;
        double gb = 0;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double rx = r + xi;
            double lnAT = Math.log(alpha + age[i]);
            double a1 = Special.lnGamma(rx) - lnGammaR + r * lnAlpha;
            double a2 = lnGammaAb + Special.lnGamma(b + xi) - lnGammaB - Special.lnGamma(a + b + xi);
            double a3 = -rx * lnAT;
            double ll;
            double w4 = 0;
            double lnAtx = 0;
            if (xi > 0) {
                lnAtx = Math.log(alpha + tx[i]);
                double a4 = lnA - Math.log(b + xi - 1) - rx * lnAtx;
                double m = Special.logAddExp(a3, a4);
                w4 = Math.exp(a4 - m);
                ll = a1 + a2 + m;
            } else {
                ll = a1 + a2 + a3;
            }
            sum += ll;
            if (grad != null) {
                double w3 = 1 - w4;
                double psiRx = Special.digamma(rx);
                double psiAbx = Special.digamma(a + b + xi);
                gr += psiRx - psiR + lnAlpha - w3 * lnAT - (xi > 0 ? w4 * lnAtx : 0);
                gAlpha += r / alpha - w3 * rx / (alpha + age[i]) - (xi > 0 ? w4 * rx / (alpha + tx[i]) : 0);
                ga += psiAb - psiAbx + w4 / a;
                gb += psiAb + Special.digamma(b + xi) - psiB - psiAbx - (xi > 0 ? w4 / (b + xi - 1) : 0);
            }
        }
        if (grad != null) {
            grad[0] = gr;
            grad[1] = gAlpha;
            grad[2] = ga;
            grad[3] = gb;
        }
        return sum;
    }

    @Override
    public double logLikelihood(double x, double tx, double age) {
        PurchaseModel.checkHistory(x, tx, age);
        if (a == 0) {
            return ParetoNbdModel.nbdLogLikelihood(r, alpha, new double[] {x}, new double[] {age}, null);
        }
        return logLikelihood(r, alpha, a, b, new double[] {x}, new double[] {tx}, new double[] {age}, null);
    }

    /** lifetimes' {@code conditional_expected_number_of_purchases_up_to_time} (FHL 2005, eq. 10). */
    @Override
    public double expectedPurchases(double t, double x, double tx, double age) {
        checkHorizon(t);
        PurchaseModel.checkHistory(x, tx, age);
        if (t == 0) {
            return 0.0;
        }
        if (a == 0) {
            return (r + x) / (alpha + age) * t;
        }
        if (Math.abs(a - 1) < NEAR_ONE) {
            // (a + b + x - 1) / (a - 1) times a factor that vanishes at a = 1: a removable singularity; the mean of
            // the two sides is the limit to O(NEAR_ONE^2)
            return 0.5 * (conditional(1 - NEAR_ONE, t, x, tx, age) + conditional(1 + NEAR_ONE, t, x, tx, age));
        }
        return conditional(a, t, x, tx, age);
    }

    private static final double NEAR_ONE = 1e-6;

    private double conditional(double a, double t, double x, double tx, double age) {
        return numerator(a, t, x, age) / denominator(a, x, tx, age);
    }

    /**
     * The part of the conditional expectation (eq. 10) that does not depend on recency: the expectation is this
     * divided by {@link #denominator}. Needs a > 0, a != 1 and t > 0.
     */
    double numerator(double a, double t, double x, double age) {
        double ha = r + x;
        double hb = b + x;
        double hc = a + b + x - 1;
        double z = t / (alpha + age + t);
        double[] sign = new double[1];
        double lnHyp = Special.lnHyp2f1Euler(ha, hb, hc, z, sign);
        double first = (a + b + x - 1) / (a - 1);
        double power = lnHyp + (r + x) * Math.log((alpha + age) / (alpha + t + age));
        double second = sign[0] > 0 ? -Math.expm1(power) : 1 + Math.exp(power);
        return first * second;
    }

    /** 1 / P(alive) of a model with drop-out (a > 0): 1 + a / (b + x - 1) ((alpha + T) / (alpha + tx))^(r + x). */
    double denominator(double a, double x, double tx, double age) {
        return 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + age) / (alpha + tx), r + x) : 0);
    }

    /** Whether the expectation needs the two-sided evaluation around a = 1. */
    boolean nearOne() {
        return Math.abs(a - 1) < NEAR_ONE;
    }

    /** lifetimes' {@code conditional_probability_alive}: 1 when x = 0. */
    @Override
    public double probabilityAlive(double x, double tx, double age) {
        PurchaseModel.checkHistory(x, tx, age);
        if (x == 0 || a == 0) {
            return 1.0;
        }
        double logDiv = (r + x) * Math.log((alpha + age) / (alpha + tx)) + Math.log(a / (b + x - 1));
        return 1 / (1 + Math.exp(logDiv));
    }

    /**
     * The expected number of repeat purchases in the first {@code t} time units of a new customer (FHL 2005, eq. 9).
     *
     * @throws IllegalArgumentException when t is negative or not finite
     */
    public double expectedPurchases(double t) {
        checkHorizon(t);
        if (t == 0) {
            return 0.0;
        }
        if (a == 0) {
            return r / alpha * t;
        }
        if (Math.abs(a - 1) < NEAR_ONE) {
            return 0.5 * (unconditional(1 - NEAR_ONE, t) + unconditional(1 + NEAR_ONE, t));
        }
        return unconditional(a, t);
    }

    private double unconditional(double a, double t) {
        double[] sign = new double[1];
        double lnHyp = Special.lnHyp2f1Euler(r, b, a + b - 1, t / (alpha + t), sign);
        double power = lnHyp + r * Math.log(alpha / (alpha + t));
        return (a + b - 1) / (a - 1) * (sign[0] > 0 ? -Math.expm1(power) : 1 + Math.exp(power));
    }

    /**
     * The probability that a new customer makes exactly {@code n} repeat purchases in {@code t} time units (FHL 2005,
     * eq. 8).
     *
     * @throws IllegalArgumentException when n is negative or t is negative or not finite
     */
    public double probabilityOfPurchases(int n, double t) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0 but was " + n);
        }
        checkHorizon(t);
        if (t == 0) {
            return n == 0 ? 1.0 : 0.0;
        }
        double lnP = Math.log(alpha / (alpha + t));
        double lnQ = Math.log(t / (alpha + t));
        if (a == 0) {
            return Math.exp(Special.lnGamma(r + n) - Special.lnGamma(r) - Special.lnGamma(n + 1.0) + r * lnP + n * lnQ);
        }
        double lnBab = lnBeta(a, b);
        double first = Math.exp(lnBeta(a, b + n) - lnBab + Special.lnGamma(r + n) - Special.lnGamma(r)
                - Special.lnGamma(n + 1.0) + r * lnP + n * lnQ);
        if (n == 0) {
            return first;
        }
        // 1 - sum_{j<n} NB(j; r, p) = P(NB >= n) = I_{1-p}(n, r)
        double tail = Beta.regularizedBeta(t / (alpha + t), n, r, 1e-15, 100_000);
        return first + Math.exp(lnBeta(a + 1, b + n - 1) - lnBab) * tail;
    }

    private static double lnBeta(double p, double q) {
        return Special.lnGamma(p) + Special.lnGamma(q) - Special.lnGamma(p + q);
    }

    static void checkHorizon(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("t must be finite and >= 0 but was " + t);
        }
    }

    @Override
    public StepState state() {
        StepState.Builder s = StepState.builder(BgNbdStepFactory.TYPE, BgNbdStepFactory.VERSION)
                .put("r", r).put("alpha", alpha).put("a", a).put("b", b).put("timeUnit", unit.name());
        LifetimeStates.putDiagnostics(s, diagnostics, standardErrors);
        return s.build();
    }

    static BgNbdModel restore(StepState s) {
        double r = s.number("r");
        double alpha = s.number("alpha");
        double a = s.number("a");
        double b = s.number("b");
        checkPositive("r", r);
        checkPositive("alpha", alpha);
        if (!(a == 0 && b == Double.POSITIVE_INFINITY)) {
            checkPositive("a", a);
            checkPositive("b", b);
        }
        return new BgNbdModel(r, alpha, a, b, LifetimeStates.timeUnit(s), LifetimeStates.diagnostics(s),
                LifetimeStates.standardErrors(s, 4));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BgNbdModel)) {
            return false;
        }
        BgNbdModel m = (BgNbdModel) o;
        return r == m.r && alpha == m.alpha && a == m.a && b == m.b && unit == m.unit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(r, alpha, a, b, unit);
    }

    @Override
    public String toString() {
        return "BgNbdModel[r=" + r + ", alpha=" + alpha + " per " + unit + ", a=" + a + ", b=" + b
                + (diagnostics == null ? "" : ", logLikelihood=" + diagnostics.logLikelihood()) + "]";
    }
}
