package dev.segmentation.benchmarks.spark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.sql.SparkSession;

/**
 * Task metrics of a local Spark session summed by a {@link SparkListener} (shuffle bytes written and read, executor
 * CPU and run time, spilled bytes), with wall time, process CPU time and the load average around each phase.
 */
final class SparkMeter extends SparkListener {
    final AtomicLong shuffleWrite = new AtomicLong();
    final AtomicLong shuffleRead = new AtomicLong();
    final AtomicLong executorCpuNanos = new AtomicLong();
    final AtomicLong executorRunMillis = new AtomicLong();
    final AtomicLong spilled = new AtomicLong();
    final AtomicLong tasks = new AtomicLong();

    static SparkMeter attach(SparkSession spark) {
        SparkMeter m = new SparkMeter();
        spark.sparkContext().addSparkListener(m);
        return m;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskMetrics t = end.taskMetrics();
        if (t == null) {
            return;
        }
        shuffleWrite.addAndGet(t.shuffleWriteMetrics().bytesWritten());
        shuffleRead.addAndGet(t.shuffleReadMetrics().remoteBytesRead() + t.shuffleReadMetrics().localBytesRead());
        executorCpuNanos.addAndGet(t.executorCpuTime());
        executorRunMillis.addAndGet(t.executorRunTime());
        spilled.addAndGet(t.diskBytesSpilled());
        tasks.incrementAndGet();
    }

    /** A phase: snapshot at start, {@link Phase#end} at the end. */
    Phase start(String name) {
        return new Phase(name);
    }

    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    final class Phase {
        final String name;
        final long t0 = System.nanoTime();
        final double cpu0 = processCpuSeconds();
        final long w0 = shuffleWrite.get();
        final long r0 = shuffleRead.get();
        final long e0 = executorCpuNanos.get();
        final long s0 = spilled.get();
        final String load0 = loadAverage();
        double wall;
        double cpu;
        long write;
        long read;
        double executorCpu;
        long spill;
        String load1;

        Phase(String name) {
            this.name = name;
        }

        Phase end() {
            wall = (System.nanoTime() - t0) / 1e9;
            cpu = processCpuSeconds() - cpu0;
            write = shuffleWrite.get() - w0;
            read = shuffleRead.get() - r0;
            executorCpu = (executorCpuNanos.get() - e0) / 1e9;
            spill = spilled.get() - s0;
            load1 = loadAverage();
            return this;
        }

        String json() {
            return String.format(Locale.ROOT, "{\"phase\": \"%s\", \"wall_s\": %.2f, \"process_cpu_s\": %.2f, "
                    + "\"executor_cpu_s\": %.2f, \"shuffle_write_bytes\": %d, \"shuffle_read_bytes\": %d, "
                    + "\"spill_bytes\": %d, \"load_before\": \"%s\", \"load_after\": \"%s\"}", name, wall, cpu,
                    executorCpu, write, read, spill, load0, load1);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-28s wall %8.2f s  cpu %8.2f s  exec cpu %8.2f s  shuffle w %,14d B"
                    + "  r %,14d B  spill %,d B  load %s -> %s", name, wall, cpu, executorCpu, write, read, spill,
                    load0, load1);
        }
    }
}
