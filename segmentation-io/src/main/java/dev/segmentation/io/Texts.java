package dev.segmentation.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text helpers shared by the readers: strict decoding (malformed bytes are an error, never a silent U+FFFD), a
 * display form of undecodable bytes for messages, and the Unicode notion of a blank id.
 *
 * <p>A decoder is stateful, so one {@code Texts} instance serves one reader run (not thread-safe); the static
 * methods are stateless and thread-safe.
 */
final class Texts {
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final boolean latin1;

    Texts(Charset charset) {
        this.charset = charset;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.latin1 = charset.equals(StandardCharsets.ISO_8859_1);
    }

    Charset charset() {
        return charset;
    }

    /**
     * Decodes {@code b[from, to)}; ASCII text (and any Latin-1 text) takes a fast path.
     *
     * @throws CharacterCodingException when the bytes are not valid in the charset
     */
    String decode(byte[] b, int from, int to) throws CharacterCodingException {
        if (latin1 || isAscii(b, from, to)) {
            return new String(b, from, to - from, latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.US_ASCII);
        }
        decoder.reset();
        return decoder.decode(ByteBuffer.wrap(b, from, to - from)).toString();
    }

    private static boolean isAscii(byte[] b, int from, int to) {
        for (int p = from; p < to; p++) {
            if (b[p] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code b[from, to)} as text for a message: what decodes is shown as is, each byte that does not as
     * {@code \xNN}.
     */
    String display(byte[] b, int from, int to) {
        if (latin1 || isAscii(b, from, to)) {
            return new String(b, from, to - from, latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.US_ASCII);
        }
        decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
        CharBuffer out = CharBuffer.allocate((to - from) * 2 + 4);
        StringBuilder sb = new StringBuilder(to - from + 8);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            out.flip();
            sb.append(out);
            out.clear();
            if (r.isError()) {
                for (int k = 0; k < r.length(); k++) {
                    sb.append(String.format("\\x%02X", in.get() & 0xff));
                }
            } else if (r.isUnderflow()) {
                decoder.flush(out);
                out.flip();
                sb.append(out);
                return sb.toString();
            }
        }
    }

    /** The 1-based column (byte offset) of the first undecodable byte in {@code b[from, to)}, or 0. */
    int firstBadByte(byte[] b, int from, int to) {
        if (latin1 || isAscii(b, from, to)) {
            return 0;
        }
        decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
        CharBuffer out = CharBuffer.allocate((to - from) * 2 + 4);
        CoderResult r = decoder.decode(in, out, true);
        return r.isError() ? in.position() - from + 1 : 0;
    }

    /**
     * For ASCII bytes: 1 when they are all white space (or there are none), 0 when not; -1 when some byte is not
     * ASCII (decode and use {@link #isBlank(String)}).
     */
    static int asciiBlank(byte[] b, int from, int to) {
        int result = 1;
        for (int p = from; p < to; p++) {
            byte c = b[p];
            if (c < 0) {
                return -1;
            }
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                result = 0;
            }
        }
        return result;
    }

    /**
     * True when {@code s} is null, empty, or made only of Unicode white space, space separators (NBSP, U+3000 and
     * the like) and format characters (zero-width space U+200B, joiners, the byte order mark and the like): an id
     * that a person cannot tell from an empty one.
     */
    static boolean isBlank(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)
                    && Character.getType(cp) != Character.FORMAT && cp != 0x200B) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
