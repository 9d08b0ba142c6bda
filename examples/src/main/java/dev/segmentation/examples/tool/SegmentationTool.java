package dev.segmentation.examples.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.segmentation.io.CsvFormatException;
import dev.segmentation.io.ModelFileException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code segmentation} command ({@code java -jar segmentation.jar}): {@code fit}, {@code score}, {@code report},
 * {@code sweep} and {@code example}. Exit codes: {@value #OK} success, {@value #BAD_INPUT} bad input or usage,
 * {@value #MISSING_FILE} a file not found, {@value #INTERNAL} an internal error. Errors print one line to stderr;
 * {@code --verbose} adds the stack trace.
 */
@Command(name = "segmentation", mixinStandardHelpOptions = true, version = "segmentation 0.1.0-SNAPSHOT",
        description = "Retail segmentation from a pipeline file: fit, score, refresh, report, sweep k, run the "
                + "examples.",
        subcommands = {FitCommand.class, ScoreCommand.class, RefreshCommand.class, ReportCommand.class,
                SweepCommand.class, ExampleCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 bad input or usage, 2 file not found, 3 internal error."})
public final class SegmentationTool implements Callable<Integer> {
    /** Success. */
    public static final int OK = 0;
    /** Bad input (pipeline file, data, options) or usage. */
    public static final int BAD_INPUT = 1;
    /** An input file does not exist. */
    public static final int MISSING_FILE = 2;
    /** An internal error (a bug, or an I/O failure that is not a missing file). */
    public static final int INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (Throwable e) { // an Error (e.g. out of memory, a class missing from the jar) escapes picocli
            System.err.println("segmentation: internal error: " + e
                    + (java.util.Arrays.asList(args).contains("--verbose") ? "" : " (run with --verbose for the stack"
                            + " trace)"));
            if (java.util.Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace();
            }
            code = INTERNAL;
        }
        System.exit(code);
    }

    /** The command line with the tool's exit codes and error handling, ready to {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SegmentationTool());
        cl.getCommandSpec().exitCodeOnInvalidInput(BAD_INPUT);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnInvalidInput(BAD_INPUT);
        }
        cl.setExecutionExceptionHandler(SegmentationTool::handle);
        cl.getSubcommands().get("example").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        return cl;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_INPUT;
    }

    /** The exit code of an exception. */
    static int exitCode(Throwable e) {
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
            return MISSING_FILE;
        }
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return exitCode(u.getCause());
        }
        if (e instanceof PipelineException || e instanceof CsvFormatException || e instanceof ModelFileException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof DateTimeParseException || e instanceof JsonProcessingException
                || e instanceof java.sql.SQLException) {
            return BAD_INPUT;
        }
        return INTERNAL;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.originalArgs().contains("--verbose");
        PrintWriter err = cl.getErr();
        int code = exitCode(e);
        String message = message(e);
        String prefix = cl.getCommandSpec().qualifiedName() + ": ";
        switch (code) {
            case MISSING_FILE -> err.println(prefix + "file not found: " + message);
            case BAD_INPUT -> err.println(prefix + "error: " + message);
            default -> err.println(prefix + "internal error: " + e.getClass().getSimpleName() + ": " + message
                    + (verbose ? "" : " (run with --verbose for the stack trace)"));
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String message(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + (n.getReason() != null ? " (" + n.getReason() + ")" : "");
        }
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return message(e.getCause());
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
