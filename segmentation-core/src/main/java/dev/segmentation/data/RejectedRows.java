package dev.segmentation.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What was left out under {@link InvalidRowPolicy#SKIP}: counts per reason and the first messages (at most
 * {@value #MAX_EXAMPLES}). Immutable once obtained from {@link Transactions#rejected()}.
 */
public final class RejectedRows {
    /** How many messages are kept as examples. */
    public static final int MAX_EXAMPLES = 20;

    private final EnumMap<RowProblem, Long> counts;
    private final List<String> examples;

    private RejectedRows(EnumMap<RowProblem, Long> counts, List<String> examples) {
        this.counts = counts;
        this.examples = examples;
    }

    /** An empty report. */
    public static RejectedRows none() {
        return new RejectedRows(new EnumMap<>(RowProblem.class), List.of());
    }

    /** Total number of rejected rows. */
    public long total() {
        long t = 0;
        for (long c : counts.values()) {
            t += c;
        }
        return t;
    }

    /** Number of rows rejected for {@code problem}. */
    public long count(RowProblem problem) {
        return counts.getOrDefault(Objects.requireNonNull(problem, "problem"), 0L);
    }

    /** Counts per reason, only reasons that occurred, in enum order. */
    public Map<RowProblem, Long> counts() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /** The first messages, in input order. */
    public List<String> examples() {
        return examples;
    }

    @Override
    public String toString() {
        return "RejectedRows" + counts;
    }

    /** Mutable collector used by builders and readers; not thread-safe. */
    public static final class Collector {
        private final EnumMap<RowProblem, Long> counts = new EnumMap<>(RowProblem.class);
        private final List<String> examples = new ArrayList<>();

        /** Counts one rejected row; {@code message} is kept as an example while fewer than the maximum are. */
        public void reject(RowProblem problem, String message) {
            counts.merge(problem, 1L, Long::sum);
            if (message != null && examples.size() < MAX_EXAMPLES) {
                examples.add(message);
            }
        }

        /**
         * Counts {@code count} rejected rows of one problem at once, without examples (a count read back from a
         * model file, say). O(1).
         *
         * @throws IllegalArgumentException when {@code count} is negative
         */
        public void reject(RowProblem problem, long count) {
            java.util.Objects.requireNonNull(problem, "problem");
            if (count < 0) {
                throw new IllegalArgumentException("a rejected-row count must be >= 0 but was " + count);
            }
            if (count > 0) {
                counts.merge(problem, count, Math::addExact);
            }
        }

        /** True while another example message would be kept (so callers can skip building it). */
        public boolean wantsExample() {
            return examples.size() < MAX_EXAMPLES;
        }

        /** Adds everything another report holds. */
        public void addAll(RejectedRows other) {
            for (Map.Entry<RowProblem, Long> e : other.counts.entrySet()) {
                counts.merge(e.getKey(), e.getValue(), Long::sum);
            }
            for (String m : other.examples) {
                if (examples.size() < MAX_EXAMPLES) {
                    examples.add(m);
                }
            }
        }

        /** An immutable snapshot. */
        public RejectedRows build() {
            return new RejectedRows(new EnumMap<>(counts), List.copyOf(examples));
        }
    }
}
