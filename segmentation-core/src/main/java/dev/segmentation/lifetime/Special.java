package dev.segmentation.lifetime;

import org.apache.commons.math3.special.Gamma;

/**
 * Special functions for the lifetime models, in log space: log-gamma, digamma and the logarithm of the Gauss
 * hypergeometric function 2F1 for the arguments the models need (0 <= z < 1), by its power series summed with
 * running rescaling so that neither the terms nor the sum overflow. Package-private; stateless.
 */
final class Special {
    /** Series terms summed at most before giving up (z would have to be within about 1e-6 of 1). */
    static final int MAX_TERMS = 5_000_000;
    private static final double RESCALE = 1e200;
    private static final double LOG_RESCALE = Math.log(RESCALE);

    private Special() {
    }

    static double lnGamma(double x) {
        return Gamma.logGamma(x);
    }

    /**
     * The digamma function for x > 0: the recurrence psi(x) = psi(x + 1) - 1/x up to x >= 10, then the asymptotic
     * series to the x^-14 term (absolute error below 1e-16 there). Commons Math's {@code Gamma.digamma} is off by
     * up to about 3e-9 (e.g. at 1), too much for gradients that must vanish to 1e-10.
     */
    static double digamma(double x) {
        double shift = 0;
        while (x < 10) {
            shift -= 1 / x;
            x += 1;
        }
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
                - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 / 12))))));
        return shift + Math.log(x) - 0.5 * inv - series;
    }

    /**
     * The trigamma function psi'(x) for x > 0: the recurrence psi'(x) = psi'(x + 1) + 1/x^2 up to x >= 10, then the
     * asymptotic series 1/x + 1/(2x^2) + sum B_2k / x^(2k+1) to the x^-15 term (relative error below 1e-16
     * there). Used for analytic Hessians.
     */
    static double trigamma(double x) {
        double shift = 0;
        while (x < 10) {
            shift += 1 / (x * x);
            x += 1;
        }
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv * (1 + inv * (0.5 + inv * (1.0 / 6 - inv2 * (1.0 / 30 - inv2 * (1.0 / 42 - inv2 * (1.0 / 30
                - inv2 * (5.0 / 66 - inv2 * (691.0 / 2730 - inv2 * (7.0 / 6)))))))));
        return shift + series;
    }

    /**
     * ln |2F1(a, b; c; z)| for 0 <= z < 1 by the direct power series with a tail bound as the stopping rule; the sign
     * of the sum goes to {@code sign[0]} (+1 or -1) when {@code sign} is not null, else a non-positive sum throws.
     * c may be negative (not a non-positive integer).
     *
     * @throws ArithmeticException when the sum is 0 (or not positive and {@code sign} is null), or the series does
     *     not converge in {@link #MAX_TERMS} terms
     */
    static double lnHyp2f1Series(double a, double b, double c, double z, double[] sign) {
        if (sign != null) {
            sign[0] = 1;
        }
        if (z == 0) {
            return 0.0;
        }
        double term = 1.0;
        double sum = 1.0;
        double logScale = 0.0;
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
            term *= ratio;
            sum += term;
            if (Math.abs(sum) > RESCALE) {
                sum /= RESCALE;
                term /= RESCALE;
                logScale += LOG_RESCALE;
            }
            double rho = Math.max(Math.abs(ratio), z);
            if (term == 0 || (rho < 1 && Math.abs(term) * rho / (1 - rho) <= 1e-17 * Math.abs(sum))) {
                if (!(sum > 0) && (sign == null || !(sum < 0))) {
                    throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") = " + sum
                            + " is not positive");
                }
                if (sign != null) {
                    sign[0] = Math.signum(sum);
                }
                return logScale + Math.log(Math.abs(sum));
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in "
                + MAX_TERMS + " terms");
    }

    /**
     * ln |2F1(a, b; c; z)| through Euler's transformation, (c - a - b) ln(1 - z) + ln |2F1(c - a, c - b; c; z)|: the
     * form whose series converges fast when a and b are large and c is close to them (BG/NBD's conditional
     * expectation with many purchases), and has no overflow. The sign goes to {@code sign[0]} (it is negative for
     * some z when c < 0, e.g. BG/NBD with a + b < 1 and no repeat purchase).
     */
    static double lnHyp2f1Euler(double a, double b, double c, double z, double[] sign) {
        if (z == 0) {
            sign[0] = 1;
            return 0.0;
        }
        return (c - a - b) * Math.log1p(-z) + lnHyp2f1Series(c - a, c - b, c, z, sign);
    }

    /**
     * ln 2F1(a, b; a + 1; z) for a > 0, b > 0, 0 <= z < 1 (the Pareto/NBD terms), as
     * (1 - b) ln(1 - z) + ln 2F1(1, a + 1 - b; a + 1; z): Euler's transformation, whose series has positive terms
     * with ratio below z, so it neither overflows nor cancels however many purchases a customer made.
     */
    static double lnHyp2f1APlusOne(double a, double b, double z) {
        return lnHyp2f1APlusOne(a, b, z, MAX_TERMS);
    }

    /** As {@link #lnHyp2f1APlusOne(double, double, double)} with at most {@code maxTerms} terms. */
    static double lnHyp2f1APlusOne(double a, double b, double z, int maxTerms) {
        if (z == 0) {
            return 0.0;
        }
        double c = a + 1;
        double d = c - b;
        double term = 1.0;
        double sum = 1.0;
        for (int n = 0; n < maxTerms; n++) {
            double ratio = (d + n) / (c + n) * z;
            term *= ratio;
            sum += term;
            double rho = Math.max(ratio, z);
            if (term == 0 || term * rho / (1 - rho) <= 1e-17 * sum) {
                return (1 - b) * Math.log1p(-z) + Math.log(sum);
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in "
                + maxTerms + " terms");
    }

    /**
     * ln 2F1(a, b; a + 1; z) for a > 0, b > 0, 0 <= z < 1 by Gauss's continued fraction: Euler's transformation
     * gives (1 - b) ln(1 - z) + ln 2F1(1, d; c + 1; z) with c = a, d = a + 1 - b, and 2F1(1, d; c + 1; z) is the
     * ratio 2F1(0 + 1, d; c + 1; z) / 2F1(0, d; c; z) = 1 / (1 + k1 z / (1 + k2 z / (1 + ...))) of Gauss's continued
     * fraction, k(2m+1) = (-c - m)(d + m) / ((c + 2m)(c + 2m + 1)), k(2m) = (d - c - m) m / ((c + 2m - 1)(c + 2m)),
     * evaluated by the modified Lentz method. It needs O(1 / sqrt(1 - z)) steps where the power series needs
     * O(1 / (1 - z)) terms: about 60 instead of 900 at z = 0.96, about 4,000 instead of a million at 1 - 1e-6.
     *
     * @throws ArithmeticException when the fraction does not settle in {@code maxSteps} steps
     */
    static double lnHyp2f1APlusOneCf(double a, double b, double z, int maxSteps) {
        if (z == 0) {
            return 0.0;
        }
        double c = a;
        double d = a + 1 - b;
        final double tiny = 1e-300;
        double f = 1.0;
        double cc = f;
        double dd = 0.0;
        for (int i = 1; i <= maxSteps; i++) {
            double k;
            if ((i & 1) == 1) {
                int m = (i - 1) >> 1;
                k = (-c - m) * (d + m) / ((c + 2.0 * m) * (c + 2.0 * m + 1));
            } else {
                int m = i >> 1;
                k = (d - c - m) * m / ((c + 2.0 * m - 1) * (c + 2.0 * m));
            }
            double an = k * z;
            dd = 1.0 + an * dd;
            if (Math.abs(dd) < tiny) {
                dd = tiny;
            }
            cc = 1.0 + an / cc;
            if (Math.abs(cc) < tiny) {
                cc = tiny;
            }
            dd = 1.0 / dd;
            double delta = cc * dd;
            f *= delta;
            if (Math.abs(delta - 1.0) <= 1e-16) {
                if (!(f > 0)) {
                    throw new ArithmeticException("2F1(" + a + ", " + b + "; " + (a + 1) + "; " + z
                            + "): continued fraction is not positive");
                }
                return (1 - b) * Math.log1p(-z) - Math.log(f);
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + (a + 1) + "; " + z + ") did not settle in "
                + maxSteps + " continued-fraction steps");
    }

    /** ln(e^x + e^y) without overflow. */
    static double logAddExp(double x, double y) {
        if (x == Double.NEGATIVE_INFINITY) {
            return y;
        }
        if (y == Double.NEGATIVE_INFINITY) {
            return x;
        }
        double m = Math.max(x, y);
        return m + Math.log1p(Math.exp(-Math.abs(x - y)));
    }

    /** ln(e^x - e^y) for x >= y (negative infinity when equal). */
    static double logSubExp(double x, double y) {
        if (y == Double.NEGATIVE_INFINITY) {
            return x;
        }
        double d = y - x;
        if (d >= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return x + (d > -0.693 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
    }
}
