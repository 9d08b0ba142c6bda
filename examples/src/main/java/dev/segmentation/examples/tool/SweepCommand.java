package dev.segmentation.examples.tool;

import dev.segmentation.SegmentationModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.Transactions;
import dev.segmentation.evaluation.KScore;
import dev.segmentation.evaluation.KSelection;
import dev.segmentation.evaluation.KSelectionResult;
import dev.segmentation.fit.FitContext;
import dev.segmentation.io.Charts;
import dev.segmentation.io.CsvWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sweep}: K-Means over a range of k on the pipeline's representation; a table and a chart. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline's steps up to the clusterer, then K-Means for every k in a range "
                + "(the pipeline's nInit, maxIter and tol): writes k_selection.csv (inertia, silhouette, "
                + "Calinski-Harabasz, Davies-Bouldin) and k_selection.png, and prints the chosen k."},
        footer = {"", "Exit codes: 0 ok, 1 bad input or usage, 2 file not found, 3 internal error."})
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PIPELINE",
            description = "Pipeline file: JSON, or YAML when named .yaml/.yml.")
    Path pipelineFile;

    @Option(names = {"-i", "--input"}, description = "Input CSV; overrides source.path.")
    Path input;

    @Option(names = {"-o", "--output"}, description = "Output folder; overrides outputs.dir.")
    Path output;

    @Option(names = "--k-min", description = "Smallest k. Default: ${DEFAULT-VALUE}")
    int kMin = 2;

    @Option(names = "--k-max", description = "Largest k. Default: ${DEFAULT-VALUE}")
    int kMax = 10;

    @Option(names = "--criterion", description = "What picks k: ${COMPLETION-CANDIDATES}. Default: "
            + "${DEFAULT-VALUE}")
    KSelection.Criterion criterion = KSelection.Criterion.SILHOUETTE;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print the stack trace of an error.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        KSelection selection = KSelection.range(kMin, kMax).by(criterion);
        Pipeline pipeline = Pipeline.read(pipelineFile);
        KMeans kmeans = pipeline.kmeans() != null ? pipeline.kmeans() : KMeans.builder().build();
        Transactions tx = ToolFiles.read(pipeline.source(), input);
        LogProgress progress = new LogProgress(spec.commandLine().getErr(), quiet);
        // the steps before the clusterer do not depend on it: fit them once with the smallest k
        SegmentationModel model = pipeline.segmenter(progress, kmeans.withK(kMin)).fit(tx);
        KSelectionResult result = sweep(model, selection, kmeans);
        Path dir = output != null ? output : pipeline.outputs().dir();
        Files.createDirectories(dir);
        List<List<?>> rows = new ArrayList<>();
        for (KScore s : result.scores()) {
            rows.add(List.of(s.k(), s.clusterCount(), s.inertia(), s.silhouette(), s.silhouetteStandardError(),
                    s.calinskiHarabasz(), s.daviesBouldin()));
        }
        CsvWriter.defaults().writeTable(dir.resolve("k_selection.csv"), List.of("k", "clusters", "inertia",
                "silhouette", "silhouette_se", "calinski_harabasz", "davies_bouldin"), rows);
        Charts.kSelection(dir.resolve("k_selection.png"), result, 900, 600);
        out.println(result.table());
        out.printf(Locale.ROOT, "elbow: %s, best silhouette: k=%d, best Calinski-Harabasz: k=%d, best "
                + "Davies-Bouldin: k=%d; chosen by %s: k=%d%n", result.elbow().isPresent()
                        ? "k=" + result.elbow().getAsInt() : "none", result.bySilhouette(),
                result.byCalinskiHarabasz(), result.byDaviesBouldin(), Json.lower(criterion), result.chosenK());
        out.printf(Locale.ROOT, "Wrote k_selection.csv and k_selection.png to %s%n", dir);
        out.flush();
        return SegmentationTool.OK;
    }

    /** The sweep on {@code model}'s representation (scaled, then embedded), with the model's cluster stage seed. */
    static KSelectionResult sweep(SegmentationModel model, KSelection selection, KMeans kmeans) {
        DataMatrix x = model.scaler().transform(model.features()).matrix();
        if (model.embedding().isPresent()) {
            x = model.embedding().get().transform(x);
        }
        return selection.run(x, kmeans::withK, FitContext.seeded(model.provenance().stageSeeds().get("cluster")));
    }
}
