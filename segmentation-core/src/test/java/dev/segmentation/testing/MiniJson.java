package dev.segmentation.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader for test reference files: objects, arrays, strings without escapes beyond \", numbers,
 * booleans, null.
 */
public final class MiniJson {
    private final String s;
    private int p;

    public MiniJson(String s) {
        this.s = s;
    }

    public Object value() {
        ws();
        char ch = s.charAt(p);
        if (ch == '{') {
            p++;
            Map<String, Object> m = new LinkedHashMap<>();
            ws();
            if (s.charAt(p) == '}') {
                p++;
                return m;
            }
            while (true) {
                ws();
                String key = (String) value();
                ws();
                expect(':');
                m.put(key, value());
                ws();
                if (s.charAt(p) == ',') {
                    p++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }
        if (ch == '[') {
            p++;
            List<Object> l = new ArrayList<>();
            ws();
            if (s.charAt(p) == ']') {
                p++;
                return l;
            }
            while (true) {
                l.add(value());
                ws();
                if (s.charAt(p) == ',') {
                    p++;
                } else {
                    expect(']');
                    return l;
                }
            }
        }
        if (ch == '"') {
            StringBuilder sb = new StringBuilder();
            p++;
            while (s.charAt(p) != '"') {
                if (s.charAt(p) == '\\') {
                    p++;
                }
                sb.append(s.charAt(p++));
            }
            p++;
            return sb.toString();
        }
        if (s.startsWith("true", p)) {
            p += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", p)) {
            p += 5;
            return Boolean.FALSE;
        }
        if (s.startsWith("null", p)) {
            p += 4;
            return null;
        }
        int start = p;
        while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) {
            p++;
        }
        return Double.parseDouble(s.substring(start, p));
    }

    private void ws() {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
    }

    private void expect(char c) {
        if (s.charAt(p) != c) {
            throw new IllegalStateException("expected '" + c + "' at " + p + " but found '" + s.charAt(p) + "'");
        }
        p++;
    }
}
