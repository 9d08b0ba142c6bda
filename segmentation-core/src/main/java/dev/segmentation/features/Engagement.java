package dev.segmentation.features;

import dev.segmentation.data.Events;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitContext;
import dev.segmentation.pipeline.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engagement from an event table (seed 004's "RFM + engagement"): columns {@code events_per_active_day,
 * events_per_order}. Entities are matched by id. The {@link Events} table comes either from the frame (built by
 * {@link Features#engagement()}: the events are given to {@code Segmenter.fit(transactions, events)} and to
 * {@code SegmentationModel.predict(transactions, events)}, so the extractor holds only its kind and is saved in a
 * model file like every other step) or is fixed at construction ({@link Features#engagement(Events)}: convenient
 * for {@link #extract}, but a model holding it cannot be saved).
 *
 * <p><b>Definitions</b>, for an entity of the transactions with n events in the event table:
 * <ul>
 *   <li>events_per_active_day = n / the number of distinct UTC days on which the entity has at least one event
 *       (its event-active days); 0 when n = 0;</li>
 *   <li>events_per_order = n / the number of distinct orders of the entity in the transactions (at least 1,
 *       since every entity of a transaction table has a row).</li>
 * </ul>
 * Every event of the entity counts, whatever its type and whether or not it falls inside the transactions' time
 * range (give a filtered event table to restrict either). An entity of the transactions absent from the event
 * table gets 0 for both; events of entities absent from the transactions are ignored (their count is logged at
 * DEBUG level).
 *
 * <p><b>Cost.</b> O(E + F) to match the sorted entity ids of both tables, then O(n + r log r) for an entity with
 * n events and r rows, in parallel over fixed blocks of entities. <b>Determinism:</b> identical bits for any
 * thread count. <b>Thread safety:</b> immutable (the event table is immutable).
 */
final class Engagement extends RowFeatureExtractor {
    /** Column: events per event-active day. */
    public static final String EVENTS_PER_ACTIVE_DAY = "events_per_active_day";
    /** Column: events per order. */
    public static final String EVENTS_PER_ORDER = "events_per_order";
    private static final Logger LOG = LoggerFactory.getLogger(Engagement.class);

    /** The fixed event table, or null when the events come from the frame. */
    private final Events events;

    Engagement(Events events) {
        super(EVENTS_PER_ACTIVE_DAY, EVENTS_PER_ORDER);
        this.events = events;
    }

    /** The fixed event table, or {@code null} when the extractor reads the events of the frame it is applied to. */
    public Events events() {
        return events;
    }

    /**
     * Extracts with the frame's event table when this extractor has no fixed one, then joins as every extractor.
     *
     * @throws IllegalStateException when the events come from the frame and the frame holds none (naming how to
     *     give them)
     */
    @Override
    public Frame apply(Frame input, FitContext context) {
        if (events != null) {
            return super.apply(input, context);
        }
        Engagement bound = new Engagement(input.events(toString()));
        return bound.apply(input, context);
    }

    @Override
    Object prepare(Transactions t) {
        if (events == null) {
            throw new IllegalStateException("Features.engagement() reads the event table given to the fit or predict "
                    + "call (Segmenter.fit(transactions, events), SegmentationModel.predict(transactions, events)); "
                    + "to extract directly, use Features.engagement(events)");
        }
        // merge join of the two sorted id lists: map[e] = event entity of transaction entity e, or -1
        int ne = t.entityCount();
        int nf = events.entityCount();
        int[] map = new int[ne];
        int f = 0;
        long matchedEvents = 0;
        for (int e = 0; e < ne; e++) {
            String id = t.entityId(e);
            while (f < nf && events.entityId(f).compareTo(id) < 0) {
                f++;
            }
            if (f < nf && events.entityId(f).equals(id)) {
                map[e] = f;
                matchedEvents += events.entityEnd(f) - events.entityStart(f);
            } else {
                map[e] = -1;
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} of {} events belong to entities absent from the transactions", events.size() - matchedEvents,
                    events.size());
        }
        return map;
    }

    @Override
    void row(Transactions t, int e, double[] out, int o, Scratch s, Object prepared) {
        int f = ((int[]) prepared)[e];
        int from = t.entityStart(e);
        int n = t.entityEnd(e) - from;
        int[] orders = s.ints(n);
        for (int i = 0; i < n; i++) {
            orders[i] = t.orderCode(from + i);
        }
        int nOrders = sortDistinct(orders, n);
        if (f < 0) {
            out[o] = 0;
            out[o + 1] = 0;
            return;
        }
        int a = events.entityStart(f);
        int b = events.entityEnd(f);
        int days = 0;
        long prevDay = Long.MIN_VALUE;
        for (int r = a; r < b; r++) {
            long d = events.epochDay(r);
            if (d != prevDay) {
                days++;
                prevDay = d;
            }
        }
        int count = b - a;
        out[o] = (double) count / days;
        out[o + 1] = (double) count / nOrders;
    }

    /**
     * The kind {@code "engagement"} (version 1, no settings) when the events come from the frame.
     *
     * @throws IllegalStateException when the extractor holds a fixed events table, which a model file does not store
     *     (saying how to avoid it)
     */
    @Override
    public dev.segmentation.state.StepState state() {
        if (events == null) {
            return dev.segmentation.state.StepState.builder("engagement", 1).build();
        }
        throw new IllegalStateException("the engagement extractor holds an events table, which a model file does not "
                + "store; use Features.engagement() and give the events to Segmenter.fit(transactions, events) and "
                + "SegmentationModel.predict(transactions, events), or compute engagement features and fit a "
                + "FeatureTable");
    }
}
