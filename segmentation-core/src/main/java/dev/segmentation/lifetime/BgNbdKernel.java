package dev.segmentation.lifetime;

import dev.segmentation.internal.Parallel;

/**
 * The batch path of {@link LifetimePredictor} for a {@link BgNbdModel} with drop-out: the conditional expectation
 * is N(x, T, t) / D(x, tx, T) ({@link BgNbdModel#numerator}, {@link BgNbdModel#denominator}), and P(alive) is 1 / D,
 * so the hypergeometric part N is computed once per distinct (x, T) pair, on a dense table over the distinct
 * frequencies times the distinct ages. Used only when every x and T is a whole number below 2^24 and the table has
 * at most 2^22 cells; {@link #of} returns null otherwise. Cells are filled over fixed blocks, so the values never
 * depend on the thread count. Package-private; immutable after {@link #of}.
 */
final class BgNbdKernel {
    private static final int MAX_VALUE = 1 << 24;
    private static final int MAX_CELLS = 1 << 22;
    private static final int CELLS_PER_BLOCK = 256;

    private final BgNbdModel model;
    private final int[] xIndex; // x -> row of the table
    private final int[] tIndex; // T -> column of the table
    private final int columns;
    private final int[] cell; // table cell -> compact index, or -1
    private final double[] horizonNumerator; // per compact index: N at the purchase horizon
    private final double[] discountedNumerator; // per compact index: the discounted CLV sum of N

    private BgNbdKernel(BgNbdModel model, int[] xIndex, int[] tIndex, int columns, int[] cell,
            double[] horizonNumerator, double[] discountedNumerator) {
        this.model = model;
        this.xIndex = xIndex;
        this.tIndex = tIndex;
        this.columns = columns;
        this.cell = cell;
        this.horizonNumerator = horizonNumerator;
        this.discountedNumerator = discountedNumerator;
    }

    /** The kernel for these customers, or null when the table does not apply (see the class doc). */
    static BgNbdKernel of(BgNbdModel model, double[] x, double[] age, LifetimePredictor p) {
        if (!model.hasDropout() || model.nearOne() || x.length == 0) {
            return null;
        }
        int maxX = 0;
        int maxT = 0;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double ti = age[i];
            if (xi != (int) xi || ti != (int) ti || xi >= MAX_VALUE || ti >= MAX_VALUE) {
                return null;
            }
            maxX = Math.max(maxX, (int) xi);
            maxT = Math.max(maxT, (int) ti);
        }
        byte[] seenX = new byte[maxX + 1];
        byte[] seenT = new byte[maxT + 1];
        for (int i = 0; i < x.length; i++) {
            seenX[(int) x[i]] = 1;
            seenT[(int) age[i]] = 1;
        }
        int[] xIndex = compact(seenX);
        int[] tIndex = compact(seenT);
        int rows = xIndex[maxX + 1];
        int columns = tIndex[maxT + 1];
        if ((long) rows * columns > MAX_CELLS) {
            return null;
        }
        int[] cell = new int[rows * columns];
        for (int i = 0; i < x.length; i++) {
            cell[xIndex[(int) x[i]] * columns + tIndex[(int) age[i]]] = 1;
        }
        int used = 0;
        for (int c = 0; c < cell.length; c++) {
            cell[c] = cell[c] != 0 ? used++ : -1;
        }
        double[] xs = new double[used];
        double[] ts = new double[used];
        int[] xOf = values(xIndex, maxX, rows);
        int[] tOf = values(tIndex, maxT, columns);
        for (int c = 0; c < cell.length; c++) {
            if (cell[c] >= 0) {
                xs[cell[c]] = xOf[c / columns];
                ts[cell[c]] = tOf[c % columns];
            }
        }
        double[] horizon = new double[used];
        double[] discounted = new double[used];
        double a = model.a();
        int units = used;
        Parallel.forEachBlock(Parallel.blocks(units, CELLS_PER_BLOCK), p.threads(), b -> {
            int from = b * CELLS_PER_BLOCK;
            int to = Math.min(units, from + CELLS_PER_BLOCK);
            for (int k = from; k < to; k++) {
                horizon[k] = model.numerator(a, p.purchaseHorizon(), xs[k], ts[k]);
                discounted[k] = discountedNumerator(model, xs[k], ts[k], p);
            }
        });
        return new BgNbdKernel(model, xIndex, tIndex, columns, cell, horizon, discounted);
    }

    /** Prefix ranks of the seen values; entry [length] is the number of distinct values. */
    private static int[] compact(byte[] seen) {
        int[] index = new int[seen.length + 1];
        int k = 0;
        for (int v = 0; v < seen.length; v++) {
            index[v] = seen[v] != 0 ? k++ : -1;
        }
        index[seen.length] = k;
        return index;
    }

    private static int[] values(int[] index, int max, int count) {
        int[] out = new int[count];
        for (int v = 0; v <= max; v++) {
            if (index[v] >= 0) {
                out[index[v]] = v;
            }
        }
        return out;
    }

    /** The CLV discounting applied to N instead of E (E = N / D with D independent of t). */
    private static double discountedNumerator(BgNbdModel model, double x, double age, LifetimePredictor p) {
        double a = model.a();
        double perMonth = model.timeUnit().unitsPerMonth();
        int months = p.months();
        if (p.discounting() == LifetimePredictor.Discounting.MONTHLY) {
            double d = p.monthlyDiscountRate();
            double sum = 0;
            double previous = 0;
            for (int i = 1; i <= months; i++) {
                double t = i * perMonth;
                double cumulative = model.numerator(a, t, x, age);
                sum += (cumulative - previous) / Math.pow(1 + d, t / perMonth);
                previous = cumulative;
            }
            return sum;
        }
        PurchaseModel numeratorOnly = new PurchaseModel() {
            @Override
            public TimeUnit timeUnit() {
                return model.timeUnit();
            }

            @Override
            public double[] parameters() {
                return model.parameters();
            }

            @Override
            public java.util.List<String> parameterNames() {
                return model.parameterNames();
            }

            @Override
            public double expectedPurchases(double t, double xx, double tx, double tt) {
                return t == 0 ? 0.0 : model.numerator(a, t, xx, tt);
            }

            @Override
            public double probabilityAlive(double xx, double tx, double tt) {
                throw new UnsupportedOperationException();
            }

            @Override
            public double logLikelihood(double xx, double tx, double tt) {
                throw new UnsupportedOperationException();
            }
        };
        return CustomerLifetimeValue.continuousPurchases(numeratorOnly, x, 0, age, months,
                Math.log1p(p.monthlyDiscountRate()));
    }

    /** Scores customers [from, to); {@code value} holds their expected average values. */
    void score(double[] x, double[] tx, double[] age, double[] value, int from, int to, double[] expected,
            double[] alive, double[] clv) {
        final BgNbdModel m = model;
        final double a = m.a();
        for (int i = from; i < to; i++) {
            int k = cell[xIndex[(int) x[i]] * columns + tIndex[(int) age[i]]];
            double d = m.denominator(a, x[i], tx[i], age[i]);
            expected[i] = horizonNumerator[k] / d;
            alive[i] = 1 / d;
            clv[i] = value[i] * (discountedNumerator[k] / d);
        }
    }
}
