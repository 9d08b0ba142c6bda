package dev.segmentation.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checked envelope shared by model files ({@link SegmentationModels}) and steps files ({@link StepFiles}): a JSON
 * object with {@code format}, {@code formatVersion}, {@code sha256} and {@code payload}, read by streaming so that
 * the payload's exact bytes are checksummed. Internal; stateless.
 */
final class Envelope {
    /** The envelope's format version. */
    final int version;
    /** The payload's first byte. */
    final int start;
    /** One past the payload's last byte. */
    final int end;

    private Envelope(int version, int start, int end) {
        this.version = version;
        this.start = start;
        this.end = end;
    }

    /**
     * Reads and checks the envelope of {@code bytes}: not empty, one JSON object to the end (no trailing garbage),
     * {@code format} equal to {@code expectedFormat}, an integer {@code formatVersion} in [1, {@code maxVersion}],
     * a {@code sha256} equal to the payload's SHA-256.
     *
     * @param newerAdvice appended to the message for a newer version (may be empty)
     * @throws ModelFileException naming the file and the problem
     */
    static Envelope open(Path file, byte[] bytes, JsonFactory factory, String expectedFormat, int maxVersion,
            String newerAdvice) throws ModelFileException {
        if (bytes.length == 0) {
            throw new ModelFileException(file, ModelFileException.Problem.TRUNCATED, "the file is empty");
        }
        String format = null;
        Integer version = null;
        String sha = null;
        int start = -1;
        int end = -1;
        try (JsonParser p = factory.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ModelFileException(file, ModelFileException.Problem.NOT_A_MODEL_FILE,
                        "it does not start with a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "format":
                        format = t == JsonToken.VALUE_STRING ? p.getText() : p.readValueAsTree().toString();
                        break;
                    case "formatVersion":
                        if (t != JsonToken.VALUE_NUMBER_INT) {
                            throw new ModelFileException(file, ModelFileException.Problem.MALFORMED,
                                    "formatVersion must be an integer but is " + p.readValueAsTree());
                        }
                        version = p.getIntValue();
                        break;
                    case "sha256":
                        sha = t == JsonToken.VALUE_STRING ? p.getText() : null;
                        break;
                    case "payload":
                        start = (int) p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        end = (int) p.currentLocation().getByteOffset();
                        break;
                    default:
                        p.skipChildren();
                }
            }
            while (p.nextToken() != null) {
                // reach the end, so trailing garbage and truncation inside the envelope are noticed
            }
        } catch (JsonEOFException e) {
            throw new ModelFileException(file, ModelFileException.Problem.TRUNCATED, "the file ends early, after "
                    + bytes.length + " bytes (" + e.getOriginalMessage() + ")", e);
        } catch (StreamReadException e) {
            throw new ModelFileException(file, ModelFileException.Problem.MALFORMED, "not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage(), e);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file, ModelFileException.Problem.MALFORMED, e.getMessage(), e);
        }
        if (!expectedFormat.equals(format)) {
            throw new ModelFileException(file, ModelFileException.Problem.NOT_A_MODEL_FILE,
                    "its format is " + (format == null ? "missing" : "'" + format + "'") + ", expected '"
                            + expectedFormat + "'");
        }
        if (version == null) {
            throw new ModelFileException(file, ModelFileException.Problem.MALFORMED, "formatVersion is missing");
        }
        if (version > maxVersion) {
            throw new ModelFileException(file, ModelFileException.Problem.NEWER_VERSION, "it has format version "
                    + version + ", newer than the versions this library (segmentation-io "
                    + SegmentationModels.libraryVersion() + ") reads: up to " + maxVersion + newerAdvice);
        }
        if (version < 1) {
            throw new ModelFileException(file, ModelFileException.Problem.MALFORMED, "formatVersion must be >= 1 but"
                    + " is " + version);
        }
        if (sha == null) {
            throw new ModelFileException(file, ModelFileException.Problem.MALFORMED,
                    "the sha256 checksum is missing");
        }
        if (start < 0) {
            throw new ModelFileException(file, ModelFileException.Problem.MALFORMED, "the payload is missing");
        }
        String actual = sha256(bytes, start, end);
        if (!actual.equals(sha)) {
            throw new ModelFileException(file, ModelFileException.Problem.CHECKSUM_MISMATCH, "the payload's SHA-256"
                    + " is " + actual + " but the file records " + sha + ": the file was corrupted or edited");
        }
        return new Envelope(version, start, end);
    }

    /** The lower-case hex SHA-256 of {@code bytes[from..to)}. */
    static String sha256(byte[] bytes, int from, int to) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, from, to - from);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
