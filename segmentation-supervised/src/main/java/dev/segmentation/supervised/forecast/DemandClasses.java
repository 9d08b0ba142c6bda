package dev.segmentation.supervised.forecast;

import dev.segmentation.features.DemandClass;

/**
 * The Syntetos-Boylan class of a history, with core's definition ({@link DemandClass},
 * {@link dev.segmentation.features.DemandClassification}): ADI = n / periods with y &gt; 0, CV^2 of the positive
 * values (population std). Package-private; O(n), allocation-free, thread-safe.
 */
final class DemandClasses {
    private DemandClasses() {
    }

    static DemandClass of(double[] y, int from, int n) {
        int count = 0;
        double sum = 0;
        for (int t = from; t < from + n; t++) {
            if (y[t] > 0) {
                count++;
                sum += y[t];
            }
        }
        if (count == 0) {
            return DemandClass.NO_DEMAND;
        }
        double mean = sum / count;
        double ss = 0;
        for (int t = from; t < from + n; t++) {
            if (y[t] > 0) {
                double d = y[t] - mean;
                ss += d * d;
            }
        }
        double cv = Math.sqrt(ss / count) / mean;
        return DemandClass.of((double) n / count, cv * cv);
    }
}
