package dev.segmentation;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a fitted model came from, recorded at fit time inside the model (and written to its file): the library
 * version, the JVM and operating system, every step's settings in pipeline order, the seed of the fit and of each
 * stage, and the thread counts (including {@code OMP_NUM_THREADS}, which the ND4J autoencoder's bits depend on).
 * The data shape and rejections are in {@link SegmentationDiagnostics}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Provenance {
    private final String libraryVersion;
    private final String jvm;
    private final String os;
    private final Instant fittedAt;
    private final List<String> settings;
    private final Map<String, Long> stageSeeds;
    private final int threads;
    private final String ompNumThreads;

    private Provenance(String libraryVersion, String jvm, String os, Instant fittedAt, List<String> settings,
            Map<String, Long> stageSeeds, int threads, String ompNumThreads) {
        this.libraryVersion = libraryVersion;
        this.jvm = jvm;
        this.os = os;
        this.fittedAt = fittedAt;
        this.settings = List.copyOf(settings);
        this.stageSeeds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stageSeeds));
        this.threads = threads;
        this.ompNumThreads = ompNumThreads;
    }

    /** The provenance of a fit running now in this JVM. */
    static Provenance current(List<String> settings, Map<String, Long> stageSeeds, int threads) {
        String omp = System.getenv("OMP_NUM_THREADS");
        return new Provenance(libraryVersion(), System.getProperty("java.vendor", "?") + " "
                + System.getProperty("java.runtime.version", System.getProperty("java.version", "?")),
                System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?") + " "
                        + System.getProperty("os.arch", "?"),
                Instant.now(), settings, stageSeeds, threads, omp == null ? "" : omp);
    }

    /**
     * A provenance read back from a model file.
     *
     * @throws IllegalArgumentException when threads is below 0 or a seed name is blank
     */
    public static Provenance of(String libraryVersion, String jvm, String os, Instant fittedAt, List<String> settings,
            Map<String, Long> stageSeeds, int threads, String ompNumThreads) {
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(jvm, "jvm");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(fittedAt, "fittedAt");
        Objects.requireNonNull(ompNumThreads, "ompNumThreads");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 but was " + threads);
        }
        for (String k : Objects.requireNonNull(stageSeeds, "stageSeeds").keySet()) {
            if (k.isBlank()) {
                throw new IllegalArgumentException("a stage seed has a blank name");
            }
        }
        return new Provenance(libraryVersion, jvm, os, fittedAt, new ArrayList<>(settings), stageSeeds, threads,
                ompNumThreads);
    }

    /** The provenance of a model whose file predates recorded provenance: every field says so. */
    static Provenance unrecorded() {
        return new Provenance("unknown", "unknown", "unknown", Instant.EPOCH, List.of(), Map.of(), 0, "");
    }

    /** The version of this library, as built (e.g. {@code 0.1.0-SNAPSHOT}); {@code "unknown"} when not recorded. */
    public static String libraryVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("library.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The library version that fitted the model. */
    public String version() {
        return libraryVersion;
    }

    /** JVM vendor and runtime version, e.g. {@code "Debian 17.0.15+6-Debian-1deb12u1"}. */
    public String jvm() {
        return jvm;
    }

    /** Operating system name, version and architecture. */
    public String os() {
        return os;
    }

    /** When the fit finished. */
    public Instant fittedAt() {
        return fittedAt;
    }

    /** Every step's settings ({@code toString}, which lists every option, e.g. nInit, tol and maxIter), in order. */
    public List<String> settings() {
        return settings;
    }

    /** The seed of the whole fit ({@code "fit"}) and of each stage, by stage name, in pipeline order. */
    public Map<String, Long> stageSeeds() {
        return stageSeeds;
    }

    /** The thread count the fit used (results do not depend on it, but for the ND4J autoencoder). */
    public int threads() {
        return threads;
    }

    /** {@code OMP_NUM_THREADS} at fit time, or the empty string when unset. */
    public String ompNumThreads() {
        return ompNumThreads;
    }

    @Override
    public String toString() {
        return "Provenance[library " + libraryVersion + ", " + jvm + ", " + os + ", fitted " + fittedAt + ", threads "
                + threads + (ompNumThreads.isEmpty() ? "" : ", OMP_NUM_THREADS=" + ompNumThreads) + ", seeds "
                + stageSeeds + ", steps " + settings + "]";
    }
}
