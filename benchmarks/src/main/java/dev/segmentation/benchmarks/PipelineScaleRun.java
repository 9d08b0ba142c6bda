package dev.segmentation.benchmarks;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.Transactions;
import dev.segmentation.embedding.Pca;
import dev.segmentation.features.Entropy;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.Features;
import dev.segmentation.features.Period;
import dev.segmentation.fit.ProgressListener;
import dev.segmentation.quality.ExternalIndices;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.sim.RetailSimulator;
import dev.segmentation.sim.Simulation;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end scale run (a main program, not a JMH benchmark): the retail simulator's 1,000,000
 * customers and about 50,000,000 transactions, then
 * <ol>
 *   <li>the K-Means pipeline through {@link Segmenter}: features (RFM, monthly demand statistics, calendar-month
 *       entropy, monthly activity), robust scaling, K-Means k = 8, profiles;</li>
 *   <li>HDBSCAN* on a 5-dimensional PCA embedding of the same customers: a second {@link Segmenter} with
 *       {@code .embedding(Pca.components(5))} fitted on the first model's raw feature table (so the extraction is
 *       not repeated), robust scaling, PCA, HDBSCAN* with minClusterSize 500 and minSamples 20.</li>
 * </ol>
 *
 * <p><b>Stages.</b> The Segmenter runs its stages in one call; a {@link ProgressListener} cuts the run into
 * stages at the progress events the library emits (extraction start and end, scaling start and end, the K-Means
 * restarts, the HDBSCAN core distances, MST rounds and condensed tree), so every stage gets its own figures:
 * wall time, CPU time summed over all threads that ran (the machine is shared: CPU shows how much of the cores
 * the run actually got), process CPU (which adds GC and JIT), GC count and time, and peak heap (the heap pools'
 * peak usages are reset when a stage opens and summed when it closes: an upper bound, since pools may peak at
 * different moments). The same listener renders a progress line on standard error.
 *
 * <p><b>Why minClusterSize 500, minSamples 20.</b> With a million customers a segment worth acting on holds
 * thousands of them; 500 (0.05 % of the customers) keeps small but real groups while stopping the condensed
 * tree from splitting into thousands of micro-clusters. minSamples defaults to minClusterSize, which would make
 * every core distance a 501-nearest-neighbour query (about 25 times the k-NN work of 20) and smooth the density
 * estimate over hundreds of points; 20 keeps the density local and the query cheap.
 *
 * <p>Usage: {@code java -Xmx8g -cp benchmarks/target/benchmarks.jar dev.segmentation.benchmarks.PipelineScaleRun
 * [out.json|- [entities [transactions [threads [skipHdbscan]]]]]}; defaults
 * {@code benchmarks/results/pipeline-scale-<date>.json}, 1000000, 50000000, 2, false.
 */
public final class PipelineScaleRun {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int MIN_CLUSTER_SIZE = 500;
    private static final int MIN_SAMPLES = 20;

    private PipelineScaleRun() {
    }

    public static void main(String[] args) throws IOException {
        String out = args.length > 0 ? args[0]
                : "benchmarks/results/pipeline-scale-" + LocalDate.now() + ".json";
        int entities = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        long target = args.length > 2 ? Long.parseLong(args[2]) : 50_000_000L;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        boolean skipHdbscan = args.length > 4 && Boolean.parseBoolean(args[4]);
        THREADS.setThreadCpuTimeEnabled(true);
        double loadBefore = loadAverage();
        long baseline = usedAfterGc();
        print("JVM %s, max heap %.1f GB, %d processors visible, %d worker threads", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1e9, Runtime.getRuntime().availableProcessors(), threads);

        Meter meter = new Meter(System.err);
        meter.startTicker();

        // pilot: rows per entity at a small activity scale, to hit the target row count
        meter.open("pilot");
        double pilotScale = 0.1;
        int pilot = 20_000;
        long pilotRows = simulator(pilot, pilotScale).simulate(threads).transactions().size();
        double scale = pilotScale * (target / (double) entities) / (pilotRows / (double) pilot);
        meter.closeAll();

        meter.open("simulate");
        Simulation sim = simulator(entities, scale).simulate(threads);
        Transactions tx = sim.transactions();
        meter.closeAll();
        Stage simStage = meter.last();
        int[] truth = sim.labels();
        sim = null;
        long retainedTx = usedAfterGc();
        print("simulated %,d transactions, %,d entities, %,d orders (activity scale %.4f) in %.2f s", tx.size(),
                tx.entityCount(), tx.orderCount(), scale, simStage.wall());
        print("columnar store: %.2f bytes per transaction in the row columns (%s), %.2f bytes per transaction "
                + "retained after GC (entity ids, dictionaries and the truth labels included)",
                tx.storageBytes() / (double) tx.size(), tx.storageLayout(),
                (retainedTx - baseline) / (double) tx.size());

        FeatureExtractor[] features = {Features.rfm(), Features.demandStats(Period.MONTH),
            Features.entropy(Entropy.Over.CALENDAR_MONTH), Features.activity(Period.MONTH)};

        // 1. K-Means pipeline from transactions
        meter.clear();
        Map<String, String> kmGaps = new HashMap<>();
        kmGaps.put("extract", "checks");
        kmGaps.put("scale", "kmeans (incl. canonical row sort)");
        kmGaps.put("kmeans", "labels and profiles");
        meter.gaps(kmGaps);
        meter.labels(Map.of("kmeans", "kmeans (incl. canonical row sort)"));
        Segmenter kmSegmenter = Segmenter.builder()
                .features(features)
                .scaling(Scaling.robust())
                .clusterer(KMeans.builder().k(8))
                .seed(42)
                .threads(threads)
                .listener(meter)
                .build();
        meter.open("setup");
        SegmentationModel km = kmSegmenter.fit(tx);
        meter.closeAll();
        List<Stage> kmStages = meter.stages();
        Stage kmTotal = Stage.sum("K-Means pipeline total", kmStages);
        KMeansModel kmm = (KMeansModel) km.clusterModel();
        double kmAri = ari(tx, km, truth);
        print("K-Means pipeline: %,d entities x %d features, k = %d, inertia %.6g, %d iterations (kept restart), "
                + "ARI vs simulated archetypes %.4f", km.features().rows(), km.features().cols(), kmm.clusterCount(),
                kmm.inertia(), kmm.iterations(), kmAri);
        print("  stage millis reported by the Segmenter: %s", km.diagnostics().stageMillis());
        long retainedKm = usedAfterGc();
        print("retained heap after full GC: %.2f GB with the transactions, %.2f GB with the K-Means model too",
                retainedTx / 1e9, retainedKm / 1e9);

        // 2. HDBSCAN on a 5-d PCA embedding of the same customers' features
        List<Stage> hdStages = List.of();
        Stage hdTotal = null;
        HdbscanModel hdm = null;
        double hdAri = Double.NaN;
        int noise = 0;
        long retainedHd = -1;
        if (!skipHdbscan) {
            meter.clear();
            Map<String, String> hdGaps = new HashMap<>();
            hdGaps.put("scale", "pca + hdbscan canonical sort and KD-tree");
            hdGaps.put("hdbscan/core-distances", "hdbscan/mst");
            hdGaps.put("hdbscan/mst", "hdbscan/condensed-tree");
            hdGaps.put("hdbscan/condensed-tree", "hdbscan/selection and profiles");
            meter.gaps(hdGaps);
            meter.labels(Map.of());
            Segmenter hdSegmenter = Segmenter.builder()
                    .scaling(Scaling.robust())
                    .embedding(Pca.components(5))
                    .clusterer(Hdbscan.builder().minClusterSize(MIN_CLUSTER_SIZE).minSamples(MIN_SAMPLES))
                    .seed(42)
                    .threads(threads)
                    .listener(meter)
                    .build();
            meter.open("setup");
            SegmentationModel hd = hdSegmenter.fit(km.features());
            meter.closeAll();
            hdStages = meter.stages();
            hdTotal = Stage.sum("HDBSCAN pipeline total (from features)", hdStages);
            hdm = (HdbscanModel) hd.clusterModel();
            for (int l : hdm.labels()) {
                if (l < 0) {
                    noise++;
                }
            }
            hdAri = ari(tx, hd, truth);
            print("HDBSCAN pipeline: %d clusters, %,d noise points (%.1f %%), ARI vs simulated archetypes %.4f",
                    hdm.clusterCount(), noise, 100.0 * noise / hdm.labels().length, hdAri);
            print("  stage millis reported by the Segmenter: %s", hd.diagnostics().stageMillis());
            retainedHd = usedAfterGc();
            print("retained heap after full GC with the HDBSCAN model too: %.2f GB", retainedHd / 1e9);
        }
        meter.stopTicker();

        List<String> table = new ArrayList<>();
        table.add(simStage.row("simulate (data generation, not part of the pipeline)"));
        for (Stage s : kmStages) {
            table.add(s.row("K-Means pipeline: " + s.name));
        }
        table.add(kmTotal.row(kmTotal.name));
        for (Stage s : hdStages) {
            table.add(s.row("HDBSCAN pipeline: " + s.name));
        }
        if (hdTotal != null) {
            table.add(hdTotal.row(hdTotal.name));
        }
        System.out.println();
        System.out.println("| stage | wall s | CPU s (threads) | CPU s (process) | GC s | peak heap GB |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        table.forEach(System.out::println);
        print("K-Means pipeline end to end: %.2f s wall (target 300 s at 10M), peak heap %.2f GB (target 16 GB)",
                kmTotal.wall(), kmTotal.peakGb());
        double loadAfter = loadAverage();
        long n = km.features().rows();
        int d = km.features().cols();

        if (!out.equals("-")) {
            StringBuilder json = new StringBuilder();
            json.append(String.format(Locale.ROOT, "{%n  \"benchmark\": \"PipelineScaleRun: %,d-customer pipeline end "
                    + "to end\",%n", tx.entityCount()));
            json.append(String.format(Locale.ROOT, "  \"date\": \"%s\",%n  \"jdk\": \"%s\",%n  \"max_heap_gb\": %.2f,%n"
                    + "  \"threads\": %d,%n  \"machine\": \"%d logical cores shared with other builds and runs: wall "
                    + "times are noisy, CPU times are steadier; peak heap is the sum of the heap pools' peaks per "
                    + "stage since it began, garbage included (an upper bound that also reflects how far G1 lets the heap "
                    + "grow before collecting); retained heap is measured after full GCs outside the timed stages\",%n", LocalDate.now(), System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() / 1e9, threads, Runtime.getRuntime().availableProcessors()));
            json.append(String.format(Locale.ROOT, "  \"data\": {\"simulator\": \"RetailSimulator seed 42, 104 weeks, "
                    + "activity scale %.4f\", \"entities\": %d, \"transactions\": %d, \"orders\": %d},%n", scale,
                    tx.entityCount(), tx.size(), tx.orderCount()));
            json.append(String.format(Locale.ROOT, "  \"load_average_1min\": {\"before\": %.2f, \"after\": %.2f},%n",
                    loadBefore, loadAfter));
            json.append(String.format(Locale.ROOT, "  \"store\": {\"bytes_per_transaction_row_columns\": %.3f, "
                    + "\"bytes_per_transaction_retained\": %.3f, \"row_columns_gb\": %.3f, \"retained_gb\": %.3f, "
                    + "\"layout\": \"%s\"},%n", tx.storageBytes() / (double) tx.size(),
                    (retainedTx - baseline) / (double) tx.size(), tx.storageBytes() / 1e9,
                    (retainedTx - baseline) / 1e9, tx.storageLayout()));
            json.append(String.format(Locale.ROOT, "  \"memory_breakdown_gb\": {\"note\": \"retained figures are "
                    + "heap in use after full GCs outside the timed stages; dense matrices are entities x features x "
                    + "8 bytes; stage peaks (kmeans_pipeline.stages) are upper bounds that include garbage\", "
                    + "\"jvm_baseline\": %.3f, \"transactions_store_retained\": %.3f, "
                    + "\"feature_matrix_dense\": %.3f, \"scaled_copy_dense\": %.3f, \"labels\": %.3f, "
                    + "\"model_retained\": %.3f, \"peak_features\": %.3f, \"peak_scale\": %.3f, "
                    + "\"peak_kmeans\": %.3f},%n", baseline / 1e9, (retainedTx - baseline) / 1e9, n * d * 8 / 1e9,
                    n * d * 8 / 1e9, n * 4 / 1e9, (retainedKm - retainedTx) / 1e9, peakOf(kmStages, "features"),
                    peakOf(kmStages, "scale"), peakOf(kmStages, "kmeans")));
            json.append(String.format(Locale.ROOT, "  \"retained_heap_gb_after_full_gc\": {\"transactions\": %.3f, "
                    + "\"plus_kmeans_model\": %.3f, \"plus_hdbscan_model\": %s},%n", retainedTx / 1e9,
                    retainedKm / 1e9, retainedHd < 0 ? "null" : String.format(Locale.ROOT, "%.3f", retainedHd / 1e9)));
            json.append("  \"features\": [");
            for (int i = 0; i < km.features().cols(); i++) {
                json.append(i == 0 ? "\"" : ", \"").append(km.features().featureName(i)).append('"');
            }
            json.append("],\n");
            json.append("  \"simulate\": ").append(simStage.json()).append(",\n");
            json.append("  \"kmeans_pipeline\": {\n    \"settings\": \"robust scaling, KMeans k=8 (nInit 10, maxIter "
                    + "300, tol 1e-4), seed 42\",\n");
            json.append(String.format(Locale.ROOT, "    \"inertia\": %.6g, \"iterations\": %d, \"ari_vs_archetypes\": "
                    + "%.4f,%n", kmm.inertia(), kmm.iterations(), kmAri));
            json.append("    \"total\": ").append(kmTotal.json()).append(",\n    \"stages\": [\n");
            appendStages(json, kmStages);
            json.append("    ]\n  }");
            if (hdTotal != null) {
                json.append(",\n  \"hdbscan_pipeline\": {\n");
                json.append(String.format(Locale.ROOT, "    \"settings\": \"fitted on the K-Means model's raw "
                        + "features: robust scaling, PCA 5 components, HDBSCAN minClusterSize %d minSamples %d, "
                        + "seed 42\",%n", MIN_CLUSTER_SIZE, MIN_SAMPLES));
                json.append(String.format(Locale.ROOT, "    \"clusters\": %d, \"noise\": %d, \"ari_vs_archetypes\": "
                        + "%.4f,%n", hdm.clusterCount(), noise, hdAri));
                json.append("    \"total\": ").append(hdTotal.json()).append(",\n    \"stages\": [\n");
                appendStages(json, hdStages);
                json.append("    ]\n  }");
            }
            json.append("\n}\n");
            Path p = Paths.get(out);
            if (p.toAbsolutePath().getParent() != null) {
                Files.createDirectories(p.toAbsolutePath().getParent());
            }
            Files.write(p, json.toString().getBytes(StandardCharsets.UTF_8));
            print("wrote %s", p);
        }
    }

    /** Largest peak heap (GB) of the stages whose name starts with {@code prefix}. */
    private static double peakOf(List<Stage> stages, String prefix) {
        long peak = 0;
        for (Stage s : stages) {
            if (s.name.startsWith(prefix)) {
                peak = Math.max(peak, s.peakBytes);
            }
        }
        return peak / 1e9;
    }

    /** The system load average over the last minute (-1 where the platform has none). */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void appendStages(StringBuilder json, List<Stage> stages) {
        for (int i = 0; i < stages.size(); i++) {
            json.append("      ").append(stages.get(i).json()).append(i + 1 < stages.size() ? ",\n" : "\n");
        }
    }

    /** ARI between a model's labels and the simulated archetype of each segmented entity. */
    private static double ari(Transactions tx, SegmentationModel m, int[] truth) {
        List<String> ids = m.entityIds();
        int[] labels = m.labels();
        int[] t = new int[ids.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = truth[tx.entityIndex(ids.get(i)).getAsInt()];
        }
        return ExternalIndices.adjustedRandIndex(labels, t);
    }

    private static RetailSimulator simulator(int entities, double scale) {
        return RetailSimulator.builder().seed(42).entities(entities).weeks(104).activityScale(scale).build();
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    /** Heap in use after a few full collections (outside every timed stage). */
    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }

    /** Figures of one closed stage. */
    static final class Stage {
        final String name;
        final long nanos;
        final long threadCpu;
        final long processCpu;
        final long gcCount;
        final long gcMillis;
        final long peakBytes;

        Stage(String name, long nanos, long threadCpu, long processCpu, long gcCount, long gcMillis, long peakBytes) {
            this.name = name;
            this.nanos = nanos;
            this.threadCpu = threadCpu;
            this.processCpu = processCpu;
            this.gcCount = gcCount;
            this.gcMillis = gcMillis;
            this.peakBytes = peakBytes;
        }

        static Stage sum(String name, List<Stage> stages) {
            long n = 0;
            long tc = 0;
            long pc = 0;
            long gc = 0;
            long gm = 0;
            long peak = 0;
            for (Stage s : stages) {
                n += s.nanos;
                tc += s.threadCpu;
                pc += s.processCpu;
                gc += s.gcCount;
                gm += s.gcMillis;
                peak = Math.max(peak, s.peakBytes);
            }
            return new Stage(name, n, tc, pc, gc, gm, peak);
        }

        double wall() {
            return nanos / 1e9;
        }

        double peakGb() {
            return peakBytes / 1e9;
        }

        String row(String label) {
            return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |", label, wall(),
                    threadCpu / 1e9, processCpu / 1e9, gcMillis / 1e3, peakGb());
        }

        String json() {
            return String.format(Locale.ROOT, "{\"stage\": \"%s\", \"wall_s\": %.3f, \"cpu_threads_s\": %.3f, "
                    + "\"cpu_process_s\": %.3f, \"gc_count\": %d, \"gc_s\": %.3f, \"peak_heap_gb\": %.3f}", name,
                    wall(), threadCpu / 1e9, processCpu / 1e9, gcCount, gcMillis / 1e3, peakGb());
        }
    }

    /**
     * Cuts a run into stages at progress events and renders a progress line. A stage opens at an event whose
     * stage (or its display label) differs from the open one; when an event completes its stage
     * ({@code done == total}) the next stage opens under the gap name configured for it (default "after X"), and
     * keeps running until an event names another stage.
     */
    static final class Meter implements ProgressListener {
        private final PrintStream err;
        private final boolean interactive = System.console() != null;
        private final long t0 = System.nanoTime();
        private final List<Stage> stages = new ArrayList<>();
        private Map<String, String> gaps = Map.of();
        private Map<String, String> labels = Map.of();
        private Stage lastClosed;
        // the open stage
        private String name;
        private long start;
        private Map<Long, Long> cpuStart;
        private long processStart;
        private long gcCountStart;
        private long gcMillisStart;
        // progress shown
        private volatile String shownStage = "";
        private volatile long shownDone;
        private volatile long shownTotal;
        private volatile long shownSince = System.nanoTime();
        private long lastPrinted;
        private Thread ticker;

        Meter(PrintStream err) {
            this.err = err;
        }

        /** The stage opened after an event completes stage X (by X): default "after X". */
        void gaps(Map<String, String> gaps) {
            this.gaps = gaps;
        }

        /** Display names of event stages (by event stage name): default the event's own name. */
        void labels(Map<String, String> labels) {
            this.labels = labels;
        }

        @Override
        public synchronized void progress(String stage, long done, long total) {
            String label = labels.getOrDefault(stage, stage);
            if (!label.equals(name)) {
                open(label);
            }
            shownDone = done;
            shownTotal = total;
            render(false);
            if (total > 0 && done >= total) {
                open(gaps.getOrDefault(stage, "after " + stage));
            }
        }

        synchronized void open(String next) {
            close();
            resetPeaks();
            name = next;
            cpuStart = cpuByThread();
            processStart = processCpuNanos();
            long[] gc = gc();
            gcCountStart = gc[0];
            gcMillisStart = gc[1];
            start = System.nanoTime();
            shownStage = next;
            shownDone = 0;
            shownTotal = -1;
            shownSince = start;
            render(true);
        }

        private void close() {
            if (name == null) {
                return;
            }
            long nanos = System.nanoTime() - start;
            long peak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    peak += p.getPeakUsage().getUsed();
                }
            }
            Map<Long, Long> cpuEnd = cpuByThread();
            long cpu = 0;
            for (Map.Entry<Long, Long> e : cpuEnd.entrySet()) {
                cpu += e.getValue() - cpuStart.getOrDefault(e.getKey(), 0L);
            }
            long[] gc = gc();
            Stage s = new Stage(name, nanos, cpu, processCpuNanos() - processStart, gc[0] - gcCountStart,
                    gc[1] - gcMillisStart, peak);
            stages.add(s);
            lastClosed = s;
            name = null;
        }

        synchronized void closeAll() {
            close();
            shownStage = "";
            render(true);
        }

        synchronized Stage last() {
            return lastClosed;
        }

        /** The closed stages since the last {@link #clear()}; stages under 1 ms are dropped. */
        synchronized List<Stage> stages() {
            List<Stage> out = new ArrayList<>();
            for (Stage s : stages) {
                if (s.nanos >= 1_000_000L) {
                    out.add(s);
                }
            }
            return out;
        }

        synchronized void clear() {
            stages.clear();
        }

        void startTicker() {
            ticker = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(1000);
                        synchronized (this) {
                            render(false);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "progress-ticker");
            ticker.setDaemon(true);
            ticker.start();
        }

        void stopTicker() {
            ticker.interrupt();
            if (interactive) {
                err.println();
            }
        }

        /** One progress line: overall time, stage, a bar when the total is known, stage time. */
        private void render(boolean force) {
            long now = System.nanoTime();
            // non-interactive output (a log file): a line per stage change and every 10 s at most
            if (!interactive && !force && now - lastPrinted < 10_000_000_000L) {
                return;
            }
            if (shownStage.isEmpty()) {
                return;
            }
            lastPrinted = now;
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "[%6.1f s] %-34s ", (now - t0) / 1e9, shownStage));
            long total = shownTotal;
            long done = shownDone;
            if (total > 0) {
                int width = 30;
                int filled = (int) Math.min(width, width * done / total);
                b.append('[');
                for (int i = 0; i < width; i++) {
                    b.append(i < filled ? '#' : '-');
                }
                b.append(String.format(Locale.ROOT, "] %,d/%,d ", done, total));
            } else {
                b.append("[working...] ");
            }
            b.append(String.format(Locale.ROOT, "%.1f s", (now - shownSince) / 1e9));
            if (interactive) {
                err.print("\r" + b + "    ");
            } else {
                err.println(b);
            }
            err.flush();
        }

        private static void resetPeaks() {
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    p.resetPeakUsage();
                }
            }
        }

        private static long[] gc() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, g.getCollectionCount());
                millis += Math.max(0, g.getCollectionTime());
            }
            return new long[] {count, millis};
        }

        private static Map<Long, Long> cpuByThread() {
            Map<Long, Long> m = new HashMap<>();
            for (long id : THREADS.getAllThreadIds()) {
                long c = THREADS.getThreadCpuTime(id);
                if (c >= 0) {
                    m.put(id, c);
                }
            }
            return m;
        }
    }
}
