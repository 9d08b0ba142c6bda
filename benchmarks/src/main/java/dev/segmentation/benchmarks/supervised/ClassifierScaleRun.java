package dev.segmentation.benchmarks.supervised;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.supervised.ClassificationMetrics;
import dev.segmentation.supervised.Classifier;
import dev.segmentation.supervised.ClassifierModel;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Issue 16's benchmark (a main program, not a JMH benchmark): a gradient-boosted classifier trained on 1,000,000
 * simulated customers x 20 features, then predicting 1,000,000 new customers, once per thread count; and whether
 * another thread count changes the model.
 *
 * <p><b>Data.</b> Customer-like features drawn from a fixed seed (recency, frequency, spend, order value, tenure,
 * activity shares, 15 more of which 6 are correlated with the first five and the rest are noise; 3% of one feature
 * missing, as NaN), and a response drawn from a known logistic function of six of them, so the held-out ROC AUC can
 * be set beside the oracle's. Transactions are not simulated (1M customers would be about 160M purchase rows);
 * the features are what a pipeline would hand the classifier.
 *
 * <p><b>Figures per thread count</b>: training wall time, process CPU time (all threads, XGBoost's native OpenMP
 * threads included), the 1-minute load average before and after, the model's SHA-256 over its XGBoost JSON; predict
 * wall and CPU time and rows per second (the 1M new customers in one call), the SHA-256 of the probability bits,
 * held-out ROC AUC. The last lines say whether every thread count gave the same model and predictions.
 *
 * <p>Arguments: {@code [rows] [features=20 fixed] [threads, comma-separated] [rounds] [maxDepth]}; defaults
 * 1000000, 1,2, 100, 6. Run with {@code -Xmx4g}.
 */
public final class ClassifierScaleRun {
    private static final int D = 20;

    private ClassifierScaleRun() {
    }

    /** n customers x 20 features and their true response probability (the last entry of each row's pair). */
    static FeatureTable customers(int n, long seed, double[] trueP) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] ids = new String[n];
        String[] names = new String[D];
        String[] base = {"recency_days", "frequency_orders", "monetary", "avg_order_value", "tenure_days",
            "weekend_share", "return_share", "categories"};
        for (int j = 0; j < D; j++) {
            names[j] = j < base.length ? base[j] : "f" + j;
        }
        double[] v = new double[n * D];
        for (int i = 0; i < n; i++) {
            ids[i] = "c" + i;
            int o = i * D;
            double tenure = 30 + 700 * r.nextDouble();
            double recency = Math.min(tenure, -Math.log(1 - r.nextDouble()) * 80);
            double freq = 1 + Math.floor(-Math.log(1 - r.nextDouble()) * (2 + tenure / 120));
            double aov = Math.exp(3 + 0.8 * r.nextGaussian());
            v[o] = recency;
            v[o + 1] = freq;
            v[o + 2] = freq * aov * Math.exp(0.2 * r.nextGaussian());
            v[o + 3] = aov;
            v[o + 4] = tenure;
            v[o + 5] = r.nextDouble();
            v[o + 6] = r.nextDouble() < 0.03 ? Double.NaN : Math.max(0, 0.05 + 0.05 * r.nextGaussian());
            v[o + 7] = 1 + Math.floor(-Math.log(1 - r.nextDouble()) * 3);
            for (int j = 8; j < 14; j++) {
                v[o + j] = v[o + (j - 8) % 5] * (0.5 + r.nextDouble()) + r.nextGaussian();
            }
            for (int j = 14; j < D; j++) {
                v[o + j] = r.nextGaussian();
            }
            double ret = Double.isNaN(v[o + 6]) ? 0.05 : v[o + 6];
            double logit = -1.5 + 0.9 * Math.log1p(freq) - recency / 60 + 0.3 * (Math.log(aov) - 3)
                    + 0.8 * (v[o + 5] - 0.5) - 6 * (ret - 0.05) + 0.1 * Math.log(v[o + 7]);
            trueP[i] = 1 / (1 + Math.exp(-logit));
        }
        return FeatureTable.wrap(ids, names, v);
    }

    static int[] draw(double[] p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] y = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            y[i] = r.nextDouble() < p[i] ? 1 : 0;
        }
        return y;
    }

    private static long cpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
    }

    private static String sha(double[] v) throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * v.length);
        for (double d : v) {
            b.putLong(Double.doubleToRawLongBits(d));
        }
        return sha(b.array());
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String[] threadList = (args.length > 2 ? args[2] : "1,2").split(",");
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int depth = args.length > 4 ? Integer.parseInt(args[4]) : 6;
        long t = System.nanoTime();
        double[] pTrain = new double[n];
        FeatureTable train = customers(n, 16, pTrain);
        int[] yTrain = draw(pTrain, 161);
        double[] pTest = new double[n];
        FeatureTable test = customers(n, 17, pTest);
        int[] yTest = draw(pTest, 171);
        double rate = 0;
        for (int y : yTrain) {
            rate += (double) y / n;
        }
        System.out.printf(Locale.ROOT, "data: %,d + %,d customers x %d features, response rate %.4f, generated in"
                + " %.1f s; JVM %s, %d cores%n", n, n, D, rate, (System.nanoTime() - t) / 1e9,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "gradient boosting: %d rounds, depth %d, eta 0.3, hist, seed 7%n", rounds,
                depth);
        double oracle = ClassificationMetrics.rocAuc(yTest, pTest);
        List<String> models = new ArrayList<>();
        List<String> preds = new ArrayList<>();
        for (String ts : threadList) {
            int threads = Integer.parseInt(ts.trim());
            Classifier c = Classifier.gradientBoosting().nRounds(rounds).maxDepth(depth).seed(7).nThread(threads)
                    .build();
            double l0 = load();
            long w0 = System.nanoTime();
            long c0 = cpuNanos();
            ClassifierModel m = c.fit(train, yTrain);
            double trainWall = (System.nanoTime() - w0) / 1e9;
            double trainCpu = (cpuNanos() - c0) / 1e9;
            double l1 = load();
            w0 = System.nanoTime();
            c0 = cpuNanos();
            DataMatrix p = m.probabilities(test);
            double predWall = (System.nanoTime() - w0) / 1e9;
            double predCpu = (cpuNanos() - c0) / 1e9;
            double l2 = load();
            double[] q = new double[n];
            for (int i = 0; i < n; i++) {
                q[i] = p.get(i, 1);
            }
            String ms = sha(m.xgboostJson());
            String ps = sha(p.toArray());
            models.add(ms);
            preds.add(ps);
            System.out.printf(Locale.ROOT, "threads %d: train wall %.1f s, CPU %.1f s (load %.1f -> %.1f); predict"
                    + " %,d rows wall %.2f s, CPU %.2f s = %,.0f rows/s wall, %,.0f rows/CPU-s (load %.1f);"
                    + " held-out ROC AUC %.4f (oracle %.4f); model sha256 %s, predictions sha256 %s%n", threads,
                    trainWall, trainCpu, l0, l1, n, predWall, predCpu, n / predWall, n / predCpu, l2,
                    ClassificationMetrics.rocAuc(yTest, q), oracle, ms, ps);
        }
        boolean sameModel = models.stream().distinct().count() == 1;
        boolean samePred = preds.stream().distinct().count() == 1;
        System.out.printf(Locale.ROOT, "thread counts %s: %s model, %s predictions%n", String.join(",", threadList),
                sameModel ? "identical" : "DIFFERENT", samePred ? "identical" : "DIFFERENT");
    }
}
