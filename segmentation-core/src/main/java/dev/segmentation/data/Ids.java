package dev.segmentation.data;

/**
 * The rule for blank ids, shared by every table of this package: an id is blank when it is empty or made only of
 * characters that show nothing, that is each code point is whitespace ({@link Character#isWhitespace(int)}), a
 * Unicode space separator ({@link Character#isSpaceChar(int)}: U+00A0 no-break space, U+3000 ideographic space...)
 * or a format character ({@link Character#FORMAT}: U+200B zero-width space, U+FEFF byte order mark, U+200E
 * left-to-right mark...). Such ids would make invisible, indistinguishable entities. Ids are never trimmed: an id
 * with visible characters is kept exactly as written. Stateless and thread-safe.
 */
public final class Ids {
    private Ids() {
    }

    /** Whether {@code id} is null, empty or made only of whitespace, space separator and format characters. */
    public static boolean isBlank(String id) {
        if (id == null) {
            return true;
        }
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            if (!(Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || Character.getType(cp) == Character.FORMAT)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * {@code id} quoted as written, followed, when it holds a character that does not show (other than the plain
     * space U+0020), by the code points of all its characters, e.g. {@code ' ' (U+00A0)}; {@code null} for null.
     */
    public static String quote(String id) {
        if (id == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(id.length() + 2).append('\'').append(id).append('\'');
        boolean invisible = false;
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            invisible |= cp != ' ' && (Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || Character.getType(cp) == Character.FORMAT || Character.isISOControl(cp));
            i += Character.charCount(cp);
        }
        if (invisible && !id.isEmpty()) {
            sb.append(" (");
            for (int i = 0; i < id.length(); ) {
                int cp = id.codePointAt(i);
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(String.format("U+%04X", cp));
                i += Character.charCount(cp);
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
