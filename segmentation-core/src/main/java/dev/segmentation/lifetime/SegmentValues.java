package dev.segmentation.lifetime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A per-customer value (CLV, expected purchases, P(alive)) aggregated by segment: for each segment label, the
 * customers, the sum, the mean and the share of the total. Labels come as parallel lists of entity ids and labels,
 * e.g. {@code SegmentAssignments.entityIds()} and {@code labels()}; the noise label -1 is a segment like any other.
 * Customers of the summary without a label are counted apart ({@link #unassignedCustomers()},
 * {@link #unassignedTotal()}), never dropped silently. Immutable; O(customers + labels).
 */
public final class SegmentValues {
    /** The aggregate of one segment. */
    public static final class Segment {
        private final int label;
        private final int customers;
        private final double total;
        private final double share;

        Segment(int label, int customers, double total, double share) {
            this.label = label;
            this.customers = customers;
            this.total = total;
            this.share = share;
        }

        /** The segment label. */
        public int label() {
            return label;
        }

        /** Customers of the summary in the segment. */
        public int customers() {
            return customers;
        }

        /** Sum of the value over the segment's customers. */
        public double total() {
            return total;
        }

        /** Mean value per customer of the segment. */
        public double mean() {
            return total / customers;
        }

        /** The segment's total divided by the total of every customer (assigned or not); 0 when that is 0. */
        public double share() {
            return share;
        }

        @Override
        public String toString() {
            return "Segment[" + label + ": " + customers + " customers, total " + total + ", mean " + mean()
                    + ", share " + share + "]";
        }
    }

    private final List<Segment> segments;
    private final int unassigned;
    private final double unassignedTotal;
    private final double total;

    private SegmentValues(List<Segment> segments, int unassigned, double unassignedTotal, double total) {
        this.segments = segments;
        this.unassigned = unassigned;
        this.unassignedTotal = unassignedTotal;
        this.total = total;
    }

    /**
     * Aggregates {@code values} (one per customer of {@code summary}, in its order) by the segment of each customer.
     *
     * @throws IllegalArgumentException when the lengths differ, a value is not finite (naming the customer), or an
     *     entity id appears twice in {@code entityIds}
     */
    public static SegmentValues of(CustomerSummary summary, double[] values, List<String> entityIds, int[] labels) {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(entityIds, "entityIds");
        Objects.requireNonNull(labels, "labels");
        if (values.length != summary.size()) {
            throw new IllegalArgumentException("values has " + values.length + " entries but the summary has "
                    + summary.size() + " customers");
        }
        if (labels.length != entityIds.size()) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries but entityIds has "
                    + entityIds.size());
        }
        Map<String, Integer> labelOf = new HashMap<>(entityIds.size() * 2);
        for (int i = 0; i < labels.length; i++) {
            if (labelOf.put(Objects.requireNonNull(entityIds.get(i), "entityIds[" + i + "]"), labels[i]) != null) {
                throw new IllegalArgumentException("entity '" + entityIds.get(i) + "' appears twice in entityIds");
            }
        }
        TreeMap<Integer, double[]> acc = new TreeMap<>(); // label -> {count, sum}
        int unassigned = 0;
        double unassignedTotal = 0;
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            String id = summary.customerIds().get(i);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("customer '" + id + "': value " + v + " is not finite");
            }
            total += v;
            Integer l = labelOf.get(id);
            if (l == null) {
                unassigned++;
                unassignedTotal += v;
                continue;
            }
            double[] a = acc.computeIfAbsent(l, k -> new double[2]);
            a[0]++;
            a[1] += v;
        }
        List<Segment> out = new ArrayList<>(acc.size());
        for (Map.Entry<Integer, double[]> e : acc.entrySet()) {
            double[] a = e.getValue();
            out.add(new Segment(e.getKey(), (int) a[0], a[1], total == 0 ? 0.0 : a[1] / total));
        }
        return new SegmentValues(Collections.unmodifiableList(out), unassigned, unassignedTotal, total);
    }

    /** The segments in increasing label order (unmodifiable). */
    public List<Segment> segments() {
        return segments;
    }

    /** Customers of the summary that have no label. */
    public int unassignedCustomers() {
        return unassigned;
    }

    /** Sum of the values of the customers without a label. */
    public double unassignedTotal() {
        return unassignedTotal;
    }

    /** Sum of all values. */
    public double total() {
        return total;
    }

    @Override
    public String toString() {
        return "SegmentValues[" + segments + ", unassigned " + unassigned + " (" + unassignedTotal + ")]";
    }
}
