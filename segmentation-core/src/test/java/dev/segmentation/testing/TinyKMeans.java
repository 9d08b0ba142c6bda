package dev.segmentation.testing;

import dev.segmentation.cluster.HasInertia;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.Clusterer;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.SplittableRandom;

/**
 * Test-only clusterer: farthest-first centres from a seeded-random first row, a few Lloyd steps, nearest centre. With a
 * noise radius, rows farther than it from every centre are labelled -1. Deterministic for a seed.
 */
public final class TinyKMeans implements Clusterer {
    private final int k;
    private final double noiseRadius;

    public TinyKMeans(int k) {
        this(k, Double.POSITIVE_INFINITY);
    }

    public TinyKMeans(int k, double noiseRadius) {
        this.k = k;
        this.noiseRadius = noiseRadius;
    }

    @Override
    public String name() {
        return "tiny-kmeans";
    }

    @Override
    public ClusterModel fit(DataMatrix x, FitContext context) {
        int n = x.rows();
        int d = x.cols();
        double[] v = x.toArray();
        SplittableRandom rnd = new SplittableRandom(context.seed());
        // farthest-first traversal from a seeded-random first row
        double[] c = new double[k * d];
        System.arraycopy(v, rnd.nextInt(n) * d, c, 0, d);
        double[] near = new double[n];
        for (int i = 0; i < n; i++) {
            near[i] = dist2(v, i * d, c, 0, d);
        }
        for (int q = 1; q < k; q++) {
            int far = 0;
            for (int i = 1; i < n; i++) {
                if (near[i] > near[far]) {
                    far = i;
                }
            }
            System.arraycopy(v, far * d, c, q * d, d);
            for (int i = 0; i < n; i++) {
                near[i] = Math.min(near[i], dist2(v, i * d, c, q * d, d));
            }
        }
        int[] labels = new int[n];
        for (int it = 0; it < 10; it++) {
            assign(v, n, d, c, labels, Double.POSITIVE_INFINITY);
            double[] sum = new double[k * d];
            int[] cnt = new int[k];
            for (int i = 0; i < n; i++) {
                cnt[labels[i]]++;
                for (int t = 0; t < d; t++) {
                    sum[labels[i] * d + t] += v[i * d + t];
                }
            }
            for (int q = 0; q < k; q++) {
                if (cnt[q] > 0) {
                    for (int t = 0; t < d; t++) {
                        c[q * d + t] = sum[q * d + t] / cnt[q];
                    }
                }
            }
        }
        assign(v, n, d, c, labels, noiseRadius);
        return new Model(labels, c, k, d, noiseRadius, inertia(v, n, d, c, labels));
    }

    static double dist2(double[] a, int oa, double[] b, int ob, int d) {
        double s = 0;
        for (int t = 0; t < d; t++) {
            double df = a[oa + t] - b[ob + t];
            s += df * df;
        }
        return s;
    }

    static int nearest(double[] v, int off, double[] c, int k, int d, double radius) {
        int best = 0;
        double bd = Double.POSITIVE_INFINITY;
        for (int q = 0; q < k; q++) {
            double s = dist2(v, off, c, q * d, d);
            if (s < bd) {
                bd = s;
                best = q;
            }
        }
        return Math.sqrt(bd) > radius ? -1 : best;
    }

    static void assign(double[] v, int n, int d, double[] c, int[] labels, double radius) {
        int k = c.length / d;
        for (int i = 0; i < n; i++) {
            labels[i] = nearest(v, i * d, c, k, d, radius);
        }
    }

    static double inertia(double[] v, int n, int d, double[] c, int[] labels) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0) {
                s += dist2(v, i * d, c, labels[i] * d, d);
            }
        }
        return s;
    }

    /** The fitted model; exposes inertia to distances to its own centres. */
    public static final class Model implements ClusterModel, HasInertia {
        private final int[] labels;
        private final double[] centres;
        private final int k;
        private final int d;
        private final double radius;
        private final double inertia;

        Model(int[] labels, double[] centres, int k, int d, double radius, double inertia) {
            this.labels = labels;
            this.centres = centres;
            this.k = k;
            this.d = d;
            this.radius = radius;
            this.inertia = inertia;
        }

        @Override
        public int[] labels() {
            return labels.clone();
        }

        @Override
        public int clusterCount() {
            return k;
        }

        @Override
        public int dimension() {
            return d;
        }

        @Override
        public int predict(double[] row) {
            return nearest(row, 0, centres, k, d, radius);
        }

        @Override
        public int[] predict(DataMatrix x) {
            int[] out = new int[x.rows()];
            for (int i = 0; i < out.length; i++) {
                out[i] = predict(x.row(i));
            }
            return out;
        }

        @Override
        public double inertia() {
            return inertia;
        }

        public double[][] centres() {
            double[][] out = new double[k][d];
            for (int q = 0; q < k; q++) {
                System.arraycopy(centres, q * d, out[q], 0, d);
            }
            return out;
        }
    }

    /** n points around {@code centres} with Gaussian noise of {@code sd}, seeded; row i belongs to i % k. */
    public static DataMatrix blobs(double[][] centres, int n, double sd, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = centres[0].length;
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] c = centres[i % centres.length];
            for (int t = 0; t < d; t++) {
                v[i * d + t] = c[t] + sd * gaussian(rnd);
            }
        }
        return DataMatrix.wrap(n, d, v);
    }

    static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }

    /** Uniform random data in [0, 1)^d. */
    public static DataMatrix uniform(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble();
        }
        return DataMatrix.wrap(n, d, v);
    }

    /** Random labels in [lo, lo + k). */
    public static int[] randomLabels(int n, int k, int lo, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = lo + rnd.nextInt(k);
        }
        return l;
    }
}
