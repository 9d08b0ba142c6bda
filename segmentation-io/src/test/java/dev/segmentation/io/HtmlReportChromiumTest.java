package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.EffectSizeNamer;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.evaluation.KSelection;
import dev.segmentation.evaluation.KSelectionResult;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.stability.Alignment;
import dev.segmentation.stability.Migration;
import dev.segmentation.stability.SegmentAlignment;
import dev.segmentation.testing.SyntheticRetail;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the HTML report in headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it) and checks it
 * loads without errors: the process exits 0, the browser logs no console message and no uncaught error, and a
 * checking script (added to a copy of the page only; the report itself has no script) finds every embedded chart
 * decoded. Screenshots of the pages, and each chart as a PNG file, go to {@code target-screens} at the root of the
 * checkout (or {@code -Dscreens.dir}) for a person to look at. Skips, saying why, when no Chromium is installed.
 */
class HtmlReportChromiumTest {
    private static Path chromium;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findChromium() {
        Optional<Path> found = find("chromium", "chromium-browser", "google-chrome");
        if (found.isEmpty()) {
            String why = "no chromium on PATH (install Debian's chromium package, as .ci/run does): the report is"
                    + " not rendered in a browser";
            System.out.println("SKIPPED HtmlReportChromiumTest: " + why);
            Assumptions.abort(why);
        }
        chromium = found.get();
    }

    private static Optional<Path> find(String... names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static Path screens() throws IOException {
        Path dir = Path.of(System.getProperty("screens.dir", "../target-screens"));
        Files.createDirectories(dir);
        return dir;
    }

    /** What the browser printed. */
    private record Run(int exit, String out, String err) {
    }

    private Run chromium(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--disable-gpu",
                "--no-sandbox", "--no-first-run", "--disable-extensions", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + tmp.resolve("profile")));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 180 s: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Console messages and uncaught errors in Chromium's log. */
    private static List<String> consoleProblems(String log) {
        List<String> problems = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.contains(":CONSOLE") || line.contains("Uncaught") || line.contains("Failed to load")
                    || line.contains("Not allowed to load")) {
                problems.add(line);
            }
        }
        return problems;
    }

    private static final String CHECK = "<script>window.addEventListener('load',function(){var bad=[];"
            + "var im=document.images;for(var i=0;i<im.length;i++){if(!im[i].complete||im[i].naturalWidth===0)"
            + "{bad.push(im[i].alt);}}document.body.setAttribute('data-check',bad.length===0?'ok '+im.length:"
            + "'broken '+bad.join('|'));if(bad.length){console.error('broken images: '+bad.join('|'));}});"
            + "</script></body>";

    private void check(String name, String html, int expectedImages) throws Exception {
        Path dir = screens();
        Path page = dir.resolve(name + ".html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        Path harness = tmp.resolve(name + "-check.html");
        Files.writeString(harness, html.replace("</body>", CHECK), StandardCharsets.UTF_8);

        Run dom = chromium("--virtual-time-budget=10000", "--dump-dom", harness.toUri().toString());
        assertEquals(0, dom.exit(), "chromium exit code; stderr: " + dom.err());
        Matcher m = Pattern.compile("data-check=\"([^\"]*)\"").matcher(dom.out());
        assertTrue(m.find(), "the check script ran; dom starts: " + dom.out().substring(0, Math.min(300,
                dom.out().length())));
        assertEquals("ok " + expectedImages, m.group(1), "every chart decoded");
        assertTrue(dom.out().contains("<h1>"), "page body rendered");
        assertEquals(List.of(), consoleProblems(dom.err()), "console messages or load errors");

        Path shot = dir.resolve(name + ".png");
        Files.deleteIfExists(shot);
        Run s = chromium("--hide-scrollbars", "--window-size=1280,7000", "--screenshot=" + shot.toAbsolutePath(),
                page.toUri().toString());
        assertEquals(0, s.exit(), "chromium screenshot exit code; stderr: " + s.err());
        assertEquals(List.of(), consoleProblems(s.err()), "console messages or load errors");
        assertTrue(Files.size(shot) > 10_000, "screenshot written: " + shot);

        // each chart as its own PNG file, named after its heading
        Matcher img = Pattern.compile("<img alt=\"([^\"]*)\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
                .matcher(html);
        while (img.find()) {
            String file = name + "-" + img.group(1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".png";
            Files.write(dir.resolve(file), Base64.getDecoder().decode(img.group(2)));
        }
        System.out.println("Chromium loaded " + page.toAbsolutePath() + " without errors; screenshot " + shot
                .toAbsolutePath());
    }

    @Test
    void refreshReportLoadsWithoutErrors() throws Exception {
        SegmentationModel previous = Segmenter.builder().features(ModelFixtures.rfm())
                .scaling(Scaling.robust().log1p("monetary", "avg_order_value"))
                .clusterer(KMeans.builder().k(4).nInit(2)).namer(EffectSizeNamer.rfm()).seed(1).build()
                .fit(SyntheticRetail.transactions(300, 31));
        SegmentationModel next = Segmenter.builder().features(ModelFixtures.rfm())
                .scaling(Scaling.robust().log1p("monetary", "avg_order_value"))
                .clusterer(KMeans.builder().k(4).nInit(2)).namer(EffectSizeNamer.rfm()).seed(7).build()
                .fit(SyntheticRetail.transactions(300, 32));
        Alignment a = SegmentAlignment.defaults().byEntities(previous.entityIds(), previous.labels(),
                next.entityIds(), next.labels());
        KSelectionResult sweep = KSelection.range(2, 6).run(SyntheticRetail.blobs(200, 2, 3, 1),
                k -> KMeans.builder().k(k).build(), FitContext.seeded(1));
        String html = HtmlReport.builder(next).title("Refresh report (synthetic retail)")
                .scatter("recency_days", "monetary").kSelection(sweep)
                .lossCurve(new double[] {3, 2, 1.5, 1.2}, new double[] {3.5, 2.5, 2, 1.9})
                .migration(Migration.between(previous.entityIds(), previous.labels(), next.entityIds(),
                        a.relabel(next.labels())), previous, a)
                .render();
        check("refresh-report", html, 6);
    }

    @Test
    void thirtyFeatureReportLoadsWithoutErrors() throws Exception {
        String html = HtmlReport.builder(ReportReadabilityTest.thirtyFeatureModel())
                .title("Thirty features").render();
        check("thirty-feature-report", html, 2);
    }
}
