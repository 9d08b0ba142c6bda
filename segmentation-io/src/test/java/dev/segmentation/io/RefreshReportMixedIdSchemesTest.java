package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.EffectSizeNamer;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.stability.Alignment;
import dev.segmentation.stability.Migration;
import dev.segmentation.stability.MigrationReport;
import dev.segmentation.stability.SegmentAlignment;
import dev.segmentation.testing.SyntheticRetail;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Regression test for the refresh report that mixed two ID schemes on one page: the monthly refresh put the refitted
 * model's own segment numbers in the profile table and the migration (in the stable IDs of the alignment to the
 * previous model) in the chart, so "0" was Lapsed in the table and High Value in the chart. Now the page built with
 * {@code migration(report, previous, alignment)} shows stable IDs everywhere, and each ID names one segment.
 */
class RefreshReportMixedIdSchemesTest {

    private static SegmentationModel fit(long seed, int customers, long dataSeed) {
        return Segmenter.builder().features(ModelFixtures.rfm())
                .scaling(Scaling.robust().log1p("monetary", "avg_order_value"))
                .clusterer(KMeans.builder().k(4).nInit(2)).namer(EffectSizeNamer.rfm()).seed(seed).build()
                .fit(SyntheticRetail.transactions(customers, dataSeed));
    }

    @Test
    void oneIdNamesOneSegmentInTheProfileTableTheMigrationTableAndTheCharts() throws Exception {
        SegmentationModel previous = fit(1, 200, 31);
        SegmentationModel next = null;
        Alignment alignment = null;
        // a refit whose own numbers differ from its stable IDs (the case that showed the bug)
        for (long seed = 1; seed < 60 && next == null; seed++) {
            SegmentationModel candidate = fit(seed, 200, 32);
            Alignment a = SegmentAlignment.defaults().byEntities(previous.entityIds(), previous.labels(),
                    candidate.entityIds(), candidate.labels());
            for (SegmentProfile p : candidate.profiles()) {
                if (p.segment() >= 0 && a.stableId(p.segment()) != p.segment()) {
                    next = candidate;
                    alignment = a;
                    break;
                }
            }
        }
        assertTrue(next != null, "some seed gives a refit whose numbering differs from the stable IDs");
        MigrationReport migration = Migration.between(previous.entityIds(), previous.labels(), next.entityIds(),
                alignment.relabel(next.labels()));
        String html = HtmlReport.builder(next).title("refresh").scatter("recency_days", "monetary")
                .migration(migration, previous, alignment).render();

        // the profile table: ID -> name
        Map<Integer, String> table = new HashMap<>();
        Matcher row = Pattern.compile("<tr><td>(-?\\d+)</td><td class=\"l\">([^<]*)</td>").matcher(html);
        while (row.find()) {
            table.put(Integer.parseInt(row.group(1)), row.group(2));
        }
        assertEquals(next.profiles().size(), table.size(), "one profile row per segment");
        for (SegmentProfile p : next.profiles()) {
            assertEquals(p.name(), table.get(alignment.stableId(p.segment())), "profile table under stable ID "
                    + alignment.stableId(p.segment()));
        }
        // the migration table's columns ("ID name", this model's segments) agree with the profile table
        int start = html.indexOf("<table id=\"migration\">");
        assertTrue(start > 0, "migration table present");
        String header = html.substring(start, html.indexOf("</tr>", start));
        Matcher col = Pattern.compile("<th>(-?\\d+) ([^<]*)</th>").matcher(header);
        int columns = 0;
        while (col.find()) {
            int id = Integer.parseInt(col.group(1));
            assertEquals(table.get(id), col.group(2), "migration column " + id + " names the same segment");
            columns++;
        }
        assertEquals(migration.segments().length, columns);
        // its rows are named by the previous model's segments under the same IDs
        Map<Integer, String> previousNames = new HashMap<>();
        for (SegmentProfile p : previous.profiles()) {
            previousNames.put(p.segment(), p.name());
        }
        String body = html.substring(start, html.indexOf("</table>", start));
        for (int id : migration.segments()) {
            if (previousNames.containsKey(id)) {
                assertTrue(body.contains("<tr><th class=\"l\">" + id + " " + previousNames.get(id) + "</th>"),
                        "migration row " + id);
            }
        }
        // the charts are labelled from the same map the table was written from
        HtmlReport report = HtmlReport.builder(next).migration(migration, previous, alignment);
        assertEquals(table, report.namesByShownId());
        assertEquals(List.copyOf(Charts.idLabels(migration.segments(), report.namesByShownId())),
                Charts.idLabels(migration.segments(), table));
    }

    @Test
    void anAlignmentThatMissesASegmentIsRefused() {
        SegmentationModel previous = fit(1, 120, 41);
        SegmentationModel next = fit(2, 120, 41);
        Alignment wrong = SegmentAlignment.defaults().byEntities(previous.entityIds(), previous.labels(),
                previous.entityIds(), new int[previous.labels().length]);
        MigrationReport migration = Migration.between(previous.entityIds(), previous.labels(), next.entityIds(),
                next.labels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HtmlReport.builder(next).migration(migration, previous, wrong));
        assertTrue(e.getMessage().startsWith("label 1 is not a segment of the new labelling"), e.getMessage());
    }
}
