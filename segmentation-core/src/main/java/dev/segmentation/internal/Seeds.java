package dev.segmentation.internal;

import java.nio.charset.StandardCharsets;

/** Seed derivation (SplitMix64 finaliser). Internal. */
public final class Seeds {
    private Seeds() {
    }

    /** The SplitMix64 finaliser of {@code z}: a bijective, well-mixing 64-bit hash. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A seed for {@code stage} derived from {@code seed}; stable across JVMs (no String.hashCode). */
    public static long derive(long seed, String stage) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64
        for (byte b : stage.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(seed ^ mix(h));
    }

    /** A seed for the {@code index}-th repetition (restart, resample) derived from {@code seed}. */
    public static long derive(long seed, long index) {
        return mix(seed + 0x9e3779b97f4a7c15L * (index + 1));
    }
}
