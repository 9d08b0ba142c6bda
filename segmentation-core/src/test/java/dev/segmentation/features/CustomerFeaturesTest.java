package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.Events;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitContext;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Activity breadth, attribute per order, category focus and engagement, checked on tables computed by hand. */
class CustomerFeaturesTest {
    private static final FitContext ONE = FitContext.seeded(0).withThreads(1);

    private static long at(int day, int hour) {
        return LocalDate.of(2023, 1, 1).plusDays(day).toEpochDay() * 86_400L + hour * 3600L;
    }

    /**
     * A: O1 (day 1: i1/K1 10 and i2/K1 5, 3 installments), O2 (day 3: i3/K2 20, 1 installment), O3 (day 4: a return
     * of i1/K1, amount -5, 1 installment). B: O4 with two lines of i1/K3 at different times, installments 6 and 2.
     */
    private static Transactions table() {
        return Transactions.builder().attributes("installments")
                .add("A", at(1, 10), "O1", 2, 10, "i1", "K1", 3)
                .add("A", at(1, 10), "O1", 1, 5, "i2", "K1", 3)
                .add("A", at(3, 9), "O2", 1, 20, "i3", "K2", 1)
                .add("A", at(4, 9), "O3", -1, -5, "i1", "K1", 1)
                .add("B", at(2, 8), "O4", 1, 8, "i1", "K3", 6)
                .add("B", at(2, 9), "O4", 1, 8, "i1", "K3", 2)
                .build();
    }

    @Test
    void assortmentCountsDistinctItemsAndCategoriesOfAllRows() {
        FeatureTable f = Features.assortment().extract(table(), ONE);
        assertEquals(List.of("distinct_items", "distinct_categories"), f.featureNames());
        assertEquals(3, f.get(0, "distinct_items"));
        assertEquals(2, f.get(0, "distinct_categories"));
        assertEquals(1, f.get(1, "distinct_items"));
        assertEquals(1, f.get(1, "distinct_categories"));
        assertEquals(List.of("distinct_items"), Features.distinctItems().featureNames());
        assertEquals(2, Features.distinctCategories().extract(table(), ONE).get(0, 0));
    }

    @Test
    void attributePerOrderAveragesLinesWithinAnOrderThenOrders() {
        FeatureTable f = Features.attributePerOrder("installments").extract(table(), ONE);
        assertEquals(List.of("installments_per_order"), f.featureNames());
        assertEquals((3.0 + 1 + 1) / 3, f.get(0, 0), 1e-15);
        assertEquals(4.0, f.get(1, 0), 0);
        assertEquals("installments", ((OrderAttributeMean) Features.attributePerOrder("installments")).attribute());
    }

    @Test
    void categoryFocusUsesPositiveSpendAndTheTableCategoryCount() {
        FeatureTable f = Features.categoryFocus().extract(table(), ONE);
        assertEquals(List.of("top_category_share", "category_entropy"), f.featureNames());
        assertEquals(20.0 / 35, f.get(0, 0), 1e-15);
        double p = 15.0 / 35;
        double q = 20.0 / 35;
        assertEquals(-(p * Math.log(p) + q * Math.log(q)) / Math.log(3), f.get(0, 1), 1e-15);
        assertEquals(1.0, f.get(1, 0), 0);
        assertEquals(0.0, f.get(1, 1), 0);
    }

    @Test
    void categoryFocusOfAnEntityWithOnlyReturnsIsZero() {
        Transactions t = Transactions.builder()
                .add("A", at(1, 1), "O1", -1, -4, "i1", "K1")
                .add("B", at(1, 1), "O2", 1, 4, "i2", "K2")
                .build();
        FeatureTable f = Features.categoryFocus().extract(t, ONE);
        assertEquals(0.0, f.get(0, 0), 0);
        assertEquals(0.0, f.get(0, 1), 0);
        assertEquals(1.0, f.get(1, 0), 0);
    }

    @Test
    void engagementCountsEventsPerEventDayAndPerOrder() {
        Events ev = Events.builder()
                .add("Z", at(1, 1), "view")
                .add("A", at(5, 2), "view")
                .add("A", at(1, 3), "view")
                .add("A", at(1, 4), "cart")
                .add("Z", at(2, 1), "view")
                .add("A", at(1, 3), "view")
                .build();
        FeatureTable f = Features.engagement(ev).extract(table(), ONE);
        assertEquals(List.of("events_per_active_day", "events_per_order"), f.featureNames());
        assertEquals(2.0, f.get(0, 0), 0);
        assertEquals(4.0 / 3, f.get(0, 1), 0);
        assertEquals(0.0, f.get(1, 0), 0);
        assertEquals(0.0, f.get(1, 1), 0);
    }

    @Test
    void eventsAreCanonicalWhateverTheInputOrder() {
        Events a = Events.builder().add("B", 86_400L * 3, "x").add("A", 86_400L * 2, "y").add("A", 86_400L * 2, "x")
                .add("A", 86_400L, "z").build();
        Events b = Events.builder().add("A", 86_400L, "z").add("A", 86_400L * 2, "x").add("B", 86_400L * 3, "x")
                .add("A", 86_400L * 2, "y").build();
        assertEquals(List.of("A", "B"), a.entityIds());
        assertEquals(List.of("x", "y", "z"), a.types());
        assertEquals(4, a.size());
        for (int r = 0; r < a.size(); r++) {
            assertEquals(a.epochSecond(r), b.epochSecond(r));
            assertEquals(a.type(r), b.type(r));
        }
        assertEquals("z", a.type(0));
        assertEquals("x", a.type(1));
        assertEquals("y", a.type(2));
        assertEquals(0, a.entityStart(0));
        assertEquals(3, a.entityEnd(0));
        assertEquals(2L, a.epochDay(1));
        assertEquals(1, a.entityIndex("B").getAsInt());
        assertEquals(0, Events.builder().build().size());
    }

    @Test
    void eventErrorsNameTheEventAndValue() {
        assertEquals("event 1, column entity: entity id is null or blank, value ' '",
                assertThrows(IllegalArgumentException.class,
                        () -> Events.builder().add("A", 0L, "v").add(" ", 0L, "v")).getMessage());
        assertEquals("event 0, column type: type is null or blank, value null",
                assertThrows(IllegalArgumentException.class, () -> Events.builder().add("A", 0L, null)).getMessage());
        assertEquals("event 0, column timestamp: impossible timestamp, value " + Transactions.END_EPOCH_SECOND
                + " (outside 1900-01-01..2199-12-31)", assertThrows(IllegalArgumentException.class,
                        () -> Events.builder().add("A", Transactions.END_EPOCH_SECOND, "v")).getMessage());
        Events.Builder b = Events.builder();
        b.build();
        assertEquals("build() was already called", assertThrows(IllegalStateException.class, b::build).getMessage());
        assertEquals("build() was already called",
                assertThrows(IllegalStateException.class, () -> b.add("A", 0L, "v")).getMessage());
        assertEquals("events", assertThrows(NullPointerException.class, () -> Features.engagement(null))
                .getMessage());
    }

    @Test
    void missingColumnsAndAttributesAreNamed() {
        Transactions bare = Transactions.builder().add("A", at(1, 1), "O1", 1, 1).build();
        assertEquals("distinct_items needs the item column, but the transactions carry none",
                assertThrows(IllegalArgumentException.class,
                        () -> Features.distinctItems().extract(bare, ONE)).getMessage());
        assertEquals("distinct_categories needs the category column, but the transactions carry none",
                assertThrows(IllegalArgumentException.class,
                        () -> Features.distinctCategories().extract(bare, ONE)).getMessage());
        assertEquals("category focus needs the category column, but the transactions carry none",
                assertThrows(IllegalArgumentException.class,
                        () -> Features.categoryFocus().extract(bare, ONE)).getMessage());
        assertEquals("no attribute named 'installments'; attributes are []",
                assertThrows(IllegalArgumentException.class,
                        () -> Features.attributePerOrder("installments").extract(bare, ONE)).getMessage());
        assertEquals("attribute must not be blank but was ' '",
                assertThrows(IllegalArgumentException.class, () -> Features.attributePerOrder(" "))
                        .getMessage());
        assertEquals("attribute", assertThrows(NullPointerException.class,
                () -> Features.attributePerOrder(null)).getMessage());
    }

    @Test
    void sameBitsForOneTwoAndThreeThreadsAndAnyInputOrder() {
        SplittableRandom rnd = new SplittableRandom(5);
        int rows = 12_000;
        String[] ent = new String[rows];
        long[] time = new long[rows];
        String[] ord = new String[rows];
        double[] q = new double[rows];
        double[] a = new double[rows];
        String[] it = new String[rows];
        String[] cat = new String[rows];
        double[] inst = new double[rows];
        for (int r = 0; r < rows; r++) {
            int e = rnd.nextInt(3000);
            ent[r] = "E" + e;
            time[r] = at(rnd.nextInt(300), rnd.nextInt(24));
            ord[r] = "O" + e + "-" + rnd.nextInt(4);
            q[r] = rnd.nextInt(5) - 1;
            a[r] = q[r] * (1 + rnd.nextInt(100)) / 7.0;
            it[r] = "i" + rnd.nextInt(50);
            cat[r] = "K" + rnd.nextInt(7);
            inst[r] = 1 + rnd.nextInt(10);
        }
        Events.Builder eb = Events.builder();
        for (int k = 0; k < 20_000; k++) {
            eb.add("E" + rnd.nextInt(3500), at(rnd.nextInt(300), rnd.nextInt(24)), "t" + rnd.nextInt(3));
        }
        Events ev = eb.build();
        FeatureExtractor[] all = {Features.assortment(), Features.attributePerOrder("installments"),
            Features.categoryFocus(), Features.engagement(ev)};
        Transactions forward = build(ent, time, ord, q, a, it, cat, inst, false);
        Transactions backward = build(ent, time, ord, q, a, it, cat, inst, true);
        for (FeatureExtractor x : all) {
            FeatureTable one = x.extract(forward, ONE);
            assertEquals(one, x.extract(forward, FitContext.seeded(0).withThreads(2)), x.toString());
            assertEquals(one, x.extract(forward, FitContext.seeded(0).withThreads(3)), x.toString());
            assertEquals(one, x.extract(backward, FitContext.seeded(0).withThreads(2)), x.toString());
        }
    }

    private static Transactions build(String[] ent, long[] time, String[] ord, double[] q, double[] a, String[] it,
            String[] cat, double[] inst, boolean reverse) {
        Transactions.Builder b = Transactions.builder().attributes("installments");
        int n = ent.length;
        for (int k = 0; k < n; k++) {
            int r = reverse ? n - 1 - k : k;
            b.add(ent[r], time[r], ord[r], q[r], a[r], it[r], cat[r], inst[r]);
        }
        return b.build();
    }
}
