package dev.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.FeatureTable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 20: the profiles' Cliff's delta merges each segment's sorted values with the sorted compared values
 * instead of two binary searches per member (at 10M customers the searches missed the cache for minutes). Same
 * bits as the row-order definition ({@link Profiles#cliffsDelta}) on ties, signed zeros and noise, and the same
 * profiles on 1 and 3 threads.
 */
class ProfilesMergedCliffsDeltaTest {

    @Property(tries = 300)
    void mergedDeltaHasTheBitsOfTheRowOrderDefinition(@ForAll @IntRange(min = 1, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 3) int d, @ForAll long seed, @ForAll boolean noise) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] pool = {-0.0, 0.0, 1, 1, 2.5, -3, 1e-300, 7, 7, 7};
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(4) == 0 ? rnd.nextDouble() * 10 - 5 : pool[rnd.nextInt(pool.length)];
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(4) - (noise ? 1 : 0);
        }
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "e" + i;
        }
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = "f" + j;
        }
        List<SegmentProfile> profiles = Profiles.compute(FeatureTable.wrap(ids, names, x), labels, null,
                SegmentNamer.DEFAULT);
        List<Integer> segments = new ArrayList<>();
        for (SegmentProfile p : profiles) {
            segments.add(p.segment());
        }
        List<SegmentProfile> threaded = Profiles.compute(FeatureTable.wrap(ids, names, x), labels, null,
                SegmentNamer.DEFAULT, 3);
        for (int si = 0; si < segments.size(); si++) {
            SegmentProfile a = profiles.get(si);
            SegmentProfile b = threaded.get(si);
            for (int j = 0; j < d; j++) {
                assertEquals(Double.doubleToRawLongBits(a.means()[j]), Double.doubleToRawLongBits(b.means()[j]));
                assertEquals(Double.doubleToRawLongBits(a.medians()[j]), Double.doubleToRawLongBits(b.medians()[j]));
                assertEquals(Double.doubleToRawLongBits(a.standardDeviations()[j]),
                        Double.doubleToRawLongBits(b.standardDeviations()[j]));
                assertEquals(Double.doubleToRawLongBits(a.effectSizes()[j]),
                        Double.doubleToRawLongBits(b.effectSizes()[j]));
            }
        }
        double[][] want = Profiles.cliffsDelta(x, n, d, labels, segments);
        for (int si = 0; si < segments.size(); si++) {
            double[] got = profiles.get(si).effectSizes();
            for (int j = 0; j < d; j++) {
                assertEquals(Double.doubleToRawLongBits(want[si][j]), Double.doubleToRawLongBits(got[j]),
                        "segment " + segments.get(si) + ", feature " + j);
            }
        }
    }
}
