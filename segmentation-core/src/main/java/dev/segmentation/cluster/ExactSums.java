package dev.segmentation.cluster;

/**
 * Order-independent exact sums of quantised doubles for K-Means (issue 20). Package-private.
 *
 * <p><b>Quantisation.</b> A column (or any family of values) with a known bound {@code B >= |v|} gets the scale
 * {@code s = 2^(50 - e)} with {@code e} the smallest integer such that {@code B < 2^e} (see {@link #scaleFor}); each
 * value {@code v} is represented by the integer {@code Q(v) = round(v * s)}, rounded to nearest with ties to even.
 * {@code v * s} is exact (a power-of-two scale; only subnormal results round, deterministically), {@code |v * s| <
 * 2^50}, so the rounding error is at most half a quantum {@code 1 / (2 s) = 2^(e - 51)}, that is at most
 * {@code 2^-50 B}: four units in the last place of the bound, far below the scatter of any real data.
 * {@link #q} computes {@code Q(v)} without a branch or conversion instruction: {@code v * s + 1.5 * 2^52} lies in
 * {@code [2^52, 2^53)}, where doubles are spaced by 1, so the addition rounds {@code v * s} to an integer and the
 * bit pattern of the result is that of {@code 1.5 * 2^52} plus the integer.
 *
 * <p>K-Means centre sums use the coarser {@link #columnScaleFor} ({@code 2^(45 - e)}, error at most {@code 2^-45 B})
 * so that up to 256 quantised values of one tile add exactly in a double before they reach a {@code long}; the
 * inertia and the variance use {@link #scaleFor}.
 *
 * <p><b>Summation.</b> Integers add exactly and associatively. A block of at most {@link #MAX_TERMS} values sums in
 * one {@code long} (at most {@code 2^12 * 2^50 = 2^62}; intermediate wrap-around cancels, because {@code long}
 * addition is exact modulo {@code 2^64} and the true block sum fits). Block sums are combined in a 128-bit
 * accumulator held as two longs ({@link #addHi}/{@link #addLo}: the high part of the block sum and its low 32 bits,
 * each summed separately, exact for up to {@code 2^31} blocks). So the total is the same integer for any order of
 * the values, any cut into blocks and any thread count; {@link #toDouble} rounds it once to a double (correctly
 * rounded), and the caller multiplies by the quantum (exact, a power of two).
 */
final class ExactSums {
    /** At most this many values per {@code long} partial sum (a K-Means row block). */
    static final int MAX_TERMS = 1 << 12;
    /** {@code 1.5 * 2^52}: added to a value below {@code 2^51} in magnitude, rounds it to an integer. */
    static final double MAGIC = 0x1.8p52;
    /** The bit pattern of {@link #MAGIC}. */
    static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);
    private static final long LOW = 0xFFFF_FFFFL;

    private ExactSums() {
    }

    /**
     * The scale {@code 2^(50 - e)} for values bounded by {@code bound} ({@code bound < 2^e}, {@code e} as small as
     * possible); 1 when {@code bound} is zero; an infinite bound gives the scale of the largest double. Clamped to
     * the normal range (a tiny bound gets a coarser quantum, never an infinite scale).
     */
    static double scaleFor(double bound) {
        if (!(bound > 0)) {
            return 1.0;
        }
        int e = Double.isInfinite(bound) ? 1024 : Math.getExponent(bound) + 1;
        return Math.scalb(1.0, Math.max(-1022, Math.min(1023, 50 - e)));
    }

    /**
     * The scale {@code 2^(45 - e)} for the values of a column bounded by {@code bound} ({@code bound < 2^e}), for
     * sums of up to 256 of them in a double: quantised values below {@code 2^45} in magnitude add exactly in a
     * double up to {@code 2^8} terms. Clamped like {@link #scaleFor}.
     */
    static double columnScaleFor(double bound) {
        if (!(bound > 0)) {
            return 1.0;
        }
        int e = Double.isInfinite(bound) ? 1024 : Math.getExponent(bound) + 1;
        return Math.scalb(1.0, Math.max(-1022, Math.min(1023, 45 - e)));
    }

    /**
     * {@code out[r] = round(v[r] * scale)} (to nearest, ties to even; an integer-valued double) for {@code r < len}
     * and {@code |v[r] * scale| < 2^51}: a short branch-free loop that C2 vectorises.
     */
    static void quantise(double[] v, double scale, double[] out, int len) {
        for (int r = 0; r < len; r++) {
            out[r] = (v[r] * scale + MAGIC) - MAGIC;
        }
    }

    /** {@code round(v * scale)} as {@link #quantise} computes it. */
    static double round(double v, double scale) {
        return (v * scale + MAGIC) - MAGIC;
    }

    /** {@code Q(v) = round(v * scale)} (ties to even) for {@code |v * scale| < 2^51}. */
    static long q(double v, double scale) {
        return Double.doubleToRawLongBits(v * scale + MAGIC) - MAGIC_BITS;
    }

    /** The part of a block sum {@code p} that goes to the high accumulator. */
    static long addHi(long p) {
        return p >> 32;
    }

    /** The part of a block sum {@code p} that goes to the low accumulator. */
    static long addLo(long p) {
        return p & LOW;
    }

    /** The integer {@code hi * 2^32 + lo}, rounded once to the nearest double (ties to even). */
    static double toDouble(long hi, long lo) {
        long h = hi + (lo >> 32);
        long l = lo & LOW;
        // the callers sum fewer than 2^31 values (rows of one fit), each below 2^51 in magnitude, so the integer is
        // below 2^82 and |h| < 2^50: (double) h and h * 2^32 are exact and the addition is the only rounding (the
        // accumulators themselves could hold more, up to 2^31 blocks of 2^62, but then h would round twice)
        return (double) h * 0x1p32 + (double) l;
    }

    /** The exact integer {@code hi * 2^32 + lo} (for tests). */
    static java.math.BigInteger toBigInteger(long hi, long lo) {
        return java.math.BigInteger.valueOf(hi).shiftLeft(32).add(java.math.BigInteger.valueOf(lo));
    }
}
