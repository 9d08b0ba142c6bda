package dev.segmentation.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The SQL data model of a retailer with about a million users, shipped as two SQL files of this module
 * ({@code dev/segmentation/io/retail/schema.sql} and {@code views.sql}, both commented column by column):
 *
 * <ul>
 *   <li>tables {@code network_nodes} and {@code network_links} (stores, warehouses, distribution centres and who
 *       supplies whom), {@code users}, {@code products}, {@code orders}, {@code order_lines}, {@code clicks},
 *       {@code deliveries} and {@code inventory};</li>
 *   <li>view {@value #TRANSACTIONS_VIEW}: one row per order line of a registered user (cancelled orders as
 *       cancellation rows with order id {@code C<id>}), with delivery days and days late as numeric attributes,
 *       read by {@link #transactionReader()};</li>
 *   <li>view {@value #EVENTS_VIEW}: one row per click of a signed-in user, read by {@link #eventReader()}.</li>
 * </ul>
 * The SQL is portable between PostgreSQL (12 or later) and DuckDB, and tested on both. {@link #create} runs it in
 * one transaction. Stateless and thread-safe.
 */
public final class RetailSchema {
    /** The transactions view. */
    public static final String TRANSACTIONS_VIEW = "segmentation_transactions";
    /** The events view. */
    public static final String EVENTS_VIEW = "segmentation_events";
    /** The tables, in creation order. */
    public static final List<String> TABLES = List.of("network_nodes", "network_links", "users", "products",
            "orders", "order_lines", "clicks", "deliveries", "inventory");

    private RetailSchema() {
    }

    /** The statements of {@code schema.sql} (tables and indexes), comments removed. */
    public static List<String> schemaStatements() {
        return statements("retail/schema.sql");
    }

    /** The statements of {@code views.sql}, comments removed. */
    public static List<String> viewStatements() {
        return statements("retail/views.sql");
    }

    /**
     * Creates the tables and views on {@code connection} in one transaction (rolled back on failure; auto-commit
     * restored).
     *
     * @throws SQLException when a statement fails (for example a table already exists), naming it
     */
    public static void create(Connection connection) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        boolean done = false;
        try (Statement s = connection.createStatement()) {
            List<String> all = new ArrayList<>(schemaStatements());
            all.addAll(viewStatements());
            for (String sql : all) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException("the retail schema statement failed: " + e.getMessage() + " (statement: "
                            + sql.lines().findFirst().orElse(sql) + " ...)", e.getSQLState(), e);
                }
            }
            connection.commit();
            done = true;
        } finally {
            if (!done) {
                connection.rollback();
            }
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The reader of {@value #TRANSACTIONS_VIEW}: attributes {@code delivery_days} and {@code late_days}. */
    public static JdbcTransactionReader transactionReader() {
        return JdbcTransactionReader.builder().entity("entity_id").timestamp("ordered_at").order("order_id")
                .item("item_id").category("category").quantity("quantity").amount("amount")
                .attribute("delivery_days", "delivery_days").attribute("late_days", "late_days").build();
    }

    /** The query of every row of {@value #TRANSACTIONS_VIEW} in a stable order (user, time, order, item). */
    public static String transactionsQuery() {
        return "SELECT * FROM " + TRANSACTIONS_VIEW + " ORDER BY entity_id, ordered_at, order_id, item_id";
    }

    /** The reader of {@value #EVENTS_VIEW}. */
    public static EventReader eventReader() {
        return EventReader.builder().entity("entity_id").timestamp("event_at").type("event_type").build();
    }

    /** The query of every row of {@value #EVENTS_VIEW}. */
    public static String eventsQuery() {
        return "SELECT * FROM " + EVENTS_VIEW;
    }

    private static List<String> statements(String resource) {
        String text;
        try (InputStream in = RetailSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the resource dev/segmentation/io/" + resource + " is missing from "
                        + "the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder cleaned = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            int dash = line.indexOf("--");
            cleaned.append(dash >= 0 ? line.substring(0, dash) : line).append('\n');
        }
        List<String> out = new ArrayList<>();
        for (String part : cleaned.toString().split(";")) {
            String s = part.strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
