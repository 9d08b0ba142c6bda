package dev.segmentation.supervised.internal;

import java.lang.ref.Cleaner;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A loaded XGBoost booster used for prediction only. Calls are serialized on this object (XGBoost's booster is
 * documented as thread-safe for in-place prediction, but the JNI layer shares per-booster buffers; serializing is the
 * safe choice and costs nothing for batch scoring). The native booster is freed by a {@link Cleaner} when this object
 * becomes unreachable, or at once by {@link #close()}.
 */
public final class XgbModel implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Booster booster;
    private final Cleaner.Cleanable cleanable;

    XgbModel(Booster booster, int nThread) throws XGBoostError {
        this.booster = booster;
        booster.setParam("nthread", Integer.toString(nThread));
        booster.setParam("verbosity", "0");
        this.cleanable = CLEANER.register(this, new Disposer(booster));
    }

    private static final class Disposer implements Runnable {
        private final Booster booster;

        Disposer(Booster booster) {
            this.booster = booster;
        }

        @Override
        public void run() {
            booster.dispose();
        }
    }

    /**
     * XGBoost's transformed output (probabilities for classifiers, values for regression) of {@code rows} rows of
     * {@code cols} row-major floats (NaN = missing): one row of outputs per input row.
     */
    public synchronized float[][] predict(float[] x, int rows, int cols) {
        try {
            return booster.inplace_predict(x, rows, cols, Float.NaN);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to predict: " + e.getMessage(), e);
        }
    }

    /** The untransformed margin (log-odds for classifiers), one row of outputs per input row. */
    public synchronized float[][] margin(float[] x, int rows, int cols) {
        try {
            return booster.inplace_predict(x, rows, cols, Float.NaN, new int[] {0, 0},
                    Booster.PredictionType.kMargin, null);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to predict: " + e.getMessage(), e);
        }
    }

    /**
     * SHAP contributions (Lundberg et al. 2020, TreeSHAP) as XGBoost computes them: per row, per output group,
     * {@code cols} feature contributions followed by the bias; they add up to the margin.
     */
    public synchronized float[][] contributions(float[] x, int rows, int cols) {
        DMatrix m = null;
        try {
            m = new DMatrix(x, rows, cols, Float.NaN);
            return booster.predictContrib(m, 0);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to compute contributions: " + e.getMessage(), e);
        } finally {
            if (m != null) {
                m.dispose();
            }
        }
    }

    /**
     * XGBoost's importance of type {@code type} ("gain", "total_gain", "weight", "cover", "total_cover") keyed by
     * XGBoost's default feature names {@code f0, f1, ...}; features no tree splits on are absent.
     */
    public synchronized Map<String, Double> importance(String type) {
        try {
            return booster.getScore((String) null, type);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to compute importance: " + e.getMessage(), e);
        }
    }

    /** Boosting rounds in the model. */
    public synchronized int rounds() {
        try {
            return booster.getNumBoostedRound();
        } catch (XGBoostError e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The model as UBJSON bytes, or {@code "json"}. */
    public synchronized byte[] bytes(String format) {
        try {
            return booster.toByteArray(format);
        } catch (XGBoostError e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Frees the native booster now. */
    @Override
    public void close() {
        cleanable.clean();
    }
}
