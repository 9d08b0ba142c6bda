package dev.segmentation.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A model file that cannot be loaded: what is wrong ({@link #problem()}) and where. The message names the file and
 * says what was found, e.g. the two format versions or the two checksums.
 */
public final class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with a model file. */
    public enum Problem {
        /** The file ends early (an interrupted copy or write). */
        TRUNCATED,
        /** The file is not valid JSON, or a required part is missing or has the wrong shape. */
        MALFORMED,
        /** The file is JSON but not a segmentation model file. */
        NOT_A_MODEL_FILE,
        /** The file was written in a format version newer than this library reads. */
        NEWER_VERSION,
        /** The payload does not match its recorded checksum: the file was corrupted or edited by hand. */
        CHECKSUM_MISMATCH,
        /** A step type the file needs has no factory on the class path (e.g. segmentation-nn is missing). */
        UNKNOWN_STEP,
        /** The checksum holds but a part is inconsistent (a step refused its state, the parts do not fit). */
        INVALID_CONTENT
    }

    private final Problem problem;
    private final transient Path file;

    ModelFileException(Path file, Problem problem, String message) {
        this(file, problem, message, null);
    }

    ModelFileException(Path file, Problem problem, String message, Throwable cause) {
        super("model file '" + file + "': " + message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.file = file;
    }

    /** What is wrong. */
    public Problem problem() {
        return problem;
    }

    /** The file that was read. */
    public Path file() {
        return file;
    }
}
