package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The rolling refresh example on two Online Retail windows and a small simulation. */
class MonthlyRefreshTest {
    @TempDir
    Path dir;

    @Test
    void reportsEveryStrategyPerWindowWithStableIdsAndWritesTablesAndCharts() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = new CommandLine(new MonthlyRefresh()).execute("-i", "data/online_retail.csv.gz", "--windows", "2",
                    "--resamples", "2", "--simulator-entities", "450", "-o", dir.toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("2 windows of 9 months shifted by 1 month(s) fit in the data"), out);
        for (String s : List.of("COLD", "WARM", "WARM_HYSTERESIS", "POLICY", "BOUNDED", "BOUNDED_RESCALED",
                "BOUNDED_CHANGE")) {
            assertTrue(out.contains("2011-01-01..2011-09-30   " + s), s + "\n" + out);
        }
        assertTrue(out.contains("decision: "), out);
        assertTrue(out.contains("changed behaviour,"), out);
        assertTrue(out.contains("precision recall"), out);
        List<String> csv = Files.readAllLines(dir.resolve("rolling.csv"));
        assertEquals(1 + 7, csv.size(), csv.toString());
        // the change-bounded refit holds the model change to its 5% default
        String changeRow = csv.stream().filter(l -> l.contains(",BOUNDED_CHANGE,")).findFirst().orElseThrow();
        assertTrue(Double.parseDouble(changeRow.split(",")[5]) <= 0.05, changeRow);
        assertTrue(csv.get(0).startsWith("window,strategy,action,shared,behaviour_rate,model_rate,own_prediction_model_rate"), csv.get(0));
        assertEquals(1 + 7 * 5, Files.readAllLines(dir.resolve("simulator.csv")).size());
        // the causes of model change: the Lloyd path in the kept and the new scaled space, iteration 0 first; with
        // the saved model's scaler kept, iteration 0 changes nobody
        List<String> causes = Files.readAllLines(dir.resolve("causes.csv"));
        assertEquals("window,space,lloyd_iteration,model_rate,inertia_ratio", causes.get(0));
        assertTrue(causes.get(1).startsWith("2011-01-01..2011-09-30,kept,0,0.0,"), causes.get(1));
        assertTrue(causes.stream().anyMatch(l -> l.startsWith("2011-01-01..2011-09-30,rescaled,0,")),
                causes.toString());
        assertTrue(out.contains("Causes of model change"), out);
        assertTrue(out.contains("New structure: the cold refit's clusters against the BOUNDED chain's"), out);
        // warm-started against cold Gaussian mixtures, one row per window after the first
        List<String> gmm = Files.readAllLines(dir.resolve("gmm.csv"));
        assertEquals("window,cold_mean_loglik,warm_mean_loglik,warm_minus_cold,warm_model_rate,shared", gmm.get(0));
        assertEquals(2, gmm.size(), gmm.toString());
        for (String png : List.of("rates.png", "simulator-rates.png")) {
            byte[] b = Files.readAllBytes(dir.resolve(png));
            assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png);
        }
        // the saved models carry their refresh baseline
        assertTrue(Files.readString(dir.resolve("saved.model.json")).contains("refresh-baseline"));
    }
}
