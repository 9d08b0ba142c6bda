package dev.segmentation.lifetime;

/**
 * The NBD log-likelihood and gradient of {@link ParetoNbdModel#nbdLogLikelihood} (the no-drop-out boundary of both
 * purchase models) in its separable form: per customer lnGamma(r + x) - lnGamma(r) + r ln alpha - (r + x)
 * ln(alpha + T), so the sum needs only the number of customers per distinct x, and per distinct T the number of
 * customers and the sum of their x: sum_x W_x (lnGamma(r + x) - lnGamma(r) + r ln alpha) - sum_T ln(alpha + T) (r W_T
 * + X_T). Built once in O(n log n) (O(n) for whole-number data; see {@link DistinctRows}), optionally from weighted
 * rows; an evaluation is O(distinct x + distinct T), independent of the number of customers. It equals the
 * per-customer sum to rounding (the same terms regrouped; tested to 1e-12 relative) and depends neither on the order
 * of the customers nor on a thread count. Package-private; not thread-safe.
 */
final class NbdLikelihood {
    private final double[] xs;
    private final double[] xWeight; // customers per distinct x
    private final double[] ages;
    private final double[] ageWeight; // customers per distinct T
    private final double[] ageXSum; // sum of x over the customers with that T
    private final double customers;

    /** Over customers (x, T), one row each. */
    NbdLikelihood(double[] x, double[] age) {
        this(x, age, null);
    }

    /** Over rows (x, T) standing for {@code weight[i]} customers each (null: one each). */
    NbdLikelihood(double[] x, double[] age, double[] weight) {
        int n = x.length;
        int[] xOf = new int[n];
        int[] ageOf = new int[n];
        xs = DistinctRows.rank(x, xOf);
        ages = DistinctRows.rank(age, ageOf);
        xWeight = new double[xs.length];
        ageWeight = new double[ages.length];
        ageXSum = new double[ages.length];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double w = weight == null ? 1 : weight[i];
            xWeight[xOf[i]] += w;
            ageWeight[ageOf[i]] += w;
            ageXSum[ageOf[i]] += w * x[i];
            total += w;
        }
        customers = total;
    }

    double evaluate(double r, double alpha, double[] grad) {
        double lnGammaR = Special.lnGamma(r);
        double lnAlpha = Math.log(alpha);
        double psiR = grad == null ? 0 : Special.digamma(r);
        double sum = 0;
        double gr = 0;
        double ga = 0;
        for (int k = 0; k < xs.length; k++) {
            double w = xWeight[k];
            double rx = r + xs[k];
            sum += w * (Special.lnGamma(rx) - lnGammaR + r * lnAlpha);
            if (grad != null) {
                gr += w * (Special.digamma(rx) - psiR + lnAlpha);
            }
        }
        for (int k = 0; k < ages.length; k++) {
            double alphaT = alpha + ages[k];
            double lnAT = Math.log(alphaT);
            double c = r * ageWeight[k] + ageXSum[k];
            sum -= lnAT * c;
            if (grad != null) {
                gr -= ageWeight[k] * lnAT;
                ga -= c / alphaT;
            }
        }
        if (grad != null) {
            grad[0] = gr;
            grad[1] = ga + customers * r / alpha;
        }
        return sum;
    }
}
