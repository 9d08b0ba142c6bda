package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.CancellationToken;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;
import dev.segmentation.testing.SyntheticRetail;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiniBatchKMeansTest {
    @TempDir
    Path dir;

    /** A source over {@code x} that hands out chunks of pseudo-random sizes (1 to {@code maxChunk} rows). */
    static class RaggedChunks implements RowChunks {
        private final double[] v;
        private final int n;
        private final int d;
        private final int maxChunk;
        private SplittableRandom rng;
        private int pos;
        int passes;

        RaggedChunks(DataMatrix x, int maxChunk) {
            this.v = x.toArray();
            this.n = x.rows();
            this.d = x.cols();
            this.maxChunk = maxChunk;
        }

        @Override
        public int cols() {
            return d;
        }

        @Override
        public long rows() {
            return -1;
        }

        @Override
        public String describe() {
            return "ragged source";
        }

        @Override
        public int next(double[] buffer, int maxRows) {
            int m = Math.min(Math.min(maxRows, 1 + rng.nextInt(maxChunk)), n - pos);
            System.arraycopy(v, pos * d, buffer, 0, m * d);
            pos += m;
            return m;
        }

        @Override
        public void rewind() {
            rng = new SplittableRandom(passes++);
            pos = 0;
        }

        @Override
        public void close() {
        }
    }

    private static DataMatrix blobs(int n) {
        return SyntheticRetail.blobs(n, 3, 4, 11);
    }

    private static void message(String expected, Class<? extends Throwable> type, Executable body) {
        Throwable e = assertThrows(type, () -> body.run());
        assertEquals(expected, e.getMessage());
    }

    @FunctionalInterface
    interface Executable {
        void run() throws Exception;
    }

    @Test
    void stepMatchesScikitLearnsMiniBatchStep() {
        // benchmarks/scripts/minibatch_step_reference.py: scikit-learn 1.2.1's _mini_batch_step, reassignment off
        double[] x = {1.0, 2.0, 1.5, 1.8, 5.0, 8.0, 8.0, 8.0, 1.0, 0.6, 9.0, 11.0, 0.3, -2.0, 7.25, 9.5, 2.0, 2.0,
            6.0, 7.0, 0.1, 0.2, 10.0, 10.0};
        int[][] batches = {{0, 1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11}, {1, 3, 5, 7}};
        double[][] expected = {
            {1.1666666666666665, 1.4666666666666663, 6.5, 8.0, 10.0, 12.0},
            {1.16, 0.8799999999999998, 6.75, 8.5, 9.0, 11.0},
            {0.9833333333333332, 0.7666666666666664, 6.5625, 8.125, 9.5, 10.5},
            {1.057142857142857, 0.9142857142857139, 6.916666666666666, 8.333333333333332, 9.333333333333332,
                10.666666666666666}};
        double[] inertias = {38.85, 18.560277777777777, 6.398499999999999, 6.280034722222223};
        double[][] counts = {{3, 2, 0}, {5, 3, 1}, {6, 4, 2}, {7, 6, 3}};
        double[] cen = {0, 0, 5, 5, 10, 12};
        double[] cnt = new double[3];
        for (int s = 0; s < batches.length; s++) {
            double[] b = new double[batches[s].length * 2];
            for (int r = 0; r < batches[s].length; r++) {
                System.arraycopy(x, batches[s][r] * 2, b, r * 2, 2);
            }
            double[] out = new double[6];
            double inertia = MiniBatchKMeans.step(b, batches[s].length, 2, cen, out, cnt, new double[3],
                    new int[batches[s].length]);
            assertEquals(inertias[s], inertia, 1e-12, "step " + s);
            assertArrayEquals(counts[s], cnt, "step " + s);
            assertArrayEquals(expected[s], out, 1e-12, "step " + s);
            cen = out;
        }
    }

    @Test
    void inertiaWithinOnePercentOfTheFullFitOnBlobs() {
        DataMatrix x = blobs(40_000);
        KMeansModel full = KMeans.builder().k(4).nInit(3).build().fit(x, FitContext.seeded(1));
        KMeansModel mb = MiniBatchKMeans.builder().k(4).build().fit(x, FitContext.seeded(1));
        assertTrue(mb.inertia() <= full.inertia() * 1.01, mb.inertia() + " vs full " + full.inertia());
        assertEquals(x.rows(), mb.labels().length);
        assertArrayEquals(mb.predict(x), mb.labels());
        double sum = 0;
        double[] v = x.toArray();
        double[] c = mb.centres().toArray();
        int[] labels = mb.labels();
        for (int i = 0; i < x.rows(); i++) {
            sum += MiniBatchKMeans.dist(v, i * 3, c, labels[i] * 3, 3);
        }
        assertEquals(sum, mb.inertia(), 0.0);
        assertEquals(List.of(mb.inertia()), List.of(mb.restartInertias()[0]));
    }

    @Test
    void chunkSizesAndSourceKindDoNotChangeTheModel() throws IOException {
        DataMatrix x = blobs(9_999);
        MiniBatchKMeans mb = MiniBatchKMeans.builder().k(5).batchSize(256).shuffleWindow(1000).maxIter(3).build();
        KMeansModel inMemory = mb.fit(x, FitContext.seeded(4));
        KMeansModel ragged = mb.fit(new RaggedChunks(x, 777), FitContext.seeded(4));
        Path f = dir.resolve("x.rows");
        RowFile.write(f, x);
        KMeansModel file;
        try (RowChunks rows = RowChunks.file(f)) {
            file = mb.fit(rows, FitContext.seeded(4));
        }
        KMeansModel threads = mb.fit(RowChunks.of(x), FitContext.seeded(4).withThreads(3));
        for (KMeansModel m : List.of(ragged, file, threads)) {
            assertEquals(inMemory.centres(), m.centres());
            assertEquals(inMemory.inertia(), m.inertia(), 0.0);
            assertEquals(inMemory.iterations(), m.iterations());
            assertEquals(0, m.labels().length);
        }
        KMeansModel other = mb.fit(x, FitContext.seeded(5));
        assertFalse(inMemory.centres().equals(other.centres()), "another seed draws other batches");
    }

    @Test
    void earlyStoppingAndEpochs() {
        DataMatrix x = blobs(20_000);
        KMeansModel early = MiniBatchKMeans.builder().k(4).build().fit(x, FitContext.seeded(2));
        assertTrue(early.converged(), "stopped by max_no_improvement before 100 epochs");
        assertTrue(early.iterations() < 100, "epochs " + early.iterations());
        KMeansModel capped = MiniBatchKMeans.builder().k(4).maxNoImprovement(0).maxIter(2).build()
                .fit(x, FitContext.seeded(2));
        assertFalse(capped.converged());
        assertEquals(2, capped.iterations());
        KMeansModel tol = MiniBatchKMeans.builder().k(4).maxNoImprovement(0).tol(1e-2).maxIter(50).build()
                .fit(x, FitContext.seeded(2));
        assertTrue(tol.converged(), "centre change below tol");
    }

    @Test
    void anEmptyClusterIsReassignedToABatchRow() {
        // two far blobs and k = 3 with a tiny batch: an initial centre may sit between them; reassignment keeps every
        // centre on the data (a centre is a running mean of rows or a row)
        double[] v = new double[2 * 4000];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 4000; i++) {
            v[2 * i] = (i % 2) * 100 + rng.nextGaussian();
            v[2 * i + 1] = rng.nextGaussian();
        }
        DataMatrix x = DataMatrix.wrap(4000, 2, v);
        KMeansModel m = MiniBatchKMeans.builder().k(3).batchSize(16).reassignmentRatio(0.5).build()
                .fit(x, FitContext.seeded(7));
        int[] sizes = new int[3];
        for (int l : m.labels()) {
            sizes[l]++;
        }
        for (int c = 0; c < 3; c++) {
            assertTrue(sizes[c] > 0, "cluster " + c + " is empty: " + java.util.Arrays.toString(sizes));
        }
    }

    @Test
    void runsKeepTheLowestInertiaAndLloydPassesReachAFixedPoint() {
        DataMatrix x = blobs(30_000);
        MiniBatchKMeans one = MiniBatchKMeans.builder().k(6).batchSize(128).build();
        KMeansModel single = one.fit(x, FitContext.seeded(8));
        KMeansModel several = MiniBatchKMeans.builder().k(6).batchSize(128).runs(4).build().fit(x, FitContext.seeded(8));
        double[] r = several.restartInertias();
        assertEquals(4, r.length);
        double min = Double.POSITIVE_INFINITY;
        for (double v : r) {
            min = Math.min(min, v);
        }
        assertEquals(min, several.inertia(), 0.0, "the kept run has the lowest inertia");
        assertEquals(1, single.restartInertias().length);
        // Lloyd until the centre shift is at most 1e-4 of the mean variance: near a fixed point, so plain Lloyd from
        // the refined centres gains little more (measured: 0.2%)
        KMeansModel refined = MiniBatchKMeans.builder().k(6).batchSize(128).lloydPasses(300).build()
                .fit(x, FitContext.seeded(8));
        assertTrue(refined.converged());
        assertTrue(refined.inertia() <= single.inertia(), refined.inertia() + " vs " + single.inertia());
        KMeansModel lloyd = KMeans.builder().initialCentres(refined.centres()).nInit(1).tol(0).maxIter(300).build()
                .fit(x, FitContext.seeded(1));
        assertTrue(lloyd.inertia() <= refined.inertia() && refined.inertia() <= 1.005 * lloyd.inertia(),
                refined.inertia() + " vs Lloyd to convergence " + lloyd.inertia());
    }

    @Test
    void builderRefusesBadSettingsNamingThem() {
        message("k must be >= 1 but was 0", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().k(0));
        message("batchSize must be >= 1 but was 0", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().batchSize(0));
        message("maxIter must be >= 1 but was -3", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().maxIter(-3));
        message("tol must be finite and >= 0 but was NaN", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().tol(Double.NaN));
        message("tol must be finite and >= 0 but was -1.0", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().tol(-1));
        message("maxNoImprovement must be >= 0 (0: off) but was -1", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().maxNoImprovement(-1));
        message("initSize must be >= 1 but was 0", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().initSize(0));
        message("nInit must be >= 1 but was 0", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().nInit(0));
        message("reassignmentRatio must be in [0, 1] but was 1.5", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().reassignmentRatio(1.5));
        message("reassignmentRatio must be in [0, 1] but was NaN", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().reassignmentRatio(Double.NaN));
        message("shuffleWindow must be >= 1 but was 0", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().shuffleWindow(0));
        message("runs must be >= 1 but was 0", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().runs(0));
        message("lloydPasses must be >= 0 but was -1", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().lloydPasses(-1));
        message("initSize = 5 is below k = 8: k-means++ needs at least k sample rows", IllegalStateException.class,
                () -> MiniBatchKMeans.builder().initSize(5).build());
        message("shuffleWindow = 100 is below batchSize = 1024: a batch is cut from one window",
                IllegalStateException.class, () -> MiniBatchKMeans.builder().shuffleWindow(100).build());
        MiniBatchKMeans d = MiniBatchKMeans.builder().build();
        assertEquals("MiniBatchKMeans[k=8, batchSize=1024, maxIter=100, tol=0.0, maxNoImprovement=10, initSize=auto, "
                + "nInit=3, reassignmentRatio=0.01, shuffleWindow=65536, runs=1, lloydPasses=0]", d.toString());
    }

    @Test
    void badDataIsRefusedNamingTheSourceRowAndColumn() throws IOException {
        MiniBatchKMeans mb = MiniBatchKMeans.builder().k(3).build();
        message("cannot fit MiniBatchKMeans to an empty matrix (0 x 2)", IllegalArgumentException.class,
                () -> mb.fit(DataMatrix.of(0, 2, new double[0]), FitContext.seeded(1)));
        message("k = 3 exceeds the number of rows (2)", IllegalArgumentException.class,
                () -> mb.fit(DataMatrix.of(2, 1, new double[] {1, 2}), FitContext.seeded(1)));
        message("k = 3 exceeds the number of distinct rows (2) in the initialisation sample of 6 rows "
                + "(raise initSize or lower k)", IllegalArgumentException.class,
                () -> mb.fit(DataMatrix.of(6, 1, new double[] {1, 2, 1, 2, 2, 1}), FitContext.seeded(1)));
        Path f = dir.resolve("nan.rows");
        double[] v = blobs(100).toArray();
        try (RowFile.Writer w = RowFile.writer(f, 3)) {
            w.write(v, 100);
            w.commit();
        }
        // a NaN patched into the file after writing (the writer refuses one)
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f,
                java.nio.file.StandardOpenOption.WRITE)) {
            ByteBuffer nan = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(Double.NaN).flip();
            ch.write(nan, RowFile.HEADER + (57L * 3 + 2) * 8);
        }
        try (RowChunks rows = RowChunks.file(f)) {
            message("row file " + f + " holds the non-finite value NaN at row 57, column 2",
                    IllegalArgumentException.class, () -> mb.fit(rows, FitContext.seeded(1)));
        }
        try (RowChunks rows = RowChunks.file(dir.resolve("empty.rows"))) {
            throw new AssertionError("opened a missing file");
        } catch (java.nio.file.NoSuchFileException expected) {
            // the file does not exist
        }
        Path empty = dir.resolve("zero.rows");
        try (RowFile.Writer w = RowFile.writer(empty, 2)) {
            w.commit();
        }
        try (RowChunks rows = RowChunks.file(empty)) {
            message("cannot fit MiniBatchKMeans to an empty source (row file " + empty + ")",
                    IllegalArgumentException.class, () -> mb.fit(rows, FitContext.seeded(1)));
        }
        double[] huge = new double[30];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = (i % 2 == 0 ? 1 : -1) * 1e300 * (i + 1);
        }
        message("squared distances between rows of the initialisation sample overflow a double: rescale the data "
                + "(e.g. Scaling.standard())", IllegalArgumentException.class,
                () -> mb.fit(DataMatrix.of(30, 1, huge), FitContext.seeded(1)));
        // rows whose distances fit but whose total inertia overflows
        double[] big = new double[30_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (i % 3) * 1e153 + ((i % 7) - 3) * 5e151;
        }
        message("the MiniBatchKMeans inertia (sum of squared distances to the centres) overflows a double (Infinity) "
                + "for k = 3 and 30000 rows: rescale the data (e.g. Scaling.standard())", IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().k(3).initSize(30).build().fit(DataMatrix.of(30_000, 1, big),
                        FitContext.seeded(1)));
    }

    @Test
    void aSourceThatChangesBetweenPassesIsRefused() {
        DataMatrix x = blobs(3000);
        // from the second pass on, every chunk loses its last row (a source re-filtered between passes)
        RowChunks shrinking = new RaggedChunks(x, 500) {
            @Override
            public int next(double[] buffer, int maxRows) {
                int m = super.next(buffer, maxRows);
                return passes > 1 && m > 1 ? m - 1 : m;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MiniBatchKMeans.builder().k(3).build().fit(shrinking, FitContext.seeded(1)));
        assertTrue(e.getMessage().matches("ragged source yielded 3000 rows in the first pass but \\d+ in pass 2: "
                + "a source must yield the same rows on every pass"), e.getMessage());
        // a source that grows
        RowChunks growing = new RaggedChunks(blobs(3000), 500) {
            private int calls;

            @Override
            public int next(double[] buffer, int maxRows) {
                int m = super.next(buffer, maxRows);
                if (m == 0 && passes > 1 && calls++ == 0) {
                    System.arraycopy(new double[3], 0, buffer, 0, 3);
                    return 1;
                }
                if (m == 0) {
                    calls = 0;
                }
                return m;
            }
        };
        IllegalStateException g = assertThrows(IllegalStateException.class,
                () -> MiniBatchKMeans.builder().k(3).shuffleWindow(4096).build().fit(growing, FitContext.seeded(1)));
        assertEquals("ragged source yielded 3000 rows in the first pass but more in pass 2: a source must yield the "
                + "same rows on every pass", g.getMessage());
    }

    @Test
    void rowFileErrorsNameTheFile() throws IOException {
        Path bad = dir.resolve("bad.rows");
        Files.write(bad, "not a row file at all, just text".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        message(bad + " is not a row file: it starts with 'not a ro' instead of 'SEGROWS1'",
                IllegalArgumentException.class, () -> RowChunks.file(bad));
        Path shortFile = dir.resolve("short.rows");
        Files.write(shortFile, new byte[10]);
        message(shortFile + " is not a row file: 10 bytes, shorter than the 32-byte header",
                IllegalArgumentException.class, () -> RowChunks.file(shortFile));
        Path cut = dir.resolve("cut.rows");
        RowFile.write(cut, blobs(10));
        byte[] all = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 8));
        message(cut + ": 10 rows x 3 columns need 272 bytes but the file has 264 (truncated or not a row file)",
                IllegalArgumentException.class, () -> RowChunks.file(cut));
        Path zeroCols = dir.resolve("cols.rows");
        Files.write(zeroCols, RowFile.header(4, 0));
        message(zeroCols + ": the header gives 4 rows and 0 columns (need rows >= 0, columns >= 1)",
                IllegalArgumentException.class, () -> RowChunks.file(zeroCols));
        message("cols must be >= 1 but was 0", IllegalArgumentException.class, () -> RowFile.writer(cut, 0));

        // a NaN is refused and leaves neither the target nor a temporary file
        Path target = dir.resolve("nan.rows");
        try (RowFile.Writer w = RowFile.writer(target, 2)) {
            w.write(new double[] {1, 2, 3, 4}, 2);
            message("row 3, column 1 is NaN: a row file holds finite values only (" + target + ")",
                    IllegalArgumentException.class, () -> w.write(new double[] {5, 6, 7, Double.NaN}, 2));
        }
        assertFalse(Files.exists(target));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
        }

        // reading: chunk arguments and a closed source
        RowChunks rows = RowChunks.file(writeSmall(dir.resolve("small.rows")));
        message("maxRows must be >= 1 but was 0", IllegalArgumentException.class, () -> rows.next(new double[9], 0));
        message("buffer holds 5 values but 2 rows of 3 need 6", IllegalArgumentException.class,
                () -> rows.next(new double[5], 2));
        double[] buf = new double[30];
        assertEquals(4, rows.next(buf, 4));
        assertEquals(1, rows.next(buf, 4));
        assertEquals(0, rows.next(buf, 4));
        rows.rewind();
        assertEquals(5, rows.next(buf, 10));
        rows.close();
        rows.close();
        message("row file " + dir.resolve("small.rows") + " is closed", IllegalStateException.class,
                () -> rows.next(buf, 1));
    }

    private static Path writeSmall(Path p) throws IOException {
        RowFile.write(p, blobs(5));
        return p;
    }

    @Test
    void rowFileRoundTripsEveryBit() throws IOException {
        DataMatrix x = blobs(200_003);
        Path f = dir.resolve("round.rows");
        RowFile.write(f, x);
        assertEquals(RowFile.HEADER + 200_003L * 3 * 8, Files.size(f));
        double[] back = new double[x.rows() * 3];
        try (RowChunks rows = RowChunks.file(f)) {
            assertEquals(200_003, rows.rows());
            assertEquals(3, rows.cols());
            double[] buf = new double[3 * 50_000];
            int pos = 0;
            for (int got; (got = rows.next(buf, 1 + pos % 49_999)) > 0;) {
                System.arraycopy(buf, 0, back, pos * 3, got * 3);
                pos += got;
            }
            assertEquals(x.rows(), pos);
        }
        assertArrayEquals(x.toArray(), back);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(f), 32);
        ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("SEGROWS1", new String(head, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(200_003L, h.getLong(8));
        assertEquals(3, h.getInt(16));
    }

    @Test
    void cancellationStopsTheFit() {
        DataMatrix x = blobs(5000);
        CancellationToken token = new CancellationToken();
        token.cancel();
        assertThrows(FitCancelledException.class,
                () -> MiniBatchKMeans.builder().k(3).build().fit(x, FitContext.seeded(1).withCancellation(token)));
    }

    @Test
    void progressIsReported() {
        List<String> events = new ArrayList<>();
        MiniBatchKMeans.builder().k(3).build().fit(blobs(3000),
                FitContext.seeded(1).withListener((stage, done, total) -> events.add(stage + " " + done + "/" + total)));
        assertEquals("minibatch-kmeans 0/1", events.get(0));
        assertEquals("minibatch-kmeans 1/1", events.get(events.size() - 1));
    }

    @Test
    void aClosedFileCannotBeRewound() throws IOException {
        Path f = dir.resolve("gone.rows");
        RowFile.write(f, blobs(10));
        RowChunks rows = RowChunks.file(f);
        rows.close();
        message("row file " + f + " is closed", IllegalStateException.class, rows::rewind);
    }
}
