package dev.segmentation.supervised;

/**
 * The settings {@link Classifier} and {@link Regressor} share, named as XGBoost names them (Chen and Guestrin 2016,
 * "XGBoost: A Scalable Tree Boosting System"); defaults are XGBoost's unless a preset says otherwise. Every setter
 * checks its value at once and names it in the error; the subclass's {@code build()} checks combinations.
 *
 * <p>Trees are grown with XGBoost's histogram method ({@code tree_method=hist}, {@link #maxBin(int)} bins per
 * feature). Not thread-safe; a builder may be reused, and {@code build()} never changes it.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class TreeEnsembleBuilder<B extends TreeEnsembleBuilder<B>> {
    int maxDepth = 6;
    double eta = 0.3;
    int nRounds = 100;
    double subsample = 1;
    double colsampleBytree = 1;
    double colsampleBynode = 1;
    double minChildWeight = 1;
    double lambda = 1;
    double alpha = 0;
    double gamma = 0;
    int numParallelTree = 1;
    int maxBin = 256;
    long seed = 0;
    int nThread = 1;
    int earlyStoppingRounds = 0;
    double validationFraction = 0.2;

    TreeEnsembleBuilder() {
    }

    abstract B self();

    /** Maximum depth of a tree ({@code max_depth}, default 6). @throws IllegalArgumentException when below 1 */
    public B maxDepth(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be >= 1 but was " + maxDepth);
        }
        this.maxDepth = maxDepth;
        return self();
    }

    /**
     * Learning rate, the shrinkage of each round's trees ({@code eta}, default 0.3).
     *
     * @throws IllegalArgumentException when not in (0, 1]
     */
    public B eta(double eta) {
        if (!(eta > 0 && eta <= 1)) {
            throw new IllegalArgumentException("eta must be in (0, 1] but was " + eta);
        }
        this.eta = eta;
        return self();
    }

    /** The same as {@link #eta(double)} (XGBoost's alias {@code learning_rate}). */
    public B learningRate(double learningRate) {
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1] but was " + learningRate);
        }
        return eta(learningRate);
    }

    /**
     * Number of boosting rounds ({@code num_boost_round}, default 100); with early stopping, the most that run.
     *
     * @throws IllegalArgumentException when below 1
     */
    public B nRounds(int nRounds) {
        if (nRounds < 1) {
            throw new IllegalArgumentException("nRounds must be >= 1 but was " + nRounds);
        }
        this.nRounds = nRounds;
        return self();
    }

    /**
     * Share of rows sampled (without replacement) for each tree ({@code subsample}, default 1).
     *
     * @throws IllegalArgumentException when not in (0, 1]
     */
    public B subsample(double subsample) {
        this.subsample = fraction("subsample", subsample);
        return self();
    }

    /** Share of columns sampled for each tree ({@code colsample_bytree}, default 1). @throws IllegalArgumentException when not in (0, 1] */
    public B colsampleBytree(double colsampleBytree) {
        this.colsampleBytree = fraction("colsampleBytree", colsampleBytree);
        return self();
    }

    /** Share of columns sampled at each split ({@code colsample_bynode}, default 1). @throws IllegalArgumentException when not in (0, 1] */
    public B colsampleBynode(double colsampleBynode) {
        this.colsampleBynode = fraction("colsampleBynode", colsampleBynode);
        return self();
    }

    /**
     * Minimum sum of instance Hessian in a child ({@code min_child_weight}, default 1).
     *
     * @throws IllegalArgumentException when negative or not finite
     */
    public B minChildWeight(double minChildWeight) {
        this.minChildWeight = nonNegative("minChildWeight", minChildWeight);
        return self();
    }

    /** L2 penalty on leaf weights ({@code lambda}, default 1). @throws IllegalArgumentException when negative or not finite */
    public B lambda(double lambda) {
        this.lambda = nonNegative("lambda", lambda);
        return self();
    }

    /** L1 penalty on leaf weights ({@code alpha}, default 0). @throws IllegalArgumentException when negative or not finite */
    public B alpha(double alpha) {
        this.alpha = nonNegative("alpha", alpha);
        return self();
    }

    /** Minimum loss reduction to split ({@code gamma}, default 0). @throws IllegalArgumentException when negative or not finite */
    public B gamma(double gamma) {
        this.gamma = nonNegative("gamma", gamma);
        return self();
    }

    /**
     * Trees grown per round ({@code num_parallel_tree}, default 1; a random forest grows many in one round).
     *
     * @throws IllegalArgumentException when below 1
     */
    public B numParallelTree(int numParallelTree) {
        if (numParallelTree < 1) {
            throw new IllegalArgumentException("numParallelTree must be >= 1 but was " + numParallelTree);
        }
        this.numParallelTree = numParallelTree;
        return self();
    }

    /** Histogram bins per feature ({@code max_bin}, default 256). @throws IllegalArgumentException when below 2 */
    public B maxBin(int maxBin) {
        if (maxBin < 2) {
            throw new IllegalArgumentException("maxBin must be >= 2 but was " + maxBin);
        }
        this.maxBin = maxBin;
        return self();
    }

    /** Seed of XGBoost's row and column sampling and of the validation split ({@code seed}, default 0). */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * Threads XGBoost uses to train and predict ({@code nthread}, default 1). The model's bits do not depend on it
     * (see the module README for the measurement); speed does.
     *
     * @throws IllegalArgumentException when below 1
     */
    public B nThread(int nThread) {
        if (nThread < 1) {
            throw new IllegalArgumentException("nThread must be >= 1 but was " + nThread);
        }
        this.nThread = nThread;
        return self();
    }

    /**
     * Stops boosting when the loss on a validation fold has not improved for {@code rounds} rounds, and keeps the
     * rounds up to the best one (0, the default, disables it). The validation fold is a seeded, stratified (for
     * classes) share {@link #validationFraction(double)} of the training rows, which are then not trained on.
     *
     * @throws IllegalArgumentException when negative
     */
    public B earlyStoppingRounds(int rounds) {
        if (rounds < 0) {
            throw new IllegalArgumentException("earlyStoppingRounds must be >= 0 but was " + rounds);
        }
        this.earlyStoppingRounds = rounds;
        return self();
    }

    /**
     * Share of training rows held out as the early-stopping validation fold (default 0.2).
     *
     * @throws IllegalArgumentException when not in (0, 1)
     */
    public B validationFraction(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1) but was " + fraction);
        }
        this.validationFraction = fraction;
        return self();
    }

    TreeSettings settings() {
        if (earlyStoppingRounds > 0 && nRounds == 1) {
            throw new IllegalStateException("earlyStoppingRounds " + earlyStoppingRounds
                    + " needs more than one round, but nRounds is 1 (as in a random forest): set nRounds > 1 or"
                    + " earlyStoppingRounds 0");
        }
        return new TreeSettings(maxDepth, eta, nRounds, subsample, colsampleBytree, colsampleBynode, minChildWeight,
                lambda, alpha, gamma, numParallelTree, maxBin, seed, nThread, earlyStoppingRounds,
                validationFraction);
    }

    void presetRandomForest() {
        numParallelTree = 100;
        nRounds = 1;
        eta = 1;
        subsample = 0.8;
        colsampleBynode = 0.8;
        maxDepth = 12;
    }

    private static double fraction(String name, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1] but was " + v);
        }
        return v;
    }

    private static double nonNegative(String name, double v) {
        if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0 but was " + v);
        }
        return v;
    }
}
