package dev.segmentation.supervised.forecast;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The XGBoost glue (XGBoost4J; Chen and Guestrin 2016): histogram trees, objective {@code reg:quantileerror} with all
 * quantile levels in one model, native categorical splits for the categorical columns. The only class of the
 * package that touches an XGBoost type. Deterministic for a fixed seed and thread count (no row or column
 * subsampling).
 */
final class XgbQuantileRegressor implements QuantileEngine {
    private final int rounds;
    private final int maxDepth;
    private final double eta;
    private final double minChildWeight;
    private final long seed;
    private final int threads;

    XgbQuantileRegressor(int rounds, int maxDepth, double eta, double minChildWeight, long seed, int threads) {
        this.rounds = rounds;
        this.maxDepth = maxDepth;
        this.eta = eta;
        this.minChildWeight = minChildWeight;
        this.seed = seed;
        this.threads = threads;
    }

    @Override
    public Fitted fit(float[] x, int rows, int cols, float[] y, float[] weight, boolean[] categorical,
            double[] quantiles) {
        DMatrix d = null;
        try {
            d = matrix(x, rows, cols, categorical);
            d.setLabel(y);
            if (weight != null) {
                d.setWeight(weight);
            }
            Map<String, Object> p = new HashMap<>();
            p.put("objective", "reg:quantileerror");
            StringBuilder q = new StringBuilder("[");
            for (int i = 0; i < quantiles.length; i++) {
                q.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", quantiles[i]));
            }
            p.put("quantile_alpha", q.append(']').toString());
            p.put("tree_method", "hist");
            p.put("max_depth", maxDepth);
            p.put("eta", eta);
            p.put("min_child_weight", minChildWeight);
            p.put("seed", seed);
            p.put("nthread", threads);
            p.put("verbosity", 0);
            boolean anyCategorical = false;
            for (boolean c : categorical) {
                anyCategorical |= c;
            }
            if (anyCategorical) {
                p.put("max_cat_to_onehot", 1);
            }
            Booster b = XGBoost.train(d, p, rounds, new HashMap<>(), null, null);
            return new XgbFitted(b, categorical, quantiles.length);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed on " + rows + " x " + cols + ": " + e.getMessage(),
                    e);
        } finally {
            if (d != null) {
                d.dispose();
            }
        }
    }

    static DMatrix matrix(float[] x, int rows, int cols, boolean[] categorical) throws XGBoostError {
        DMatrix d = new DMatrix(x, rows, cols, Float.NaN);
        String[] types = new String[cols];
        for (int j = 0; j < cols; j++) {
            types[j] = categorical[j] ? "c" : "q";
        }
        d.setFeatureTypes(types);
        return d;
    }

    static Fitted load(byte[] bytes, boolean[] categorical, int outputs) {
        try {
            return new XgbFitted(XGBoost.loadModel(bytes), categorical, outputs);
        } catch (XGBoostError | java.io.IOException e) {
            throw new IllegalStateException("cannot load the XGBoost model: " + e.getMessage(), e);
        }
    }

    private static final class XgbFitted implements Fitted {
        private final Booster booster;
        private final boolean[] categorical;
        private final int outputs;

        XgbFitted(Booster booster, boolean[] categorical, int outputs) {
            this.booster = booster;
            this.categorical = categorical.clone();
            this.outputs = outputs;
        }

        @Override
        public synchronized float[] predict(float[] x, int rows, int cols) {
            DMatrix d = null;
            try {
                d = matrix(x, rows, cols, categorical);
                float[][] p = booster.predict(d);
                float[] out = new float[rows * outputs];
                for (int r = 0; r < rows; r++) {
                    if (p[r].length != outputs) {
                        throw new IllegalStateException("XGBoost returned " + p[r].length + " outputs per row, "
                                + "expected " + outputs);
                    }
                    System.arraycopy(p[r], 0, out, r * outputs, outputs);
                }
                return out;
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
            } finally {
                if (d != null) {
                    d.dispose();
                }
            }
        }

        @Override
        public synchronized byte[] toBytes() {
            try {
                return booster.toByteArray("ubj");
            } catch (XGBoostError e) {
                throw new IllegalStateException("cannot serialise the XGBoost model: " + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void close() {
            booster.dispose();
        }
    }
}
