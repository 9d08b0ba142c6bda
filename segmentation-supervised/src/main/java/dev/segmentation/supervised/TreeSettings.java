package dev.segmentation.supervised;

import dev.segmentation.state.StepState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tree-ensemble settings a {@link TreeEnsembleBuilder} collected, immutable. Converts to XGBoost's parameter map
 * (always {@code tree_method=hist}) and to and from the scalar parameters of a {@link StepState}.
 */
final class TreeSettings {
    final int maxDepth;
    final double eta;
    final int nRounds;
    final double subsample;
    final double colsampleBytree;
    final double colsampleBynode;
    final double minChildWeight;
    final double lambda;
    final double alpha;
    final double gamma;
    final int numParallelTree;
    final int maxBin;
    final long seed;
    final int nThread;
    final int earlyStoppingRounds;
    final double validationFraction;

    TreeSettings(int maxDepth, double eta, int nRounds, double subsample, double colsampleBytree,
            double colsampleBynode, double minChildWeight, double lambda, double alpha, double gamma,
            int numParallelTree, int maxBin, long seed, int nThread, int earlyStoppingRounds,
            double validationFraction) {
        this.maxDepth = maxDepth;
        this.eta = eta;
        this.nRounds = nRounds;
        this.subsample = subsample;
        this.colsampleBytree = colsampleBytree;
        this.colsampleBynode = colsampleBynode;
        this.minChildWeight = minChildWeight;
        this.lambda = lambda;
        this.alpha = alpha;
        this.gamma = gamma;
        this.numParallelTree = numParallelTree;
        this.maxBin = maxBin;
        this.seed = seed;
        this.nThread = nThread;
        this.earlyStoppingRounds = earlyStoppingRounds;
        this.validationFraction = validationFraction;
    }

    /** XGBoost's parameters for these settings (objective and metric added by the caller). */
    Map<String, Object> xgboostParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("booster", "gbtree");
        p.put("tree_method", "hist");
        p.put("max_depth", Integer.toString(maxDepth));
        p.put("eta", Double.toString(eta));
        p.put("subsample", Double.toString(subsample));
        p.put("colsample_bytree", Double.toString(colsampleBytree));
        p.put("colsample_bynode", Double.toString(colsampleBynode));
        p.put("min_child_weight", Double.toString(minChildWeight));
        p.put("lambda", Double.toString(lambda));
        p.put("alpha", Double.toString(alpha));
        p.put("gamma", Double.toString(gamma));
        p.put("num_parallel_tree", Integer.toString(numParallelTree));
        p.put("max_bin", Integer.toString(maxBin));
        p.put("seed", Long.toString(seed));
        p.put("nthread", Integer.toString(nThread));
        p.put("verbosity", "0");
        return p;
    }

    void putInto(StepState.Builder b) {
        b.put("maxDepth", maxDepth).put("eta", eta).put("nRounds", nRounds).put("subsample", subsample)
                .put("colsampleBytree", colsampleBytree).put("colsampleBynode", colsampleBynode)
                .put("minChildWeight", minChildWeight).put("lambda", lambda).put("alpha", alpha)
                .put("gamma", gamma).put("numParallelTree", numParallelTree).put("maxBin", maxBin)
                .put("seed", seed).put("nThread", nThread).put("earlyStoppingRounds", earlyStoppingRounds)
                .put("validationFraction", validationFraction);
    }

    static TreeSettings from(StepState s) {
        return new TreeSettings(s.integer("maxDepth"), s.number("eta"), s.integer("nRounds"), s.number("subsample"),
                s.number("colsampleBytree"), s.number("colsampleBynode"), s.number("minChildWeight"),
                s.number("lambda"), s.number("alpha"), s.number("gamma"), s.integer("numParallelTree"),
                s.integer("maxBin"), s.longValue("seed"), s.integer("nThread"), s.integer("earlyStoppingRounds"),
                s.number("validationFraction"));
    }

    @Override
    public String toString() {
        return "maxDepth=" + maxDepth + ", eta=" + eta + ", nRounds=" + nRounds + ", subsample=" + subsample
                + ", colsampleBytree=" + colsampleBytree + ", colsampleBynode=" + colsampleBynode
                + ", minChildWeight=" + minChildWeight + ", lambda=" + lambda + ", alpha=" + alpha + ", gamma="
                + gamma + ", numParallelTree=" + numParallelTree + ", maxBin=" + maxBin + ", seed=" + seed
                + ", nThread=" + nThread + ", earlyStoppingRounds=" + earlyStoppingRounds
                + ", validationFraction=" + validationFraction;
    }
}
