package dev.segmentation.examples.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's task (b) and (c) examples through the tool's {@code example} subcommand, on small settings: they exit 0,
 * print their figures beside the baselines, and write the confusion matrix (CSV and PNG), the calibration curve and
 * the per-segment table; task (b) re-reads its classifier-pipeline file and scores identical bits.
 */
class ResponseExamplesTest {
    private record Out(int code, String text) {
    }

    private static Out run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = SegmentationToolTest.run(args).code();
            return new Out(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    private static void outputs(Path dir, String header) throws Exception {
        assertTrue(Files.readString(dir.resolve("confusion.csv")).startsWith(header));
        assertTrue(ImageIO.read(dir.resolve("confusion.png").toFile()).getWidth() > 0);
        assertTrue(ImageIO.read(dir.resolve("calibration.png").toFile()).getWidth() > 0);
        assertTrue(Files.readString(dir.resolve("segments.csv")).contains("\nall,"));
    }

    @Test
    void campaignResponse(@TempDir Path dir) throws Exception {
        Out o = run("example", "CampaignResponse", "--customers", "400", "--weeks", "30", "--folds", "3", "-k", "3",
                "--threads", "1", "-o", dir.toString());
        assertEquals(0, o.code(), o.text());
        assertTrue(o.text().contains("baseline: base rate"), o.text());
        assertTrue(o.text().contains("oracle: true probability"), o.text());
        outputs(dir, "true\\predicted,no_response,response\n");
    }

    @Test
    void repurchaseResponse(@TempDir Path dir) throws Exception {
        Out o = run("example", "RepurchaseResponse", "-i", SegmentationToolTest.DATA.toString(), "--rounds", "30",
                "--folds", "2", "-k", "3", "--threads", "1", "-o", dir.toString());
        assertEquals(0, o.code(), o.text());
        assertTrue(o.text().contains("baseline: recency rule"), o.text());
        assertTrue(o.text().contains("the re-read pipeline scores the raw transactions with identical bits"),
                o.text());
        outputs(dir, "true\\predicted,no_repurchase,repurchase\n");
        assertTrue(Files.size(dir.resolve("repurchase.pipeline.json")) > 1000);
    }

    @Test
    void helpNamesTheExamples() {
        SegmentationToolTest.Run r = SegmentationToolTest.run("example", "RepurchaseResponse", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: repurchase-response"), r.out());
        SegmentationToolTest.Run c = SegmentationToolTest.run("example", "CampaignResponse", "--help");
        assertTrue(c.out().contains("Usage: campaign-response"), c.out());
        SegmentationToolTest.Run h = SegmentationToolTest.run("example", "--help");
        assertTrue(h.out().contains("RepurchaseResponse") && h.out().contains("CampaignResponse"), h.out());
    }
}
