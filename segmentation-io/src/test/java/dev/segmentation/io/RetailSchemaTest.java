package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.Events;
import dev.segmentation.data.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The retail data model on DuckDB (always) and PostgreSQL (when {@code SEGMENTATION_PG_URL} is set, as in
 * {@code .ci/run}): the schema and views are created, a few hand-made rows loaded, and the views must give exactly
 * the transactions and events worked out by hand.
 */
class RetailSchemaTest {
    /** Hand-made rows: two users, a guest, a cancelled order, a return, a store purchase, a late and a lost parcel. */
    static final List<String> ROWS = List.of(
            "INSERT INTO network_nodes VALUES (1, 'dc', 'DC North', 'North', DATE '2015-01-01', 53.4, -2.2), "
                    + "(2, 'store', 'Store Leeds', 'North', DATE '2016-05-01', 53.8, -1.5)",
            "INSERT INTO network_links VALUES (1, 2, 2, 0.35)",
            "INSERT INTO users VALUES (100, TIMESTAMP '2023-01-05 10:00:00', 'GB', 'North', 'search', 1985, 2), "
                    + "(200, TIMESTAMP '2023-02-01 09:00:00', 'GB', 'North', 'store', NULL, 2)",
            "INSERT INTO products VALUES (7, 'garden', 'tools', 'Acme', 3.10, 9.99), "
                    + "(8, 'kitchen', 'mugs', NULL, 1.00, 4.50)",
            "INSERT INTO orders VALUES "
                    + "(1000, 100, TIMESTAMP '2024-03-01 10:00:00', 'web', NULL, 'delivered'), "
                    + "(1001, 100, TIMESTAMP '2024-03-05 12:30:00', 'app', NULL, 'cancelled'), "
                    + "(1002, 200, TIMESTAMP '2024-03-02 15:00:00', 'store', 2, 'delivered'), "
                    + "(1003, NULL, TIMESTAMP '2024-03-03 08:00:00', 'web', NULL, 'delivered'), "
                    + "(1004, 100, TIMESTAMP '2024-03-10 18:00:00', 'web', NULL, 'placed')",
            "INSERT INTO order_lines VALUES (1000, 1, 7, 2, 9.50), (1000, 2, 8, 1, 4.50), (1001, 1, 8, 3, 4.50), "
                    + "(1002, 1, 7, 1, 9.99), (1002, 2, 8, -1, 4.50), (1003, 1, 7, 5, 9.99), (1004, 1, 8, 2, 4.00)",
            "INSERT INTO deliveries VALUES "
                    + "(1, 1000, 1, 'DPD', TIMESTAMP '2024-03-02 06:00:00', TIMESTAMP '2024-03-03 18:00:00', "
                    + "TIMESTAMP '2024-03-05 11:00:00'), "
                    + "(2, 1004, 1, 'DPD', TIMESTAMP '2024-03-11 06:00:00', TIMESTAMP '2024-03-12 18:00:00', NULL)",
            "INSERT INTO inventory VALUES (1, 7, DATE '2024-03-01', 120, 40), (2, 8, DATE '2024-03-01', 12, 0)",
            "INSERT INTO clicks VALUES "
                    + "(1, 100, 's1', TIMESTAMP '2024-03-01 09:55:00', 'view', 7, 'web'), "
                    + "(2, 100, 's1', TIMESTAMP '2024-03-01 09:58:00', 'add_to_cart', 7, 'web'), "
                    + "(3, NULL, 's2', TIMESTAMP '2024-03-01 11:00:00', 'view', 8, 'web'), "
                    + "(4, 200, 's3', TIMESTAMP '2024-03-04 20:00:00', 'search', NULL, 'app')");

    static long at(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
    }

    static void load(Connection c) throws SQLException {
        RetailSchema.create(c);
        try (Statement s = c.createStatement()) {
            for (String sql : ROWS) {
                s.execute(sql);
            }
        }
    }

    /** The views give the rows worked out by hand. */
    static void check(Connection c) throws SQLException {
        Transactions t = RetailSchema.transactionReader().read(c, RetailSchema.transactionsQuery());
        assertEquals(List.of("100", "200"), t.entityIds(), "the guest order 1003 is left out");
        assertEquals(6, t.size());
        // user 100: order 1000 (2 lines, delivered 4 days after ordering, 2 days late), cancelled 1001, in-transit 1004
        String[] expected = {
            "100|1000|7|garden|2.0|19.0|4.0|2.0|2024-03-01 10:00:00",
            "100|1000|8|kitchen|1.0|4.5|4.0|2.0|2024-03-01 10:00:00",
            "100|C1001|8|kitchen|-3.0|-13.5|-1.0|-1.0|2024-03-05 12:30:00",
            "100|1004|8|kitchen|2.0|8.0|-1.0|-1.0|2024-03-10 18:00:00",
            "200|1002|7|garden|1.0|9.99|0.0|0.0|2024-03-02 15:00:00",
            "200|1002|8|kitchen|-1.0|-4.5|0.0|0.0|2024-03-02 15:00:00"};
        for (int r = 0; r < t.size(); r++) {
            String[] f = expected[r].split("\\|");
            assertEquals(f[0], t.entityId(t.entityOf(r)), "row " + r);
            assertEquals(f[1], t.orderId(r), "row " + r);
            assertEquals(f[2], t.itemId(r), "row " + r);
            assertEquals(f[3], t.category(r), "row " + r);
            assertEquals(Double.parseDouble(f[4]), t.quantity(r), "row " + r);
            assertEquals(Double.parseDouble(f[5]), t.amount(r), 1e-9, "row " + r);
            assertEquals(Double.parseDouble(f[6]), t.attribute(0, r), "delivery_days of row " + r);
            assertEquals(Double.parseDouble(f[7]), t.attribute(1, r), "late_days of row " + r);
            assertEquals(at(f[8]), t.epochSecond(r), "row " + r);
        }
        Events e = RetailSchema.eventReader().read(c, RetailSchema.eventsQuery()).events();
        assertEquals(3, e.size(), "the anonymous click is left out");
        assertEquals(List.of("100", "200"), e.entityIds());
        assertEquals(List.of("add_to_cart", "search", "view"), e.types());
        assertEquals(at("2024-03-01 09:55:00"), e.epochSecond(0));
    }

    @Test
    void viewsGiveTheHandWorkedTransactionsAndEventsOnDuckDb() throws Exception {
        try (Connection c = DuckDb.open()) {
            load(c);
            check(c);
            assertTrue(c.getAutoCommit());
            // a second create fails whole, naming the statement, and leaves the data as it was
            SQLException again = assertThrows(SQLException.class, () -> RetailSchema.create(c));
            assertTrue(again.getMessage().startsWith("the retail schema statement failed: ")
                    && again.getMessage().contains("(statement: CREATE TABLE network_nodes ("), again.getMessage());
            check(c);
        }
    }

    @Test
    void everyTableAndViewIsCreated() {
        List<String> statements = RetailSchema.schemaStatements();
        for (String table : RetailSchema.TABLES) {
            assertTrue(statements.stream().anyMatch(s -> s.startsWith("CREATE TABLE " + table + " (")), table);
        }
        assertEquals(2, RetailSchema.viewStatements().size());
    }

    @Test
    void viewsGiveTheSameRowsOnPostgres() throws Exception {
        String url = System.getenv(PostgresTransactionReaderTest.URL);
        Assumptions.assumeTrue(url != null && !url.isBlank(), PostgresTransactionReaderTest.URL + " is not set: no "
                + "PostgreSQL server to test against (run 'eval \"$(bash .ci/postgres.sh)\"' as root to start one)");
        Properties p = new Properties();
        if (System.getenv(PostgresTransactionReaderTest.USER) != null) {
            p.setProperty("user", System.getenv(PostgresTransactionReaderTest.USER));
        }
        if (System.getenv(PostgresTransactionReaderTest.PASSWORD) != null) {
            p.setProperty("password", System.getenv(PostgresTransactionReaderTest.PASSWORD));
        }
        try (Connection c = JdbcConnections.open(url, p)) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS retail_test CASCADE");
                s.execute("CREATE SCHEMA retail_test");
                s.execute("SET search_path TO retail_test");
            }
            try {
                load(c);
                check(c);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA retail_test CASCADE");
                }
            }
        }
    }
}
