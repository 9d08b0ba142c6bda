package dev.segmentation.spark;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * K-Means over a feature matrix too large for the driver: our own Lloyd iterations over Spark partitions, seeded by
 * core's {@link KMeans} (greedy k-means++ and Lloyd) fitted on a deterministic sample. This is not MLlib's
 * k-means||.
 *
 * <p><b>What it computes.</b> The input is a dataset of {@code entity string} plus double columns (the matrix to
 * cluster, already scaled). (1) A sample: the rows whose entity hash (64-bit FNV-1a of the UTF-8 id, mixed with the
 * seed) falls below {@code sampleSize / n} of the hash range, sorted by entity, fitted with core's K-Means
 * ({@code k}, {@code nInit}, the seed): its centres are the initial centres. (2) Lloyd iterations (Lloyd 1982) over
 * all rows: each partition assigns its rows to the nearest centre (squared Euclidean distance, ties to the lowest
 * index) and returns per-cluster counts and coordinate sums in row order; the driver adds the partitions' partial
 * sums in partition-index order and divides. A cluster that receives no row keeps its centre (core re-seeds it with
 * the farthest row; that needs a global arg-max and is not done here). It stops when the summed squared centre
 * shift is at most {@code tol} times the mean column variance of the whole matrix (core's rule; a shift of 0 when no
 * label changes) or after {@code maxIter} iterations. (3) A last pass computes the inertia of the final centres.
 *
 * <p><b>Determinism.</b> For the same input partitioning the result is the same bit for bit (fixed row order within
 * a partition, fixed partition order). Another partitioning adds the same numbers in another order: centres agree to
 * rounding (about 1e-15 relative), and labels agree except for rows within rounding of a tie (tested: identical
 * labels and centres within 1e-12 across 1, 3 and 7 partitions, and against core's Lloyd from the same initial
 * centres).
 *
 * <p><b>Cost.</b> The matrix is packed into one flat {@code double[]} block per partition and cached (8 n d bytes in
 * executor memory); each iteration is one job, O(n k d) work and O(k d) bytes per partition to the driver. Two
 * passes before (column variances) and one after (inertia). Immutable and thread-safe.
 */
public final class SparkKMeans {
    private final int k;
    private final int maxIter;
    private final double tol;
    private final int sampleSize;
    private final int nInit;
    private final long seed;

    private SparkKMeans(Builder b) {
        this.k = b.k;
        this.maxIter = b.maxIter;
        this.tol = b.tol;
        this.sampleSize = b.sampleSize;
        this.nInit = b.nInit;
        this.seed = b.seed;
    }

    /** A builder with k = 8, maxIter = 300, tol = 1e-4, sampleSize = 100,000, nInit = 4, seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** The fitted centres and facts of a run. Immutable. */
    public static final class Result implements Serializable {
        private static final long serialVersionUID = 1L;
        private final List<String> featureNames;
        private final double[] centres;
        private final int k;
        private final int d;
        private final double inertia;
        private final int iterations;
        private final boolean converged;
        private final long rows;
        private final int sampleRows;

        Result(List<String> featureNames, double[] centres, int k, int d, double inertia, int iterations,
                boolean converged, long rows, int sampleRows) {
            this.featureNames = featureNames;
            this.centres = centres;
            this.k = k;
            this.d = d;
            this.inertia = inertia;
            this.iterations = iterations;
            this.converged = converged;
            this.rows = rows;
            this.sampleRows = sampleRows;
        }

        /** The centres, {@code k x d} (a copy). */
        public double[][] centreRows() {
            double[][] c = new double[k][];
            for (int j = 0; j < k; j++) {
                c[j] = Arrays.copyOfRange(centres, j * d, (j + 1) * d);
            }
            return c;
        }

        /** The centres as a matrix, e.g. for core's {@code KMeans.builder().initialCentres(...)}. */
        public DataMatrix centres() {
            return DataMatrix.of(k, d, centres);
        }

        /**
         * The result as core's K-Means model type ({@link KMeansModel#fromCentres}): the same centres bit for bit,
         * the same inertia, iterations and convergence flag, and core's nearest-centre rule, which equals
         * {@link #predict(double[])} on every row. It keeps no training labels (score the rows with
         * {@link SparkScorer} or {@link #predict}); it persists like any core K-Means model.
         */
        public KMeansModel toKMeansModel() {
            return KMeansModel.fromCentres(centres(), inertia, iterations, converged);
        }

        /** The clustered columns, in order. */
        public List<String> featureNames() {
            return featureNames;
        }

        /** Sum of squared distances of every row to its nearest final centre. */
        public double inertia() {
            return inertia;
        }

        /** Lloyd iterations run on the whole matrix. */
        public int iterations() {
            return iterations;
        }

        /** True when the shift criterion was met before {@code maxIter}. */
        public boolean converged() {
            return converged;
        }

        /** Rows clustered. */
        public long rows() {
            return rows;
        }

        /** Rows of the seeding sample. */
        public int sampleRows() {
            return sampleRows;
        }

        /** The nearest centre of {@code row} (ties: the lowest index). O(k d). */
        public int predict(double[] row) {
            Objects.requireNonNull(row, "row");
            if (row.length != d) {
                throw new IllegalArgumentException("row has " + row.length + " values but the centres have " + d);
            }
            return nearest(row, 0, centres, k, d, new double[1]);
        }

        @Override
        public String toString() {
            return "SparkKMeans.Result[k=" + k + ", d=" + d + ", rows=" + rows + ", inertia=" + inertia
                    + ", iterations=" + iterations + ", converged=" + converged + "]";
        }
    }

    /**
     * Clusters the rows of {@code matrix} (entity string, then double columns).
     *
     * @throws IllegalArgumentException when the schema is not an entity column followed by double columns, a value
     *     is not finite (naming the entity and column), the matrix has fewer than k rows, or the sample has fewer
     *     than k rows
     */
    public Result fit(Dataset<Row> matrix) {
        Objects.requireNonNull(matrix, "matrix");
        SparkSegmentation.checkSchema(matrix.schema());
        final int d = matrix.schema().size() - 1;
        List<String> names = List.of(Arrays.copyOfRange(matrix.schema().fieldNames(), 1, d + 1));
        JavaRDD<Block> blocks = matrix.javaRDD().mapPartitions(rows -> List.of(Block.of(rows, d)).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // column means, then variances: two passes, partials combined in partition order
            List<Tuple2<Integer, double[]>> parts = blocks.mapPartitionsWithIndex((p, it) -> {
                Block b = it.next();
                double[] s = new double[d + 1];
                s[d] = b.n;
                for (int i = 0; i < b.n; i++) {
                    for (int c = 0; c < d; c++) {
                        s[c] += b.x[i * d + c];
                    }
                }
                return List.of(new Tuple2<>(p, s)).iterator();
            }, true).collect();
            double[] mean = new double[d];
            long n = 0;
            for (double[] s : ordered(parts)) {
                for (int c = 0; c < d; c++) {
                    mean[c] += s[c];
                }
                n += (long) s[d];
            }
            if (n < k) {
                throw new IllegalArgumentException("the matrix has " + n + " rows, fewer than k = " + k);
            }
            for (int c = 0; c < d; c++) {
                mean[c] /= n;
            }
            final double[] mu = mean;
            List<Tuple2<Integer, double[]>> vparts = blocks.mapPartitionsWithIndex((p, it) -> {
                Block b = it.next();
                double[] s = new double[d];
                for (int i = 0; i < b.n; i++) {
                    for (int c = 0; c < d; c++) {
                        double v = b.x[i * d + c] - mu[c];
                        s[c] += v * v;
                    }
                }
                return List.of(new Tuple2<>(p, s)).iterator();
            }, true).collect();
            double meanVar = 0;
            double[] ss = new double[d];
            for (double[] s : ordered(vparts)) {
                for (int c = 0; c < d; c++) {
                    ss[c] += s[c];
                }
            }
            for (int c = 0; c < d; c++) {
                meanVar += ss[c] / n;
            }
            meanVar /= d;
            final double threshold = tol * meanVar;

            // seeding: core's K-Means on a deterministic sample by entity hash
            final long cut = n <= sampleSize ? Long.MAX_VALUE
                    : (long) (((double) sampleSize / n) * Long.MAX_VALUE);
            final long s0 = seed;
            List<Tuple2<String, double[]>> sample = new ArrayList<>(blocks.flatMap(b -> {
                List<Tuple2<String, double[]>> out = new ArrayList<>();
                for (int i = 0; i < b.n; i++) {
                    if ((hash(b.ids[i], s0) >>> 1) <= cut) {
                        out.add(new Tuple2<>(b.ids[i], Arrays.copyOfRange(b.x, i * d, (i + 1) * d)));
                    }
                }
                return out.iterator();
            }).collect());
            sample.sort((a, b) -> a._1().compareTo(b._1()));
            if (sample.size() < k) {
                throw new IllegalArgumentException("the seeding sample has " + sample.size() + " rows, fewer than k = "
                        + k + "; raise sampleSize");
            }
            double[] sx = new double[sample.size() * d];
            for (int i = 0; i < sample.size(); i++) {
                System.arraycopy(sample.get(i)._2(), 0, sx, i * d, d);
            }
            KMeansModel seedModel = KMeans.builder().k(k).nInit(nInit).build()
                    .fit(DataMatrix.wrap(sample.size(), d, sx), FitContext.seeded(seed).stage("spark-kmeans/seed"));
            double[] centres = seedModel.centres().toArray();

            int iterations = 0;
            boolean converged = false;
            final int kk = k;
            while (iterations < maxIter) {
                final double[] c = centres;
                List<Tuple2<Integer, double[]>> partials = blocks.mapPartitionsWithIndex((p, it) -> {
                    Block b = it.next();
                    double[] acc = new double[kk * d + kk];
                    double[] dist = new double[1];
                    for (int i = 0; i < b.n; i++) {
                        int j = nearest(b.x, i * d, c, kk, d, dist);
                        int o = j * d;
                        for (int q = 0; q < d; q++) {
                            acc[o + q] += b.x[i * d + q];
                        }
                        acc[kk * d + j] += 1;
                    }
                    return List.of(new Tuple2<>(p, acc)).iterator();
                }, true).collect();
                double[] sum = new double[kk * d + kk];
                for (double[] a : ordered(partials)) {
                    for (int q = 0; q < sum.length; q++) {
                        sum[q] += a[q];
                    }
                }
                double[] next = centres.clone();
                for (int j = 0; j < kk; j++) {
                    double count = sum[kk * d + j];
                    if (count > 0) {
                        for (int q = 0; q < d; q++) {
                            next[j * d + q] = sum[j * d + q] / count;
                        }
                    }
                }
                double shift = 0;
                for (int q = 0; q < next.length; q++) {
                    double v = next[q] - centres[q];
                    shift += v * v;
                }
                centres = next;
                iterations++;
                if (shift <= threshold) {
                    converged = true;
                    break;
                }
            }
            final double[] fc = centres;
            List<Tuple2<Integer, double[]>> inertiaParts = blocks.mapPartitionsWithIndex((p, it) -> {
                Block b = it.next();
                double[] dist = new double[1];
                double s = 0;
                for (int i = 0; i < b.n; i++) {
                    nearest(b.x, i * d, fc, kk, d, dist);
                    s += dist[0];
                }
                return List.of(new Tuple2<>(p, new double[] {s})).iterator();
            }, true).collect();
            double inertia = 0;
            for (double[] a : ordered(inertiaParts)) {
                inertia += a[0];
            }
            return new Result(names, centres, k, d, inertia, iterations, converged, n, sample.size());
        } finally {
            blocks.unpersist(false);
        }
    }

    private static List<double[]> ordered(List<Tuple2<Integer, double[]>> parts) {
        List<Tuple2<Integer, double[]>> p = new ArrayList<>(parts);
        p.sort((a, b) -> Integer.compare(a._1(), b._1()));
        List<double[]> out = new ArrayList<>(p.size());
        for (Tuple2<Integer, double[]> t : p) {
            out.add(t._2());
        }
        return out;
    }

    /** Index of the nearest centre to x[o..o+d) (ties: lowest index); its squared distance in dist[0]. */
    static int nearest(double[] x, int o, double[] c, int k, int d, double[] dist) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double s = 0;
            int co = j * d;
            for (int q = 0; q < d; q++) {
                double v = x[o + q] - c[co + q];
                s += v * v;
            }
            if (s < bestD) {
                bestD = s;
                best = j;
            }
        }
        dist[0] = bestD;
        return best;
    }

    /** 64-bit FNV-1a of the UTF-8 id, then a SplitMix64 finaliser with the seed. */
    static long hash(String id, long seed) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        long z = h + seed * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** One partition's rows packed row-major. */
    static final class Block implements Serializable {
        private static final long serialVersionUID = 1L;
        final String[] ids;
        final double[] x;
        final int n;

        private Block(String[] ids, double[] x, int n) {
            this.ids = ids;
            this.x = x;
            this.n = n;
        }

        static Block of(Iterator<Row> rows, int d) {
            List<String> ids = new ArrayList<>();
            double[] x = new double[1024 * d];
            int n = 0;
            while (rows.hasNext()) {
                Row r = rows.next();
                if (n * d == x.length) {
                    x = Arrays.copyOf(x, x.length * 2);
                }
                String id = r.getString(0);
                for (int c = 0; c < d; c++) {
                    double v = r.getDouble(c + 1);
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("entity '" + id + "', column " + (c + 1)
                                + ": value is not finite: " + v);
                    }
                    x[n * d + c] = v;
                }
                ids.add(id);
                n++;
            }
            return new Block(ids.toArray(new String[0]), Arrays.copyOf(x, n * d), n);
        }
    }

    /**
     * Configures {@link SparkKMeans}. Setters check their argument at once; {@link #build()} may be called again.
     * Not thread-safe.
     */
    public static final class Builder {
        private int k = 8;
        private int maxIter = 300;
        private double tol = 1e-4;
        private int sampleSize = 100_000;
        private int nInit = 4;
        private long seed;

        private Builder() {
        }

        /** Number of clusters. @throws IllegalArgumentException when {@code k < 1} */
        public Builder k(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1 but was " + k);
            }
            this.k = k;
            return this;
        }

        /** Largest number of Lloyd iterations on the whole matrix. @throws IllegalArgumentException when < 1 */
        public Builder maxIter(int maxIter) {
            if (maxIter < 1) {
                throw new IllegalArgumentException("maxIter must be >= 1 but was " + maxIter);
            }
            this.maxIter = maxIter;
            return this;
        }

        /** Relative shift tolerance (core's meaning). @throws IllegalArgumentException when negative or NaN */
        public Builder tol(double tol) {
            if (!(tol >= 0) || Double.isInfinite(tol)) {
                throw new IllegalArgumentException("tol must be finite and >= 0 but was " + tol);
            }
            this.tol = tol;
            return this;
        }

        /** Approximate rows of the seeding sample. @throws IllegalArgumentException when < 1 */
        public Builder sampleSize(int sampleSize) {
            if (sampleSize < 1) {
                throw new IllegalArgumentException("sampleSize must be >= 1 but was " + sampleSize);
            }
            this.sampleSize = sampleSize;
            return this;
        }

        /** Restarts of core's K-Means on the sample. @throws IllegalArgumentException when < 1 */
        public Builder nInit(int nInit) {
            if (nInit < 1) {
                throw new IllegalArgumentException("nInit must be >= 1 but was " + nInit);
            }
            this.nInit = nInit;
            return this;
        }

        /** The seed of the sample and of core's seeding fit. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The configured K-Means. */
        public SparkKMeans build() {
            return new SparkKMeans(this);
        }
    }
}
