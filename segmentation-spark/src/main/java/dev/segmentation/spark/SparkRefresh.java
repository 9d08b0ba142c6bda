package dev.segmentation.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import dev.segmentation.stability.Alignment;
import dev.segmentation.stability.Drift;
import dev.segmentation.stability.DriftReport;
import dev.segmentation.stability.SegmentAlignment;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Refresh at scale, computed in Spark: stable segment ids between two scored tables, the migration matrix, and
 * feature drift (PSI and KS) between two feature tables, with core's definitions ({@link SegmentAlignment},
 * {@link dev.segmentation.stability.Migration}, {@link Drift}) and core's numbers (tested against core).
 *
 * <p><b>Scored tables</b> have an {@code entity} string column and a segment id column (int; default
 * {@code segment}; -1 is noise); rows whose segment is null (not eligible, not described, filtered) are left out,
 * as core's labellings hold assigned entities only. An entity may appear once per table.
 *
 * <p><b>Alignment</b> ({@link #align}): one join on the entity and a count per (previous, new) pair; the k x k
 * counts go to the driver, where core's Hungarian matching runs ({@link SegmentAlignment#byOverlap}): the result is
 * core's {@link Alignment}, the same as {@link SegmentAlignment#byEntities} on the collected ids. {@link #relabel}
 * then rewrites a table's segment ids to the stable ids. <b>Migration</b> ({@link #migration}): the same join, plus
 * two anti-joins for the entities that entered and left; counts only (the ids of entered and left entities stay in
 * Spark: {@link #entered}, {@link #left}). <b>Drift</b> ({@link #drift}): exact, not sketched: the values of every
 * feature from both tables are range-partitioned and sorted once; a pass counts rows per partition, a second walks
 * the sorted values with global ranks (the KS supremum at every distinct value, and the training order statistics
 * the decile edges interpolate), a third counts rows per PSI bin. Equal values never straddle partitions (range
 * partitioning), so the numbers are core's bit for bit.
 *
 * <p>Cost: alignment and migration, one shuffle join of the two tables (O(n)); drift, one sort of
 * (rows of both tables) x features values and three passes over them, O(d) driver memory per partition. Stateless
 * and thread-safe.
 */
public final class SparkRefresh {
    private SparkRefresh() {
    }

    /** The default segment column. */
    public static final String SEGMENT = SparkScorer.SEGMENT;

    /**
     * Aligns {@code current}'s segments to {@code previous}'s stable ids by shared entities (core's
     * {@link SegmentAlignment#byEntities} with {@code settings}), both tables with segment column {@code segment}.
     *
     * @throws IllegalArgumentException when a column is missing or of the wrong type, an entity appears twice in a
     *     table, a segment id is below -1, or the tables share no entity
     */
    public static Alignment align(Dataset<Row> previous, Dataset<Row> current, SegmentAlignment settings) {
        return align(previous, current, SEGMENT, settings);
    }

    /** As {@link #align(Dataset, Dataset, SegmentAlignment)} with segment column {@code segmentColumn}. */
    public static Alignment align(Dataset<Row> previous, Dataset<Row> current, String segmentColumn,
            SegmentAlignment settings) {
        Objects.requireNonNull(settings, "settings");
        Dataset<Row> p = labelled(previous, segmentColumn, "previous");
        Dataset<Row> c = labelled(current, segmentColumn, "current");
        int[] prevSegs = segments(p);
        int[] newSegs = segments(c);
        List<Row> pairs = pairCounts(p, c);
        int kp = prevSegs.length;
        int kn = newSegs.length;
        long[] overlap = new long[kn * kp];
        long[] prevShared = new long[kp];
        long[] newShared = new long[kn];
        long shared = 0;
        for (Row r : pairs) {
            int from = r.getInt(0);
            int to = r.getInt(1);
            long n = r.getLong(2);
            shared += n;
            int a = to < 0 ? -1 : Arrays.binarySearch(newSegs, to);
            int b = from < 0 ? -1 : Arrays.binarySearch(prevSegs, from);
            if (a >= 0) {
                newShared[a] += n;
            }
            if (b >= 0) {
                prevShared[b] += n;
            }
            if (a >= 0 && b >= 0) {
                overlap[a * kp + b] += n;
            }
        }
        return settings.byOverlap(prevSegs, newSegs, overlap, prevShared, newShared, shared);
    }

    /**
     * {@code scored} with its segment ids (column {@code segmentColumn}) replaced by {@code alignment}'s stable ids;
     * noise and null stay as they are. Lazy.
     *
     * @throws IllegalArgumentException when the column is missing or not int
     */
    public static Dataset<Row> relabel(Dataset<Row> scored, String segmentColumn, Alignment alignment) {
        Objects.requireNonNull(scored, "scored");
        Objects.requireNonNull(alignment, "alignment");
        requireInt(scored.schema(), segmentColumn, "scored");
        int[] labels = alignment.newLabels();
        int[] ids = alignment.stableIds();
        Column seg = col(segmentColumn);
        Column mapped = seg;
        for (int i = labels.length - 1; i >= 0; i--) {
            mapped = when(seg.equalTo(labels[i]), lit(ids[i])).otherwise(mapped);
        }
        return scored.withColumn(segmentColumn, mapped.cast(DataTypes.IntegerType));
    }

    /**
     * The migration between two scored tables (segment column {@code segment}); see {@link Transitions}.
     *
     * @throws IllegalArgumentException as {@link #align(Dataset, Dataset, SegmentAlignment)}, except that tables
     *     sharing no entity are allowed
     */
    public static Transitions migration(Dataset<Row> previous, Dataset<Row> current) {
        return migration(previous, current, SEGMENT);
    }

    /** As {@link #migration(Dataset, Dataset)} with segment column {@code segmentColumn}. */
    public static Transitions migration(Dataset<Row> previous, Dataset<Row> current, String segmentColumn) {
        Dataset<Row> p = labelled(previous, segmentColumn, "previous");
        Dataset<Row> c = labelled(current, segmentColumn, "current");
        TreeSet<Integer> states = new TreeSet<>();
        for (int s : allStates(p)) {
            states.add(s);
        }
        for (int s : allStates(c)) {
            states.add(s);
        }
        int[] st = states.stream().mapToInt(Integer::intValue).toArray();
        int n = st.length;
        long[] counts = new long[n * n];
        for (Row r : pairCounts(p, c)) {
            counts[Arrays.binarySearch(st, r.getInt(0)) * n + Arrays.binarySearch(st, r.getInt(1))] += r.getLong(2);
        }
        long[] entered = new long[n];
        for (Row r : only(c, p).groupBy("seg").agg(count("*")).collectAsList()) {
            entered[Arrays.binarySearch(st, r.getInt(0))] = r.getLong(1);
        }
        long[] left = new long[n];
        for (Row r : only(p, c).groupBy("seg").agg(count("*")).collectAsList()) {
            left[Arrays.binarySearch(st, r.getInt(0))] = r.getLong(1);
        }
        return new Transitions(st, counts, entered, left);
    }

    /** Entities of {@code current} (with a segment) absent from {@code previous}: {@code entity, segment}. Lazy. */
    public static Dataset<Row> entered(Dataset<Row> previous, Dataset<Row> current, String segmentColumn) {
        return only(labelled(current, segmentColumn, "current"), labelled(previous, segmentColumn, "previous"))
                .withColumnRenamed("seg", segmentColumn);
    }

    /** Entities of {@code previous} (with a segment) absent from {@code current}: {@code entity, segment}. Lazy. */
    public static Dataset<Row> left(Dataset<Row> previous, Dataset<Row> current, String segmentColumn) {
        return only(labelled(previous, segmentColumn, "previous"), labelled(current, segmentColumn, "current"))
                .withColumnRenamed("seg", segmentColumn);
    }

    /**
     * A migration's counts: the states (segment ids of both tables, ascending, -1 first when present), the
     * transition counts of the entities in both (row = previous state, column = new), and per state the entities
     * that entered (only in the current table) and left (only in the previous). The numbers of core's
     * {@code MigrationReport} for the same tables. Immutable; arrays are copied.
     */
    public static final class Transitions implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int[] states;
        private final long[] counts;
        private final long[] entered;
        private final long[] left;

        Transitions(int[] states, long[] counts, long[] entered, long[] left) {
            this.states = states;
            this.counts = counts;
            this.entered = entered;
            this.left = left;
        }

        /** The segment ids indexing rows and columns, ascending (a copy). */
        public int[] segments() {
            return states.clone();
        }

        /** Row-major {@code s x s} transition counts (a copy). */
        public long[] counts() {
            return counts.clone();
        }

        /**
         * Entities that moved from {@code from} to {@code to}.
         *
         * @throws IllegalArgumentException when either is not a state
         */
        public long count(int from, int to) {
            return counts[index(from) * states.length + index(to)];
        }

        private int index(int s) {
            int i = Arrays.binarySearch(states, s);
            if (i < 0) {
                throw new IllegalArgumentException("segment " + s + " is not a state; states are "
                        + Arrays.toString(states));
            }
            return i;
        }

        /** Entities in both tables. */
        public long shared() {
            long t = 0;
            for (long c : counts) {
                t += c;
            }
            return t;
        }

        /** Entities in both tables with the same segment id. */
        public long stayed() {
            long t = 0;
            for (int i = 0; i < states.length; i++) {
                t += counts[i * states.length + i];
            }
            return t;
        }

        /** Per state, entities only in the current table (a copy). */
        public long[] enteredBySegment() {
            return entered.clone();
        }

        /** Per state, entities only in the previous table (a copy). */
        public long[] leftBySegment() {
            return left.clone();
        }

        @Override
        public String toString() {
            return "Transitions[states=" + Arrays.toString(states) + ", shared=" + shared() + ", stayed=" + stayed()
                    + "]";
        }
    }

    /**
     * Drift of every feature in {@code featureNames} between {@code train} and {@code current} (double columns of
     * those names): core's {@link Drift#compare} numbers, PSI against the training deciles and two-sample KS, as a
     * core {@link DriftReport}. Runs a sort of all values and three jobs.
     *
     * @throws IllegalArgumentException when a column is missing or not double, a table has no rows, or a value is
     *     not finite (naming the table, the feature and the value)
     */
    public static DriftReport drift(Dataset<Row> train, Dataset<Row> current, List<String> featureNames) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(featureNames, "featureNames");
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("featureNames is empty");
        }
        final int d = featureNames.size();
        for (String f : featureNames) {
            requireDouble(train.schema(), f, "train");
            requireDouble(current.schema(), f, "current");
        }
        Column[] cols = featureNames.stream().map(f -> col(f)).toArray(Column[]::new);
        StructType valueSchema = new StructType().add("f", DataTypes.IntegerType, false)
                .add("v", DataTypes.DoubleType, false).add("side", DataTypes.ByteType, false);
        Dataset<Row> values = train.select(cols).flatMap(new Explode(featureNames, (byte) 0, "train"),
                Encoders.row(valueSchema)).union(current.select(cols).flatMap(
                        new Explode(featureNames, (byte) 1, "current"), Encoders.row(valueSchema)));
        int parts = Math.max(1, values.sparkSession().sessionState().conf().numShufflePartitions());
        JavaRDD<Row> sorted = values.repartitionByRange(parts, col("f"), col("v")).sortWithinPartitions("f", "v")
                .javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // pass 1: rows per feature and side in each partition
            List<Tuple2<Integer, long[]>> perPart = sorted.mapPartitionsWithIndex((p, it) -> {
                long[] c = new long[2 * d];
                while (it.hasNext()) {
                    Row r = it.next();
                    c[2 * r.getInt(0) + r.getByte(2)]++;
                }
                return List.of(new Tuple2<>(p, c)).iterator();
            }, true).collect();
            List<Tuple2<Integer, long[]>> ordered = new ArrayList<>(perPart);
            ordered.sort((a, b) -> Integer.compare(a._1(), b._1()));
            long[] total = new long[2 * d];
            long[][] offsets = new long[ordered.size()][];
            for (int i = 0; i < ordered.size(); i++) {
                offsets[i] = total.clone();
                long[] c = ordered.get(i)._2();
                for (int q = 0; q < total.length; q++) {
                    total[q] += c[q];
                }
            }
            for (int f = 0; f < d; f++) {
                if (total[2 * f] == 0) {
                    throw new IllegalArgumentException("train has no rows");
                }
                if (total[2 * f + 1] == 0) {
                    throw new IllegalArgumentException("current has no rows");
                }
            }
            // the training ranks the decile edges interpolate (numpy's linear rule, as core)
            final long[] ranks = new long[d * 18];
            for (int f = 0; f < d; f++) {
                long n = total[2 * f];
                for (int q = 1; q <= 9; q++) {
                    double h = (n - 1) * (q / 10.0);
                    long lo = (long) Math.floor(h);
                    ranks[f * 18 + 2 * (q - 1)] = lo;
                    ranks[f * 18 + 2 * (q - 1) + 1] = Math.min(n - 1, lo + 1);
                }
            }
            final long[][] offs = offsets;
            final long[] tot = total;
            // pass 2: KS at every distinct value with global counts; the training order statistics at those ranks
            List<Tuple2<Integer, double[]>> walked = sorted.mapPartitionsWithIndex((p, it) -> {
                double[] out = new double[d + d * 18];
                boolean[] seen = new boolean[d * 18];
                long[] off = offs[p];
                long[] cnt = new long[2 * d];
                int f = -1;
                double v = Double.NaN;
                while (it.hasNext()) {
                    Row r = it.next();
                    int rf = r.getInt(0);
                    double rv = r.getDouble(1);
                    if (f >= 0 && (rf != f || Double.compare(rv, v) != 0)) {
                        ks(out, f, off, cnt, tot);
                    }
                    f = rf;
                    v = rv;
                    int side = r.getByte(2);
                    if (side == 0) {
                        long rank = off[2 * f] + cnt[2 * f];
                        for (int k = 0; k < 18; k++) {
                            if (ranks[f * 18 + k] == rank) {
                                out[d + f * 18 + k] = rv;
                                seen[f * 18 + k] = true;
                            }
                        }
                    }
                    cnt[2 * f + side]++;
                }
                if (f >= 0) {
                    ks(out, f, off, cnt, tot);
                }
                for (int k = 0; k < seen.length; k++) {
                    if (!seen[k]) {
                        out[d + k] = Double.NaN;
                    }
                }
                return List.of(new Tuple2<>(p, out)).iterator();
            }, true).collect();
            double[] ksStat = new double[d];
            double[] stats = new double[d * 18];
            Arrays.fill(stats, Double.NaN);
            for (Tuple2<Integer, double[]> t : walked) {
                double[] o = t._2();
                for (int f = 0; f < d; f++) {
                    ksStat[f] = Math.max(ksStat[f], o[f]);
                }
                for (int k = 0; k < stats.length; k++) {
                    if (!Double.isNaN(o[d + k])) {
                        stats[k] = o[d + k];
                    }
                }
            }
            final double[][] edges = new double[d][];
            for (int f = 0; f < d; f++) {
                long n = total[2 * f];
                double[] e = new double[9];
                int m = 0;
                for (int q = 1; q <= 9; q++) {
                    double h = (n - 1) * (q / 10.0);
                    long lo = (long) Math.floor(h);
                    double a = stats[f * 18 + 2 * (q - 1)];
                    double b = stats[f * 18 + 2 * (q - 1) + 1];
                    double val = a + (h - lo) * (b - a);
                    if (m == 0 || val > e[m - 1]) {
                        e[m++] = val;
                    }
                }
                edges[f] = Arrays.copyOf(e, m);
            }
            // pass 3: rows per PSI bin and side (integer counts: order-free)
            List<long[]> binParts = sorted.mapPartitions(it -> {
                long[][] c = new long[d][];
                for (int f = 0; f < d; f++) {
                    c[f] = new long[2 * (edges[f].length + 1)];
                }
                while (it.hasNext()) {
                    Row r = it.next();
                    int f = r.getInt(0);
                    c[f][2 * bin(edges[f], r.getDouble(1)) + r.getByte(2)]++;
                }
                List<long[]> one = new ArrayList<>();
                int size = 0;
                for (long[] x : c) {
                    size += x.length;
                }
                long[] flat = new long[size];
                int o = 0;
                for (long[] x : c) {
                    System.arraycopy(x, 0, flat, o, x.length);
                    o += x.length;
                }
                one.add(flat);
                return one.iterator();
            }).collect();
            List<DriftReport.FeatureDrift> out = new ArrayList<>(d);
            int o = 0;
            for (int f = 0; f < d; f++) {
                int bins = edges[f].length + 1;
                long[] ce = new long[bins];
                long[] ca = new long[bins];
                for (long[] flat : binParts) {
                    for (int b = 0; b < bins; b++) {
                        ce[b] += flat[o + 2 * b];
                        ca[b] += flat[o + 2 * b + 1];
                    }
                }
                o += 2 * bins;
                double psi = 0;
                for (int b = 0; b < bins; b++) {
                    double pe = Math.max(ce[b] / (double) total[2 * f], Drift.EMPTY_BIN_SHARE);
                    double pa = Math.max(ca[b] / (double) total[2 * f + 1], Drift.EMPTY_BIN_SHARE);
                    psi += (pa - pe) * Math.log(pa / pe);
                }
                out.add(new DriftReport.FeatureDrift(featureNames.get(f), psi, ksStat[f], Drift.Level.of(psi)));
            }
            return DriftReport.of(out);
        } finally {
            sorted.unpersist(false);
        }
    }

    /** The KS gap of feature {@code f} after the rows counted so far (core's expression). */
    private static void ks(double[] out, int f, long[] off, long[] cnt, long[] tot) {
        double gap = Math.abs((off[2 * f] + cnt[2 * f]) / (double) tot[2 * f]
                - (off[2 * f + 1] + cnt[2 * f + 1]) / (double) tot[2 * f + 1]);
        out[f] = Math.max(out[f], gap);
    }

    /** Core's right-closed bin: the number of edges strictly below {@code v}. */
    static int bin(double[] edges, double v) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** One row of feature values to (feature index, value, side) rows; refuses a non-finite value. */
    private static final class Explode implements org.apache.spark.api.java.function.FlatMapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final List<String> names;
        private final byte side;
        private final String which;

        Explode(List<String> names, byte side, String which) {
            this.names = List.copyOf(names);
            this.side = side;
            this.which = which;
        }

        @Override
        public Iterator<Row> call(Row r) {
            List<Row> out = new ArrayList<>(names.size());
            for (int f = 0; f < names.size(); f++) {
                if (r.isNullAt(f)) {
                    throw new IllegalArgumentException(which + " feature '" + names.get(f) + "' has a null value");
                }
                double v = r.getDouble(f);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(which + " feature '" + names.get(f)
                            + "' has a non-finite value " + v);
                }
                // -0.0 and 0.0 are one value for the KS walk, as for core's == comparison
                out.add(RowFactory.create(f, v == 0 ? 0.0 : v, side));
            }
            return out.iterator();
        }
    }

    private static Dataset<Row> labelled(Dataset<Row> t, String segmentColumn, String which) {
        Objects.requireNonNull(t, which);
        Objects.requireNonNull(segmentColumn, "segmentColumn");
        StructType s = t.schema();
        if (!Arrays.asList(s.fieldNames()).contains("entity")
                || !s.apply("entity").dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException(which + " must have a string column 'entity'; its schema is "
                    + s.simpleString());
        }
        requireInt(s, segmentColumn, which);
        Dataset<Row> l = t.filter(col(segmentColumn).isNotNull()).select(col("entity"), col(segmentColumn).as("seg"));
        // one job for both checks: an entity twice, a segment below -1
        List<Row> bad = l.groupBy("entity").agg(count("*").as("n"), min("seg").as("lo"))
                .filter(col("n").gt(1).or(col("lo").lt(-1))).limit(1).collectAsList();
        if (!bad.isEmpty()) {
            Row b = bad.get(0);
            if (b.getLong(1) > 1) {
                throw new IllegalArgumentException(which + " entity id '" + b.getString(0) + "' appears "
                        + b.getLong(1) + " times");
            }
            throw new IllegalArgumentException(which + " segment of entity '" + b.getString(0) + "' is "
                    + b.getInt(2) + "; segments must be -1 (noise) or >= 0");
        }
        return l;
    }

    private static void requireInt(StructType s, String column, String which) {
        if (!Arrays.asList(s.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(which + " has no column '" + column + "'; its columns are "
                    + Arrays.toString(s.fieldNames()));
        }
        if (!s.apply(column).dataType().equals(DataTypes.IntegerType)) {
            throw new IllegalArgumentException(which + " column '" + column + "' must be int but is "
                    + s.apply(column).dataType().simpleString());
        }
    }

    private static void requireDouble(StructType s, String column, String which) {
        if (!Arrays.asList(s.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(which + " has no feature column '" + column + "'; its columns are "
                    + Arrays.toString(s.fieldNames()));
        }
        if (!s.apply(column).dataType().equals(DataTypes.DoubleType)) {
            throw new IllegalArgumentException(which + " feature column '" + column + "' must be double but is "
                    + s.apply(column).dataType().simpleString());
        }
    }

    private static int[] segments(Dataset<Row> labelled) {
        return labelled.filter(col("seg").geq(0)).select("seg").distinct().as(Encoders.INT()).collectAsList()
                .stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static int[] allStates(Dataset<Row> labelled) {
        return labelled.select("seg").distinct().as(Encoders.INT()).collectAsList().stream()
                .mapToInt(Integer::intValue).sorted().toArray();
    }

    /** (previous segment, new segment, count) over the entities in both. */
    private static List<Row> pairCounts(Dataset<Row> p, Dataset<Row> c) {
        Dataset<Row> pp = p.select(col("entity").as("pe"), col("seg").as("ps"));
        Dataset<Row> cc = c.select(col("entity").as("ce"), col("seg").as("cs"));
        return pp.join(cc, col("pe").equalTo(col("ce"))).groupBy("ps", "cs").agg(count("*")).collectAsList();
    }

    /** Rows of {@code a} whose entity is not in {@code b}. */
    private static Dataset<Row> only(Dataset<Row> a, Dataset<Row> b) {
        Dataset<Row> bb = b.select(col("entity").as("other"));
        return a.join(bb, col("entity").equalTo(col("other")), "left_anti");
    }
}
