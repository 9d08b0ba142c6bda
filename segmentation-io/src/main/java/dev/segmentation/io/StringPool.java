package dev.segmentation.io;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Interns byte ranges as Strings: the same bytes give the same String instance without decoding them again, so a
 * column with repeated values (customer ids, invoice numbers, item codes) costs one String per distinct value.
 * Open addressing with linear probing. A column of (nearly) unique values gains nothing from pooling, so when more
 * than three quarters of a window of {@value #WINDOW} lookups are new values, or once {@value #MAX_ENTRIES} values
 * are held, the pool stops remembering and just decodes. Decoding is strict: bytes that are not valid in the charset
 * throw {@link CharacterCodingException} and are never pooled (no U+FFFD that would merge two ids). Not
 * thread-safe.
 */
final class StringPool {
    static final int MAX_ENTRIES = 1 << 22;
    static final int WINDOW = 1 << 16;

    private final Texts texts;
    private byte[][] keys = new byte[1 << 12][];
    private String[] values = new String[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int size;
    private boolean bypass;
    private int lookups;
    private int misses;
    private int shift = 32 - 12;

    StringPool(Charset charset) {
        this.texts = new Texts(charset);
    }

    /**
     * The text of {@code b[from, to)}, the same instance for the same bytes while the pool remembers.
     *
     * @throws CharacterCodingException when the bytes are not valid in the pool's charset
     */
    String get(byte[] b, int from, int to) throws CharacterCodingException {
        if (bypass) {
            return texts.decode(b, from, to);
        }
        if (++lookups == WINDOW) {
            if (misses > WINDOW / 4 * 3) {
                bypass = true;
                keys = null;
                values = null;
                hashes = null;
                return texts.decode(b, from, to);
            }
            lookups = 0;
            misses = 0;
        }
        int h = 1;
        for (int p = from; p < to; p++) {
            h = 31 * h + b[p];
        }
        int mask = keys.length - 1;
        int i = slot(h);
        byte[][] k = keys;
        while (k[i] != null) {
            if (hashes[i] == h && same(k[i], b, from, to)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        String s = texts.decode(b, from, to);
        misses++;
        if (size >= MAX_ENTRIES) {
            bypass = true;
            return s;
        }
        k[i] = Arrays.copyOfRange(b, from, to);
        values[i] = s;
        hashes[i] = h;
        if (++size * 2 > k.length) {
            rehash();
        }
        return s;
    }

    /**
     * Fibonacci hashing: the polynomial hash of ids that differ only in their last characters differs by small
     * amounts, which would fill neighbouring slots and merge probe runs; the top bits of the product spread them.
     */
    private int slot(int h) {
        return (h * 0x9E3779B9) >>> shift;
    }

    /** Byte comparison; a plain loop beats the vectorized intrinsic's setup on short ids. */
    static boolean same(byte[] key, byte[] b, int from, int to) {
        int n = key.length;
        if (n != to - from) {
            return false;
        }
        if (n > 32) {
            return Arrays.equals(key, 0, n, b, from, to);
        }
        for (int j = 0; j < n; j++) {
            if (key[j] != b[from + j]) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        byte[][] oldKeys = keys;
        String[] oldValues = values;
        int[] oldHashes = hashes;
        int n = oldKeys.length * 2;
        shift--;
        keys = new byte[n][];
        values = new String[n];
        hashes = new int[n];
        int mask = n - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = slot(oldHashes[j]);
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
                hashes[i] = oldHashes[j];
            }
        }
    }
}
