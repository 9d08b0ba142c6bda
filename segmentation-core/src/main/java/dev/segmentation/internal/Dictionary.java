package dev.segmentation.internal;

import java.util.Arrays;
import java.util.HashMap;

/**
 * Dictionary encoding of strings to dense ints in order of first appearance, with a final remap to sorted order
 * so that codes do not depend on the order rows arrived in. Internal.
 */
public final class Dictionary {
    private final HashMap<String, Integer> codes = new HashMap<>();
    private String[] values = new String[16];
    private int size;

    /** The code of {@code s}, adding it when new. */
    public int encode(String s) {
        Integer c = codes.get(s);
        if (c != null) {
            return c;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size] = s;
        codes.put(s, size);
        return size++;
    }

    public int size() {
        return size;
    }

    /** Distinct values sorted by {@link String#compareTo}. */
    public String[] sortedValues() {
        String[] v = Arrays.copyOf(values, size);
        Arrays.sort(v);
        return v;
    }

    /** For each first-appearance code, its rank in {@link #sortedValues()}. */
    public int[] rankOfCode() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> values[a].compareTo(values[b]));
        int[] rank = new int[size];
        for (int r = 0; r < size; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }
}
