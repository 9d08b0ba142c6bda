package dev.segmentation.data;

import java.util.Arrays;

/**
 * The compact encodings behind {@link Transactions}' columns (issue 20: at most 30 bytes per transaction). Every
 * column is written row by row (growing like a list, widening its encoding when a value does not fit) and read by
 * row index in O(1); a read returns exactly the value written, bit for bit, whatever the encoding. A column whose
 * values do not fit a compact encoding falls back to the plain one ({@code long}, {@code int} or {@code double} per
 * row); {@link Transactions#storageLayout()} says which encoding each column uses.
 *
 * <p>Not thread-safe while written; once the table is built the columns are only read, and the table's final
 * fields publish them safely.
 */
final class CompactColumns {
    private CompactColumns() {
    }

    static int grow(int capacity, int needed) {
        long c = Math.max((long) needed, capacity + (capacity >> 1) + 16L);
        return (int) Math.min(c, Integer.MAX_VALUE - 16);
    }

    /** Timestamps: an int offset from the first value written, else (span beyond +-68 years) a long per row. */
    static final class Times {
        private long base;
        private int[] offset;
        private long[] wide;
        private int size;

        Times(int capacity) {
            offset = new int[Math.max(16, capacity)];
        }

        long get(int r) {
            int[] o = offset;
            return o != null ? base + o[r] : wide[r];
        }

        void add(long t) {
            if (size == 0) {
                base = t;
            }
            if (offset != null) {
                if (size == offset.length) {
                    offset = Arrays.copyOf(offset, grow(size, size + 1));
                }
                long d = t - base;
                if (d == (int) d) {
                    offset[size++] = (int) d;
                    return;
                }
                long[] w = new long[offset.length];
                for (int r = 0; r < size; r++) {
                    w[r] = base + offset[r];
                }
                offset = null;
                wide = w;
            }
            if (size == wide.length) {
                wide = Arrays.copyOf(wide, grow(size, size + 1));
            }
            wide[size++] = t;
        }

        void reserve(int c) {
            if (offset != null && offset.length < c) {
                offset = Arrays.copyOf(offset, c);
            } else if (wide != null && wide.length < c) {
                wide = Arrays.copyOf(wide, c);
            }
        }

        void trim() {
            if (offset != null && offset.length != size) {
                offset = Arrays.copyOf(offset, size);
            }
            if (wide != null && wide.length != size) {
                wide = Arrays.copyOf(wide, size);
            }
        }

        long bytes() {
            return offset != null ? 4L * offset.length : 8L * wide.length;
        }

        String layout() {
            return offset != null ? "int32 seconds from " + base : "int64 epoch seconds (fallback: span too wide)";
        }
    }

    /**
     * Order codes: when every row's code equals the previous row's or exceeds it by one (orders numbered in row
     * order, as a simulator or a sorted export writes them), one bit per row marks where a new order starts and a
     * running count per 64 rows gives the code in O(1) (about 1.5 bits per row); otherwise an int per row.
     */
    static final class Orders {
        private int first;
        private int last;
        private long[] starts;
        private int[] before; // set bits in the words before word w
        private int[] plain;
        private int size;

        Orders(int capacity) {
            int words = (Math.max(64, capacity) + 63) >>> 6;
            starts = new long[words];
            before = new int[words];
        }

        int get(int r) {
            long[] s = starts;
            if (s != null) {
                int w = r >>> 6;
                return first + before[w] + Long.bitCount(s[w] & (-1L >>> (63 - (r & 63))));
            }
            return plain[r];
        }

        void add(int code) {
            if (starts != null) {
                if (size == 0) {
                    first = code;
                    last = code;
                    size = 1;
                    return;
                }
                if (code == last || code == last + 1) {
                    int w = size >>> 6;
                    if (w == starts.length) {
                        int words = grow(starts.length, w + 1);
                        starts = Arrays.copyOf(starts, words);
                        before = Arrays.copyOf(before, words);
                    }
                    if ((size & 63) == 0) {
                        before[w] = before[w - 1] + Long.bitCount(starts[w - 1]);
                    }
                    if (code != last) {
                        starts[w] |= 1L << (size & 63);
                    }
                    last = code;
                    size++;
                    return;
                }
                int[] p = new int[Math.max(16, Math.max(size + 1, starts.length << 6))];
                for (int r = 0; r < size; r++) {
                    p[r] = get(r);
                }
                starts = null;
                before = null;
                plain = p;
            }
            if (size == plain.length) {
                plain = Arrays.copyOf(plain, grow(size, size + 1));
            }
            plain[size++] = code;
        }

        void reserve(int c) {
            if (starts != null) {
                int words = (c + 63) >>> 6;
                if (starts.length < words) {
                    starts = Arrays.copyOf(starts, words);
                    before = Arrays.copyOf(before, words);
                }
            } else if (plain.length < c) {
                plain = Arrays.copyOf(plain, c);
            }
        }

        void trim() {
            if (starts != null) {
                int words = (size + 63) >>> 6;
                if (words != starts.length) {
                    starts = Arrays.copyOf(starts, words);
                    before = Arrays.copyOf(before, words);
                }
            } else if (plain.length != size) {
                plain = Arrays.copyOf(plain, size);
            }
        }

        long bytes() {
            return starts != null ? 12L * starts.length : 4L * plain.length;
        }

        String layout() {
            return starts != null ? "order starts as bits + a count per 64 rows"
                    : "int32 codes (fallback: codes not consecutive in row order)";
        }
    }

    /**
     * Doubles stored as integers when that is exact: whole numbers in 8, 16 or 32 bits, then whole cents in 32 bits
     * ({@code code / 100.0} gives back the very same double), else a double per row. Every written value is checked
     * by decoding it ({@link Double#doubleToRawLongBits} equality, so -0.0 and NaN never pass as integers).
     */
    static final class Decimals {
        static final int I8 = 0;
        static final int I16 = 1;
        static final int I32 = 2;
        static final int CENTS32 = 3;
        static final int RAW = 4;
        private int kind = I8;
        private byte[] b;
        private short[] s;
        private int[] i;
        private double[] d;
        private int size;

        Decimals(int capacity) {
            b = new byte[Math.max(16, capacity)];
        }

        double get(int r) {
            switch (kind) {
                case I8:
                    return b[r];
                case I16:
                    return s[r];
                case I32:
                    return i[r];
                case CENTS32:
                    return i[r] / 100.0;
                default:
                    return d[r];
            }
        }

        private int capacity() {
            switch (kind) {
                case I8:
                    return b.length;
                case I16:
                    return s.length;
                case I32:
                case CENTS32:
                    return i.length;
                default:
                    return d.length;
            }
        }

        private void resize(int c) {
            switch (kind) {
                case I8:
                    b = Arrays.copyOf(b, c);
                    break;
                case I16:
                    s = Arrays.copyOf(s, c);
                    break;
                case I32:
                case CENTS32:
                    i = Arrays.copyOf(i, c);
                    break;
                default:
                    d = Arrays.copyOf(d, c);
            }
        }

        void add(double v) {
            if (size == capacity()) {
                resize(grow(size, size + 1));
            }
            if (!put(kind, size, v)) {
                widen(v);
            }
            size++;
        }

        /** Stores v at r in encoding k if it round-trips exactly. */
        private boolean put(int k, int r, double v) {
            long bits = Double.doubleToRawLongBits(v);
            switch (k) {
                case I8: {
                    int c = (int) v;
                    if (c >= Byte.MIN_VALUE && c <= Byte.MAX_VALUE && Double.doubleToRawLongBits(c) == bits) {
                        b[r] = (byte) c;
                        return true;
                    }
                    return false;
                }
                case I16: {
                    int c = (int) v;
                    if (c >= Short.MIN_VALUE && c <= Short.MAX_VALUE && Double.doubleToRawLongBits(c) == bits) {
                        s[r] = (short) c;
                        return true;
                    }
                    return false;
                }
                case I32: {
                    int c = (int) v;
                    if (Double.doubleToRawLongBits(c) == bits) {
                        i[r] = c;
                        return true;
                    }
                    return false;
                }
                case CENTS32: {
                    double x = v * 100;
                    if (!(x > Integer.MIN_VALUE - 1.0 && x < Integer.MAX_VALUE + 1.0)) {
                        return false;
                    }
                    int c = (int) Math.round(x);
                    if (Double.doubleToRawLongBits(c / 100.0) == bits) {
                        i[r] = c;
                        return true;
                    }
                    return false;
                }
                default:
                    d[r] = v;
                    return true;
            }
        }

        /** Moves to the first wider encoding that holds every value so far and v (RAW holds all). */
        private void widen(double v) {
            int cap = capacity();
            for (int k = kind + 1; k <= RAW; k++) {
                Decimals next = new Decimals(0);
                next.kind = k;
                next.b = null;
                if (k == I16) {
                    next.s = new short[cap];
                } else if (k == I32 || k == CENTS32) {
                    next.i = new int[cap];
                } else if (k == RAW) {
                    next.d = new double[cap];
                }
                boolean ok = next.put(k, size, v);
                for (int r = 0; ok && r < size; r++) {
                    ok = next.put(k, r, get(r));
                }
                if (ok) {
                    kind = k;
                    b = next.b;
                    s = next.s;
                    i = next.i;
                    d = next.d;
                    return;
                }
            }
            throw new AssertionError("the double encoding holds every value");
        }

        void reserve(int c) {
            if (capacity() < c) {
                resize(c);
            }
        }

        void trim() {
            if (capacity() != size) {
                resize(size);
            }
        }

        long bytes() {
            switch (kind) {
                case I8:
                    return b.length;
                case I16:
                    return 2L * s.length;
                case I32:
                case CENTS32:
                    return 4L * i.length;
                default:
                    return 8L * d.length;
            }
        }

        String layout() {
            switch (kind) {
                case I8:
                    return "int8 whole numbers";
                case I16:
                    return "int16 whole numbers";
                case I32:
                    return "int32 whole numbers";
                case CENTS32:
                    return "int32 whole cents";
                default:
                    return "float64 (fallback: a value is not a whole number of cents within 32 bits)";
            }
        }
    }

    /** Dictionary codes in -1..max stored as code + 1 in 8, 16 or 32 bits (widened as larger codes arrive). */
    static final class Codes {
        private byte[] b;
        private char[] c;
        private int[] i;
        private int size;

        Codes(int capacity) {
            b = new byte[Math.max(16, capacity)];
        }

        int get(int r) {
            byte[] bb = b;
            if (bb != null) {
                return (bb[r] & 0xFF) - 1;
            }
            char[] cc = c;
            if (cc != null) {
                return cc[r] - 1;
            }
            return i[r] - 1;
        }

        private int capacity() {
            return b != null ? b.length : c != null ? c.length : i.length;
        }

        void add(int code) {
            int cap = capacity();
            if (size == cap) {
                cap = grow(size, size + 1);
                if (b != null) {
                    b = Arrays.copyOf(b, cap);
                } else if (c != null) {
                    c = Arrays.copyOf(c, cap);
                } else {
                    i = Arrays.copyOf(i, cap);
                }
            }
            int v = code + 1;
            if (b != null && v > 0xFF) {
                if (v <= 0xFFFF) {
                    c = new char[cap];
                    for (int r = 0; r < size; r++) {
                        c[r] = (char) (b[r] & 0xFF);
                    }
                } else {
                    i = new int[cap];
                    for (int r = 0; r < size; r++) {
                        i[r] = b[r] & 0xFF;
                    }
                }
                b = null;
            } else if (c != null && v > 0xFFFF) {
                i = new int[cap];
                for (int r = 0; r < size; r++) {
                    i[r] = c[r];
                }
                c = null;
            }
            if (b != null) {
                b[size++] = (byte) v;
            } else if (c != null) {
                c[size++] = (char) v;
            } else {
                i[size++] = v;
            }
        }

        /** Replaces every code x >= 0 by remap[x] (remap never increases a code, so the width still holds). */
        void renumber(int[] remap) {
            for (int r = 0; r < size; r++) {
                int x = get(r);
                if (x >= 0) {
                    set(r, remap[x]);
                }
            }
        }

        private void set(int r, int code) {
            int v = code + 1;
            if (b != null) {
                b[r] = (byte) v;
            } else if (c != null) {
                c[r] = (char) v;
            } else {
                i[r] = v;
            }
        }

        void reserve(int cap) {
            if (capacity() < cap) {
                if (b != null) {
                    b = Arrays.copyOf(b, cap);
                } else if (c != null) {
                    c = Arrays.copyOf(c, cap);
                } else {
                    i = Arrays.copyOf(i, cap);
                }
            }
        }

        void trim() {
            if (capacity() != size) {
                if (b != null) {
                    b = Arrays.copyOf(b, size);
                } else if (c != null) {
                    c = Arrays.copyOf(c, size);
                } else {
                    i = Arrays.copyOf(i, size);
                }
            }
        }

        long bytes() {
            return b != null ? b.length : c != null ? 2L * c.length : 4L * i.length;
        }

        String layout() {
            return b != null ? "uint8 codes" : c != null ? "uint16 codes" : "int32 codes";
        }
    }

    /**
     * Category codes: while every item has one category (the category a function of the item, as in a catalogue),
     * nothing is stored per row, only the category of each item code; at the first item seen with a second
     * category the column is written out per row ({@link Codes}) and stays so.
     */
    static final class Categories {
        private final Codes items;
        private int[] ofItem; // category of item code x at x + 1 (x = -1: rows without an item); -2 unseen
        private Codes stored;
        private int size;

        /** {@code items} is the item column written alongside (null when rows carry no item). */
        Categories(Codes items, int itemCount, int capacity) {
            this.items = items;
            if (items != null) {
                ofItem = new int[itemCount + 1];
                Arrays.fill(ofItem, -2);
            } else {
                stored = new Codes(capacity);
            }
        }

        int get(int r) {
            int[] m = ofItem;
            return m != null ? m[items.get(r) + 1] : stored.get(r);
        }

        /** Adds the category of row {@code size}; its item must already be in the item column. */
        void add(int category) {
            if (ofItem != null) {
                int k = items.get(size) + 1;
                int seen = ofItem[k];
                if (seen == category) {
                    size++;
                    return;
                }
                if (seen == -2) {
                    ofItem[k] = category;
                    size++;
                    return;
                }
                Codes s = new Codes(Math.max(size + 1, items.capacity()));
                for (int r = 0; r < size; r++) {
                    s.add(ofItem[items.get(r) + 1]);
                }
                stored = s;
                ofItem = null;
            }
            stored.add(category);
            size++;
        }

        /** After the item codes were renumbered with {@code itemRemap} (-1: dropped), and categories with catRemap. */
        void renumber(int[] itemRemap, int[] categoryRemap) {
            if (ofItem != null) {
                int kept = 0;
                for (int x : itemRemap) {
                    kept = Math.max(kept, x + 1);
                }
                int[] m = new int[kept + 1];
                Arrays.fill(m, -2);
                m[0] = ofItem[0];
                for (int x = 0; x < itemRemap.length; x++) {
                    if (itemRemap[x] >= 0) {
                        m[itemRemap[x] + 1] = ofItem[x + 1];
                    }
                }
                if (categoryRemap != null) {
                    for (int k = 0; k < m.length; k++) {
                        if (m[k] >= 0) {
                            m[k] = categoryRemap[m[k]];
                        }
                    }
                }
                ofItem = m;
            } else if (categoryRemap != null) {
                stored.renumber(categoryRemap);
            }
        }

        void reserve(int c) {
            if (stored != null) {
                stored.reserve(c);
            }
        }

        void trim() {
            if (stored != null) {
                stored.trim();
            }
        }

        long bytes() {
            return ofItem != null ? 4L * ofItem.length : stored.bytes();
        }

        String layout() {
            return ofItem != null ? "none per row: one category per item"
                    : stored.layout() + (items != null ? " (an item appears under two categories)" : "");
        }
    }

    /** The row columns of a table, written together row by row. */
    static final class Rows {
        final Times time;
        final Orders order;
        final Decimals quantity;
        final Decimals amount;
        Codes item;
        Categories category;
        int size;

        /**
         * @param items whether rows carry item codes, {@code itemCount} of them
         * @param categories whether rows carry category codes
         */
        Rows(int capacity, boolean items, int itemCount, boolean categories) {
            time = new Times(capacity);
            order = new Orders(capacity);
            quantity = new Decimals(capacity);
            amount = new Decimals(capacity);
            item = items ? new Codes(capacity) : null;
            category = categories ? new Categories(item, itemCount, capacity) : null;
        }

        void add(long t, int o, double q, double a, int it, int ca) {
            time.add(t);
            order.add(o);
            quantity.add(q);
            amount.add(a);
            if (item != null) {
                item.add(it);
            }
            if (category != null) {
                category.add(ca);
            }
            size++;
        }

        /** Capacity for {@code c} rows in every column (a hint: no effect on the values). */
        void reserve(int c) {
            time.reserve(c);
            order.reserve(c);
            quantity.reserve(c);
            amount.reserve(c);
            if (item != null) {
                item.reserve(c);
            }
            if (category != null) {
                category.reserve(c);
            }
        }

        /** Drops the item column (no row has an item), writing the categories per row first if they hung on it. */
        void dropItems() {
            if (item == null) {
                return;
            }
            if (category != null && category.stored == null) {
                Codes s = new Codes(size);
                for (int r = 0; r < size; r++) {
                    s.add(category.get(r));
                }
                category = new Categories(null, 0, 0);
                category.stored = s;
                category.size = size;
            }
            item = null;
        }

        void trim() {
            time.trim();
            order.trim();
            quantity.trim();
            amount.trim();
            if (item != null) {
                item.trim();
            }
            if (category != null) {
                category.trim();
            }
        }

        long bytes() {
            return time.bytes() + order.bytes() + quantity.bytes() + amount.bytes()
                    + (item == null ? 0 : item.bytes()) + (category == null ? 0 : category.bytes());
        }

        String layout() {
            return "time: " + time.layout() + "; order: " + order.layout() + "; quantity: " + quantity.layout()
                    + "; amount: " + amount.layout() + "; item: " + (item == null ? "absent" : item.layout())
                    + "; category: " + (category == null ? "absent" : category.layout());
        }
    }
}
