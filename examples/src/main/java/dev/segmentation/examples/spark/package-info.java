/**
 * Examples on Apache Spark ({@code SparkSegmentationExample}). Spark and segmentation-spark are {@code provided}
 * dependencies of the examples module, so the shaded {@code segmentation.jar} does not carry them: run these with the
 * module's full class path and Spark's {@code --add-opens} flags.
 */
package dev.segmentation.examples.spark;
