package dev.segmentation.supervised;

import dev.segmentation.SegmentationModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.fit.FitContext;
import dev.segmentation.io.ModelFileException;
import dev.segmentation.io.StepFiles;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.scaling.FittedScaler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A classifier with the feature pipeline that feeds it: fitted feature steps (eligibility, extractors, filters: the
 * steps that read transactions or raw features) followed by a {@link ClassifierModel} that reads the raw features by
 * name. {@link #score(Transactions, LocalDate)} turns raw transactions into class probabilities with the same steps,
 * nothing refitted; {@link #write(Path)} saves both in one versioned, checksummed file (segmentation-io's
 * {@link StepFiles}, kind {@value #KIND}: every step's plain-data state, the classifier's XGBoost model as UBJSON
 * bytes) and {@link #read(Path)} restores it, in any JVM, predicting the same bits.
 *
 * <p>The scaler and the steps after it (embeddings, clusterers) are not part of it: trees need no scaling, and the
 * classifier sees the raw features. A {@link SegmentationModel}'s steps before its scaler are taken by
 * {@link #of(SegmentationModel, ClassifierModel)}.
 *
 * <p>Scoring costs the feature steps' cost (linear in the transactions for core's extractors) plus O(entities x trees
 * x depth). Immutable; thread-safe as its steps are.
 */
public final class ClassifierPipeline {
    /** The kind recorded in the file. */
    public static final String KIND = "classifier-pipeline";

    private final List<FittedStep> featureSteps;
    private final ClassifierModel classifier;
    private final long seed;

    private ClassifierPipeline(List<FittedStep> featureSteps, ClassifierModel classifier, long seed) {
        this.featureSteps = List.copyOf(featureSteps);
        this.classifier = classifier;
        this.seed = seed;
    }

    /**
     * The feature steps of {@code model} (every step before its scaler, or before the first that reads the
     * clustering representation) followed by {@code classifier}; as-of features are computed at the scoring date.
     *
     * @throws IllegalArgumentException when the model was fitted on a feature table (it has no extractor), or the
     *     extractors do not produce a feature the classifier needs (naming it)
     */
    public static ClassifierPipeline of(SegmentationModel model, ClassifierModel classifier) {
        Objects.requireNonNull(model, "model");
        List<FittedStep> steps = new ArrayList<>();
        for (FittedStep s : model.steps()) {
            if (s.input() == FittedStep.Input.MATRIX || s instanceof FittedScaler) {
                break;
            }
            steps.add(s);
        }
        return of(steps, classifier, model.diagnostics().seed());
    }

    /**
     * Fitted feature steps followed by {@code classifier}.
     *
     * @param seed the seed passed to the steps when scoring (core's extractors do not use it)
     * @throws IllegalArgumentException when {@code featureSteps} is empty, a step reads the clustering
     *     representation, no step extracts features from transactions, or the extractors do not produce a feature
     *     the classifier needs (naming it and listing what they produce)
     */
    public static ClassifierPipeline of(List<? extends FittedStep> featureSteps, ClassifierModel classifier,
            long seed) {
        Objects.requireNonNull(featureSteps, "featureSteps");
        Objects.requireNonNull(classifier, "classifier");
        if (featureSteps.isEmpty()) {
            throw new IllegalArgumentException("featureSteps must not be empty: a classifier pipeline starts from"
                    + " transactions");
        }
        Set<String> produced = new LinkedHashSet<>();
        boolean extracts = false;
        for (int i = 0; i < featureSteps.size(); i++) {
            FittedStep s = Objects.requireNonNull(featureSteps.get(i), "featureSteps[" + i + "]");
            if (s.input() == FittedStep.Input.MATRIX) {
                throw new IllegalArgumentException("featureSteps[" + i + "] (" + s.stage() + ") reads the clustering"
                        + " representation; a classifier pipeline holds only steps that read transactions or raw"
                        + " features");
            }
            if (s instanceof FeatureExtractor) {
                extracts = true;
                produced.addAll(((FeatureExtractor) s).featureNames());
            }
        }
        if (!extracts) {
            throw new IllegalArgumentException("featureSteps hold no feature extractor: nothing turns transactions"
                    + " into the features the classifier reads");
        }
        for (String f : classifier.featureNames()) {
            if (!produced.contains(f)) {
                throw new IllegalArgumentException("the classifier reads feature '" + f + "', which no extractor of"
                        + " the pipeline produces (they produce " + produced + ")");
            }
        }
        return new ClassifierPipeline(new ArrayList<>(featureSteps), classifier, seed);
    }

    /** The feature steps in order (unmodifiable). */
    public List<FittedStep> featureSteps() {
        return featureSteps;
    }

    /** The classifier. */
    public ClassifierModel classifier() {
        return classifier;
    }

    /**
     * The raw features of the entities of {@code transactions} as of {@code asOf}, as the classifier sees them;
     * entities a step excluded are left out (see {@link #score(Transactions, LocalDate)}).
     *
     * @throws IllegalArgumentException when a step refuses the data (naming it)
     */
    public FeatureTable features(Transactions transactions, LocalDate asOf) {
        return run(transactions, asOf).features();
    }

    private Frame run(Transactions transactions, LocalDate asOf) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(asOf, "asOf");
        FitContext ctx = FitContext.seeded(seed).withAsOf(asOf);
        Frame frame = Frame.of(transactions);
        Map<String, Integer> seen = new HashMap<>();
        for (FittedStep s : featureSteps) {
            // the stage names of the segmentation pipeline, so each step sees the seed it saw there
            int k = seen.merge(s.stage(), 1, Integer::sum);
            String name = s.stage().equals("features") ? "features/" + (k - 1) : k == 1 ? s.stage()
                    : s.stage() + "/" + k;
            ctx.checkCancelled();
            frame = s.apply(frame, ctx.stage(name));
        }
        return frame;
    }

    /**
     * Scores the entities of {@code transactions} as of the day after their last purchase.
     *
     * @see #score(Transactions, LocalDate)
     */
    public Scores score(Transactions transactions) {
        Objects.requireNonNull(transactions, "transactions");
        LocalDate asOf = transactions.isEmpty() ? LocalDate.ofEpochDay(0)
                : LocalDate.ofEpochDay(Math.floorDiv(transactions.maxEpochSecond(), 86_400L) + 1);
        return score(transactions, asOf);
    }

    /**
     * Class probabilities of every entity of {@code transactions} the feature steps describe, with features computed
     * as of {@code asOf}; every other entity is listed in {@link Scores#excluded()} with the step that excluded it.
     * NaN features are XGBoost's missing value; infinite ones are refused.
     *
     * @throws IllegalArgumentException when a step refuses the data or a feature value is infinite (naming the entity
     *     and column)
     */
    public Scores score(Transactions transactions, LocalDate asOf) {
        Frame f = run(transactions, asOf);
        FeatureTable x = f.hasFeatures() ? f.features() : FeatureTable.wrap(new String[0],
                classifier.featureNames().toArray(new String[0]), new double[0]);
        Map<String, String> excluded = new LinkedHashMap<>();
        for (Map.Entry<String, Frame.Excluded> e : f.excluded().entrySet()) {
            excluded.put(e.getKey(), e.getValue().toString());
        }
        return new Scores(x.entityIds(), classifier.probabilities(x), excluded);
    }

    /**
     * Writes the feature steps and the classifier to {@code file} (atomically; see {@link StepFiles}).
     *
     * @throws IllegalStateException when a feature step holds something that is not data (e.g. an arbitrary
     *     predicate)
     * @throws IOException when the file cannot be written
     */
    public void write(Path file) throws IOException {
        List<Object> steps = new ArrayList<>(featureSteps);
        steps.add(classifier);
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("seed", Long.toString(seed));
        notes.put("classifier", classifier.toString());
        notes.put("featureNames", String.join(",", classifier.featureNames()));
        StepFiles.write(file, KIND, steps, notes);
    }

    /**
     * Reads a pipeline written by {@link #write(Path)}.
     *
     * @throws ModelFileException when the file is not a valid classifier-pipeline file (see {@link StepFiles}), its
     *     last step is not a classifier, another step is not a fitted step, or a step type is unknown
     * @throws IOException when the file cannot be read, or its steps do not make a classifier pipeline (the message
     *     says why)
     */
    public static ClassifierPipeline read(Path file) throws IOException {
        StepFiles.Contents c = StepFiles.read(file, KIND);
        int n = c.states().size();
        List<FittedStep> steps = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            steps.add(c.step(i, FittedStep.class));
        }
        ClassifierModel classifier = c.step(n - 1, ClassifierModel.class);
        String seedText = c.notes().get("seed");
        long seed;
        try {
            seed = seedText == null ? -1 : Long.parseLong(seedText);
        } catch (NumberFormatException e) {
            throw new IOException("model file '" + file + "': provenance seed must be an integer but is '"
                    + seedText + "'", e);
        }
        if (seedText == null) {
            throw new IOException("model file '" + file + "': provenance seed is missing");
        }
        try {
            return of(steps, classifier, seed);
        } catch (IllegalArgumentException e) {
            throw new IOException("model file '" + file + "': the steps do not make a classifier pipeline: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ClassifierPipeline[" + featureSteps.size() + " feature steps, " + classifier + "]";
    }

    /** Class probabilities of the scored entities, and the entities left out with the reason. Immutable. */
    public static final class Scores {
        private final List<String> entityIds;
        private final DataMatrix probabilities;
        private final Map<String, String> excluded;

        Scores(List<String> entityIds, DataMatrix probabilities, Map<String, String> excluded) {
            this.entityIds = List.copyOf(entityIds);
            this.probabilities = probabilities;
            this.excluded = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(excluded));
        }

        /** The scored entities, in row order of {@link #probabilities()}. */
        public List<String> entityIds() {
            return entityIds;
        }

        /** Class probabilities, entities x classes. */
        public DataMatrix probabilities() {
            return probabilities;
        }

        /** The most probable class of each scored entity (the lowest on ties). */
        public int[] predicted() {
            int n = probabilities.rows();
            int k = probabilities.cols();
            double[] v = probabilities.toArray();
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (v[i * k + c] > v[i * k + best]) {
                        best = c;
                    }
                }
                out[i] = best;
            }
            return out;
        }

        /** Each entity a feature step left out, with the reason (kind and rule or step). */
        public Map<String, String> excluded() {
            return excluded;
        }
    }
}
