package dev.segmentation.features;

import dev.segmentation.data.Transactions;
import java.util.Arrays;
import java.util.Objects;

/**
 * The mean of a named numeric attribute per order (seed 002's "installments per order"): one column,
 * {@code <attribute>_per_order}, e.g. {@code installments_per_order}.
 *
 * <p><b>Definition.</b> For each distinct order o of the entity, v_o is the mean of the attribute over the
 * entity's rows of o (an order-level attribute repeated on every line, like payment installments, gives its
 * value); the feature is the mean of v_o over the entity's distinct orders. Orders are visited in order-code
 * order and rows within an order in the table's canonical row order, so the sum is the same for any row input
 * order. Every entity of a {@link Transactions} table has at least one row, hence one order.
 *
 * <p><b>Cost.</b> O(r log r) for an entity with r rows (a primitive sort of packed (order, row) keys in a
 * per-thread buffer), in parallel over fixed blocks of entities. <b>Determinism:</b> identical bits for any
 * thread count. <b>Thread safety:</b> immutable.
 */
final class OrderAttributeMean extends RowFeatureExtractor {
    private final String attribute;

    OrderAttributeMean(String attribute) {
        super(column(attribute));
        this.attribute = attribute;
    }

    private static String column(String attribute) {
        Objects.requireNonNull(attribute, "attribute");
        if (attribute.isBlank()) {
            throw new IllegalArgumentException("attribute must not be blank but was '" + attribute + "'");
        }
        return attribute + "_per_order";
    }

    /** The attribute's name. */
    public String attribute() {
        return attribute;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the transactions carry no attribute of that name (the message lists
     *     those they carry)
     */
    @Override
    Object prepare(Transactions t) {
        return t.attributeIndex(attribute);
    }

    @Override
    void row(Transactions t, int e, double[] out, int o, Scratch s, Object prepared) {
        int a = (Integer) prepared;
        int from = t.entityStart(e);
        int n = t.entityEnd(e) - from;
        long[] keys = s.longs(n);
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) t.orderCode(from + i) << 32) | i;
        }
        Arrays.sort(keys, 0, n);
        double sumOfMeans = 0;
        int orders = 0;
        int i = 0;
        while (i < n) {
            long order = keys[i] >>> 32;
            double sum = 0;
            int lines = 0;
            while (i < n && keys[i] >>> 32 == order) {
                sum += t.attribute(a, from + (int) keys[i]);
                lines++;
                i++;
            }
            sumOfMeans += sum / lines;
            orders++;
        }
        out[o] = orders == 0 ? 0 : sumOfMeans / orders;
    }

    /** The settings as plain data (step type restored by {@link FeatureStepFactory}). */
    @Override
    public dev.segmentation.state.StepState state() {
        return dev.segmentation.state.StepState.builder("attribute-per-order", 1).put("attribute", attribute).build();
    }
}
