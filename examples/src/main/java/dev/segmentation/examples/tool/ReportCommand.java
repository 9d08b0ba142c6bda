package dev.segmentation.examples.tool;

import dev.segmentation.SegmentationModel;
import dev.segmentation.io.HtmlReport;
import dev.segmentation.io.SegmentationModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code report}: the HTML report of a saved model. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes the one-file HTML report of a saved model (profiles, sizes, settings, provenance).",
        footer = {"", "Exit codes: 0 ok, 1 bad input or usage, 2 file not found, 3 internal error."})
final class ReportCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, description = "Model file written by fit.")
    Path modelFile;

    @Option(names = {"-o", "--output"}, description = "HTML file. Default: ${DEFAULT-VALUE}")
    Path output = Path.of("report.html");

    @Option(names = "--title", description = "Report title. Default: ${DEFAULT-VALUE}")
    String title = "Segments";

    @Option(names = "--scatter", split = ",", paramLabel = "X,Y",
            description = "Two features for a scatter chart (needs a model holding its training features).")
    List<String> scatter;

    @Option(names = "--verbose", description = "Print the stack trace of an error.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SegmentationModel model = SegmentationModels.read(ToolFiles.existing(modelFile, "model file"));
        HtmlReport report = HtmlReport.builder(model).title(title);
        if (scatter != null) {
            if (scatter.size() != 2) {
                throw new IllegalArgumentException("--scatter needs two features X,Y but was " + scatter);
            }
            report.scatter(scatter.get(0), scatter.get(1));
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        report.write(output);
        spec.commandLine().getOut().println("Wrote " + output);
        spec.commandLine().getOut().flush();
        return SegmentationTool.OK;
    }
}
