package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.Entropy;
import dev.segmentation.features.Features;
import dev.segmentation.features.Rfm;
import dev.segmentation.io.ModelFileException;
import dev.segmentation.io.SegmentationModels;
import dev.segmentation.io.StepFiles;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.scaling.FittedScaler;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.RetailSimulator;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifier and the feature pipeline that feeds it in one model file (issue 16, persistence): a segmentation is
 * fitted on simulated transactions, a classifier learns its segments from its raw features, and the pipeline of the
 * segmentation's feature steps plus the classifier is written, read back here and in a fresh JVM, and scores new raw
 * transactions a year later with identical bits.
 */
class ClassifierPipelineTest {
    static final LocalDate SCORED_AT = LocalDate.of(2024, 4, 1);
    private static SegmentationModel segmentation;
    private static ClassifierModel classifier;

    /** Other customers a year later than training. */
    static Transactions next() {
        return RetailSimulator.builder().seed(2).entities(150).weeks(52).items(40).categories(5)
                .start(LocalDate.of(2023, 3, 6)).build().simulate(1).transactions();
    }

    @BeforeAll
    static void fit() {
        Transactions train = RetailSimulator.builder().seed(1).entities(300).weeks(56).items(40).categories(5)
                .start(LocalDate.of(2022, 1, 3)).build().simulate(1).transactions();
        segmentation = Segmenter.builder().features(Features.rfm(), Features.entropy(Entropy.Over.CATEGORY))
                .eligibility(Eligibility.minActiveMonths(2)).scaling(Scaling.robust())
                .clusterer(KMeans.builder().k(3)).seed(5).build().fit(train);
        classifier = Classifier.gradientBoosting().nRounds(40).maxDepth(3).seed(7).build()
                .fit(segmentation.features(), segmentation.labels());
    }

    @Test
    void aFreshJvmScoresRawTransactionsWithIdenticalBits(@TempDir Path dir) throws Exception {
        ClassifierPipeline p = ClassifierPipeline.of(segmentation, classifier);
        for (FittedStep s : p.featureSteps()) {
            assertTrue(s.input() != FittedStep.Input.MATRIX && !(s instanceof FittedScaler), s.stage());
        }
        assertEquals(3, p.featureSteps().size(), "eligibility and two extractors: " + p.featureSteps());
        ClassifierPipeline.Scores here = p.score(next(), SCORED_AT);
        assertTrue(here.entityIds().size() > 50, "scored " + here.entityIds().size());
        // the features the pipeline computes are the segmentation's own features for the same transactions
        FeatureTable viaSegmentation = segmentation.predict(next(), SCORED_AT).features();
        assertEquals(viaSegmentation.entityIds(), here.entityIds());
        assertArrayEquals(classifier.probabilities(viaSegmentation).toArray(), here.probabilities().toArray());

        Path file = dir.resolve("pipeline.json");
        p.write(file);
        ClassifierPipeline back = ClassifierPipeline.read(file);
        assertEquals(p.featureSteps().size(), back.featureSteps().size());
        assertEquals(classifier.state(), back.classifier().state());
        ClassifierPipeline.Scores reread = back.score(next(), SCORED_AT);
        assertEquals(here.entityIds(), reread.entityIds());
        assertArrayEquals(here.probabilities().toArray(), reread.probabilities().toArray());
        assertEquals(here.excluded(), reread.excluded());

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process proc = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                FreshJvmPipeline.class.getName(), dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("fresh.log").toFile()).start();
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "fresh JVM finished");
        assertEquals(0, proc.exitValue(), () -> read(dir.resolve("fresh.log")));
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve("fresh.bin")))) {
            int n = in.readInt();
            assertEquals(here.entityIds().size(), n);
            for (int i = 0; i < n; i++) {
                assertEquals(here.entityIds().get(i), in.readUTF());
            }
            for (double v : here.probabilities().toArray()) {
                assertEquals(Double.doubleToRawLongBits(v), in.readLong());
            }
            assertEquals(here.excluded().size(), in.readInt());
            assertEquals(-1, in.read(), "no more values");
        }
    }

    @Test
    void excludedEntitiesAreListedWithTheirReason() {
        ClassifierPipeline.Scores s = ClassifierPipeline.of(segmentation, classifier).score(next(), SCORED_AT);
        assertEquals(150, s.entityIds().size() + s.excluded().size(), "every entity scored or excluded");
        for (String reason : s.excluded().values()) {
            assertTrue(reason.startsWith("NOT_ELIGIBLE") || reason.startsWith("NOT_DESCRIBED"), reason);
        }
        assertEquals(s.entityIds().size(), s.predicted().length);
    }

    @Test
    void stepsThatDoNotFitAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassifierPipeline.of(List.of(Features.rfm()), Classifier.gradientBoosting().nRounds(5).seed(1)
                        .build().fit(segmentation.features(), segmentation.labels()), 1));
        assertTrue(e.getMessage().startsWith("the classifier reads feature '"), e.getMessage());
        assertTrue(e.getMessage().contains("which no extractor of the pipeline produces"), e.getMessage());
        assertEquals("featureSteps must not be empty: a classifier pipeline starts from transactions",
                assertThrows(IllegalArgumentException.class, () -> ClassifierPipeline.of(List.of(), classifier, 1))
                        .getMessage());
        List<FittedStep> withCluster = new ArrayList<>(segmentation.steps());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> ClassifierPipeline.of(withCluster, classifier, 1));
        assertTrue(m.getMessage().contains("reads the clustering representation"), m.getMessage());
        assertEquals("featureSteps hold no feature extractor: nothing turns transactions into the features the"
                + " classifier reads", assertThrows(IllegalArgumentException.class,
                        () -> ClassifierPipeline.of(List.of(Eligibility.minActiveMonths(2)), classifier, 1))
                        .getMessage());
    }

    @Test
    void otherFilesAreRefused(@TempDir Path dir) throws Exception {
        Path seg = dir.resolve("segmentation.json");
        SegmentationModels.write(segmentation, seg);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ClassifierPipeline.read(seg));
        assertEquals(ModelFileException.Problem.NOT_A_MODEL_FILE, e.problem());
        Path file = dir.resolve("pipeline.json");
        ClassifierPipeline.of(segmentation, classifier).write(file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replace("\"kind\":\"classifier-pipeline\"", "\"kind\":\"classifier-pipelinf\""));
        assertEquals(ModelFileException.Problem.CHECKSUM_MISMATCH,
                assertThrows(ModelFileException.class, () -> ClassifierPipeline.read(file)).problem());
        Path noSeed = dir.resolve("no-seed.json");
        StepFiles.write(noSeed, ClassifierPipeline.KIND, List.of(Features.rfm(), classifier), Map.of());
        assertEquals("model file '" + noSeed + "': provenance seed is missing",
                assertThrows(java.io.IOException.class, () -> ClassifierPipeline.read(noSeed)).getMessage());
        Path noClassifier = dir.resolve("no-classifier.json");
        StepFiles.write(noClassifier, ClassifierPipeline.KIND, List.of(Features.rfm(), Features.rfm()),
                Map.of("seed", "1"));
        ModelFileException last = assertThrows(ModelFileException.class, () -> ClassifierPipeline.read(noClassifier));
        assertEquals(ModelFileException.Problem.INVALID_CONTENT, last.problem());
        assertTrue(last.getMessage().contains("step 1 cannot be restored"), last.getMessage());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
