package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.Events;
import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Features;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Click events from CSV and SQL (DuckDB, SQLite) into the engagement features' Events table. */
class EventReaderTest {
    @TempDir
    Path dir;

    static final String CSV = """
            user_id,clicked_at,event_type,page
            u1,2024-03-01 10:00:00,view,/home
            u1,2024-03-01 10:05:00,click,/p/1
            u2,2024-03-02 09:00:00,view,/home
            u1,2024-03-03 11:00:00,view,"/p/2,a"
            """;

    static EventReader reader() {
        return EventReader.builder().entity("user_id").timestamp("clicked_at", "yyyy-MM-dd HH:mm:ss")
                .type("event_type").build();
    }

    static void assertSame(Events a, Events b) {
        assertEquals(a.size(), b.size());
        assertEquals(a.entityIds(), b.entityIds());
        for (int r = 0; r < a.size(); r++) {
            assertEquals(a.epochSecond(r), b.epochSecond(r), "row " + r);
            assertEquals(a.type(r), b.type(r), "row " + r);
        }
    }

    @Test
    void csvAndSqlGiveTheSameEventsAndTheEngagementFeatures() throws Exception {
        Path csv = dir.resolve("clicks.csv");
        Files.writeString(csv, CSV);
        EventReader.Result fromCsv = reader().read(csv);
        Events e = fromCsv.events();
        assertEquals(4, e.size());
        assertEquals(java.util.List.of("u1", "u2"), e.entityIds());
        assertEquals(LocalDateTime.of(2024, 3, 1, 10, 0).toEpochSecond(ZoneOffset.UTC), e.epochSecond(0));
        assertEquals(0, fromCsv.rejected().total());

        // DuckDB with a typed TIMESTAMP column, SQLite with text
        try (Connection c = DuckDb.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE clicks AS SELECT * FROM read_csv(" + DuckDb.literal(csv.toString()) + ")");
            assertSame(e, reader().read(c, "SELECT * FROM clicks").events());
        }
        try (Connection c = JdbcConnections.open("jdbc:sqlite:" + dir.resolve("c.db")); Statement s =
                c.createStatement()) {
            s.execute("CREATE TABLE clicks (user_id TEXT, clicked_at TEXT, event_type TEXT)");
            s.execute("INSERT INTO clicks VALUES ('u2', '2024-03-02 09:00:00', 'view'), ('u1', '2024-03-01 "
                    + "10:00:00', 'view'), ('u1', '2024-03-01 10:05:00', 'click'), ('u1', '2024-03-03 11:00:00', "
                    + "'view')");
            assertSame(e, reader().read(c, "SELECT * FROM clicks").events());
        }

        // the events feed the engagement extractor: u1 has 3 events on 2 days and 2 orders
        Transactions tx = Transactions.builder().add("u1", e.epochSecond(0), "o1", 1, 10)
                .add("u1", e.epochSecond(3), "o2", 1, 10).add("u2", e.epochSecond(2), "o3", 1, 5).build();
        var table = Features.engagement(e).extract(tx, dev.segmentation.fit.FitContext.seeded(1));
        assertEquals(1.5, table.get(tx.entityIndex("u1").getAsInt(), 0));
        assertEquals(1.5, table.get(tx.entityIndex("u1").getAsInt(), 1));
    }

    @Test
    void badRowsFailNamingTheRowColumnAndValueOrAreCounted() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "user_id,clicked_at,event_type\nu1,2024-03-01 10:00:00,view\n ,2024-03-01 10:00:00,"
                + "view\nu2,2024-02-30 10:00:00,view\nu3,2024-03-01 10:00:00,\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader().read(csv));
        assertEquals(csv + ": row 3, column user_id: entity id is null or blank, value ' '", e.getMessage());

        EventReader skip = EventReader.builder().entity("user_id").timestamp("clicked_at", "yyyy-MM-dd HH:mm:ss")
                .type("event_type").onInvalidRow(InvalidRowPolicy.SKIP).build();
        EventReader.Result r = skip.read(csv);
        assertEquals(1, r.events().size());
        assertEquals(1, r.rejected().count(RowProblem.BLANK_ENTITY));
        assertEquals(2, r.rejected().count(RowProblem.UNPARSEABLE));
        assertEquals(csv + ": row 4, column clicked_at: cannot parse the value, value '2024-02-30 10:00:00'",
                r.rejected().examples().get(1));

        assertEquals(csv + ": no column 'kind' in the header; columns are [user_id, clicked_at, event_type]",
                assertThrows(IllegalArgumentException.class, () -> EventReader.builder().entity("user_id")
                        .timestamp("clicked_at").type("kind").build().read(csv)).getMessage());
        assertThrows(NoSuchFileException.class, () -> reader().read(dir.resolve("none.csv")));
        assertEquals("required columns are not mapped: [timestamp, type]", assertThrows(
                IllegalStateException.class, () -> EventReader.builder().entity("u").build()).getMessage());
        try (Connection c = DuckDb.open()) {
            assertEquals("the query: row 1, column clicked_at: cannot parse the value, value null",
                    assertThrows(IllegalArgumentException.class, () -> reader().read(c, "SELECT 'u1' AS user_id, "
                            + "CAST(NULL AS TIMESTAMP) AS clicked_at, 'view' AS event_type")).getMessage());
        }
    }
}
