package dev.segmentation.io;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Interns byte ranges as Strings: the same bytes give the same String instance without decoding them again, so a
 * column with repeated values (customer ids, invoice numbers, item codes) costs one String per distinct value.
 * Open addressing with linear probing; once {@value #MAX_ENTRIES} distinct values are held, new values are decoded
 * without being remembered. Not thread-safe.
 */
final class StringPool {
    static final int MAX_ENTRIES = 1 << 22;

    private final Charset charset;
    private byte[][] keys = new byte[1 << 12][];
    private String[] values = new String[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int size;

    StringPool(Charset charset) {
        this.charset = charset;
    }

    String get(byte[] b, int from, int to) {
        int h = 1;
        for (int p = from; p < to; p++) {
            h = 31 * h + b[p];
        }
        h ^= h >>> 16;
        int mask = keys.length - 1;
        int i = h & mask;
        byte[][] k = keys;
        while (k[i] != null) {
            if (hashes[i] == h && Arrays.equals(k[i], 0, k[i].length, b, from, to)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        String s = new String(b, from, to - from, charset);
        if (size >= MAX_ENTRIES) {
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

    private void rehash() {
        byte[][] oldKeys = keys;
        String[] oldValues = values;
        int[] oldHashes = hashes;
        int n = oldKeys.length * 2;
        keys = new byte[n][];
        values = new String[n];
        hashes = new int[n];
        int mask = n - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = oldHashes[j] & mask;
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
