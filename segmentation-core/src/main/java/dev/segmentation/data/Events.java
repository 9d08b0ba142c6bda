package dev.segmentation.data;

import dev.segmentation.internal.Dictionary;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An immutable, columnar table of engagement events (visits, page views, app opens...): entity id, timestamp and
 * event type, one row per event. It complements {@link Transactions} for engagement features.
 *
 * <p><b>Layout.</b> Entity ids and types are dictionary-encoded to dense ints in sorted order. Entities are
 * numbered {@code 0..entityCount()-1} in sorted id order; each entity's rows are contiguous
 * ({@link #entityStart(int)} to {@link #entityEnd(int)}) and ordered by timestamp, then type. The order is
 * canonical: the same multiset of events gives an identical table whatever order they were added in.
 *
 * <p><b>Timestamps</b> are seconds since 1970-01-01T00:00 UTC, within the range {@link Transactions} accepts
 * ({@link Transactions#MIN_EPOCH_SECOND} inclusive to {@link Transactions#END_EPOCH_SECOND} exclusive); the day
 * of an event is {@code floorDiv(epochSecond, 86400)}.
 *
 * <p><b>Cost.</b> Building is O(n log n) in the number of events; accessors are O(1). Memory: 12 bytes per event
 * plus the dictionaries. <b>Thread safety:</b> immutable and safe to share; the {@link Builder} is not
 * thread-safe.
 */
public final class Events {
    private final String[] entityIds;
    private final int[] entityStart;
    private final long[] time;
    private final int[] type;
    private final String[] types;

    private Events(String[] entityIds, int[] entityStart, long[] time, int[] type, String[] types) {
        this.entityIds = entityIds;
        this.entityStart = entityStart;
        this.time = time;
        this.type = type;
        this.types = types;
    }

    /** A builder that takes events one at a time. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of events. */
    public int size() {
        return time.length;
    }

    /** Number of distinct entities. */
    public int entityCount() {
        return entityIds.length;
    }

    /** The id of entity {@code e} (sorted id order). */
    public String entityId(int e) {
        return entityIds[e];
    }

    /** All entity ids in entity order (unmodifiable). */
    public List<String> entityIds() {
        return Collections.unmodifiableList(Arrays.asList(entityIds));
    }

    /** The number of entity {@code id}, if present. O(log entities). */
    public OptionalInt entityIndex(String id) {
        int i = Arrays.binarySearch(entityIds, Objects.requireNonNull(id, "id"));
        return i >= 0 ? OptionalInt.of(i) : OptionalInt.empty();
    }

    /** First event of entity {@code e}. */
    public int entityStart(int e) {
        return entityStart[e];
    }

    /** One past the last event of entity {@code e}. */
    public int entityEnd(int e) {
        return entityStart[e + 1];
    }

    /** Timestamp of event {@code row}, seconds since the epoch (UTC). */
    public long epochSecond(int row) {
        return time[row];
    }

    /** Day of event {@code row}, days since 1970-01-01 (UTC). */
    public long epochDay(int row) {
        return Math.floorDiv(time[row], 86_400L);
    }

    /** Type code of event {@code row} (codes follow sorted type order). */
    public int typeCode(int row) {
        return type[row];
    }

    /** Type of event {@code row}. */
    public String type(int row) {
        return types[type[row]];
    }

    /** The distinct event types, sorted (unmodifiable). */
    public List<String> types() {
        return Collections.unmodifiableList(Arrays.asList(types));
    }

    @Override
    public String toString() {
        return "Events[rows=" + size() + ", entities=" + entityCount() + ", types=" + Arrays.toString(types) + "]";
    }

    /**
     * Collects events, validating each as it arrives. Not thread-safe; {@link #build()} may be called once.
     */
    public static final class Builder {
        private final Dictionary entities = new Dictionary();
        private final Dictionary typeDict = new Dictionary();
        private int[] entity = new int[64];
        private long[] time = new long[64];
        private int[] type = new int[64];
        private int n;
        private boolean built;

        private Builder() {
        }

        /** Adds an event; {@code time} is read as UTC. */
        public Builder add(String entityId, LocalDateTime time, String type) {
            Objects.requireNonNull(time, "time");
            return add(entityId, time.toEpochSecond(ZoneOffset.UTC), type);
        }

        /**
         * Adds an event.
         *
         * @throws IllegalArgumentException on a null or blank entity id or type, or a timestamp outside
         *     1900-01-01..2199-12-31, naming the row (events are numbered from 0 in the order added) and the value
         * @throws IllegalStateException after {@link #build()}
         */
        public Builder add(String entityId, long epochSecond, String type) {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            if (Ids.isBlank(entityId)) {
                throw new IllegalArgumentException("event " + n + ", column entity: entity id is null or blank, value "
                        + Ids.quote(entityId));
            }
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException("event " + n + ", column type: type is null or blank, value "
                        + quote(type));
            }
            if (epochSecond < Transactions.MIN_EPOCH_SECOND || epochSecond >= Transactions.END_EPOCH_SECOND) {
                throw new IllegalArgumentException("event " + n + ", column timestamp: impossible timestamp, value "
                        + epochSecond + " (outside 1900-01-01..2199-12-31)");
            }
            if (n == time.length) {
                entity = Arrays.copyOf(entity, 2 * n);
                this.time = Arrays.copyOf(this.time, 2 * n);
                this.type = Arrays.copyOf(this.type, 2 * n);
            }
            entity[n] = entities.encode(entityId);
            this.time[n] = epochSecond;
            this.type[n] = typeDict.encode(type);
            n++;
            return this;
        }

        private static String quote(String s) {
            return s == null ? "null" : "'" + s + "'";
        }

        /** Number of events added so far. */
        public int size() {
            return n;
        }

        /**
         * Builds the table in canonical order (an empty table when no event was added).
         *
         * @throws IllegalStateException when called twice
         */
        public Events build() {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            built = true;
            int[] eRank = entities.rankOfCode();
            int[] tRank = typeDict.rankOfCode();
            int ne = eRank.length;
            int[] start = new int[ne + 1];
            for (int r = 0; r < n; r++) {
                start[eRank[entity[r]] + 1]++;
            }
            for (int k = 0; k < ne; k++) {
                start[k + 1] += start[k];
            }
            // sort key per event: (entity, time, type) -> place by entity, then sort each entity's packed keys
            int[] fill = Arrays.copyOf(start, ne);
            long[] sTime = new long[n];
            int[] sType = new int[n];
            for (int r = 0; r < n; r++) {
                int k = fill[eRank[entity[r]]]++;
                sTime[k] = time[r];
                sType[k] = tRank[type[r]];
            }
            int[] idx = new int[n];
            int[] tmp = new int[n];
            for (int r = 0; r < n; r++) {
                idx[r] = r;
            }
            final long[] t0 = sTime;
            final int[] y0 = sType;
            for (int e = 0; e < ne; e++) {
                dev.segmentation.internal.IntSorts.stableSort(idx, tmp, start[e], start[e + 1], (a, b) -> {
                    int c = Long.compare(t0[a], t0[b]);
                    return c != 0 ? c : Integer.compare(y0[a], y0[b]);
                });
            }
            long[] oTime = new long[n];
            int[] oType = new int[n];
            for (int k = 0; k < n; k++) {
                oTime[k] = sTime[idx[k]];
                oType[k] = sType[idx[k]];
            }
            entity = null;
            time = null;
            type = null;
            return new Events(entities.sortedValues(), start, oTime, oType, typeDict.sortedValues());
        }
    }
}
