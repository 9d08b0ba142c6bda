package dev.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.features.Rfm;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.testing.OnlineRetailFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class EffectSizeNamerTest {

    /** Cliff's delta by brute force over all pairs: the segment against every other non-noise row. */
    private static double bruteDelta(double[] x, int d, int j, int[] labels, int s) {
        double gt = 0;
        double lt = 0;
        long pairs = 0;
        for (int a = 0; a < labels.length; a++) {
            if (labels[a] != s) {
                continue;
            }
            for (int b = 0; b < labels.length; b++) {
                if (labels[b] == s || (labels[b] < 0 && s >= 0)) {
                    continue;
                }
                pairs++;
                if (x[a * d + j] > x[b * d + j]) {
                    gt++;
                } else if (x[a * d + j] < x[b * d + j]) {
                    lt++;
                }
            }
        }
        return (gt - lt) / pairs;
    }

    @Test
    void effectSizesMatchBruteForceCliffsDelta() {
        Random rnd = new Random(7);
        int n = 300;
        int d = 3;
        double[] x = new double[n * d];
        int[] labels = new int[n];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10 == 0 ? -1 : i % 4;
            for (int j = 0; j < d; j++) {
                // column 2 has many ties
                x[i * d + j] = j == 2 ? rnd.nextInt(4) + labels[i] : rnd.nextGaussian() * (1 + j) + labels[i] * (j - 1);
            }
            ids.add("e" + i);
        }
        FeatureTable t = FeatureTable.of(ids, List.of("a", "b", "c"), x);
        List<SegmentProfile> profiles = Profiles.compute(t, labels, null, SegmentNamer.DEFAULT);
        for (SegmentProfile p : profiles) {
            double[] es = p.effectSizes();
            for (int j = 0; j < d; j++) {
                assertEquals(bruteDelta(x, d, j, labels, p.segment()), es[j], 1e-12,
                        "segment " + p.segment() + " feature " + j);
            }
        }
    }

    @Test
    void namesComeFromTheStrongestFeaturesWithTheirWords() {
        // segment 0: recent big spenders; segment 1: lapsed small spenders; segment 2: in between on both
        List<String> ids = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        int[] labels = new int[90];
        Random rnd = new Random(3);
        for (int i = 0; i < 90; i++) {
            int s = i % 3;
            labels[i] = s;
            ids.add("c" + i);
            vals.add((s == 0 ? 10 : s == 1 ? 300 : 150) + rnd.nextGaussian() * 5);
            vals.add((s == 0 ? 5000 : s == 1 ? 100 : 2550) + rnd.nextGaussian() * 50);
        }
        double[] x = vals.stream().mapToDouble(v -> v).toArray();
        FeatureTable t = FeatureTable.of(ids, List.of("recency_days", "monetary"), x);
        List<SegmentProfile> p = Profiles.compute(t, labels, null, EffectSizeNamer.rfm());
        assertTrue(p.get(0).name().contains("Recent") && p.get(0).name().contains("High Spend"), p.get(0).name());
        assertTrue(p.get(1).name().contains("Lapsed") && p.get(1).name().contains("Low Spend"), p.get(1).name());
        assertEquals(EffectSizeNamer.TYPICAL, p.get(2).name());
    }

    @Test
    void identicalSegmentsStillGetDistinctNames() {
        List<SegmentProfile> p = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            p.add(ModelParts.profile(s, "Segment " + s, 10, 0.25, OptionalDouble.empty(), List.of("x"),
                    new double[] {1}, new double[] {1}, new double[] {1}, new double[] {0}));
        }
        p.add(ModelParts.profile(-1, "Noise", 10, 0.25, OptionalDouble.empty(), List.of("x"), new double[] {1},
                new double[] {1}, new double[] {1}, new double[] {0}));
        Map<Integer, String> names = EffectSizeNamer.rfm().names(p);
        assertEquals(Map.of(0, "Typical (0)", 1, "Typical (1)", 2, "Typical (2)", -1, "Noise"), names);
    }

    @Test
    void unknownDeviationsFallBackToTheDefaultNames() {
        List<SegmentProfile> p = List.of(
                ModelParts.profile(0, "a", 5, 0.5, OptionalDouble.empty(), List.of("x"), new double[] {1},
                        new double[] {1}),
                ModelParts.profile(1, "b", 5, 0.5, OptionalDouble.empty(), List.of("x"), new double[] {2},
                        new double[] {2}));
        assertEquals("Segment 1", EffectSizeNamer.rfm().name(1, p));
        assertTrue(EffectSizeNamer.rfm().names(p).isEmpty());
    }

    @Property(tries = 200)
    void namesAreNeverEqual(@ForAll @IntRange(min = 2, max = 9) int k, @ForAll @IntRange(min = 1, max = 4) int d,
            @ForAll long seed) {
        Random rnd = new Random(seed);
        List<String> features = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            features.add(List.of("recency_days", "frequency_orders", "monetary", "z").get(j));
        }
        List<SegmentProfile> p = new ArrayList<>();
        for (int s = rnd.nextBoolean() ? -1 : 0; s < k; s++) {
            double[] m = new double[d];
            double[] delta = new double[d];
            for (int j = 0; j < d; j++) {
                // few distinct values so that ties and equal profiles are common
                m[j] = rnd.nextInt(3);
                delta[j] = (rnd.nextInt(5) - 2) * 0.4;
            }
            p.add(ModelParts.profile(s, "s", 1 + rnd.nextInt(20), 0.1, OptionalDouble.empty(), features, m, m, m,
                    delta));
        }
        EffectSizeNamer namer = EffectSizeNamer.builder().maxTerms(1 + rnd.nextInt(2))
                .term("monetary", "High Spend", "Low Spend").build();
        Set<String> seen = new HashSet<>();
        for (SegmentProfile s : p) {
            String name = namer.name(s.segment(), p);
            assertTrue(seen.add(name.toLowerCase(Locale.ROOT)), "name '" + name + "' given twice: " + p);
        }
    }

    @Test
    void builderRefusesBadSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EffectSizeNamer.builder().maxTerms(0));
        assertEquals("maxTerms must be >= 1 but was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EffectSizeNamer.builder().minEffect(-0.1));
        assertEquals("minEffect must be finite and >= 0 but was -0.1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EffectSizeNamer.builder().minEffect(Double.NaN));
        assertEquals("minEffect must be finite and >= 0 but was NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EffectSizeNamer.builder().term("x", "Up", " "));
        assertEquals("words for 'x' must not be blank but were 'Up' and ' '", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EffectSizeNamer.builder().term("x", "Up", "up"));
        assertEquals("words for 'x' must differ but both were 'Up'", e.getMessage());
    }

    @Test
    void badDeviationsAndEffectsAreRefusedByModelParts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelParts.profile(0, "a",
                5, 0.5, OptionalDouble.empty(), List.of("x"), new double[] {1}, new double[] {1},
                new double[] {-1}, new double[] {0}));
        assertEquals("profile of segment 0: standard deviation of 'x' must be finite and >= 0 (or NaN for unknown)"
                + " but was -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelParts.profile(0, "a", 5, 0.5,
                OptionalDouble.empty(), List.of("x"), new double[] {1}, new double[] {1}, new double[] {1},
                new double[] {1.5}));
        assertEquals("profile of segment 0: effect size of 'x' must be within [-1, 1] (or NaN for unknown) but was"
                + " 1.5", e.getMessage());
    }

    /**
     * The Online Retail example's pipeline (RFM with cancellations excluded, log1p on the money columns, robust
     * scaling, K-Means k = 5, seed 42) on the bundled data: its old hand-written namer called two segments that
     * differ by 0.1 orders "Regular" and "Low Frequency"; the effect-size namer gives five different names, each
     * backed by at least one feature with |delta| >= 0.33.
     */
    @Test
    void onlineRetailExampleSegmentsHaveFiveDifferentNames() {
        OnlineRetailFixture.Loaded data = OnlineRetailFixture.load(Path.of("../examples/data/online_retail.csv.gz"));
        SegmentationModel model = Segmenter.builder()
                .features(Rfm.builder().cancelledOrderPrefix("C").build())
                .scaling(Scaling.robust().log1p("frequency_orders", "monetary", "avg_order_value"))
                .clusterer(KMeans.builder().k(5).nInit(10))
                .namer(EffectSizeNamer.rfm())
                .seed(42)
                .build()
                .fit(data.transactions);
        Set<String> names = new HashSet<>();
        for (int s = 0; s < model.profiles().size(); s++) {
            SegmentProfile p = model.profiles().get(s);
            StringBuilder b = new StringBuilder();
            double[] d = p.effectSizes();
            for (int j = 0; j < d.length; j++) {
                b.append(String.format(Locale.ROOT, " %s %+.2f", p.featureNames().get(j), d[j]));
            }
            System.out.printf(Locale.ROOT, "segment %d %-32s n=%4d orders %.1f spend %.0f recency %.0f | d:%s%n",
                    p.segment(), p.name(), p.size(), p.mean("frequency_orders"), p.mean("monetary"),
                    p.mean("recency_days"), b);
            assertTrue(names.add(p.name()), "name '" + p.name() + "' given twice");
        }
        assertEquals(5, names.size());
    }
}
