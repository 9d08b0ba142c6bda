package dev.segmentation.benchmarks.io;

import dev.segmentation.data.Transactions;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.io.CsvTransactionReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading the UCI Online Retail CSV (48 MB, 541,909 rows) into {@link Transactions} with
 * {@link CsvPresets#onlineRetail()}, in three parts: {@code gunzip} (inflating the .gz alone), {@code parse}
 * (reading the already inflated bytes: tokenizing, number and timestamp parsing, building the table) and
 * {@code gzipFile} (the whole path a user takes, from gzip bytes in memory).
 *
 * <p>{@code data=real} uses ../shared/data/online_retail_uci/online_retail.csv.gz (or {@code -Dshared.dir}) when it
 * is present and otherwise falls back to generated data; {@code data=generated} always generates a file of the same
 * shape (same columns, about a quarter of the rows without a customer, quoted descriptions) from a fixed seed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class CsvBenchmark {
    private static final String FILE = "data/online_retail_uci/online_retail.csv.gz";

    @Param({"real", "generated"})
    public String data;

    @Param({"541909"})
    public int generatedRows;

    private byte[] gz;
    private byte[] raw;
    private CsvTransactionReader reader;

    @Setup
    public void setup() throws IOException {
        Path real = "real".equals(data) ? locate() : null;
        gz = real != null ? Files.readAllBytes(real) : gzip(generate(generatedRows, 42));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 1 << 16)) {
            raw = in.readAllBytes();
        }
        reader = CsvPresets.onlineRetail().build();
    }

    @Benchmark
    public long gunzip() throws IOException {
        byte[] buf = new byte[1 << 16];
        long n = 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 1 << 16)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                n += r;
            }
        }
        return n;
    }

    @Benchmark
    public Transactions parse() throws IOException {
        return reader.read(new ByteArrayInputStream(raw), "raw");
    }

    @Benchmark
    public Transactions gzipFile() throws IOException {
        return reader.read(new ByteArrayInputStream(gz), "gz");
    }

    private static Path locate() {
        String dir = System.getProperty("shared.dir");
        String[] candidates = dir != null ? new String[] {dir} : new String[] {"../shared", "../../shared", "/work/shared"};
        for (String c : candidates) {
            Path p = Paths.get(c).resolve(FILE);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** A file shaped like Online Retail: same header, invoices of a few lines, 25% guest rows, some quoting. */
    static byte[] generate(int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(rows * 90);
        sb.append("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        int invoice = 536365;
        long minute = 0;
        String customer = "";
        int left = 0;
        for (int r = 0; r < rows; r++) {
            if (left == 0) {
                invoice++;
                left = 1 + rnd.nextInt(40);
                minute += rnd.nextInt(30);
                customer = rnd.nextInt(4) == 0 ? "" : (12346 + rnd.nextInt(6000)) + ".0";
            }
            left--;
            long day = minute / 600;
            int hour = 8 + (int) (minute % 600) / 60;
            sb.append(rnd.nextInt(50) == 0 ? "C" : "").append(invoice).append(',')
                    .append(10000 + rnd.nextInt(4000)).append(rnd.nextInt(5) == 0 ? "A" : "").append(',');
            if (rnd.nextInt(20) == 0) {
                sb.append("\"ITEM, WITH COMMA ").append(rnd.nextInt(100)).append('"');
            } else {
                sb.append("PLAIN ITEM DESCRIPTION ").append(rnd.nextInt(1000));
            }
            sb.append(',').append(1 + rnd.nextInt(24)).append(',')
                    .append(java.time.LocalDate.of(2010, 12, 1).plusDays(day % 370)).append(' ')
                    .append(String.format(Locale.ROOT, "%02d:%02d:00", hour, minute % 60)).append(',')
                    .append(rnd.nextInt(1000) / 100.0).append(',').append(customer).append(",United Kingdom\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length / 5);
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }
}
