package dev.segmentation.spark;

import java.util.Objects;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted segmentation as a Spark ML {@link Transformer}, so it can stand in a {@code Pipeline}: {@code transform}
 * adds the columns of {@link SparkScorer#score} (segment, segment_name, strength, outlier_score, status, model_id) to a dataset of
 * feature rows. It has no params; the model is fixed when the transformer is made. Not an {@code MLWritable}: save
 * the model with segmentation-io's {@code SegmentationModels.write} and rebuild the transformer with
 * {@link SparkScorer#read}. Immutable and thread-safe.
 */
public final class SegmentTransformer extends Transformer {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final SparkScorer scorer;

    /** A transformer applying {@code scorer}. */
    public SegmentTransformer(SparkScorer scorer) {
        this(Identifiable$.MODULE$.randomUID("segmentation"), scorer);
    }

    private SegmentTransformer(String uid, SparkScorer scorer) {
        this.uid = uid;
        this.scorer = Objects.requireNonNull(scorer, "scorer");
    }

    /** The scorer this transformer applies. */
    public SparkScorer scorer() {
        return scorer;
    }

    @Override
    public String uid() {
        return uid;
    }

    /** {@link SparkScorer#score} of the dataset. @throws IllegalArgumentException as its schema check */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        return scorer.score(dataset.toDF());
    }

    /** {@link SparkScorer#outputSchema}. @throws IllegalArgumentException when a needed column is missing */
    @Override
    public StructType transformSchema(StructType schema) {
        return scorer.outputSchema(schema);
    }

    @Override
    public SegmentTransformer copy(ParamMap extra) {
        return copyValues(new SegmentTransformer(uid, scorer), extra);
    }

    @Override
    public String toString() {
        return "SegmentTransformer[" + uid + ", model " + scorer.modelId() + "]";
    }
}
