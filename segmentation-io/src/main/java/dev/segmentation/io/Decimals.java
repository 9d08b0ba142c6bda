package dev.segmentation.io;

/**
 * Decimal text to {@code double} straight from bytes, giving exactly what {@link Double#parseDouble(String)} gives
 * for the same text.
 *
 * <p>The fast path is Clinger's exact case: a plain decimal {@code [+-]digits[.digits][(e|E)[+-]digits]} with at
 * most 15 significant digits and a decimal exponent of magnitude at most 22. The digits then form an integer
 * {@code m < 2^53} and {@code 10^|e|} is exactly representable, so one IEEE multiply or divide (correctly rounded)
 * yields the correctly rounded value, which is what {@code Double.parseDouble} returns. Every other text
 * (more digits, larger exponents, whitespace, {@code NaN}, hexadecimal, type suffixes, garbage) is decoded to a
 * String and handed to {@code Double.parseDouble}, so the two agree on every input, including on which inputs are
 * rejected.
 *
 * <p>Reference: W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990. O(length), no allocation
 * on the fast path. Stateless and thread-safe.
 */
final class Decimals {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22
    };

    private Decimals() {
    }

    /**
     * Parses {@code b[from, to)} as ISO-8859-1 text (digits, signs and the exponent letter are ASCII; any other byte
     * sends the text to the fallback, which then rejects it unless it is whitespace Double.parseDouble trims).
     *
     * @throws NumberFormatException exactly when {@code Double.parseDouble} throws for the same text
     */
    static double parse(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long m = 0;
        int significant = 0;
        int exp = 0;
        int digits = 0;
        while (i < to) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            digits++;
            if (m != 0 || d != 0) {
                if (significant == 18) {
                    return slow(b, from, to);
                }
                m = m * 10 + d;
                significant++;
            }
            i++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                digits++;
                if (m != 0 || d != 0) {
                    if (significant == 18) {
                        return slow(b, from, to);
                    }
                    m = m * 10 + d;
                    significant++;
                }
                exp--;
                i++;
            }
        }
        if (digits == 0) {
            return slow(b, from, to);
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                expNegative = b[i] == '-';
                i++;
            }
            int e = 0;
            int expDigits = 0;
            while (i < to) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (expDigits == 6) {
                    return slow(b, from, to);
                }
                e = e * 10 + d;
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                return slow(b, from, to);
            }
            exp += expNegative ? -e : e;
        }
        if (i != to) {
            return slow(b, from, to);
        }
        if (m == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (significant > 15 || exp < -22 || exp > 22) {
            return slow(b, from, to);
        }
        double v = exp >= 0 ? m * POW10[exp] : m / POW10[-exp];
        return negative ? -v : v;
    }

    private static double slow(byte[] b, int from, int to) {
        return Double.parseDouble(new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
