package dev.segmentation.features;

import dev.segmentation.data.Transactions;
import java.util.Arrays;

/**
 * How concentrated each entity's spend is across categories (seeds 002 and 004): columns
 * {@code top_category_share, category_entropy}.
 *
 * <p><b>Definitions.</b> The spend of the entity in category c is s_c = sum of max(amount, 0) over its rows of
 * category c (rows without a category are left out; negative amounts, i.e. returns, do not reduce spend). With
 * S = sum_c s_c: top_category_share = max_c s_c / S, in (0, 1]; category_entropy = H / ln(m) with
 * H = -sum_c (s_c / S) ln(s_c / S) and m = the number of distinct categories of the whole table
 * ({@link Transactions#categoryCount()}: the categories the entity could have used), clamped to [0, 1]; 0 when
 * m &lt;= 1. Both are 0 when S is 0. This is {@link Entropy.Over#CATEGORY} on the amount measure, restricted to
 * positive amounts.
 *
 * <p><b>Cost.</b> O(r log r) for an entity with r rows (a primitive sort of its category codes), in parallel over
 * fixed blocks of entities; the category sums run in category order, rows in canonical order, so the bits are the
 * same for any thread count. <b>Thread safety:</b> immutable.
 */
final class CategoryFocus extends RowFeatureExtractor {
    /** Column: share of spend in the entity's top category. */
    public static final String TOP_CATEGORY_SHARE = "top_category_share";
    /** Column: normalised entropy of spend over categories. */
    public static final String CATEGORY_ENTROPY = "category_entropy";

    CategoryFocus() {
        super(TOP_CATEGORY_SHARE, CATEGORY_ENTROPY);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the transactions carry no category column
     */
    @Override
    Object prepare(Transactions t) {
        if (!t.hasCategories()) {
            throw new IllegalArgumentException("category focus needs the category column, but the transactions "
                    + "carry none");
        }
        return null;
    }

    @Override
    void row(Transactions t, int e, double[] out, int o, Scratch s, Object prepared) {
        int from = t.entityStart(e);
        int n = t.entityEnd(e) - from;
        long[] keys = s.longs(n);
        int k = 0;
        for (int i = 0; i < n; i++) {
            int c = t.categoryCode(from + i);
            if (c >= 0) {
                keys[k++] = ((long) c << 32) | i;
            }
        }
        Arrays.sort(keys, 0, k);
        double[] spend = s.buf3(k);
        int m = 0;
        double total = 0;
        double top = 0;
        int i = 0;
        while (i < k) {
            long c = keys[i] >>> 32;
            double sum = 0;
            while (i < k && keys[i] >>> 32 == c) {
                double a = t.amount(from + (int) keys[i]);
                if (a > 0) {
                    sum += a;
                }
                i++;
            }
            spend[m++] = sum;
            total += sum;
            if (sum > top) {
                top = sum;
            }
        }
        if (!(total > 0)) {
            out[o] = 0;
            out[o + 1] = 0;
            return;
        }
        out[o] = top / total;
        out[o + 1] = SeriesStats.entropy(spend, 0, m, t.categoryCount());
    }

    /** The settings as plain data (step type restored by {@link FeatureStepFactory}). */
    @Override
    public dev.segmentation.state.StepState state() {
        return dev.segmentation.state.StepState.builder("category-focus", 1).build();
    }
}
