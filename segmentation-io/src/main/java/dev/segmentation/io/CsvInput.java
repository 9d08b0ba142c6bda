package dev.segmentation.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** Opening CSV input: gzip detection by magic bytes, and transcoding of encodings that are not ASCII-compatible. */
final class CsvInput {
    private static final byte[] PROBE = "\",;|\t\r\n 0123456789.-+eE_@azAZ".getBytes(StandardCharsets.US_ASCII);

    private CsvInput() {
    }

    /** Wraps {@code in} in a GZIPInputStream when it starts with the gzip magic bytes 1f 8b. */
    static InputStream gunzipIfNeeded(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 2);
        int a = p.read();
        if (a < 0) {
            return p;
        }
        int b = p.read();
        if (b >= 0) {
            p.unread(b);
        }
        p.unread(a);
        if (a == 0x1f && b == 0x8b) {
            return new GZIPInputStream(p, 1 << 16);
        }
        return p;
    }

    /** True when the ASCII characters CSV syntax uses are single identical bytes in {@code cs}. */
    static boolean asciiCompatible(Charset cs) {
        if (cs.equals(StandardCharsets.UTF_8) || cs.equals(StandardCharsets.ISO_8859_1)
                || cs.equals(StandardCharsets.US_ASCII)) {
            return true;
        }
        if (!cs.canEncode()) {
            return false;
        }
        byte[] enc = new String(PROBE, StandardCharsets.US_ASCII).getBytes(cs);
        return Arrays.equals(enc, PROBE);
    }

    /** An ASCII-compatible byte stream for {@code in}: itself, or its text re-encoded as UTF-8. */
    static InputStream asciiCompatible(InputStream in, Charset cs) {
        if (asciiCompatible(cs)) {
            return in;
        }
        return new Utf8Transcoder(new InputStreamReader(new BufferedInputStream(in, 1 << 16), cs));
    }

    /** Re-encodes a character stream as UTF-8 bytes. */
    private static final class Utf8Transcoder extends InputStream {
        private final Reader reader;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(1 << 14);
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        private boolean readerDone;
        private boolean flushed;

        Utf8Transcoder(Reader reader) {
            this.reader = reader;
            chars.flip();
            bytes.flip();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!bytes.hasRemaining()) {
                if (flushed) {
                    return -1;
                }
                bytes.clear();
                if (!readerDone) {
                    chars.compact();
                    int n = reader.read(chars);
                    chars.flip();
                    if (n < 0) {
                        readerDone = true;
                    }
                }
                CoderResult r = encoder.encode(chars, bytes, readerDone);
                if (r.isError()) {
                    r.throwException();
                }
                if (readerDone && !chars.hasRemaining()) {
                    encoder.flush(bytes);
                    flushed = true;
                }
                bytes.flip();
            }
            int n = Math.min(len, bytes.remaining());
            bytes.get(b, off, n);
            return n;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
