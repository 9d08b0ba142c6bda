package dev.segmentation.examples.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A strict view of one JSON object of a pipeline file: every read names its JSON path, every key must be read
 * ({@link #done()} refuses the rest), and every value read or defaulted is copied into a resolved object that the
 * tool writes back.
 */
final class Json {
    private final String file;
    private final String path;
    private final ObjectNode node;
    private final ObjectNode resolved;
    private final Set<String> read = new LinkedHashSet<>();

    Json(String file, String path, JsonNode node, ObjectNode resolved) throws PipelineException {
        this.file = file;
        this.path = path;
        if (node == null || !node.isObject()) {
            throw new PipelineException(file + ": " + path + ": expected an object but was " + text(node));
        }
        this.node = (ObjectNode) node;
        this.resolved = resolved;
    }

    static ObjectNode newObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    String path() {
        return path;
    }

    String file() {
        return file;
    }

    ObjectNode resolved() {
        return resolved;
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    PipelineException error(String key, String problem) {
        return new PipelineException(file + ": " + at(key) + ": " + problem);
    }

    String at(String key) {
        return path + "." + key;
    }

    private JsonNode take(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    Json object(String key) throws PipelineException {
        JsonNode v = take(key);
        if (v == null) {
            return null;
        }
        return new Json(file, at(key), v, resolved.putObject(key));
    }

    String string(String key, String fallback) throws PipelineException {
        JsonNode v = take(key);
        if (v == null) {
            if (fallback != null) {
                resolved.put(key, fallback);
            }
            return fallback;
        }
        if (!v.isTextual()) {
            throw error(key, "expected a string but was " + text(v));
        }
        resolved.put(key, v.textValue());
        return v.textValue();
    }

    String requiredString(String key) throws PipelineException {
        String s = string(key, null);
        if (s == null) {
            throw error(key, "is required (a string)");
        }
        return s;
    }

    Integer integer(String key, Integer fallback) throws PipelineException {
        JsonNode v = take(key);
        if (v == null) {
            if (fallback != null) {
                resolved.put(key, fallback);
            }
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(key, "expected an integer but was " + text(v));
        }
        resolved.put(key, v.intValue());
        return v.intValue();
    }

    Long longValue(String key, Long fallback) throws PipelineException {
        JsonNode v = take(key);
        if (v == null) {
            if (fallback != null) {
                resolved.put(key, fallback);
            }
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(key, "expected an integer but was " + text(v));
        }
        resolved.put(key, v.longValue());
        return v.longValue();
    }

    Double number(String key, Double fallback) throws PipelineException {
        JsonNode v = take(key);
        if (v == null) {
            if (fallback != null) {
                resolved.put(key, fallback);
            }
            return fallback;
        }
        if (!v.isNumber()) {
            throw error(key, "expected a number but was " + text(v));
        }
        resolved.put(key, v.doubleValue());
        return v.doubleValue();
    }

    Boolean bool(String key, Boolean fallback) throws PipelineException {
        JsonNode v = take(key);
        if (v == null) {
            if (fallback != null) {
                resolved.put(key, fallback);
            }
            return fallback;
        }
        if (!v.isBoolean()) {
            throw error(key, "expected true or false but was " + text(v));
        }
        resolved.put(key, v.booleanValue());
        return v.booleanValue();
    }

    /** A list of strings; a single string is accepted as a list of one. Null when absent. */
    List<String> strings(String key) throws PipelineException {
        JsonNode v = take(key);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        ArrayNode copy = resolved.putArray(key);
        if (v.isTextual()) {
            out.add(v.textValue());
        } else if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual()) {
                    throw new PipelineException(file + ": " + at(key) + "[" + i + "]: expected a string but was "
                            + text(v.get(i)));
                }
                out.add(v.get(i).textValue());
            }
        } else {
            throw error(key, "expected a string or a list of strings but was " + text(v));
        }
        out.forEach(copy::add);
        return out;
    }

    /** The objects of an array; empty when absent. */
    List<Json> objects(String key) throws PipelineException {
        JsonNode v = take(key);
        List<Json> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            throw error(key, "expected a list but was " + text(v));
        }
        ArrayNode copy = resolved.putArray(key);
        for (int i = 0; i < v.size(); i++) {
            out.add(new Json(file, at(key) + "[" + i + "]", v.get(i), copy.addObject()));
        }
        return out;
    }

    /** An enum constant named case-insensitively, with '-' or '_' between words; the error lists the choices. */
    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) throws PipelineException {
        String s = string(key, null);
        if (s == null) {
            if (fallback != null) {
                resolved.put(key, lower(fallback));
            }
            return fallback;
        }
        String norm = s.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(norm) || e.name().replace("_", "").equals(norm)) {
                resolved.put(key, lower(e));
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(lower(e));
        }
        throw error(key, "unknown value \"" + s + "\" (expected one of " + String.join(", ", names) + ")");
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Refuses every key that was not read. */
    void done() throws PipelineException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!read.contains(k)) {
                List<String> known = new ArrayList<>(read);
                throw error(k, "unknown key" + (known.isEmpty() ? "" : " (known here: " + String.join(", ", known)
                        + ")"));
            }
        }
    }

    static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        String s = v.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
