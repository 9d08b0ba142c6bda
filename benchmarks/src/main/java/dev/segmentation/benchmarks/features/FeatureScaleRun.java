package dev.segmentation.benchmarks.features;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Entropy;
import dev.segmentation.features.Features;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.Period;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.sim.RetailSimulator;
import dev.segmentation.sim.Simulation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The issue's scale run (a main program, not a JMH benchmark): simulate about 50 million transactions of 1 million
 * entities, then extract RFM, monthly demand stats, calendar-month entropy and monthly activity from them.
 * Reports, per step: wall time, transactions per second, peak heap (sum of the heap pools' peak usage since the
 * step began) and the CPU time of every thread that worked (the machine may be shared: the CPU figures show how
 * much of the cores the run actually got); and the bytes per transaction of the columnar store (retained heap
 * after a full GC, against the baseline before the simulation).
 *
 * <p>Usage: {@code java -Xmx8g -cp benchmarks/target/benchmarks.jar
 * dev.segmentation.benchmarks.features.FeatureScaleRun [entities [transactions [threads [repeats]]]]}, defaults
 * 1000000, 50000000, 2, 3. Each extractor runs {@code repeats} times; the first (cold) and the best run are shown,
 * and "overall" is the transactions divided by the sum of the best times of the four extractors.
 */
public final class FeatureScaleRun {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FeatureScaleRun() {
    }

    public static void main(String[] args) {
        int entities = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long target = args.length > 1 ? Long.parseLong(args[1]) : 50_000_000L;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        print("JVM %s, max heap %.1f GB, %d processors visible, %d worker threads", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1e9, Runtime.getRuntime().availableProcessors(), threads);

        // pilot: rows per entity at a small activity scale, to hit the target row count
        double pilotScale = 0.1;
        int pilot = 20_000;
        long pilotRows = simulator(pilot, pilotScale).simulate(threads).transactions().size();
        double scale = pilotScale * (target / (double) entities) / (pilotRows / (double) pilot);
        print("pilot: %d entities at activity scale %.3f give %.2f rows per entity; using scale %.4f", pilot,
                pilotScale, pilotRows / (double) pilot, scale);

        long base = usedAfterGc();
        Step sim = Step.start();
        Simulation s = simulator(entities, scale).simulate(threads);
        Transactions t = s.transactions();
        sim.stop();
        long n = t.size();
        print("simulate: %,d transactions, %,d entities, %,d orders, %,d items in %.2f s (%.2f M transactions/s), "
                + "peak heap %.2f GB; %s", n, t.entityCount(), t.orderCount(), t.itemCount(), sim.seconds(),
                n / sim.seconds() / 1e6, sim.peakGb(), sim.cpu());
        s = null;
        long retained = usedAfterGc() - base;
        long layout = 36L * n + 4L * (t.entityCount() + 1);
        print("columnar store: %.1f bytes per transaction retained after GC (%.2f GB; includes entity ids and the "
                + "simulation's truth array); primitive columns alone %.1f bytes per transaction", retained / (double) n,
                retained / 1e9, layout / (double) n);

        FitContext ctx = FitContext.seeded(0).withThreads(threads);
        FeatureExtractor[] extractors = {Rfm.defaults(), Features.demandStats(Period.MONTH),
            Features.entropy(Entropy.Over.CALENDAR_MONTH), Features.activity(Period.MONTH)};
        String[] names = {"RFM", "demand stats (month)", "entropy (calendar month)", "activity (month)"};
        double total = 0;
        for (int x = 0; x < extractors.length; x++) {
            double best = Double.POSITIVE_INFINITY;
            for (int rep = 0; rep < repeats; rep++) {
                usedAfterGc();
                Step step = Step.start();
                FeatureTable f = extractors[x].extract(t, ctx);
                step.stop();
                if (f.rows() != t.entityCount()) {
                    throw new IllegalStateException(names[x] + " returned " + f.rows() + " rows");
                }
                best = Math.min(best, step.seconds());
                print("%-26s run %d: %.2f s, %.1f M transactions/s, peak heap %.2f GB; %s", names[x], rep + 1,
                        step.seconds(), n / step.seconds() / 1e6, step.peakGb(), step.cpu());
            }
            total += best;
        }
        print("overall (sum of best times of the four extractors): %.2f s, %.1f M transactions/s", total,
                n / total / 1e6);
    }

    private static RetailSimulator simulator(int entities, double scale) {
        return RetailSimulator.builder().seed(42).entities(entities).weeks(104).activityScale(scale).build();
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Wall time, heap peak and per-thread CPU time of one step. */
    private static final class Step {
        private final long start = System.nanoTime();
        private final Map<Long, Long> cpuBefore = cpuByThread();
        private long nanos;
        private long peak;
        private Map<Long, Long> cpuAfter;

        static Step start() {
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    p.resetPeakUsage();
                }
            }
            return new Step();
        }

        void stop() {
            nanos = System.nanoTime() - start;
            cpuAfter = cpuByThread();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    peak += p.getPeakUsage().getUsed();
                }
            }
        }

        double seconds() {
            return nanos / 1e9;
        }

        double peakGb() {
            return peak / 1e9;
        }

        /** CPU seconds per thread that used at least 10 ms, and their sum against the wall time. */
        String cpu() {
            TreeMap<String, Double> used = new TreeMap<>();
            double sum = 0;
            for (Map.Entry<Long, Long> e : cpuAfter.entrySet()) {
                long delta = e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
                if (delta >= 10_000_000L) {
                    // keyed by id too: the pool's workers can share a name
                    String name = (THREADS.getThreadInfo(e.getKey()) == null ? "thread"
                            : THREADS.getThreadInfo(e.getKey()).getThreadName()) + "#" + e.getKey();
                    used.merge(name, delta / 1e9, Double::sum);
                    sum += delta / 1e9;
                }
            }
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "CPU %.2f s = %.2f cores [", sum,
                    sum / seconds()));
            String sep = "";
            for (Map.Entry<String, Double> e : used.entrySet()) {
                b.append(sep).append(e.getKey()).append(String.format(Locale.ROOT, " %.2f", e.getValue()));
                sep = ", ";
            }
            return b.append(']').toString();
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
