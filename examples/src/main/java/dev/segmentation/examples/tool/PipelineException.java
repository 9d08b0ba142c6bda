package dev.segmentation.examples.tool;

/** A pipeline file that cannot be run: names the file, the JSON path and the value as written. Exit code 1. */
final class PipelineException extends Exception {
    private static final long serialVersionUID = 1L;

    PipelineException(String message) {
        super(message);
    }
}
