package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/**
 * {@link Decimals#parse} accepts exactly the plain decimal grammar (a regular expression here, written independently)
 * and then gives exactly {@link Double#parseDouble} (same bits); it rejects everything else, including the Java
 * literal forms that {@code Double.parseDouble} takes ({@code 1d}, {@code 5f}, {@code 0x1p3}).
 */
class DecimalsProperties {
    private static final Pattern PLAIN = Pattern.compile(
            "[ \\t]*[+-]?(NaN|Infinity|([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)[ \\t]*");

    /** Parses both ways; passes when both reject or both give the same bits. */
    private static void same(String s) {
        byte[] b = ("#" + s + "#").getBytes(StandardCharsets.ISO_8859_1);
        Double parsed;
        try {
            parsed = PLAIN.matcher(s).matches() ? Double.parseDouble(s) : null;
        } catch (NumberFormatException e) {
            parsed = null;
        }
        final Double expected = parsed;
        if (expected == null) {
            assertThrows(NumberFormatException.class, () -> Decimals.parse(b, 1, b.length - 1), s);
        } else {
            double actual = Decimals.parse(b, 1, b.length - 1);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                    () -> "'" + s + "': expected " + expected + " but got " + actual);
        }
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        Arbitrary<String> intPart = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(20);
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(20)
                .injectNull(0.3).map(f -> f == null ? "" : "." + f);
        Arbitrary<String> exponent = Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "-", "+"),
                Arbitraries.integers().between(0, 400)).as((e, s, v) -> e + s + v).injectNull(0.6)
                .map(e -> e == null ? "" : e);
        return Combinators.combine(sign, intPart, fraction, exponent).as((s, i, f, e) -> s + i + f + e);
    }

    @Property(tries = 3000)
    void structuredDecimals(@ForAll("decimals") String s) {
        same(s);
    }

    @Property(tries = 2000)
    void shortestReprOfRandomDoubles(@ForAll double d) {
        same(Double.toString(d));
        same(String.format(java.util.Locale.ROOT, "%.6f", d));
    }

    @Property(tries = 2000)
    void moneyLikeValues(@ForAll("money") String s) {
        same(s);
    }

    @Provide
    Arbitrary<String> money() {
        return Combinators.combine(Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L),
                Arbitraries.integers().between(0, 4)).as((v, scale) ->
                        new java.math.BigDecimal(java.math.BigInteger.valueOf(v), scale).toPlainString());
    }

    @Property(tries = 2000)
    void arbitraryAsciiText(@ForAll("ascii") String s) {
        same(s);
    }

    @Provide
    Arbitrary<String> ascii() {
        return Arbitraries.strings().withChars("0123456789.eE+-xXpPdDfFNaInfity \t").ofMaxLength(12);
    }

    @Example
    void edgeCases() {
        for (String s : new String[] {"0", "-0", "+0", "0.0", "-0.0", ".5", "5.", ".", "-", "", "e5", "1e", "1e+",
            "1e-22", "1e22", "1e23", "123456789012345", "1234567890123456", "9007199254740993", "0.1", "2.55",
            "17850.0", "4.9e-324", "1.7976931348623157e308", "1e309", "NaN", "-Infinity", " 1", "1 ", "1d", "1f",
            "0x1p3", "00000000000000000000000001.5", "1.000000000000000000000", "1e0000000000000001"}) {
            same(s);
        }
    }
}
