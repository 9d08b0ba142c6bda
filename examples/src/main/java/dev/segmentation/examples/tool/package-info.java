/**
 * The {@code segmentation} command ({@code java -jar segmentation.jar}), an application over the library: pipeline
 * files (JSON or YAML) checked key by key, the subcommands {@code fit}, {@code score}, {@code refresh},
 * {@code report}, {@code sweep} and {@code example}, exit codes and one-line errors. Unlike the library, it prints:
 * results to stdout, progress and errors to stderr.
 */
package dev.segmentation.examples.tool;
