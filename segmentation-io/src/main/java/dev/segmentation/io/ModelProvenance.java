package dev.segmentation.io;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a saved model came from: the file format version, the library version and time that wrote it, the seed of
 * the fit, a description of every step's settings, the feature names, entity counts, and a SHA-256 fingerprint of
 * the training feature table (entity ids, feature names and the bits of every value, in row order) so a model can
 * be matched to its training data. Immutable.
 */
public final class ModelProvenance {
    private final int formatVersion;
    private final String libraryVersion;
    private final Instant createdAt;
    private final long seed;
    private final List<String> featureNames;
    private final int entitiesSegmented;
    private final int entitiesIn;
    private final int transactionRows;
    private final String trainingFingerprint;
    private final Map<String, String> settings;

    ModelProvenance(int formatVersion, String libraryVersion, Instant createdAt, long seed, List<String> featureNames,
            int entitiesSegmented, int entitiesIn, int transactionRows, String trainingFingerprint,
            Map<String, String> settings) {
        this.formatVersion = formatVersion;
        this.libraryVersion = Objects.requireNonNull(libraryVersion, "libraryVersion");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.seed = seed;
        this.featureNames = List.copyOf(featureNames);
        this.entitiesSegmented = entitiesSegmented;
        this.entitiesIn = entitiesIn;
        this.transactionRows = transactionRows;
        this.trainingFingerprint = Objects.requireNonNull(trainingFingerprint, "trainingFingerprint");
        this.settings = Map.copyOf(settings);
    }

    /** The format version of the file. */
    public int formatVersion() {
        return formatVersion;
    }

    /** The version of segmentation-io that wrote the file. */
    public String libraryVersion() {
        return libraryVersion;
    }

    /** When the file was written. */
    public Instant createdAt() {
        return createdAt;
    }

    /** The seed of the fit. */
    public long seed() {
        return seed;
    }

    /** The raw feature names, in model order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Entities that received a segment in the fit. */
    public int entitiesSegmented() {
        return entitiesSegmented;
    }

    /** Entities in the fit's input. */
    public int entitiesIn() {
        return entitiesIn;
    }

    /** Transaction rows of the fit (0 when it was fitted on a feature table). */
    public int transactionRows() {
        return transactionRows;
    }

    /**
     * {@code "sha256:"} and the hex SHA-256 of the training feature table (see {@link SegmentationModels#fingerprint});
     * empty when the saved model held no training rows (it had itself been read from a file).
     */
    public String trainingFingerprint() {
        return trainingFingerprint;
    }

    /**
     * A readable description of each step's settings with every option, by step ({@code "step 0"}, {@code "step 1"}...
     * in pipeline order; files of format 1 say {@code "scaler"}, {@code "clusterModel"}, {@code "extractor 0"}...).
     */
    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "ModelProvenance[format " + formatVersion + ", library " + libraryVersion + ", created " + createdAt
                + ", seed " + seed + ", " + entitiesSegmented + " entities, features " + featureNames + ", "
                + trainingFingerprint + "]";
    }
}
