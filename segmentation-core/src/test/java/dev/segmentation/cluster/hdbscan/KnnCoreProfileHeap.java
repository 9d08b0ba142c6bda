package dev.segmentation.cluster.hdbscan;

/** Not a test: the session 6 bounded max-heap of {@link KnnBatch} (b241cc4), for the profilers. */
final class KnnCoreProfileHeap {
    private KnnCoreProfileHeap() {
    }

    static void push(double[] heapD, int[] heapI, int h, int cnt, double ds, int t) {
        final double[] hd = heapD;
        final int[] hi = heapI;
        int i = cnt;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            double pd = hd[h + p];
            if (ds > pd || (ds == pd && t > hi[h + p])) {
                hd[h + i] = pd;
                hi[h + i] = hi[h + p];
                i = p;
            } else {
                break;
            }
        }
        hd[h + i] = ds;
        hi[h + i] = t;
    }

    static void replaceTop(double[] heapD, int[] heapI, int h, int cnt, double ds, int t) {
        final double[] hd = heapD;
        final int[] hi = heapI;
        int i = 0;
        int half = cnt >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            double cd = hd[h + c];
            int ci = hi[h + c];
            if (r < cnt) {
                double rd = hd[h + r];
                int ri = hi[h + r];
                if (rd > cd || (rd == cd && ri > ci)) {
                    c = r;
                    cd = rd;
                    ci = ri;
                }
            }
            if (cd > ds || (cd == ds && ci > t)) {
                hd[h + i] = cd;
                hi[h + i] = ci;
                i = c;
            } else {
                break;
            }
        }
        hd[h + i] = ds;
        hi[h + i] = t;
    }

}
