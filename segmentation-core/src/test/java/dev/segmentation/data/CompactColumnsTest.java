package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, compact transaction store: every column reads back exactly what was written (bit for bit), whether the
 * values fit the compact encoding or force the fallback, and the layout names the encoding it ended in.
 */
class CompactColumnsTest {

    private static void assertDecimals(double[] values, String layout) {
        CompactColumns.Decimals d = new CompactColumns.Decimals(1);
        for (double v : values) {
            d.add(v);
        }
        d.trim();
        for (int r = 0; r < values.length; r++) {
            assertEquals(Double.doubleToRawLongBits(values[r]), Double.doubleToRawLongBits(d.get(r)),
                    "row " + r + " wrote " + values[r] + " read " + d.get(r));
        }
        assertTrue(d.layout().startsWith(layout), d.layout());
    }

    @Test
    void wholeNumbersAndCentsAreStoredNarrowAndReadBackExactly() {
        assertDecimals(new double[] {1, 2, 3, -128, 127}, "int8");
        assertDecimals(new double[] {1, 2, 300, -32768}, "int16");
        assertDecimals(new double[] {1, 70000, -2147483648.0, 2147483647.0}, "int32 whole numbers");
        assertDecimals(new double[] {1, 0.29, 19.99, 1234.56, -0.01, 21474836.47}, "int32 whole cents");
        // a value needing cents after whole numbers were stored narrow: the earlier rows are re-encoded
        assertDecimals(new double[] {5, 6, 7, 8.5, 9}, "int32 whole cents");
    }

    @Test
    void valuesOutsideTheCompactEncodingsFallBackToDoublesPerColumn() {
        // -0.0 is not the integer 0; 0.1 + 0.2 is not a whole number of cents; 1e300 and 2^31 cents do not fit
        assertDecimals(new double[] {1, 2, -0.0, 3}, "float64 (fallback");
        assertDecimals(new double[] {0.29, 0.1 + 0.2}, "float64 (fallback");
        assertDecimals(new double[] {1, 1e300}, "float64 (fallback");
        assertDecimals(new double[] {1.5, 21474836.48}, "float64 (fallback");
        assertDecimals(new double[] {Double.MIN_VALUE, 4}, "float64 (fallback");
        assertDecimals(new double[] {3, Math.nextUp(3.0)}, "float64 (fallback");
    }

    @Test
    void timestampsBeyondAnIntOfSecondsFallBackToLongs() {
        CompactColumns.Times t = new CompactColumns.Times(1);
        long[] v = {1_700_000_000L, 1_700_000_500L, 1_600_000_000L};
        for (long x : v) {
            t.add(x);
        }
        t.trim();
        assertTrue(t.layout().startsWith("int32"), t.layout());
        for (int r = 0; r < v.length; r++) {
            assertEquals(v[r], t.get(r));
        }
        CompactColumns.Times w = new CompactColumns.Times(1);
        long[] far = {Transactions.MIN_EPOCH_SECOND, 0, Transactions.END_EPOCH_SECOND - 1, 5};
        for (long x : far) {
            w.add(x);
        }
        w.trim();
        assertTrue(w.layout().contains("fallback"), w.layout());
        for (int r = 0; r < far.length; r++) {
            assertEquals(far[r], w.get(r));
        }
    }

    @Test
    void orderCodesRunAsBitsUntilACodeJumps() {
        CompactColumns.Orders o = new CompactColumns.Orders(1);
        List<Integer> written = new ArrayList<>();
        int code = 7;
        for (int r = 0; r < 1000; r++) {
            if (r % 3 == 0) {
                code++;
            }
            o.add(code);
            written.add(code);
        }
        assertTrue(o.layout().startsWith("order starts as bits"), o.layout());
        for (int r = 0; r < written.size(); r++) {
            assertEquals((int) written.get(r), o.get(r), "row " + r);
        }
        o.add(3); // a jump backwards: plain ints from here, earlier rows kept
        written.add(3);
        o.add(4_000_000);
        written.add(4_000_000);
        o.trim();
        assertTrue(o.layout().contains("fallback"), o.layout());
        for (int r = 0; r < written.size(); r++) {
            assertEquals((int) written.get(r), o.get(r), "row " + r);
        }
    }

    @Test
    void codesWidenFrom8To16To32Bits() {
        CompactColumns.Codes c = new CompactColumns.Codes(1);
        int[] v = {-1, 0, 254, 255, 65534, 65535, 1 << 20, -1};
        for (int k = 0; k < v.length; k++) {
            c.add(v[k]);
            for (int r = 0; r <= k; r++) {
                assertEquals(v[r], c.get(r), "after " + (k + 1) + " codes, row " + r);
            }
            if (k == 2) {
                assertEquals("uint8 codes", c.layout());
            } else if (k == 4) {
                assertEquals("uint16 codes", c.layout());
            }
        }
        c.trim();
        assertEquals("int32 codes", c.layout());
    }

    @Test
    void categoriesFollowTheItemUntilAnItemShowsTwoCategories() {
        CompactColumns.Rows rows = new CompactColumns.Rows(1, true, 10, true);
        int[] item = {0, 1, 0, -1, 2, 1};
        int[] cat = {5, 6, 5, 9, -1, 6};
        for (int r = 0; r < item.length; r++) {
            rows.add(100 + r, r, 1, 1, item[r], cat[r]);
        }
        assertEquals("none per row: one category per item", rows.category.layout());
        rows.add(200, 7, 1, 1, 0, 4); // item 0 under category 4 as well
        rows.trim();
        assertTrue(rows.category.layout().contains("two categories"), rows.category.layout());
        int[] wantCat = {5, 6, 5, 9, -1, 6, 4};
        for (int r = 0; r < wantCat.length; r++) {
            assertEquals(wantCat[r], rows.category.get(r), "row " + r);
        }
    }

    @Property(tries = 200)
    void everyDoubleReadsBackBitForBit(@ForAll("mixedDoubles") List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        CompactColumns.Decimals d = new CompactColumns.Decimals(1);
        for (double x : v) {
            d.add(x);
        }
        d.trim();
        for (int r = 0; r < v.length; r++) {
            assertEquals(Double.doubleToRawLongBits(v[r]), Double.doubleToRawLongBits(d.get(r)));
        }
    }

    @Provide
    Arbitrary<List<Double>> mixedDoubles() {
        Arbitrary<Double> whole = Arbitraries.integers().between(-40_000, 40_000).map(i -> (double) i);
        Arbitrary<Double> cents = Arbitraries.integers().between(-1_000_000, 1_000_000).map(i -> i / 100.0);
        Arbitrary<Double> any = Arbitraries.doubles().between(-1e12, 1e12);
        Arbitrary<Double> odd = Arbitraries.of(-0.0, 0.0, 1e300, -1e-300, Double.MIN_VALUE, 0.1 + 0.2,
                21474836.47, -21474836.48, 2147483647.0, 2147483648.0);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, whole), net.jqwik.api.Tuple.of(6, cents), net.jqwik.api.Tuple.of(1, any),
                net.jqwik.api.Tuple.of(1, odd)).list().ofMaxSize(60);
    }

    @Property(tries = 200)
    void everyTimestampAndOrderCodeReadsBack(@ForAll("times") List<Long> times) {
        CompactColumns.Times t = new CompactColumns.Times(1);
        CompactColumns.Orders o = new CompactColumns.Orders(1);
        int code = 0;
        for (int r = 0; r < times.size(); r++) {
            t.add(times.get(r));
            code += (int) (Math.abs(times.get(r)) % 3) - (r % 17 == 16 ? 2 : 0);
            o.add(Math.max(0, code));
        }
        t.trim();
        o.trim();
        code = 0;
        for (int r = 0; r < times.size(); r++) {
            assertEquals((long) times.get(r), t.get(r));
            code += (int) (Math.abs(times.get(r)) % 3) - (r % 17 == 16 ? 2 : 0);
            assertEquals(Math.max(0, code), o.get(r));
        }
    }

    @Provide
    Arbitrary<List<Long>> times() {
        Arbitrary<Long> near = Arbitraries.longs().between(1_600_000_000L, 1_700_000_000L);
        Arbitrary<Long> far = Arbitraries.longs().between(Transactions.MIN_EPOCH_SECOND,
                Transactions.END_EPOCH_SECOND - 1);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(10, near), net.jqwik.api.Tuple.of(1, far)).list()
                .ofMaxSize(200);
    }
}
