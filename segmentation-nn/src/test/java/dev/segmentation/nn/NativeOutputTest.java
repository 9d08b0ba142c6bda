package dev.segmentation.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What only a fresh JVM shows: loading ND4J and its native libraries (javacpp, libnd4j, OpenBLAS) and fitting
 * writes nothing to the process's standard output or error (native code would bypass {@code System.setOut}), and
 * the thread count given by {@code OMP_NUM_THREADS} reaches ND4J; two fits with the same seed give identical bits
 * also at 2 native threads.
 */
class NativeOutputTest {
    @TempDir
    Path dir;

    private List<String> runFit(String ompThreads) throws IOException, InterruptedException {
        Path result = dir.resolve("result-" + ompThreads + ".txt");
        Path out = dir.resolve("stdout-" + ompThreads + ".txt");
        Path err = dir.resolve("stderr-" + ompThreads + ".txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                QuietFitMain.class.getName(), result.toString());
        pb.environment().put("OMP_NUM_THREADS", ompThreads);
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not finish in 120 s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        assertEquals("", Files.readString(out, StandardCharsets.UTF_8), "standard output");
        assertEquals("", stderr, "standard error");
        return Files.readAllLines(result, StandardCharsets.UTF_8);
    }

    @Test
    void loadingAndFittingPrintNothingAndTheThreadCountReachesNd4j() throws Exception {
        assertEquals(List.of("threads=1", "identical=true"), runFit("1"));
        assertEquals(List.of("threads=2", "identical=true"), runFit("2"));
    }

    @Test
    void theBuildFixesTheNativeThreadCount() {
        String omp = System.getenv("OMP_NUM_THREADS");
        assertEquals("1", omp, "surefire sets OMP_NUM_THREADS (parent pom, environmentVariables)");
        assertEquals(1, Nd4j.getEnvironment().maxThreads());
        assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
    }
}
