package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import elki.clustering.kmeans.BestOfMultipleKMeans;
import elki.clustering.kmeans.HamerlyKMeans;
import elki.clustering.kmeans.LloydKMeans;
import elki.clustering.kmeans.initialization.KMeansInitialization;
import elki.clustering.kmeans.initialization.KMeansPlusPlus;
import elki.clustering.kmeans.initialization.Predefined;
import elki.clustering.kmeans.quality.WithinClusterVariance;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.SquaredEuclideanDistance;
import elki.utilities.random.RandomFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.ToDoubleBiFunction;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.MultiKMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import smile.clustering.BBDTree;
import smile.clustering.CentroidClustering;
import smile.clustering.PartitionClustering;
import smile.math.MathEx;

/**
 * K-Means in this library and in the peer libraries behind one interface, for {@link KMeansPeersBenchmark} and
 * {@link KMeansPeers}: the data converted once into each library's own structures ({@link Peer#prepare}), a fixed
 * number of Lloyd iterations from given initial centres ({@link Peer#fixedIterations}) and a full fit with the
 * library's own seeding and restarts ({@link Peer#fullFit}). Benchmark code only: the peers are never a dependency
 * of a published module.
 */
public final class KMeansPeersLibraries {
    private KMeansPeersLibraries() {
    }

    /** The libraries compared. */
    public enum Library {
        OURS_LLOYD, OURS_HAMERLY, OURS_LLOYD_PREPARED, OURS_HAMERLY_PREPARED, COMMONS_MATH, SMILE_BBD, SMILE_LLOYD, TRIBUO, ELKI_LLOYD, ELKI_HAMERLY
    }

    /** One library. */
    abstract static class Peer {
        int n;
        int d;
        int threads;

        /** Converts the rows into the library's structures (not timed by the callers). */
        abstract void prepare(double[][] rows);

        /**
         * Lloyd iterations from {@code init} ({@code k x d}): {@code iterations} of them, or fewer if the library
         * stops when no label changes; returns the final centres.
         */
        abstract double[][] fixedIterations(double[][] init, int iterations);

        /** A full fit with the library's own seeding and restarts; returns the final centres. */
        abstract double[][] fullFit(int k, int restarts, int maxIter, long seed);

        /** What the library does in {@link #fixedIterations} when it cannot do exactly that. */
        String fixedIterationsNote() {
            return "";
        }

        /** What the library does in {@link #fullFit}. */
        abstract String fullFitNote();
    }

    static Peer create(Library library, int threads) {
        Peer p;
        switch (library) {
            case OURS_LLOYD:
                p = new Ours(KMeans.Algorithm.LLOYD);
                break;
            case OURS_HAMERLY:
                p = new Ours(KMeans.Algorithm.HAMERLY);
                break;
            case OURS_LLOYD_PREPARED:
                p = new OursPrepared(false);
                break;
            case OURS_HAMERLY_PREPARED:
                p = new OursPrepared(true);
                break;
            case COMMONS_MATH:
                p = new CommonsMath();
                break;
            case SMILE_BBD:
                p = new Smile(true);
                break;
            case SMILE_LLOYD:
                p = new Smile(false);
                break;
            case TRIBUO:
                p = new Tribuo();
                break;
            case ELKI_LLOYD:
                p = new Elki(false);
                break;
            default:
                p = new Elki(true);
                break;
        }
        p.threads = threads;
        return p;
    }

    /** {@code k} Gaussian blobs (unit variance, centres uniform in [-10, 10]^d), as in {@code KMeansBenchmark}. */
    static double[][] blobs(int n, int d, int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] c = new double[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextDouble() * 20 - 10;
        }
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            int b = rng.nextInt(k);
            for (int j = 0; j < d; j++) {
                rows[i][j] = c[b * d + j] + rng.nextGaussian();
            }
        }
        return rows;
    }

    /** {@code k} rows spread over the data, the fixed initial centres of the fixed-iteration runs. */
    static double[][] spreadRows(double[][] rows, int k) {
        double[][] init = new double[k][];
        for (int q = 0; q < k; q++) {
            init[q] = rows[(int) ((long) q * rows.length / k)].clone();
        }
        return init;
    }

    /** Sum over rows of the squared distance to the nearest of {@code centres}: the same measure for every library. */
    static double inertia(double[][] rows, double[][] centres) {
        double s = 0;
        for (double[] r : rows) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] c : centres) {
                double t = 0;
                for (int j = 0; j < r.length; j++) {
                    double u = r[j] - c[j];
                    t += u * u;
                }
                best = Math.min(best, t);
            }
            s += best;
        }
        return s;
    }

    // ---------------------------------------------------------------- this library

    static final class Ours extends Peer {
        private final KMeans.Algorithm algorithm;
        private DataMatrix x;

        Ours(KMeans.Algorithm algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        void prepare(double[][] rows) {
            n = rows.length;
            d = rows[0].length;
            x = DataMatrix.ofRows(rows);
        }

        @Override
        double[][] fixedIterations(double[][] init, int iterations) {
            KMeansModel m = KMeans.builder().initialCentres(DataMatrix.ofRows(init)).nInit(1).maxIter(iterations)
                    .tol(0).algorithm(algorithm).canonicalOrder(false).build()
                    .fit(x, FitContext.seeded(1).withThreads(threads));
            return m.centreRows();
        }

        @Override
        double[][] fullFit(int k, int restarts, int maxIter, long seed) {
            KMeansModel m = KMeans.builder().k(k).nInit(restarts).maxIter(maxIter).algorithm(algorithm).build()
                    .fit(x, FitContext.seeded(seed).withThreads(threads));
            return m.centreRows();
        }

        Ours withData(DataMatrix m, int t) {
            x = m;
            n = m.rows();
            d = m.cols();
            threads = t;
            return this;
        }

        @Override
        String fixedIterationsNote() {
            return "initialCentres, nInit 1, tol 0, canonicalOrder(false); includes validation and the tiled copy";
        }

        @Override
        String fullFitNote() {
            return "greedy k-means++, nInit restarts, tol 1e-4 (relative, scikit-learn's), canonical row order";
        }
    }

    /**
     * Ours with the validated, tiled copy of the data made in {@link #prepare} (untimed, as every peer's own
     * conversion is): {@link #fixedIterations} times only the iterations and the final labels.
     */
    static final class OursPrepared extends Peer {
        private final boolean hamerly;
        private dev.segmentation.cluster.KMeansBenchmarkAccess access;
        private DataMatrix x;

        OursPrepared(boolean hamerly) {
            this.hamerly = hamerly;
        }

        @Override
        void prepare(double[][] rows) {
            n = rows.length;
            d = rows[0].length;
            x = DataMatrix.ofRows(rows);
            access = null;
        }

        @Override
        double[][] fixedIterations(double[][] init, int iterations) {
            if (access == null) {
                access = new dev.segmentation.cluster.KMeansBenchmarkAccess(x, init.length, threads, hamerly);
            }
            double[] flat = new double[init.length * d];
            for (int c = 0; c < init.length; c++) {
                System.arraycopy(init[c], 0, flat, c * d, d);
            }
            double[] out = access.fixedIterations(flat, iterations);
            double[][] centres = new double[init.length][];
            for (int c = 0; c < init.length; c++) {
                centres[c] = java.util.Arrays.copyOfRange(out, c * d, (c + 1) * d);
            }
            return centres;
        }

        @Override
        double[][] fullFit(int k, int restarts, int maxIter, long seed) {
            return new Ours(hamerly ? KMeans.Algorithm.HAMERLY : KMeans.Algorithm.LLOYD).withData(x, threads)
                    .fullFit(k, restarts, maxIter, seed);
        }

        @Override
        String fixedIterationsNote() {
            return "tiled copy made once before timing (as the peers' conversions); times the iterations and the "
                    + "final labels";
        }

        @Override
        String fullFitNote() {
            return "as ours: a full fit includes its own validation and layout";
        }
    }

    // ---------------------------------------------------------------- Apache Commons Math 3.6.1

    static final class CommonsMath extends Peer {
        private List<DoublePoint> points;

        @Override
        void prepare(double[][] rows) {
            n = rows.length;
            d = rows[0].length;
            points = new ArrayList<>(n);
            for (double[] r : rows) {
                points.add(new DoublePoint(r));
            }
        }

        @Override
        double[][] fixedIterations(double[][] init, int iterations) {
            // no way to pass initial centres: its own k-means++ seeding, then at most `iterations` iterations
            KMeansPlusPlusClusterer<DoublePoint> c = new KMeansPlusPlusClusterer<>(init.length, iterations,
                    new EuclideanDistance(), new Well19937c(1));
            return centres(c.cluster(points));
        }

        @Override
        double[][] fullFit(int k, int restarts, int maxIter, long seed) {
            KMeansPlusPlusClusterer<DoublePoint> c = new KMeansPlusPlusClusterer<>(k, maxIter,
                    new EuclideanDistance(), new Well19937c(seed));
            return centres(new MultiKMeansPlusPlusClusterer<>(c, restarts).cluster(points));
        }

        private static double[][] centres(List<CentroidCluster<DoublePoint>> clusters) {
            double[][] out = new double[clusters.size()][];
            for (int c = 0; c < out.length; c++) {
                out[c] = clusters.get(c).getCenter().getPoint().clone();
            }
            return out;
        }

        @Override
        String fixedIterationsNote() {
            return "cannot take initial centres: its own k-means++ seeding (single candidate) plus the iterations, "
                    + "stops early when no label changes; single-threaded";
        }

        @Override
        String fullFitNote() {
            return "MultiKMeansPlusPlusClusterer (restarts kept by lowest within-cluster variance), "
                    + "stops when no label changes; single-threaded";
        }
    }

    // ---------------------------------------------------------------- Smile 3.1.1

    static final class Smile extends Peer {
        private final boolean bbd;
        private double[][] data;
        private Method assign;
        private Method update;

        Smile(boolean bbd) {
            this.bbd = bbd;
        }

        @Override
        void prepare(double[][] rows) {
            n = rows.length;
            d = rows[0].length;
            data = rows;
            if (!bbd) {
                try {
                    // the package-private steps KMeans.lloyd iterates (Smile has no public init=array)
                    assign = CentroidClustering.class.getDeclaredMethod("assign", int[].class, Object[].class,
                            Object[].class, ToDoubleBiFunction.class);
                    update = CentroidClustering.class.getDeclaredMethod("updateCentroids", double[][].class,
                            double[][].class, int[].class, int[].class);
                    assign.setAccessible(true);
                    update.setAccessible(true);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Smile's Lloyd steps are not where 3.1.1 has them", e);
                }
            }
        }

        @Override
        double[][] fixedIterations(double[][] init, int iterations) {
            int k = init.length;
            double[][] centroids = new double[k][];
            for (int c = 0; c < k; c++) {
                centroids[c] = init[c].clone();
            }
            int[] y = new int[n];
            int[] size = new int[k];
            if (bbd) {
                // KMeans.fit's loop: the BBD-tree filtering algorithm (Kanungo et al.), assignment + new centroids
                BBDTree tree = new BBDTree(data);
                double[][] sum = new double[k][d];
                for (int it = 0; it < iterations; it++) {
                    tree.clustering(centroids, sum, size, y);
                }
                return centroids;
            }
            ToDoubleBiFunction<double[], double[]> dist = MathEx::squaredDistance;
            try {
                for (int it = 0; it < iterations; it++) {
                    assign.invoke(null, y, data, centroids, dist);
                    update.invoke(null, centroids, data, y, size);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            return centroids;
        }

        @Override
        double[][] fullFit(int k, int restarts, int maxIter, long seed) {
            MathEx.setSeed(seed); // Smile draws from a global generator
            smile.clustering.KMeans best = bbd
                    ? PartitionClustering.run(restarts, () -> smile.clustering.KMeans.fit(data, k, maxIter, 1e-4))
                    : PartitionClustering.run(restarts, () -> smile.clustering.KMeans.lloyd(data, k, maxIter, 1e-4));
            double[][] out = new double[k][];
            for (int c = 0; c < k; c++) {
                out[c] = best.centroids[c].clone();
            }
            return out;
        }

        @Override
        String fixedIterationsNote() {
            return bbd ? "BBDTree.clustering from the given centres (KMeans.fit's iteration); tree build included"
                    : "CentroidClustering.assign + updateCentroids (KMeans.lloyd's steps, reached by reflection, with "
                            + "MathEx.squaredDistance instead of its missing-value variant)";
        }

        @Override
        String fullFitNote() {
            return (bbd ? "KMeans.fit (BBD tree)" : "KMeans.lloyd") + ", k-means++ seeding, best of restarts by "
                    + "PartitionClustering.run, tol 1e-4 (relative distortion change)";
        }
    }

    // ---------------------------------------------------------------- Tribuo 4.3.2

    static final class Tribuo extends Peer {
        private MutableDataset<ClusterID> dataset;

        @Override
        void prepare(double[][] rows) {
            n = rows.length;
            d = rows[0].length;
            ClusteringFactory f = new ClusteringFactory();
            dataset = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", f), f);
            String[] names = new String[d];
            for (int j = 0; j < d; j++) {
                names[j] = "f" + j; // one digit: Tribuo's sorted feature order is the column order for d <= 10
            }
            for (double[] r : rows) {
                dataset.add(new ArrayExample<>(f.getUnknownOutput(), names, r));
            }
        }

        @Override
        double[][] fixedIterations(double[][] init, int iterations) {
            // Tribuo cannot take initial centres; its M-step is overridable: the first M-step (after an E-step
            // against a cheap uniform random initialisation) installs the given centres, then `iterations`
            // ordinary Lloyd iterations follow. Costs one extra E-step.
            KMeansTrainer t = new KMeansTrainer(init.length, iterations + 1, KMeansTrainer.Distance.EUCLIDEAN,
                    KMeansTrainer.Initialisation.RANDOM, threads, 1L) {
                private boolean installed;

                @Override
                protected void mStep(ForkJoinPool fjp, DenseVector[] centroidVectors,
                        Map<Integer, List<Integer>> clusterAssignments, SGDVector[] data, double[] weights) {
                    if (!installed) {
                        installed = true;
                        for (int c = 0; c < centroidVectors.length; c++) {
                            for (int j = 0; j < init[c].length; j++) {
                                centroidVectors[c].set(j, init[c][j]);
                            }
                        }
                        return;
                    }
                    super.mStep(fjp, centroidVectors, clusterAssignments, data, weights);
                }
            };
            return centres(t.train(dataset).getCentroidVectors());
        }

        @Override
        double[][] fullFit(int k, int restarts, int maxIter, long seed) {
            // Tribuo has no restarts: one k-means++ run
            KMeansTrainer t = new KMeansTrainer(k, maxIter, KMeansTrainer.Distance.EUCLIDEAN,
                    KMeansTrainer.Initialisation.PLUSPLUS, threads, seed);
            return centres(t.train(dataset).getCentroidVectors());
        }

        private static double[][] centres(DenseVector[] v) {
            double[][] out = new double[v.length][];
            for (int c = 0; c < v.length; c++) {
                out[c] = v[c].toArray();
            }
            return out;
        }

        @Override
        String fixedIterationsNote() {
            return "cannot take initial centres: an overridden first M-step installs them after one E-step "
                    + "against its random initialisation (one extra E-step); stops early when no label changes";
        }

        @Override
        String fullFitNote() {
            return "KMeansTrainer with PLUSPLUS initialisation; no restarts in Tribuo (one run)";
        }
    }

    // ---------------------------------------------------------------- ELKI 0.8.0

    static final class Elki extends Peer {
        private final boolean hamerly;
        private Relation<NumberVector> relation;

        Elki(boolean hamerly) {
            this.hamerly = hamerly;
        }

        @Override
        void prepare(double[][] rows) {
            n = rows.length;
            d = rows[0].length;
            Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(rows), null);
            db.initialize();
            relation = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
        }

        private elki.clustering.kmeans.KMeans<NumberVector, elki.data.model.KMeansModel> algorithm(int k,
                int maxIter, KMeansInitialization init) {
            return hamerly ? new HamerlyKMeans<>(SquaredEuclideanDistance.STATIC, k, maxIter, init, false)
                    : new LloydKMeans<>(SquaredEuclideanDistance.STATIC, k, maxIter, init);
        }

        @Override
        double[][] fixedIterations(double[][] init, int iterations) {
            double[][] copy = new double[init.length][];
            for (int c = 0; c < init.length; c++) {
                copy[c] = init[c].clone();
            }
            // ELKI's maxiter counts the first assignment as an iteration: maxiter = iterations + 1 performs the same
            // assignments and updates (checked: its centres then give our inertia to the last digits printed)
            return centres(algorithm(init.length, iterations + 1, new Predefined(copy)).run(relation));
        }

        @Override
        double[][] fullFit(int k, int restarts, int maxIter, long seed) {
            BestOfMultipleKMeans<NumberVector, elki.data.model.KMeansModel> best = new BestOfMultipleKMeans<>(
                    restarts, algorithm(k, maxIter, new KMeansPlusPlus<>(new RandomFactory(seed))),
                    new WithinClusterVariance());
            return centres(best.run(relation));
        }

        private static double[][] centres(Clustering<elki.data.model.KMeansModel> c) {
            List<Cluster<elki.data.model.KMeansModel>> clusters = c.getAllClusters();
            double[][] out = new double[clusters.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = clusters.get(i).getModel().getMean().clone();
            }
            return out;
        }

        @Override
        String fixedIterationsNote() {
            return "Predefined initial means, maxiter = iterations + 1 (its count includes the first assignment); "
                    + "stops early when no label changes; single-threaded";
        }

        @Override
        String fullFitNote() {
            return "k-means++ (KMeansPlusPlus), BestOfMultipleKMeans by within-cluster variance; single-threaded";
        }
    }
}
