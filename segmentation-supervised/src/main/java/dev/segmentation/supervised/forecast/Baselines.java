package dev.segmentation.supervised.forecast;

/**
 * Classical forecasting kernels on flat arrays: each reads the history {@code y[from .. from + n)} (oldest first)
 * and writes forecasts for the next {@code h} periods into {@code out[o .. o + h)}. {@code y} is never modified.
 *
 * <ul>
 *   <li>naive: the last value; seasonal naive: the value one season {@code m} before the target period;
 *   moving average: the mean of the last {@code w} values.</li>
 *   <li>Simple exponential smoothing (Brown 1956; Hyndman and Athanasopoulos, <i>Forecasting: Principles and
 *   Practice</i>, 3rd ed., 8.1): level {@code l_0 = y_0}, {@code l_t = a y_t + (1 - a) l_{t-1}}; the forecast is the
 *   last level; {@code a} is fitted by minimising the sum of squared one-step errors {@code (y_t - l_{t-1})^2},
 *   t = 1..n-1, over [0, 1] (grid of step 0.01, then golden-section search to 1e-9 in the best cell).</li>
 *   <li>Holt-Winters additive (Winters 1960; FPP 8.3): initial level = mean of the first season, trend = (mean of the
 *   second season - mean of the first) / m, seasonal indices = first season minus that level; the recursions run from
 *   t = m; forecast {@code l + k b + s}. Smoothing parameters in [0, 1] minimise the sum of squared one-step
 *   errors over t = m..n-1 (grid of step 0.125 over the cube, then a compass search halving its step down to
 *   1e-6). Needs n &gt;= 2m.</li>
 *   <li>Croston (1972): demand sizes {@code z} and intervals {@code p} smoothed with {@code a} at demand periods only,
 *   initialised with the first demand and its position (interval from the start); the forecast is {@code z / p}.
 *   SBA (Syntetos and Boylan 2005) multiplies it by {@code 1 - a / 2}. A demand period is one with y &gt; 0; zero and
 *   negative values (returns) count as no demand. No demand at all gives forecasts of 0. {@link #fitCroston} fits
 *   {@code a} by the in-sample one-step squared error.</li>
 *   <li>Holt-Winters multiplicative (Winters 1960; FPP 8.3 with Winters' seasonal update {@code y_t / l_t}):
 *   initial seasonal indices are the first season divided by its mean; fitted as the additive method. Needs
 *   positive values.</li>
 * </ul>
 *
 * <p>Cost: O(n + h) for naive, seasonal naive, moving average, Croston and SBA; O(100 n) to fit SES; about
 * O(1,000 n) to fit Holt-Winters. Deterministic, allocation-free except the Holt-Winters seasonal buffer, stateless
 * and thread-safe.
 */
public final class Baselines {
    private Baselines() {
    }

    private static void check(double[] y, int from, int n, int need, String what, int h, double[] out, int o) {
        if (n < need) {
            throw new IllegalArgumentException(what + " needs at least " + need + " observations but has " + n);
        }
        if (from < 0 || from + n > y.length) {
            throw new IllegalArgumentException("history [" + from + ", " + (from + n) + ") lies outside y of length "
                    + y.length);
        }
        if (h < 1 || o < 0 || o + h > out.length) {
            throw new IllegalArgumentException("forecasts [" + o + ", " + (o + h) + ") do not fit out of length "
                    + out.length);
        }
    }

    /** The last value for every step. @throws IllegalArgumentException when n &lt; 1 or a range is out of bounds */
    public static void naive(double[] y, int from, int n, int h, double[] out, int o) {
        check(y, from, n, 1, "naive", h, out, o);
        double v = y[from + n - 1];
        for (int k = 0; k < h; k++) {
            out[o + k] = v;
        }
    }

    /**
     * Step k (1-based) gets {@code y[n - m + ((k - 1) mod m)]}.
     *
     * @throws IllegalArgumentException when m &lt; 1, n &lt; m or a range is out of bounds
     */
    public static void seasonalNaive(double[] y, int from, int n, int m, int h, double[] out, int o) {
        if (m < 1) {
            throw new IllegalArgumentException("season length m must be >= 1 but was " + m);
        }
        check(y, from, n, m, "seasonal naive (m = " + m + ")", h, out, o);
        int base = from + n - m;
        for (int k = 0; k < h; k++) {
            out[o + k] = y[base + k % m];
        }
    }

    /**
     * The mean of the last {@code w} values for every step.
     *
     * @throws IllegalArgumentException when w &lt; 1, n &lt; w or a range is out of bounds
     */
    public static void movingAverage(double[] y, int from, int n, int w, int h, double[] out, int o) {
        if (w < 1) {
            throw new IllegalArgumentException("window w must be >= 1 but was " + w);
        }
        check(y, from, n, w, "moving average (w = " + w + ")", h, out, o);
        double s = 0;
        for (int t = from + n - w; t < from + n; t++) {
            s += y[t];
        }
        double v = s / w;
        for (int k = 0; k < h; k++) {
            out[o + k] = v;
        }
    }

    /** Sum of squared one-step errors of SES with smoothing {@code alpha} on {@code y[from .. from + n)}. */
    public static double sesSse(double[] y, int from, int n, double alpha) {
        double l = y[from];
        double sse = 0;
        for (int t = from + 1; t < from + n; t++) {
            double e = y[t] - l;
            sse += e * e;
            l += alpha * e;
        }
        return sse;
    }

    /** The last SES level with smoothing {@code alpha}. */
    static double sesLevel(double[] y, int from, int n, double alpha) {
        double l = y[from];
        for (int t = from + 1; t < from + n; t++) {
            l += alpha * (y[t] - l);
        }
        return l;
    }

    /**
     * The smoothing parameter in [0, 1] minimising {@link #sesSse}. Ties go to the smallest grid value, so with
     * n &lt; 2 (no one-step error) 0 is returned.
     *
     * @throws IllegalArgumentException when n &lt; 1 or the range is out of bounds
     */
    public static double fitSes(double[] y, int from, int n) {
        if (n < 1 || from < 0 || from + n > y.length) {
            throw new IllegalArgumentException("SES needs at least 1 observation inside y but has [" + from + ", "
                    + (from + n) + ") of " + y.length);
        }
        int best = 0;
        double bestSse = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 100; i++) {
            double s = sesSse(y, from, n, i / 100.0);
            if (s < bestSse) {
                bestSse = s;
                best = i;
            }
        }
        double lo = Math.max(0, (best - 1) / 100.0);
        double hi = Math.min(1, (best + 1) / 100.0);
        final double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = sesSse(y, from, n, a);
        double fb = sesSse(y, from, n, b);
        while (hi - lo > 1e-9) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = sesSse(y, from, n, a);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = sesSse(y, from, n, b);
            }
        }
        double mid = 0.5 * (lo + hi);
        double fm = sesSse(y, from, n, mid);
        return fm < bestSse ? mid : best / 100.0;
    }

    /**
     * SES forecasts with smoothing {@code alpha} (flat: the last level).
     *
     * @throws IllegalArgumentException when alpha is outside [0, 1], n &lt; 1 or a range is out of bounds
     */
    public static void ses(double[] y, int from, int n, double alpha, int h, double[] out, int o) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must lie in [0, 1] but was " + alpha);
        }
        check(y, from, n, 1, "SES", h, out, o);
        double v = sesLevel(y, from, n, alpha);
        for (int k = 0; k < h; k++) {
            out[o + k] = v;
        }
    }

    /**
     * Runs additive Holt-Winters with (alpha, beta, gamma) on {@code y[from .. from + n)}; returns the sum of squared
     * one-step errors over t = m..n-1 and, when {@code out} is not null, writes {@code h} forecasts into it.
     * {@code season} is a work buffer of at least m values.
     */
    static double holtWinters(double[] y, int from, int n, int m, double alpha, double beta, double gamma,
            double[] season, int h, double[] out, int o) {
        return holtWinters(false, y, from, n, m, alpha, beta, gamma, season, h, out, o);
    }

    /**
     * Additive ({@code mult = false}) or multiplicative-seasonal Holt-Winters; see {@link #holtWinters(double[], int,
     * int, int, double, double, double, double[], int, double[], int)}. The multiplicative recursions (Winters 1960):
     * {@code l_t = a y_t / s_{t-m} + (1 - a)(l_{t-1} + b_{t-1})}, {@code b_t = b (l_t - l_{t-1}) + (1 - b) b_{t-1}},
     * {@code s_t = g y_t / l_t + (1 - g) s_{t-m}}; one-step forecast {@code (l + b) s}, k-step {@code (l + k b) s};
     * initial seasonal indices = first season divided by its mean. A non-finite error (a level reaching 0) counts
     * as +infinity.
     */
    static double holtWinters(boolean mult, double[] y, int from, int n, int m, double alpha, double beta,
            double gamma, double[] season, int h, double[] out, int o) {
        if (mult) {
            return holtWintersMult(y, from, n, m, alpha, beta, gamma, season, h, out, o);
        }
        double m1 = 0;
        double m2 = 0;
        for (int j = 0; j < m; j++) {
            m1 += y[from + j];
            m2 += y[from + m + j];
        }
        m1 /= m;
        m2 /= m;
        double l = m1;
        double b = (m2 - m1) / m;
        for (int j = 0; j < m; j++) {
            season[j] = y[from + j] - m1;
        }
        double sse = 0;
        for (int t = m; t < n; t++) {
            int j = t % m;
            double yt = y[from + t];
            double s = season[j];
            double e = yt - (l + b + s);
            sse += e * e;
            double nl = alpha * (yt - s) + (1 - alpha) * (l + b);
            b = beta * (nl - l) + (1 - beta) * b;
            l = nl;
            season[j] = gamma * (yt - nl) + (1 - gamma) * s;
        }
        if (out != null) {
            for (int k = 1; k <= h; k++) {
                out[o + k - 1] = l + k * b + season[(n - 1 + k) % m];
            }
        }
        return sse;
    }

    private static double holtWintersMult(double[] y, int from, int n, int m, double alpha, double beta,
            double gamma, double[] season, int h, double[] out, int o) {
        double m1 = 0;
        double m2 = 0;
        for (int j = 0; j < m; j++) {
            m1 += y[from + j];
            m2 += y[from + m + j];
        }
        m1 /= m;
        m2 /= m;
        double l = m1;
        double b = (m2 - m1) / m;
        for (int j = 0; j < m; j++) {
            season[j] = y[from + j] / m1;
        }
        double sse = 0;
        for (int t = m; t < n; t++) {
            int j = t % m;
            double yt = y[from + t];
            double s = season[j];
            double e = yt - (l + b) * s;
            sse += e * e;
            double nl = alpha * (yt / s) + (1 - alpha) * (l + b);
            b = beta * (nl - l) + (1 - beta) * b;
            l = nl;
            season[j] = gamma * (yt / nl) + (1 - gamma) * s;
        }
        if (out != null) {
            for (int k = 1; k <= h; k++) {
                out[o + k - 1] = (l + k * b) * season[(n - 1 + k) % m];
            }
        }
        return Double.isFinite(sse) ? sse : Double.POSITIVE_INFINITY;
    }

    /**
     * Sum of squared one-step errors of multiplicative-seasonal Holt-Winters (t = m..n-1); +infinity when the
     * recursions break down (a level of 0).
     *
     * @throws IllegalArgumentException when n &lt; 2m or a value of the history is not positive
     */
    public static double holtWintersMultiplicativeSse(double[] y, int from, int n, int m, double alpha, double beta,
            double gamma) {
        checkHw(y, from, n, m);
        checkPositive(y, from, n);
        return holtWintersMult(y, from, n, m, alpha, beta, gamma, new double[m], 0, null, 0);
    }

    /** Whether every value of {@code y[from .. from + n)} is positive (multiplicative seasonality needs it). */
    public static boolean allPositive(double[] y, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (!(y[i] > 0)) {
                return false;
            }
        }
        return true;
    }

    private static void checkPositive(double[] y, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (!(y[i] > 0)) {
                throw new IllegalArgumentException("multiplicative Holt-Winters needs positive values but y["
                        + (i - from) + "] = " + y[i]);
            }
        }
    }

    /**
     * The (alpha, beta, gamma) in [0, 1]^3 minimising {@link #holtWintersMultiplicativeSse}, searched as
     * {@link #fitHoltWinters}.
     *
     * @throws IllegalArgumentException when n &lt; 2m or a value is not positive
     */
    public static double[] fitHoltWintersMultiplicative(double[] y, int from, int n, int m) {
        checkHw(y, from, n, m);
        checkPositive(y, from, n);
        return fitHw(true, y, from, n, m);
    }

    /**
     * Multiplicative-seasonal Holt-Winters forecasts {@code (l + k b) s} with the given smoothing parameters.
     *
     * @throws IllegalArgumentException when a parameter is outside [0, 1], n &lt; 2m, a value is not positive or a
     *     range is out of bounds
     */
    public static void holtWintersMultiplicative(double[] y, int from, int n, int m, double alpha, double beta,
            double gamma, int h, double[] out, int o) {
        for (double v : new double[] {alpha, beta, gamma}) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("smoothing parameters must lie in [0, 1] but were " + alpha + ", "
                        + beta + ", " + gamma);
            }
        }
        checkHw(y, from, n, m);
        checkPositive(y, from, n);
        check(y, from, n, 2 * m, "Holt-Winters", h, out, o);
        holtWintersMult(y, from, n, m, alpha, beta, gamma, new double[m], h, out, o);
    }

    /**
     * Sum of squared one-step errors of additive Holt-Winters (t = m..n-1).
     *
     * @throws IllegalArgumentException when n &lt; 2m
     */
    public static double holtWintersSse(double[] y, int from, int n, int m, double alpha, double beta,
            double gamma) {
        checkHw(y, from, n, m);
        return holtWinters(y, from, n, m, alpha, beta, gamma, new double[m], 0, null, 0);
    }

    private static void checkHw(double[] y, int from, int n, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("season length m must be >= 1 but was " + m);
        }
        if (n < 2 * m) {
            throw new IllegalArgumentException("Holt-Winters (m = " + m + ") needs at least " + 2 * m
                    + " observations (two seasons) but has " + n);
        }
        if (from < 0 || from + n > y.length) {
            throw new IllegalArgumentException("history [" + from + ", " + (from + n) + ") lies outside y of length "
                    + y.length);
        }
    }

    /**
     * The (alpha, beta, gamma) in [0, 1]^3 minimising {@link #holtWintersSse}: the error on a grid of step 1/8
     * (729 evaluations), then a Hooke-Jeeves pattern search (Hooke and Jeeves 1961; steps 1/16 halving to 1e-7) from
     * each of the ten best local minima of that grid (grid points with no lower error among their neighbours, so one
     * start per basin the grid sees); the best result wins. About 2,100 error evaluations of O(n) each. A local
     * search: on a multi-modal error surface it may miss the global minimum. Measured on short series from additive
     * Holt-Winters processes (m 2 to 6, 8 to 28 points, the shape of {@code BaselinesTest}'s property): worse than
     * the best point of a brute-force grid of step 1/25 on 8 of 8,000 series (0.1%; the previous three starts from
     * the three best grid points: 0.5%).
     *
     * @throws IllegalArgumentException when n &lt; 2m
     */
    public static double[] fitHoltWinters(double[] y, int from, int n, int m) {
        checkHw(y, from, n, m);
        return fitHw(false, y, from, n, m);
    }

    /** Grid steps per axis of the starting grid of {@link #fitHw}. */
    private static final int HW_GRID = 8;
    /** At most this many grid local minima are refined by {@link #fitHw}. */
    private static final int HW_STARTS = 10;

    private static double[] fitHw(boolean mult, double[] y, int from, int n, int m) {
        double[] season = new double[m];
        // the error on a grid of step 1/8 in [0, 1]^3
        final int g = HW_GRID;
        final int side = g + 1;
        double[] sse = new double[side * side * side];
        for (int i = 0; i <= g; i++) {
            for (int j = 0; j <= g; j++) {
                for (int k = 0; k <= g; k++) {
                    sse[(i * side + j) * side + k] = holtWinters(mult, y, from, n, m, (double) i / g, (double) j / g,
                            (double) k / g, season, 0, null, 0);
                }
            }
        }
        // its local minima (no lower error among the up to 26 neighbours), best first (ties: lower grid index):
        // one start per basin the grid sees, rather than several starts in the same basin
        int[] minima = new int[sse.length];
        int count = 0;
        for (int c = 0; c < sse.length; c++) {
            if (Double.isFinite(sse[c]) && isGridMinimum(sse, side, c)) {
                minima[count++] = c;
            }
        }
        Integer[] byError = new Integer[count];
        for (int q = 0; q < count; q++) {
            byError[q] = minima[q];
        }
        java.util.Arrays.sort(byError, (u, v) -> sse[u] != sse[v] ? Double.compare(sse[u], sse[v])
                : Integer.compare(u, v));
        double[] best = {0, 0, 0};
        double bestSse = Double.POSITIVE_INFINITY;
        for (int q = 0; q < Math.min(HW_STARTS, count); q++) {
            int c = byError[q];
            double[] p = {(double) (c / (side * side)) / g, (double) (c / side % side) / g, (double) (c % side) / g};
            double s = hookeJeeves(mult, y, from, n, m, p, sse[c], season);
            if (s < bestSse) {
                bestSse = s;
                best = p;
            }
        }
        return best;
    }

    private static boolean isGridMinimum(double[] sse, int side, int c) {
        int i = c / (side * side);
        int j = c / side % side;
        int k = c % side;
        for (int a = Math.max(0, i - 1); a <= Math.min(side - 1, i + 1); a++) {
            for (int b = Math.max(0, j - 1); b <= Math.min(side - 1, j + 1); b++) {
                for (int e = Math.max(0, k - 1); e <= Math.min(side - 1, k + 1); e++) {
                    if (sse[(a * side + b) * side + e] < sse[c]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Hooke-Jeeves pattern search in [0, 1]^3 from {@code p} (modified in place); returns the error at the end. */
    private static double hookeJeeves(boolean mult, double[] y, int from, int n, int m, double[] p, double fp,
            double[] season) {
        double step = 1.0 / 16;
        double[] x = new double[3];
        double[] base = p.clone();
        double fBase = fp;
        while (step >= 1e-7) {
            System.arraycopy(base, 0, x, 0, 3);
            double fx = explore(mult, y, from, n, m, x, fBase, step, season);
            if (fx < fBase) {
                // pattern moves while they keep improving
                while (true) {
                    double[] trial = new double[3];
                    for (int d = 0; d < 3; d++) {
                        trial[d] = Math.min(1, Math.max(0, 2 * x[d] - base[d]));
                    }
                    System.arraycopy(x, 0, base, 0, 3);
                    fBase = fx;
                    double ft = holtWinters(mult, y, from, n, m, trial[0], trial[1], trial[2], season, 0, null, 0);
                    ft = explore(mult, y, from, n, m, trial, ft, step, season);
                    if (ft < fBase) {
                        System.arraycopy(trial, 0, x, 0, 3);
                        fx = ft;
                    } else {
                        break;
                    }
                }
            } else {
                step /= 2;
            }
        }
        System.arraycopy(base, 0, p, 0, 3);
        return fBase;
    }

    /** One exploratory sweep: each coordinate +-step, kept when it lowers the error; returns the error. */
    private static double explore(boolean mult, double[] y, int from, int n, int m, double[] x, double fx,
            double step, double[] season) {
        for (int d = 0; d < 3; d++) {
            double old = x[d];
            for (int sign = 1; sign >= -1; sign -= 2) {
                double v = Math.min(1, Math.max(0, old + sign * step));
                if (v == old) {
                    continue;
                }
                x[d] = v;
                double s = holtWinters(mult, y, from, n, m, x[0], x[1], x[2], season, 0, null, 0);
                if (s < fx) {
                    fx = s;
                    break;
                }
                x[d] = old;
            }
        }
        return fx;
    }

    /**
     * Additive Holt-Winters forecasts with the given smoothing parameters.
     *
     * @throws IllegalArgumentException when a parameter is outside [0, 1], n &lt; 2m or a range is out of bounds
     */
    public static void holtWintersAdditive(double[] y, int from, int n, int m, double alpha, double beta,
            double gamma, int h, double[] out, int o) {
        for (double v : new double[] {alpha, beta, gamma}) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("smoothing parameters must lie in [0, 1] but were " + alpha + ", "
                        + beta + ", " + gamma);
            }
        }
        checkHw(y, from, n, m);
        check(y, from, n, 2 * m, "Holt-Winters", h, out, o);
        holtWinters(y, from, n, m, alpha, beta, gamma, new double[m], h, out, o);
    }

    /**
     * Croston's forecast ({@code sba = false}) or the Syntetos-Boylan approximation ({@code sba = true}) with
     * smoothing {@code alpha}, the same for every step.
     *
     * @throws IllegalArgumentException when alpha is outside (0, 1], n &lt; 1 or a range is out of bounds
     */
    public static void croston(double[] y, int from, int n, double alpha, boolean sba, int h, double[] out, int o) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1] but was " + alpha);
        }
        check(y, from, n, 1, sba ? "SBA" : "Croston", h, out, o);
        double z = 0;
        double p = 0;
        int last = -1;
        for (int t = 0; t < n; t++) {
            double v = y[from + t];
            if (v > 0) {
                int q = t - last;
                if (last < 0) {
                    z = v;
                    p = q;
                } else {
                    z += alpha * (v - z);
                    p += alpha * (q - p);
                }
                last = t;
            }
        }
        double f = last < 0 ? 0 : z / p * (sba ? 1 - alpha / 2 : 1);
        for (int k = 0; k < h; k++) {
            out[o + k] = f;
        }
    }

    /**
     * Sum of squared one-step errors of Croston ({@code sba = false}) or SBA with smoothing {@code alpha}: for every
     * period t after the first demand, the forecast made with the history before t ({@code z / p}, times
     * {@code 1 - alpha / 2} for SBA) against y_t, zero periods included. 0 when no period follows the first demand.
     *
     * @throws IllegalArgumentException when alpha is outside (0, 1] or the range is out of bounds
     */
    public static double crostonSse(double[] y, int from, int n, double alpha, boolean sba) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1] but was " + alpha);
        }
        if (n < 1 || from < 0 || from + n > y.length) {
            throw new IllegalArgumentException("Croston needs at least 1 observation inside y but has [" + from
                    + ", " + (from + n) + ") of " + y.length);
        }
        return crostonSseUnchecked(y, from, n, alpha, sba);
    }

    private static double crostonSseUnchecked(double[] y, int from, int n, double alpha, boolean sba) {
        final double factor = sba ? 1 - alpha / 2 : 1;
        double z = 0;
        double p = 0;
        int last = -1;
        double sse = 0;
        for (int t = 0; t < n; t++) {
            double v = y[from + t];
            if (last >= 0) {
                double e = v - z / p * factor;
                sse += e * e;
            }
            if (v > 0) {
                int q = t - last;
                if (last < 0) {
                    z = v;
                    p = q;
                } else {
                    z += alpha * (v - z);
                    p += alpha * (q - p);
                }
                last = t;
            }
        }
        return sse;
    }

    /**
     * The smoothing parameter in [0.01, 1] minimising {@link #crostonSse} (in-sample one-step squared error, the
     * criterion of Syntetos and Boylan 2005 and of most software): a grid of step 0.01, then golden-section search
     * to 1e-9 inside the neighbouring grid cells (kept only when it improves on the grid). Ties go to the smallest
     * grid value, so a series with no one-step error (fewer than two periods after its first demand, or a
     * constant demand) gets 0.01. The lower bound 0.01 keeps the method from freezing at its first demand.
     *
     * @throws IllegalArgumentException when n &lt; 1 or the range is out of bounds
     */
    public static double fitCroston(double[] y, int from, int n, boolean sba) {
        if (n < 1 || from < 0 || from + n > y.length) {
            throw new IllegalArgumentException((sba ? "SBA" : "Croston") + " needs at least 1 observation inside y "
                    + "but has [" + from + ", " + (from + n) + ") of " + y.length);
        }
        int best = 1;
        double bestSse = Double.POSITIVE_INFINITY;
        for (int i = 1; i <= 100; i++) {
            double s = crostonSseUnchecked(y, from, n, i / 100.0, sba);
            if (s < bestSse) {
                bestSse = s;
                best = i;
            }
        }
        double lo = Math.max(1, best - 1) / 100.0;
        double hi = Math.min(100, best + 1) / 100.0;
        final double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = crostonSseUnchecked(y, from, n, a, sba);
        double fb = crostonSseUnchecked(y, from, n, b, sba);
        while (hi - lo > 1e-9) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = crostonSseUnchecked(y, from, n, a, sba);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = crostonSseUnchecked(y, from, n, b, sba);
            }
        }
        double mid = 0.5 * (lo + hi);
        double fm = crostonSseUnchecked(y, from, n, mid, sba);
        return fm < bestSse ? mid : best / 100.0;
    }
}
