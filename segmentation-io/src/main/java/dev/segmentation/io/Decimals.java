package dev.segmentation.io;

import java.nio.charset.StandardCharsets;

/**
 * Decimal text to {@code double} straight from bytes.
 *
 * <p>The accepted text is a plain decimal {@code [+-]digits[.digits][(e|E)[+-]digits]} (the integer or the fraction
 * digits may be left out, not both), or one of the words {@code NaN} and {@code Infinity} with an optional sign
 * (so that a reader can report such a value as not finite rather than unreadable), with optional spaces and tabs
 * around it. Java literal syntax that {@link Double#parseDouble(String)} also takes is rejected: type suffixes
 * ({@code 12d}, {@code 5f}), hexadecimal ({@code 0x1p3}) and other white space. For every accepted text the value is
 * exactly what {@code Double.parseDouble} gives (correctly rounded).
 *
 * <p>The fast path is Clinger's exact case: at most 15 significant digits and a decimal exponent of magnitude at
 * most 22. The digits then form an integer {@code m < 2^53} and {@code 10^|e|} is exactly representable, so one
 * IEEE multiply or divide (correctly rounded) yields the correctly rounded value. Every other accepted text is
 * checked against the grammar above, decoded to a String and handed to {@code Double.parseDouble}.
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
     * Parses {@code b[from, to)} as ASCII text.
     *
     * @throws NumberFormatException when the text is not in the grammar of the class comment
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
        int i = from;
        int j = to;
        while (i < j && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        while (j > i && (b[j - 1] == ' ' || b[j - 1] == '\t')) {
            j--;
        }
        if (!plain(b, i, j)) {
            throw new NumberFormatException("not a plain decimal number: '"
                    + new String(b, from, to - from, StandardCharsets.ISO_8859_1) + "'");
        }
        return Double.parseDouble(new String(b, i, j - i, StandardCharsets.ISO_8859_1));
    }

    /** True when {@code b[from, to)} is in the grammar: a plain decimal, or a signed NaN or Infinity. */
    static boolean plain(byte[] b, int from, int to) {
        int i = from;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            i++;
        }
        if (word(b, i, to, "NaN") || word(b, i, to, "Infinity")) {
            return true;
        }
        int digits = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
            digits++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                i++;
            }
            int expDigits = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == to;
    }

    private static boolean word(byte[] b, int from, int to, String w) {
        if (to - from != w.length()) {
            return false;
        }
        for (int k = 0; k < w.length(); k++) {
            if (b[from + k] != w.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a String by the same grammar (for sources that deliver text, such as JDBC).
     *
     * @throws NumberFormatException when the text is not in the grammar
     */
    static double parse(String s) {
        byte[] b = new byte[s.length()];
        for (int k = 0; k < b.length; k++) {
            char c = s.charAt(k);
            // a non-ASCII character can never be in the grammar: make it a byte that is not either
            b[k] = c < 128 ? (byte) c : (byte) '?';
        }
        return parse(b, 0, b.length);
    }
}
