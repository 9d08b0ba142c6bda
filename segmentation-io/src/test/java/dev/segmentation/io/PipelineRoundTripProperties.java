package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.embedding.Pca;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.Entropy;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.FeatureFilter;
import dev.segmentation.features.Features;
import dev.segmentation.features.PanelSpec;
import dev.segmentation.features.Period;
import dev.segmentation.features.ReturnsPolicy;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.Scaler;
import dev.segmentation.scaling.QuantileScaling;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.RetailSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 12's acceptance property: random pipelines (a random subset of the extractor catalogue with random options,
 * optional eligibility and feature filter, a random scaler with log1p, an optional PCA embedding, K-Means or HDBSCAN)
 * are fitted on simulator data, written, read back in this JVM and, all at once after the last try, in a fresh JVM;
 * every reload predicts identical labels and strength bits for new data scored at a later date. The autoencoder has
 * its own round-trip test in segmentation-nn.
 */
class PipelineRoundTripProperties {
    private static final int TRIES = 200;
    private static Path dir;
    private static final AtomicInteger FITTED = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static Transactions train;

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("pipelines");
        train = data(1, LocalDate.of(2022, 1, 3));
    }

    /** The training data: 60 simulated customers over 56 weeks. */
    static Transactions data(long seed, LocalDate start) {
        return RetailSimulator.builder().seed(seed).entities(60).weeks(56).items(40).categories(5).start(start)
                .build().simulate(1).transactions();
    }

    /** The data scored after loading: other customers, a year later (so the scoring date matters). */
    static Transactions next() {
        return data(2, LocalDate.of(2023, 3, 6));
    }

    @Property(tries = TRIES)
    void everyPipelineSavesReloadsAndPredictsIdenticalBits(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        Segmenter.Builder b = Segmenter.builder().features(extractors(r)).seed(r.nextLong())
                .threads(1 + r.nextInt(2));
        if (r.nextInt(3) == 0) {
            b.eligibility(Eligibility.minActiveMonths(1 + r.nextInt(4)));
        }
        SegmentationModel m;
        try {
            Segmenter probe = b.clusterer(KMeans.builder().k(2)).build();
            List<String> names = new ArrayList<>();
            for (FeatureExtractor e : probe.steps().stream().filter(FeatureExtractor.class::isInstance)
                    .map(FeatureExtractor.class::cast).toList()) {
                names.addAll(e.featureNames());
            }
            if (r.nextInt(3) == 0) {
                FeatureExtractor first = (FeatureExtractor) probe.steps().stream()
                        .filter(FeatureExtractor.class::isInstance).findFirst().orElseThrow();
                FeatureTable t = first.extract(train, FitContext.seeded(1));
                int c = r.nextInt(t.cols());
                double[] col = t.column(c);
                Arrays.sort(col);
                b.filter(FeatureFilter.atLeast(t.featureName(c), col[col.length / 3]));
            }
            if (names.size() > 1 && r.nextInt(4) == 0) {
                List<String> kept = new ArrayList<>(names);
                java.util.Collections.shuffle(kept, r);
                names = new ArrayList<>(kept.subList(0, 1 + r.nextInt(kept.size() - 1)));
                b.select(names);
            }
            b.scaling(scaler(r, names));
            if (r.nextInt(3) == 0) {
                b.embedding(Pca.components(1 + r.nextInt(Math.min(3, names.size()))));
            }
            b.clusterer(r.nextBoolean() ? KMeans.builder().k(2 + r.nextInt(3)).nInit(1 + r.nextInt(3))
                    : Hdbscan.builder().minClusterSize(4 + r.nextInt(8)));
            m = b.build().fit(train);
        } catch (IllegalArgumentException e) {
            // data the random pipeline cannot segment (e.g. fewer distinct rows than k): refused with a message
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            REFUSED.incrementAndGet();
            return;
        }
        int id = FITTED.incrementAndGet();
        Path file = dir.resolve(id + ".model.json");
        SegmentationModels.write(m, file);
        Transactions next = next();
        String expected = describe(m.predict(next)) + describe(m.predict(train));
        Files.writeString(dir.resolve(id + ".expected"), expected);
        SegmentationModel back = SegmentationModels.read(file);
        assertEquals(expected, describe(back.predict(next)) + describe(back.predict(train)), m.steps().toString());
        assertEquals(Arrays.toString(m.labels()), Arrays.toString(back.labels()));
    }

    @AfterContainer
    static void aFreshJvmPredictsTheSameBits() throws Exception {
        assertTrue(FITTED.get() >= TRIES * 3 / 4, FITTED + " of " + TRIES + " random pipelines fitted, " + REFUSED
                + " refused");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", cp, Child.class.getName(), dir.toString(), Integer.toString(FITTED.get()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertEquals(0, done ? p.exitValue() : -1, () -> "child failed: " + read(dir.resolve("child.log")));
        for (int i = 1; i <= FITTED.get(); i++) {
            assertEquals(Files.readString(dir.resolve(i + ".expected")), Files.readString(dir.resolve(i + ".actual")),
                    "model " + i);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Labels, strength bits and every exclusion, as text. */
    static String describe(SegmentAssignments a) {
        StringBuilder s = new StringBuilder();
        s.append(a.entityIds()).append('\n').append(Arrays.toString(a.labels())).append('\n');
        a.strengths().ifPresent(st -> {
            for (double v : st) {
                s.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
            }
        });
        s.append('\n').append(a.notEligible()).append(a.notDescribed()).append(a.filtered()).append('\n');
        return s.toString();
    }

    private static FeatureExtractor[] extractors(Random r) {
        List<FeatureExtractor> all = new ArrayList<>();
        Rfm.Builder rfm = Rfm.builder().returnsPolicy(ReturnsPolicy.values()[r.nextInt(ReturnsPolicy.values().length)]);
        switch (r.nextInt(4)) {
            case 0:
                rfm.cancelledOrderPrefix("O00001");
                break;
            case 1:
                rfm.cancelledOrderPattern("O0+1[0-9]");
                break;
            case 2:
                rfm.cancelledOrderIds(List.of("O000001", "O000007"));
                break;
            default:
                break;
        }
        if (r.nextBoolean()) {
            rfm.asOf(LocalDate.of(2023, 3, 1)); // fixed at fit time; scoring uses the new data's date
        }
        all.add(rfm.build());
        Period[] periods = {Period.WEEK, Period.MONTH};
        PanelSpec spec = PanelSpec.of(periods[r.nextInt(2)])
                .withMeasure(PanelSpec.Measure.values()[r.nextInt(2)])
                .withSpan(PanelSpec.Span.values()[r.nextInt(2)])
                .withEmptyCells(PanelSpec.EmptyCells.values()[r.nextInt(2)]);
        all.add(Features.demandStats(spec));
        all.add(Features.trend(spec));
        all.add(Features.seasonality(spec));
        all.add(Features.stlStrengths(spec).withShortSeriesValue(r.nextBoolean() ? 0.0 : 0.5));
        all.add(Features.monthlyProfile(spec.withPeriod(Period.MONTH)));
        all.add(Features.stability(spec));
        all.add(Features.entropy(Entropy.Over.values()[r.nextInt(Entropy.Over.values().length)], spec));
        all.add(Features.growth(spec));
        all.add(Features.demandClass(spec));
        all.add(Features.activity(spec));
        all.add(r.nextBoolean() ? Features.assortment() : Features.distinctItems());
        all.add(Features.categoryFocus());
        List<FeatureExtractor> chosen = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (FeatureExtractor e : all) {
            if (r.nextInt(4) == 0 && e.featureNames().stream().noneMatch(names::contains)) {
                chosen.add(e);
                names.addAll(e.featureNames());
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(all.get(r.nextInt(all.size())));
        }
        return chosen.toArray(new FeatureExtractor[0]);
    }

    private static Scaler scaler(Random r, List<String> names) {
        int kind = r.nextInt(6);
        if (kind >= 4) {
            QuantileScaling q = kind == 4 ? QuantileScaling.uniform() : QuantileScaling.normal();
            return r.nextBoolean() ? q : q.quantiles(1 + r.nextInt(200));
        }
        Scaling s = switch (kind) {
            case 0 -> Scaling.robust();
            case 1 -> Scaling.standard();
            case 2 -> Scaling.robust().withZeroRangeFallback();
            default -> Scaling.none();
        };
        List<String> nonNegative = new ArrayList<>();
        for (String n : List.of("frequency_orders", "tenure_days", "active_periods", "distinct_items")) {
            if (names.contains(n) && r.nextBoolean()) {
                nonNegative.add(n);
            }
        }
        return nonNegative.isEmpty() ? s : s.log1p(nonNegative.toArray(new String[0]));
    }

    /** The fresh JVM: reads every model and writes what it predicts. */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) throws Exception {
            Path d = Path.of(args[0]);
            int n = Integer.parseInt(args[1]);
            Transactions next = next();
            Transactions tr = data(1, LocalDate.of(2022, 1, 3));
            for (int i = 1; i <= n; i++) {
                SegmentationModel m = SegmentationModels.read(d.resolve(i + ".model.json"));
                Files.writeString(d.resolve(i + ".actual"), describe(m.predict(next)) + describe(m.predict(tr)));
            }
        }
    }
}
