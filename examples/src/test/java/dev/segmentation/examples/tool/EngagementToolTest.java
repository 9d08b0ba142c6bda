package dev.segmentation.examples.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool fits and scores a pipeline with engagement features from a click-event CSV given by {@code --events}. */
class EngagementToolTest {
    @TempDir
    Path dir;

    /** 60 customers with 1..6 orders each in the Online Retail layout. */
    private Path transactions() throws IOException {
        SplittableRandom rnd = new SplittableRandom(3);
        StringBuilder sb = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,"
                + "CustomerID,Country\n");
        int order = 500_000;
        for (int c = 0; c < 60; c++) {
            int orders = 1 + rnd.nextInt(6);
            for (int o = 0; o < orders; o++) {
                order++;
                int day = 1 + rnd.nextInt(28);
                int month = 1 + rnd.nextInt(11);
                sb.append(String.format(Locale.ROOT, "%d,A%d,item,%d,2011-%02d-%02d 10:00:00,%.2f,%d.0,UK%n", order,
                        rnd.nextInt(9), 1 + rnd.nextInt(8), month, day, 1 + rnd.nextInt(2000) / 100.0, 12000 + c));
            }
        }
        return write("tx.csv", sb.toString());
    }

    private Path events(long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("user,at,kind\n");
        for (int c = 0; c < 60; c += 2) {
            int n = 1 + rnd.nextInt(20);
            for (int i = 0; i < n; i++) {
                sb.append(String.format(Locale.ROOT, "%d.0,2011-%02d-%02d 09:00:00,view%n", 12000 + c,
                        1 + rnd.nextInt(11), 1 + rnd.nextInt(28)));
            }
        }
        return write("events.csv", sb.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void fitAndScoreReadTheEventsAndRefuseAModelWithoutThem() throws IOException {
        Path tx = transactions();
        Path ev = events(1);
        Path pipeline = write("pipeline.json", """
                {
                  "source": {"path": "%s", "preset": "onlineRetail"},
                  "features": [{"type": "rfm", "asOf": "2011-12-10"}, {"type": "engagement"}],
                  "scaling": {"method": "standard"},
                  "clusterer": {"kmeans": {"k": 3, "nInit": 2}},
                  "seed": 7,
                  "outputs": {"dir": "%s"}
                }
                """.formatted(tx, dir.resolve("fit")));
        SegmentationToolTest.Run missing = SegmentationToolTest.run("fit", "-q", pipeline.toString());
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("the engagement features read click events: give --events FILE (a CSV "
                + "with the columns of --event-columns, default entity,timestamp,type)"), missing.err());

        SegmentationToolTest.Run fit = SegmentationToolTest.run("fit", "-q", pipeline.toString(), "--events",
                ev.toString(), "--event-columns", "user,at,kind");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("click events of 30 entities"), fit.out());
        String model = dir.resolve("fit/model.json").toString();
        assertTrue(Files.readString(dir.resolve("fit/model.json")).contains("\"engagement\""));

        Path out = dir.resolve("score");
        SegmentationToolTest.Run score = SegmentationToolTest.run("score", "-m", model, "-p",
                dir.resolve("fit/pipeline.json").toString(), "--as-of", "2011-12-10", "--events", ev.toString(),
                "--event-columns", "user,at,kind", "-o", out.toString());
        assertEquals(0, score.code(), score.err());
        // scoring the training data with the training events reproduces the training segments
        List<String> trained = Files.readAllLines(dir.resolve("fit/assignments.csv"));
        List<String> scored = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals(trained.size(), scored.size());
        for (int i = 1; i < trained.size(); i++) {
            String[] t = trained.get(i).split(",");
            String[] s = scored.get(i).split(",");
            assertEquals(t[0], s[0]);
            assertEquals(t[1], s[2], "segment of " + t[0]);
        }
        SegmentationToolTest.Run noEvents = SegmentationToolTest.run("score", "-m", model, "-p",
                dir.resolve("fit/pipeline.json").toString(), "-o", out.toString());
        assertEquals(1, noEvents.code(), noEvents.err());
        assertTrue(noEvents.err().contains("give --events FILE"), noEvents.err());
        SegmentationToolTest.Run badColumns = SegmentationToolTest.run("score", "-m", model, "-p",
                dir.resolve("fit/pipeline.json").toString(), "--events", ev.toString(), "--event-columns", "user,at",
                "-o", out.toString());
        assertTrue(badColumns.err().contains("--event-columns: expected three column names ENTITY,TIMESTAMP,TYPE but "
                + "was \"user,at\""), badColumns.err());
    }
}
