package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.examples.tool.SegmentationTool;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** DailyShopItemForecast end to end through the tool's {@code example} subcommand, on a small generated file. */
class DailyShopItemForecastTest {
    @TempDir
    Path dir;

    /** 3 shops x 2 items x 140 days in the Kaggle layout; item 20 is intermittent; one series too sparse to keep. */
    private Path writeData() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Random r = new Random(7);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("dd.MM.yyyy");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(data.resolve("sales_train.csv.gz")));
                Writer w = new java.io.OutputStreamWriter(gz, StandardCharsets.UTF_8)) {
            w.write("date,date_block_num,shop_id,item_id,item_price,item_cnt_day\n");
            LocalDate d0 = LocalDate.of(2015, 1, 1);
            for (int day = 0; day < 140; day++) {
                LocalDate d = d0.plusDays(day);
                for (int shop = 1; shop <= 3; shop++) {
                    for (int item : new int[] {10, 20}) {
                        boolean sale = item == 10 ? r.nextDouble() < 0.9 : r.nextDouble() < 0.3;
                        if (sale) {
                            int q = 1 + r.nextInt(item == 10 ? 4 + (d.getDayOfWeek().getValue() >= 6 ? 3 : 0) : 2);
                            w.write(d.format(f) + "," + (d.getMonthValue() - 1) + "," + shop + "," + item + ","
                                    + (99.0 + shop) + "," + q + ".0\n");
                        }
                    }
                }
                if (day % 30 == 0) { // shop 4 item 10: 5 sale days, below --min-active-days
                    w.write(d.format(f) + ",0,4,10,100.0,1.0\n");
                }
            }
        }
        Files.writeString(data.resolve("items.csv"), "item_name,item_id,item_category_id\n\"Game, deluxe\",10,3\n"
                + "Film,20,7\n", StandardCharsets.UTF_8);
        return data;
    }

    @Test
    void runsFromTheToolAndWritesMetricsForecastsAndCharts() throws IOException {
        Path data = writeData();
        Path out = dir.resolve("out");
        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        CommandLine cl = SegmentationTool.commandLine();
        cl.setOut(new PrintWriter(so, true));
        cl.setErr(new PrintWriter(se, true));
        int code = cl.execute("example", "DailyShopItemForecast", "--data", data.toString(), "-o", out.toString(),
                "--folds", "2", "--horizon", "7", "--min-active-days", "10", "--segments", "2", "--rounds", "5",
                "--training-origins", "4", "--season", "0", "--threads", "1", "--quiet");
        assertEquals(0, code, se.toString());
        String text = so.toString();
        assertTrue(text.contains("6 of 7 shop x item series with >= 10 sale days (0 items not in items.csv"), text);
        assertTrue(text.contains("Global model WAPE"), text);
        assertTrue(text.contains("Per demand class"), text);
        List<String> metrics = Files.readAllLines(out.resolve("backtest_metrics.csv"));
        for (String method : List.of("naive", "seasonal_naive_7", "moving_average_28", "ses", "croston_fitted",
                "sba_fitted", "gbm")) {
            assertTrue(metrics.stream().anyMatch(l -> l.startsWith("overall,all," + method + ",")), method + " in "
                    + metrics);
        }
        assertTrue(metrics.stream().anyMatch(l -> l.startsWith("demand_class,")), metrics.toString());
        List<String> forecasts = Files.readAllLines(out.resolve("forecasts_last_origin.csv"));
        assertEquals("entity_id,segment,method,origin_date,target_date,step,forecast,q10,q50,q90", forecasts.get(0));
        assertEquals(1 + 6 * 7, forecasts.size());
        assertTrue(Files.size(out.resolve("forecasts_last_origin.json")) > 0);
        assertTrue(Files.size(out.resolve("actuals_vs_forecast.png")) > 0);
        assertTrue(Files.size(out.resolve("wape_by_segment.png")) > 0);
    }

    @Test
    void missingDataIsReportedWithExitCode2() {
        StringWriter se = new StringWriter();
        CommandLine cl = SegmentationTool.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(se, true));
        int code = cl.execute("example", "DailyShopItemForecast", "--data", dir.resolve("none").toString());
        assertEquals(2, code);
        assertTrue(se.toString().contains("Predict Future Sales data not found in"), se.toString());
    }
}
