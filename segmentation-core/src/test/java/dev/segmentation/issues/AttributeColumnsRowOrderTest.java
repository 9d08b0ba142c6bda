package dev.segmentation.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.Transactions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, weak spot "attribute columns depend on row order": rows that differ only in a numeric attribute came out
 * as {@code [1, 12]} or {@code [12, 1]} depending on input order. The canonical order ends with every attribute.
 */
class AttributeColumnsRowOrderTest {
    private static final long T = 1_300_000_000L;

    private static double[] attribute(Transactions t, String name) {
        int a = t.attributeIndex(name);
        double[] v = new double[t.size()];
        for (int r = 0; r < v.length; r++) {
            v[r] = t.attribute(a, r);
        }
        return v;
    }

    @Test
    void rowsDifferingOnlyInAnAttributeComeOutInOneOrder() {
        Transactions a = Transactions.builder().attributes("installments")
                .add("c", T, "o", 1, 10, null, null, 12).add("c", T, "o", 1, 10, null, null, 1).build();
        Transactions b = Transactions.builder().attributes("installments")
                .add("c", T, "o", 1, 10, null, null, 1).add("c", T, "o", 1, 10, null, null, 12).build();
        assertEquals("[1.0, 12.0]", java.util.Arrays.toString(attribute(a, "installments")));
        assertEquals("[1.0, 12.0]", java.util.Arrays.toString(attribute(b, "installments")));
    }

    @Test
    void everyPermutationGivesTheSameTableColumnByColumn() {
        SplittableRandom r = new SplittableRandom(9);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // few distinct timestamps, orders and amounts: many rows tie on everything but the attributes
            rows.add(new double[] {r.nextInt(3), r.nextInt(2), r.nextInt(2), r.nextInt(4), r.nextInt(3) - 1});
        }
        double[][] first = null;
        for (int trial = 0; trial < 5; trial++) {
            Collections.shuffle(rows, new java.util.Random(trial));
            Transactions.Builder b = Transactions.builder().attributes("installments", "freight");
            for (double[] row : rows) {
                b.add("c" + (int) row[0], T + (long) row[1], "o" + (int) row[2], 1, 5, null, null, row[3], row[4]);
            }
            Transactions t = b.build();
            double[][] cols = {attribute(t, "installments"), attribute(t, "freight")};
            if (first == null) {
                first = cols;
            } else {
                for (int c = 0; c < 2; c++) {
                    assertEquals(java.util.Arrays.toString(first[c]), java.util.Arrays.toString(cols[c]),
                            "shuffle " + trial + ", attribute " + c);
                }
            }
        }
    }
}
