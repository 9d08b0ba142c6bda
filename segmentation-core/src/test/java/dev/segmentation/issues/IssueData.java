package dev.segmentation.issues;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.state.StepState;
import java.util.Map;
import java.util.SplittableRandom;

/** Shared fixtures of the issue regression tests. */
final class IssueData {
    private IssueData() {
    }

    /** {@code perBlob} Gaussian rows (sd 0.5) around each of (0, 0), (10, 0) and (0, 10), then 4 far outliers. */
    static DataMatrix threeBlobs(int perBlob, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        double[][] rows = new double[3 * perBlob + 4][];
        for (int b = 0; b < 3; b++) {
            for (int i = 0; i < perBlob; i++) {
                rows[b * perBlob + i] = new double[] {centres[b][0] + gauss(r) * 0.5, centres[b][1] + gauss(r) * 0.5};
            }
        }
        rows[3 * perBlob] = new double[] {5, 8};
        rows[3 * perBlob + 1] = new double[] {-6, -7};
        rows[3 * perBlob + 2] = new double[] {16, 7};
        rows[3 * perBlob + 3] = new double[] {5, -9};
        return DataMatrix.ofRows(rows);
    }

    /** A standard normal draw (Box-Muller). */
    static double gauss(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** A copy of {@code s} with part {@code name} replaced by {@code value} (same kind of part). */
    static StepState with(StepState s, String name, Object value) {
        StepState.Builder b = StepState.builder(s.type(), s.version());
        boolean found = false;
        for (Map.Entry<String, Object> e : s.parameters().entrySet()) {
            String k = e.getKey();
            Object v = k.equals(name) ? value : e.getValue();
            found |= k.equals(name);
            if (v instanceof String) {
                b.put(k, (String) v);
            } else if (v instanceof Double) {
                b.put(k, (double) (Double) v);
            } else {
                b.put(k, ((Number) v).longValue());
            }
        }
        for (String k : s.doubleArrayNames()) {
            found |= k.equals(name);
            b.put(k, k.equals(name) ? (double[]) value : s.doubles(k));
        }
        for (String k : s.intArrayNames()) {
            found |= k.equals(name);
            b.put(k, k.equals(name) ? (int[]) value : s.ints(k));
        }
        for (String k : s.stringListNames()) {
            b.putStrings(k, s.strings(k));
        }
        if (!found) {
            throw new IllegalArgumentException("no part " + name + " in " + s.type());
        }
        return b.build();
    }
}
