package dev.segmentation.features;

/** Per-thread reusable buffers of the feature kernels (package-private; one owner thread at a time). */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    double[] buf = new double[64];
    double[] buf2 = new double[64];
    double[] slotSum = new double[64];
    double[] slotSum2 = new double[64];
    int[] slotCount = new int[64];
    int[] years = new int[16];
    final Stl.Workspace stl = new Stl.Workspace();

    static Scratch get() {
        return LOCAL.get();
    }

    double[] buf(int n) {
        if (buf.length < n) {
            buf = new double[Math.max(n, buf.length * 2)];
        }
        return buf;
    }

    double[] buf3 = new double[64];
    int[] ints = new int[64];
    long[] longs = new long[64];

    int[] ints(int n) {
        if (ints.length < n) {
            ints = new int[Math.max(n, ints.length * 2)];
        }
        return ints;
    }

    long[] longs(int n) {
        if (longs.length < n) {
            longs = new long[Math.max(n, longs.length * 2)];
        }
        return longs;
    }

    double[] buf3(int n) {
        if (buf3.length < n) {
            buf3 = new double[Math.max(n, buf3.length * 2)];
        }
        return buf3;
    }

    double[] buf2(int n) {
        if (buf2.length < n) {
            buf2 = new double[Math.max(n, buf2.length * 2)];
        }
        return buf2;
    }

    /** Clears and returns slot arrays of at least n entries. */
    void slots(int n) {
        if (slotSum.length < n) {
            slotSum = new double[n];
            slotSum2 = new double[n];
            slotCount = new int[n];
        } else {
            java.util.Arrays.fill(slotSum, 0, n, 0);
            java.util.Arrays.fill(slotSum2, 0, n, 0);
            java.util.Arrays.fill(slotCount, 0, n, 0);
        }
    }
}
