package dev.segmentation.spark;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.data.FeatureTable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Fitting on a feature table that Spark computed and that fits in driver memory (say up to 10 million entities x 30
 * features, 2.4 GB of doubles): the rows are brought to the driver one partition at a time, put in core's entity
 * order (ids sorted as Java sorts strings, the order of {@code Transactions}) and fitted with core's
 * {@link Segmenter#fit(FeatureTable)}. The model is then the one core fits on the same features with the same
 * settings and seed: same labels, same centres, same profiles, bit for bit.
 *
 * <p>Cost: one job per partition of the features ({@code toLocalIterator}), O(n d) driver memory plus the fit's own.
 * Stateless and thread-safe.
 */
public final class SparkSegmentation {
    /** Default largest number of feature values brought to the driver: 10 million entities x 30 features. */
    public static final long DEFAULT_MAX_VALUES = 300_000_000L;

    private SparkSegmentation() {
    }

    /** {@link #collect(Dataset, long)} with {@link #DEFAULT_MAX_VALUES}. */
    public static FeatureTable collect(Dataset<Row> features) {
        return collect(features, DEFAULT_MAX_VALUES);
    }

    /**
     * Brings a feature dataset ({@code entity string} then double columns, as {@link SparkFeatures#extract} makes
     * it) to the driver as a core {@link FeatureTable} in core's entity order.
     *
     * @throws IllegalArgumentException when the schema is not an entity column followed by double columns, an
     *     entity appears twice or is null, or the table would hold more than {@code maxValues} values (it stops
     *     reading at that point)
     */
    public static FeatureTable collect(Dataset<Row> features, long maxValues) {
        Objects.requireNonNull(features, "features");
        if (maxValues < 1) {
            throw new IllegalArgumentException("maxValues must be >= 1 but was " + maxValues);
        }
        StructType schema = features.schema();
        checkSchema(schema);
        int d = schema.size() - 1;
        String[] names = Arrays.copyOfRange(schema.fieldNames(), 1, schema.size());
        String[] ids = new String[1024];
        double[] values = new double[1024 * Math.max(1, d)];
        int n = 0;
        Iterator<Row> it = features.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            if ((long) (n + 1) * Math.max(1, d) > maxValues) {
                throw new IllegalArgumentException("the feature table has more than " + maxValues + " values ("
                        + (n + 1) + " entities x " + d + " features so far); fit a sample, or raise maxValues if "
                        + "the driver has the memory");
            }
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
                values = Arrays.copyOf(values, n * 2 * Math.max(1, d));
            }
            if (r.isNullAt(0)) {
                throw new IllegalArgumentException("feature row " + n + " has a null entity");
            }
            ids[n] = r.getString(0);
            for (int c = 0; c < d; c++) {
                values[n * d + c] = r.getDouble(c + 1);
            }
            n++;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final String[] idv = ids;
        Arrays.sort(order, (a, b) -> idv[a].compareTo(idv[b]));
        String[] sortedIds = new String[n];
        double[] sorted = new double[n * d];
        for (int i = 0; i < n; i++) {
            int src = order[i];
            sortedIds[i] = ids[src];
            if (i > 0 && sortedIds[i].equals(sortedIds[i - 1])) {
                throw new IllegalArgumentException("entity '" + sortedIds[i] + "' appears twice in the features");
            }
            System.arraycopy(values, src * d, sorted, i * d, d);
        }
        return FeatureTable.wrap(sortedIds, names, sorted);
    }

    /**
     * Collects {@code features} ({@link #collect(Dataset)}) and fits {@code segmenter} on them. The segmenter's
     * own extractors are not used (the features are already computed): configure it with scaling, clusterer and
     * seed only, and extract with {@link SparkFeatures} built from the same extractors.
     *
     * @throws IllegalArgumentException as {@link #collect(Dataset)} and {@link Segmenter#fit(FeatureTable)}
     */
    public static SegmentationModel fit(Segmenter segmenter, Dataset<Row> features) {
        Objects.requireNonNull(segmenter, "segmenter");
        return segmenter.fit(collect(features));
    }

    /**
     * A deterministic sample of a feature dataset for fitting on the driver when the whole table does not fit (e.g.
     * HDBSCAN at scale): the rows whose entity hash (64-bit FNV-1a of the UTF-8 id mixed with {@code seed}, as
     * {@link SparkKMeans} samples) falls below {@code targetRows / n} of the hash range, collected in core's entity
     * order. The sample depends on the entity ids and the seed only, not on the partitioning or the row order, and
     * an entity's membership does not change when other entities are added. Its size is about
     * {@code targetRows} (binomial spread).
     *
     * <p>Cost: one count job and one filtered collect; driver memory O(sample x d).
     *
     * @throws IllegalArgumentException when {@code targetRows < 1}, or as {@link #collect(Dataset)}
     */
    public static Sample sample(Dataset<Row> features, int targetRows, long seed) {
        Objects.requireNonNull(features, "features");
        if (targetRows < 1) {
            throw new IllegalArgumentException("targetRows must be >= 1 but was " + targetRows);
        }
        checkSchema(features.schema());
        long n = features.count();
        final long cut = n <= targetRows ? Long.MAX_VALUE : (long) (((double) targetRows / n) * Long.MAX_VALUE);
        final long s = seed;
        Dataset<Row> kept = cut == Long.MAX_VALUE ? features
                : features.filter((FilterFunction<Row>) r -> (SparkKMeans.hash(r.getString(0), s) >>> 1) <= cut);
        FeatureTable table = collect(kept, Long.MAX_VALUE);
        return new Sample(table, n);
    }

    /** A sample from {@link #sample}: the rows, and the fraction of the population they are. Immutable. */
    public static final class Sample {
        private final FeatureTable table;
        private final long population;

        Sample(FeatureTable table, long population) {
            this.table = table;
            this.population = population;
        }

        /** The sampled rows in core's entity order. */
        public FeatureTable table() {
            return table;
        }

        /** Rows of the whole dataset. */
        public long population() {
            return population;
        }

        /** The realised sampling fraction, sample rows / population (1 when everything was taken). */
        public double fraction() {
            return population == 0 ? 1.0 : table.rows() / (double) population;
        }

        /**
         * A minimum cluster size for the sample that stands for {@code fullMinClusterSize} on the whole data:
         * {@code max(2, round(full x fraction))}, so a cluster must hold about the same share of the entities.
         *
         * @throws IllegalArgumentException when {@code fullMinClusterSize < 2}
         */
        public int scaledMinClusterSize(int fullMinClusterSize) {
            if (fullMinClusterSize < 2) {
                throw new IllegalArgumentException("fullMinClusterSize must be >= 2 but was " + fullMinClusterSize);
            }
            return (int) Math.max(2, Math.round(fullMinClusterSize * fraction()));
        }

        @Override
        public String toString() {
            return "Sample[" + table.rows() + " of " + population + " rows, fraction " + fraction() + "]";
        }
    }

    static void checkSchema(StructType schema) {
        StructField[] f = schema.fields();
        if (f.length < 2 || !f[0].dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("features must be an entity string column followed by double "
                    + "columns, but the schema is " + schema.simpleString());
        }
        for (int i = 1; i < f.length; i++) {
            if (!f[i].dataType().equals(DataTypes.DoubleType)) {
                throw new IllegalArgumentException("feature column '" + f[i].name() + "' must be double but is "
                        + f[i].dataType().simpleString());
            }
        }
    }
}
