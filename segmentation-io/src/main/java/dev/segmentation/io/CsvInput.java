package dev.segmentation.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
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

    /**
     * An ASCII-compatible byte stream for {@code in}: itself, or its text re-encoded as UTF-8. Decoding is strict:
     * bytes that are not valid in {@code cs} end the read with a {@link CsvFormatException} naming {@code source}
     * and the physical line (here no single row can be skipped, since the record structure is only known after
     * decoding).
     */
    static InputStream asciiCompatible(InputStream in, Charset cs, String source) {
        if (asciiCompatible(cs)) {
            return in;
        }
        return new Utf8Transcoder(in, cs, source);
    }

    /** Decodes a byte stream strictly and re-encodes its text as UTF-8 bytes. */
    private static final class Utf8Transcoder extends InputStream {
        private final InputStream in;
        private final Charset charset;
        private final String source;
        private final CharsetDecoder decoder;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer raw = ByteBuffer.allocate(1 << 16);
        private final CharBuffer chars = CharBuffer.allocate(1 << 16);
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 18);
        private boolean inputDone;
        private boolean decoderFlushed;
        private boolean done;
        private long line = 1;

        Utf8Transcoder(InputStream in, Charset cs, String source) {
            this.in = in;
            this.charset = cs;
            this.source = source;
            this.decoder = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            raw.flip();
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
                if (done) {
                    return -1;
                }
                step();
            }
            int n = Math.min(len, bytes.remaining());
            bytes.get(b, off, n);
            return n;
        }

        /** Reads, decodes and re-encodes one block. */
        private void step() throws IOException {
            if (!inputDone) {
                raw.compact();
                int r = in.read(raw.array(), raw.position(), raw.remaining());
                if (r < 0) {
                    inputDone = true;
                } else {
                    raw.position(raw.position() + r);
                }
                raw.flip();
            }
            chars.clear();
            CoderResult cr = decoder.decode(raw, chars, inputDone);
            if (cr.isError()) {
                throw new CsvFormatException(source + ": line " + (line + newlines(chars, 0, chars.position())) + ": bytes that are not "
                        + "valid " + charset.name() + "; set the charset the file is written in", line);
            }
            if (inputDone && !raw.hasRemaining() && !decoderFlushed) {
                decoder.flush(chars);
                decoderFlushed = true;
            }
            chars.flip();
            line += newlines(chars, 0, chars.limit());
            bytes.clear();
            CoderResult er = encoder.encode(chars, bytes, decoderFlushed);
            if (er.isError()) {
                // a lone surrogate from a decoder that lets one through
                throw new CsvFormatException(source + ": line " + line + ": text that cannot be re-encoded as UTF-8",
                        line);
            }
            if (decoderFlushed && !chars.hasRemaining()) {
                encoder.flush(bytes);
                done = true;
            }
            bytes.flip();
        }

        /** Line feeds among {@code c[from, to)}. */
        private static long newlines(CharBuffer c, int from, int to) {
            long n = 0;
            for (int i = from; i < to; i++) {
                if (c.get(i) == '\n') {
                    n++;
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
