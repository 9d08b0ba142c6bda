package dev.segmentation.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The decomposition adds up: behaviour change plus model change explain every moved entity. */
class DecomposedMigrationProperties {
    @Property(tries = 300)
    void behaviourAndModelChangeExplainEveryMovedEntity(@ForAll @IntRange(min = 1, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 8) int k, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        // three overlapping entity sets, labels in [-1, k), rows shuffled independently
        List<String> prevIds = new ArrayList<>();
        List<String> rescIds = new ArrayList<>();
        List<String> newIds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "e" + i;
            if (rnd.nextDouble() < 0.85) {
                prevIds.add(id);
            }
            if (rnd.nextDouble() < 0.9) {
                rescIds.add(id);
            }
            if (rnd.nextDouble() < 0.85) {
                newIds.add(id);
            }
        }
        java.util.Collections.shuffle(rescIds, new java.util.Random(seed));
        int[] a = labels(rnd, prevIds.size(), k);
        int[] b = labels(rnd, rescIds.size(), k);
        int[] c = labels(rnd, newIds.size(), k);
        DecomposedMigration d = DecomposedMigration.of(prevIds, a, rescIds, b, newIds, c);

        Map<String, Integer> pa = index(prevIds, a);
        Map<String, Integer> pb = index(rescIds, b);
        Map<String, Integer> pc = index(newIds, c);
        Set<String> beh = new HashSet<>(d.behaviourChanged());
        Set<String> mod = new HashSet<>(d.modelChanged());
        long moved = 0;
        long shared = 0;
        for (String id : newIds) {
            if (!pa.containsKey(id) || !pb.containsKey(id)) {
                continue;
            }
            shared++;
            int x = pa.get(id);
            int y = pb.get(id);
            int z = pc.get(id);
            assertEquals(x != y, beh.contains(id), id);
            assertEquals(y != z, mod.contains(id), id);
            if (x != z) {
                moved++;
                assertTrue(beh.contains(id) || mod.contains(id), "moved entity " + id + " is unexplained");
            }
        }
        assertEquals(shared, d.shared());
        assertEquals(moved, d.moved());
        assertEquals(d.moved(), d.behaviourOnly() + d.modelOnly() + d.both());
        long perSegment = 0;
        long present = 0;
        for (DecomposedMigration.SegmentSplit s : d.segments()) {
            assertEquals(s.moved(), s.behaviourOnly() + s.modelOnly() + s.both());
            perSegment += s.moved();
            present += s.present();
        }
        assertEquals(moved, perSegment);
        assertEquals(shared, present);
        assertEquals(shared, d.behaviour().shared());
        assertEquals(shared, d.model().shared());
        assertEquals(shared, d.total().shared());
        assertEquals(d.segments().size(), d.sentences(Map.of(), "customers").size());
        // the rates are the shares of the changed entities
        if (shared > 0) {
            assertEquals(beh.size() / (double) shared, d.behaviourRate(), 1e-12);
            assertEquals(mod.size() / (double) shared, d.modelRate(), 1e-12);
        }
    }

    private static int[] labels(SplittableRandom rnd, int n, int k) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = rnd.nextInt(k + 1) - 1;
        }
        return l;
    }

    private static Map<String, Integer> index(List<String> ids, int[] labels) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            m.put(ids.get(i), labels[i]);
        }
        return m;
    }
}
