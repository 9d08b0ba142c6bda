package dev.segmentation.features;

import dev.segmentation.data.Transactions;

/**
 * The breadth of what each entity buys (the activity feature's distinct items and distinct categories): columns
 * {@code distinct_items} and/or {@code distinct_categories}.
 *
 * <p><b>Definitions.</b> distinct_items: the number of distinct item ids among all rows of the entity (rows without
 * an item do not count); distinct_categories: the number of distinct categories among all rows of the entity
 * (rows without a category do not count). Every row counts, whatever its quantity: to leave returns or
 * cancellations out, filter the table first ({@link Transactions#filterRows}).
 *
 * <p><b>Cost.</b> O(r log r) for an entity with r rows (a primitive sort of its codes in a per-thread buffer), in
 * parallel over fixed blocks of entities. <b>Determinism:</b> exact integers, identical for any thread count.
 * <b>Thread safety:</b> immutable.
 */
final class Assortment extends RowFeatureExtractor {
    /** Column: distinct items of the entity. */
    public static final String DISTINCT_ITEMS = "distinct_items";
    /** Column: distinct categories of the entity. */
    public static final String DISTINCT_CATEGORIES = "distinct_categories";

    private final boolean items;
    private final boolean categories;

    Assortment(boolean items, boolean categories) {
        super(names(items, categories));
        this.items = items;
        this.categories = categories;
    }

    private static String[] names(boolean items, boolean categories) {
        if (items && categories) {
            return new String[] {DISTINCT_ITEMS, DISTINCT_CATEGORIES};
        }
        if (!items && !categories) {
            throw new IllegalArgumentException("choose at least one of items and categories");
        }
        return new String[] {items ? DISTINCT_ITEMS : DISTINCT_CATEGORIES};
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when a counted column (items, categories) is absent from the transactions
     */
    @Override
    Object prepare(Transactions t) {
        if (items && !t.hasItems()) {
            throw new IllegalArgumentException(DISTINCT_ITEMS + " needs the item column, but the transactions "
                    + "carry none");
        }
        if (categories && !t.hasCategories()) {
            throw new IllegalArgumentException(DISTINCT_CATEGORIES + " needs the category column, but the "
                    + "transactions carry none");
        }
        return null;
    }

    @Override
    void row(Transactions t, int e, double[] out, int o, Scratch s, Object prepared) {
        int from = t.entityStart(e);
        int to = t.entityEnd(e);
        int[] keys = s.ints(to - from);
        if (items) {
            out[o++] = distinct(t, from, to, keys, true);
        }
        if (categories) {
            out[o] = distinct(t, from, to, keys, false);
        }
    }

    private static int distinct(Transactions t, int from, int to, int[] keys, boolean byItem) {
        int n = 0;
        for (int r = from; r < to; r++) {
            int k = byItem ? t.itemCode(r) : t.categoryCode(r);
            if (k >= 0) {
                keys[n++] = k;
            }
        }
        return sortDistinct(keys, n);
    }

    /** The settings as plain data (step type restored by {@link FeatureStepFactory}). */
    @Override
    public dev.segmentation.state.StepState state() {
        return dev.segmentation.state.StepState.builder("assortment", 1).put("items", items ? 1L : 0L)
                .put("categories", categories ? 1L : 0L).build();
    }
}
