package dev.segmentation.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.state.StepState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Exact JSON for doubles, primitive arrays and step states. Internal.
 *
 * <p>A finite double is a JSON number written with {@link Double#toString(double)}, which parses back to the same
 * bits (-0.0 included); NaN and the infinities are the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}. Arrays of up to {@value #INLINE} values are JSON arrays; longer ones are
 * {@code {"base64": ..., "length": n}} holding the little-endian IEEE 754 (or int32) bytes, which is exact and
 * about half the size of decimal text.
 */
final class JsonParts {
    static final int INLINE = 32;

    private JsonParts() {
    }

    /** A part of the payload that has the wrong shape; the message names its JSON path. */
    static final class BadPart extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadPart(String message) {
            super(message);
        }

        BadPart(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static void writeDouble(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(Double.toString(v));
        } else {
            g.writeString(Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }

    static double readDouble(JsonNode n, String path) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            throw new BadPart(path + " is missing");
        }
        if (n.isNumber()) {
            if (!n.isFloatingPointNumber() && !n.canConvertToLong()) {
                throw new BadPart(path + " is out of range: " + n.asText());
            }
            return n.isFloatingPointNumber() ? n.doubleValue() : (double) n.longValue();
        }
        if (n.isTextual()) {
            switch (n.textValue()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw new BadPart(path + " must be a number but is " + n);
    }

    static void writeDoubles(JsonGenerator g, double[] a) throws IOException {
        if (a.length <= INLINE) {
            g.writeStartArray();
            for (double v : a) {
                writeDouble(g, v);
            }
            g.writeEndArray();
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(a);
        g.writeStartObject();
        g.writeNumberField("length", a.length);
        g.writeStringField("base64", Base64.getEncoder().encodeToString(b.array()));
        g.writeEndObject();
    }

    static double[] readDoubles(JsonNode n, String path) {
        if (n != null && n.isArray()) {
            double[] a = new double[n.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = readDouble(n.get(i), path + "[" + i + "]");
            }
            return a;
        }
        ByteBuffer b = base64(n, path, 8);
        double[] a = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(a);
        return a;
    }

    static void writeInts(JsonGenerator g, int[] a) throws IOException {
        if (a.length <= INLINE) {
            g.writeArray(a, 0, a.length);
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(a);
        g.writeStartObject();
        g.writeNumberField("length", a.length);
        g.writeStringField("base64", Base64.getEncoder().encodeToString(b.array()));
        g.writeEndObject();
    }

    static int[] readInts(JsonNode n, String path) {
        if (n != null && n.isArray()) {
            int[] a = new int[n.size()];
            for (int i = 0; i < a.length; i++) {
                JsonNode v = n.get(i);
                if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                    throw new BadPart(path + "[" + i + "] must be an int but is " + v);
                }
                a[i] = v.intValue();
            }
            return a;
        }
        ByteBuffer b = base64(n, path, 4);
        int[] a = new int[b.remaining() / 4];
        b.asIntBuffer().get(a);
        return a;
    }

    private static ByteBuffer base64(JsonNode n, String path, int width) {
        if (n == null || !n.isObject()) {
            throw new BadPart(path + " must be an array or a {length, base64} object but is "
                    + (n == null ? "missing" : n.getNodeType().toString().toLowerCase()));
        }
        int length = integer(n.get("length"), path + ".length");
        String text = text(n.get("base64"), path + ".base64");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadPart(path + ".base64 is not valid base64: " + e.getMessage(), e);
        }
        if (bytes.length != (long) length * width) {
            throw new BadPart(path + " declares " + length + " values but holds " + bytes.length + " bytes");
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static int integer(JsonNode n, String path) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new BadPart(path + " must be an int but is " + (n == null ? "missing" : n.toString()));
        }
        return n.intValue();
    }

    static long longValue(JsonNode n, String path) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new BadPart(path + " must be an integer but is " + (n == null ? "missing" : n.toString()));
        }
        return n.longValue();
    }

    static String text(JsonNode n, String path) {
        if (n == null || !n.isTextual()) {
            throw new BadPart(path + " must be a string but is " + (n == null ? "missing" : n.toString()));
        }
        return n.textValue();
    }

    static List<String> strings(JsonNode n, String path) {
        if (n == null || !n.isArray()) {
            throw new BadPart(path + " must be an array of strings but is " + (n == null ? "missing" : n.toString()));
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            out.add(text(n.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    static JsonNode object(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw new BadPart(path + " must be an object but is " + (n == null ? "missing" : n.toString()));
        }
        return n;
    }

    static void writeStrings(JsonGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    /**
     * Writes a step state: {@code {"type", "version", "parameters", "strings", "doubles", "ints"}}. A parameter that
     * is a Long is a JSON integer, a Double a JSON number with a fraction or exponent (or {@code {"double": "Infinity"}}
     * when infinite), a String a JSON string.
     */
    static void writeState(JsonGenerator g, StepState s) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", s.type());
        g.writeNumberField("version", s.version());
        g.writeObjectFieldStart("parameters");
        for (Map.Entry<String, Object> e : s.parameters().entrySet()) {
            g.writeFieldName(e.getKey());
            Object v = e.getValue();
            if (v instanceof String) {
                g.writeString((String) v);
            } else if (v instanceof Long) {
                g.writeNumber((Long) v);
            } else {
                double d = (Double) v;
                if (Double.isFinite(d)) {
                    writeDouble(g, d);
                } else {
                    g.writeStartObject();
                    g.writeFieldName("double");
                    writeDouble(g, d);
                    g.writeEndObject();
                }
            }
        }
        g.writeEndObject();
        g.writeObjectFieldStart("strings");
        for (String name : s.stringListNames()) {
            g.writeFieldName(name);
            writeStrings(g, s.strings(name));
        }
        g.writeEndObject();
        g.writeObjectFieldStart("doubles");
        for (String name : s.doubleArrayNames()) {
            g.writeFieldName(name);
            writeDoubles(g, s.doubles(name));
        }
        g.writeEndObject();
        g.writeObjectFieldStart("ints");
        for (String name : s.intArrayNames()) {
            g.writeFieldName(name);
            writeInts(g, s.ints(name));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    static StepState readState(JsonNode n, String path) {
        object(n, path);
        String type = text(n.get("type"), path + ".type");
        int version = integer(n.get("version"), path + ".version");
        StepState.Builder b;
        try {
            b = StepState.builder(type, version);
        } catch (IllegalArgumentException e) {
            throw new BadPart(path + ": " + e.getMessage(), e);
        }
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = object(n.get("parameters"), path + ".parameters")
                    .properties().iterator(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                String p = path + ".parameters." + e.getKey();
                if (v.isTextual()) {
                    b.put(e.getKey(), v.textValue());
                } else if (v.isIntegralNumber()) {
                    b.put(e.getKey(), longValue(v, p));
                } else if (v.isFloatingPointNumber()) {
                    b.put(e.getKey(), v.doubleValue());
                } else if (v.isObject() && v.size() == 1 && v.has("double")) {
                    b.put(e.getKey(), readDouble(v.get("double"), p + ".double"));
                } else {
                    throw new BadPart(p + " must be a string, a number or {\"double\": ...} but is " + v);
                }
            }
            for (Map.Entry<String, JsonNode> e : object(n.get("strings"), path + ".strings").properties()) {
                b.putStrings(e.getKey(), strings(e.getValue(), path + ".strings." + e.getKey()));
            }
            for (Map.Entry<String, JsonNode> e : object(n.get("doubles"), path + ".doubles").properties()) {
                b.put(e.getKey(), readDoubles(e.getValue(), path + ".doubles." + e.getKey()));
            }
            for (Map.Entry<String, JsonNode> e : object(n.get("ints"), path + ".ints").properties()) {
                b.put(e.getKey(), readInts(e.getValue(), path + ".ints." + e.getKey()));
            }
        } catch (IllegalArgumentException e) {
            throw new BadPart(path + ": " + e.getMessage(), e);
        }
        return b.build();
    }
}
