package dev.segmentation.lifetime;

/**
 * The BG/NBD likelihood in its limit a, b -> 0 with a / (a + b) = q held: the Beta(a, b) drop-out distribution
 * collapses onto its end points, so a fraction q of the customers drop out for sure at their first purchase and the
 * rest never drop out. With A(x, t) = Gamma(r + x) / Gamma(r) alpha^r / (alpha + t)^(r + x), a customer's likelihood
 * is A(0, T) for x = 0, (1 - q) A(1, T) + q A(1, tx) for x = 1, and (1 - q) A(x, T) for x >= 2 (the limits of the
 * ratios of Beta functions in FHL 2005, equation 3: B(a, b + x) / B(a, b) -> 1 - q for x >= 1, B(a + 1, b) / B(a, b)
 * -> q, and B(a + 1, b + x - 1) / B(a, b) -> 0 for x >= 2). At q = 0 it is the NBD, the no-drop-out boundary.
 *
 * <p>Parameters (r, alpha, o) with o = q / (1 - q) the odds, so that the log-parameters the optimiser searches are
 * unconstrained. One pass is O(distinct (x, tx, T) triples) plus O(distinct x) log-gamma values; summed in the
 * triples' sorted order, so deterministic. Package-private; an instance is not thread-safe.
 */
final class BgNbdRidgeLimit implements MaximumLikelihood.Kernel {
    private final double[] x;
    private final double[] tx;
    private final double[] age;
    private final double[] weight;
    private final int[] xOf;
    private final double[] xs;
    private final double[] lnG;
    private final double[] psi;

    BgNbdRidgeLimit(DistinctRows rows) {
        x = rows.column(0);
        tx = rows.column(1);
        age = rows.column(2);
        weight = rows.weights();
        xOf = new int[x.length];
        xs = BgNbdLikelihood.distinct(x, xOf);
        lnG = new double[xs.length];
        psi = new double[xs.length];
    }

    @Override
    public double logLikelihood(double[] theta) {
        return evaluate(theta[0], theta[1], theta[2], null);
    }

    @Override
    public boolean gradient(double[] theta, double[] g) {
        evaluate(theta[0], theta[1], theta[2], g);
        return true;
    }

    /**
     * The derivative of the summed log-likelihood with respect to q at q = 0 for the given r and alpha: the sum
     * over one-purchase customers of ((alpha + T) / (alpha + tx))^(r + 1) - 1, minus the number of customers with
     * x >= 2. Positive means the limit family rises above the NBD (r, alpha) when q leaves 0.
     */
    double slopeAtZero(double r, double alpha) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == 1) {
                s += weight[i] * Math.expm1((r + 1) * (Math.log(alpha + age[i]) - Math.log(alpha + tx[i])));
            } else if (x[i] >= 2) {
                s -= weight[i];
            }
        }
        return s;
    }

    /** The summed log-likelihood at (r, alpha, o); its gradient in (r, alpha, o) into {@code g} when not null. */
    double evaluate(double r, double alpha, double o, double[] g) {
        double lnGammaR = Special.lnGamma(r);
        double psiR = g == null ? 0 : Special.digamma(r);
        for (int k = 0; k < xs.length; k++) {
            lnG[k] = Special.lnGamma(r + xs[k]) - lnGammaR;
            psi[k] = g == null ? 0 : Special.digamma(r + xs[k]) - psiR;
        }
        double lnAlpha = Math.log(alpha);
        double lnO = Math.log(o);
        double ln1pO = Math.log1p(o);
        double sum = 0;
        double gr = 0;
        double ga = 0;
        double go = 0;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double w = weight[i];
            int k = xOf[i];
            double lnAT = Math.log(alpha + age[i]);
            // ln A(x, T) and its derivatives
            double l = lnG[k] + r * lnAlpha - (r + xi) * lnAT;
            double dr = psi[k] + lnAlpha - lnAT;
            double da = r / alpha - (r + xi) / (alpha + age[i]);
            if (xi == 1) {
                double lnAtx = Math.log(alpha + tx[i]);
                // ln((1 + o E) / (1 + o)) with E = A(1, tx) / A(1, T) = ((alpha + T) / (alpha + tx))^(r + 1)
                double lnE = (r + 1) * (lnAT - lnAtx);
                double lse = Special.logAddExp(0, lnO + lnE);
                sum += w * (l + lse - ln1pO);
                if (g != null) {
                    double wTx = Math.exp(lnO + lnE - lse); // share of the drop-out branch
                    gr += w * (dr + wTx * (lnAT - lnAtx));
                    ga += w * (da + wTx * ((r + 1) / (alpha + tx[i]) * -1 + (r + 1) / (alpha + age[i])));
                    go += w * (Math.exp(lnE - lse) - 1 / (1 + o));
                }
            } else {
                sum += w * (xi >= 2 ? l - ln1pO : l);
                if (g != null) {
                    gr += w * dr;
                    ga += w * da;
                    if (xi >= 2) {
                        go -= w / (1 + o);
                    }
                }
            }
        }
        if (g != null) {
            g[0] = gr;
            g[1] = ga;
            g[2] = go;
        }
        return sum;
    }
}
