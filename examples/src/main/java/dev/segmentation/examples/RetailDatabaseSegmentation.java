package dev.segmentation.examples;

import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.Events;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Features;
import dev.segmentation.features.Rfm;
import dev.segmentation.io.AssignmentTable;
import dev.segmentation.io.DuckDb;
import dev.segmentation.io.JdbcConnections;
import dev.segmentation.io.RetailSchema;
import dev.segmentation.io.SegmentTableWriter;
import dev.segmentation.scaling.Scaling;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Segments the customers of a retailer's SQL database: the data model of {@link RetailSchema} (orders, users,
 * clicks, deliveries, inventory, the fulfilment network) is created in DuckDB (a file or in memory) or in the
 * PostgreSQL database of {@code --url}, filled with a seeded synthetic population, and read through its views:
 * transactions (with delivery days) and click events. RFM, engagement (events per active day and per order) and the
 * mean delivery days per order feed K-Means; the segments go back to the {@code segment_assignments} table of the
 * same database, where forecasting models join them.
 */
@Command(name = "retail-database-segmentation", mixinStandardHelpOptions = true,
        description = "Segments the customers of the retail SQL data model (synthetic data, DuckDB or PostgreSQL), "
                + "and writes the segments back to its segment_assignments table.")
public final class RetailDatabaseSegmentation implements Callable<Integer> {
    @Option(names = "--users", description = "Synthetic users (a million-user retailer is --users 1000000). "
            + "Default: ${DEFAULT-VALUE}")
    int users = 5_000;

    @Option(names = "--database", description = "DuckDB database file to create (default: in memory).")
    Path database;

    @Option(names = "--url", description = "JDBC URL of an empty database to use instead of DuckDB "
            + "(e.g. jdbc:postgresql://127.0.0.1/shop); user and password from --user and the variable PGPASSWORD.")
    String url;

    @Option(names = "--user", description = "Database user of --url.")
    String user;

    @Option(names = {"-k", "--segments"}, description = "Number of segments. Default: ${DEFAULT-VALUE}")
    int k = 4;

    @Option(names = "--seed", description = "Seed of the data and the fit. Default: ${DEFAULT-VALUE}")
    long seed = 42;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RetailDatabaseSegmentation()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (users < 10) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--users must be at least 10 but was "
                    + users);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Connection c = connect()) {
            long t0 = System.nanoTime();
            RetailSchema.create(c);
            long[] rows = generate(c, users, seed);
            out.printf(Locale.ROOT, "Created the retail schema and %,d users, %,d orders, %,d order lines, %,d clicks, "
                    + "%,d deliveries in %.1f s%n", rows[0], rows[1], rows[2], rows[3], rows[4],
                    (System.nanoTime() - t0) / 1e9);
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams in fetch-size batches only inside a transaction
            Transactions tx = RetailSchema.transactionReader().read(c, RetailSchema.transactionsQuery());
            Events events = RetailSchema.eventReader().read(c, RetailSchema.eventsQuery()).events();
            c.commit();
            c.setAutoCommit(autoCommit);
            out.printf(Locale.ROOT, "Read %,d transaction rows of %,d customers and %,d click events through the "
                    + "views%n", tx.size(), tx.entityCount(), events.size());
            SegmentationModel model;
            try (ConsoleProgress progress = new ConsoleProgress()) {
                model = Segmenter.builder()
                        .features(Rfm.builder().cancelledOrderPrefix("C").asOf(LocalDate.of(2025, 1, 1)).build(),
                                Features.engagement(), Features.attributePerOrder("delivery_days"))
                        .scaling(Scaling.robust().log1p("frequency_orders", "monetary", "avg_order_value",
                                "events_per_active_day", "events_per_order"))
                        .clusterer(KMeans.builder().k(k).nInit(4)).seed(seed).listener(progress)
                        // the engagement extractor reads the events given here (and to predict), so the model
                        // saves like any other
                        .build().fit(tx, events);
            }
            out.printf(Locale.ROOT, "%-4s %-24s %8s %7s  %s%n", "#", "segment", "users", "share", "means of "
                    + model.featureNames());
            for (SegmentProfile p : model.profiles()) {
                StringBuilder means = new StringBuilder();
                for (double m : p.means()) {
                    means.append(String.format(Locale.ROOT, " %9.2f", m));
                }
                out.printf(Locale.ROOT, "%-4d %-24s %8d %6.1f%% %s%n", p.segment(), p.name(), p.size(),
                        100 * p.share(), means);
            }
            long w0 = System.nanoTime();
            long written = SegmentTableWriter.builder().modelId("retail-rfm-engagement").modelVersion("seed-" + seed)
                    .build().write(c, AssignmentTable.training(model));
            out.printf(Locale.ROOT, "Wrote %,d rows to segment_assignments in %.2f s%n", written,
                    (System.nanoTime() - w0) / 1e9);
            out.flush();
        }
        return 0;
    }

    private Connection connect() throws SQLException {
        if (url != null) {
            Properties p = new Properties();
            if (user != null) {
                p.setProperty("user", user);
            }
            if (System.getenv("PGPASSWORD") != null) {
                p.setProperty("password", System.getenv("PGPASSWORD"));
            }
            return JdbcConnections.open(url, p);
        }
        return database != null ? DuckDb.open(database) : DuckDb.open();
    }

    /**
     * Fills the tables with a seeded synthetic population: loyal, regular, occasional and lapsed customers whose
     * order rates, basket sizes and click rates differ; 5% of orders cancelled, some lines returned, 3% of parcels
     * lost. Returns the counts of users, orders, order lines, clicks and deliveries.
     */
    static long[] generate(Connection c, int users, long seed) throws SQLException {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        LocalDateTime start = LocalDateTime.of(2023, 1, 1, 0, 0);
        int days = 730;
        List<Object[]> nodes = new ArrayList<>();
        String[] regions = {"North", "Midlands", "South", "Scotland", "Wales"};
        for (int n = 1; n <= 25; n++) {
            nodes.add(new Object[] {n, n <= 3 ? "dc" : "store", (n <= 3 ? "DC " : "Store ") + n,
                regions[n % regions.length], LocalDate.of(2010 + n % 10, 1 + n % 12, 1), 50 + rnd.nextDouble(8),
                -5 + rnd.nextDouble(6)});
        }
        insert(c, "network_nodes", nodes);
        List<Object[]> links = new ArrayList<>();
        for (int n = 4; n <= 25; n++) {
            links.add(new Object[] {1 + n % 3, n, 1 + n % 4, money(0.2 + rnd.nextDouble(0.5))});
        }
        insert(c, "network_links", links);
        String[] categories = {"garden", "kitchen", "toys", "clothing", "electronics", "books", "beauty", "sport"};
        int productCount = 400;
        double[] price = new double[productCount + 1];
        List<Object[]> products = new ArrayList<>();
        for (int p = 1; p <= productCount; p++) {
            price[p] = Math.round(Math.exp(1 + rnd.nextDouble(3.5)) * 100) / 100.0;
            products.add(new Object[] {(long) p, categories[p % categories.length], "sub" + (p % 5), "brand" + (p % 23),
                money(price[p] * 0.55), money(price[p])});
        }
        insert(c, "products", products);
        List<Object[]> inventory = new ArrayList<>();
        for (int n = 1; n <= 25; n++) {
            for (int p = 1; p <= 20; p++) {
                for (int d = 0; d < 7; d++) {
                    inventory.add(new Object[] {n, (long) p, LocalDate.of(2024, 12, 25).plusDays(d),
                        rnd.nextInt(200), rnd.nextInt(50)});
                }
            }
        }
        insert(c, "inventory", inventory);

        String[] kinds = {"loyal", "regular", "occasional", "lapsed"};
        double[] orderRate = {0.05, 0.015, 0.004, 0.01}; // orders per day while active
        double[] clickRate = {1.5, 0.6, 0.3, 0.2}; // clicks per active day
        Rows u = new Rows(c, "users");
        Rows o = new Rows(c, "orders", u);
        Rows l = new Rows(c, "order_lines", o);
        Rows k = new Rows(c, "clicks", u);
        Rows d = new Rows(c, "deliveries", o);
        long orderId = 1;
        long clickId = 1;
        for (long user = 1; user <= users; user++) {
            int kind = rnd.nextInt(100) < 15 ? 0 : rnd.nextInt(100) < 45 ? 1 : rnd.nextInt(100) < 70 ? 2 : 3;
            int signup = rnd.nextInt(days - 30);
            int end = kind == 3 ? Math.min(days, signup + 30 + rnd.nextInt(200)) : days;
            u.add(user, start.plusDays(signup).plusMinutes(rnd.nextInt(1440)), "GB", regions[rnd.nextInt(5)],
                    kinds[kind].equals("regular") ? "search" : kind == 0 ? "referral" : "social",
                    rnd.nextInt(10) == 0 ? null : 1950 + rnd.nextInt(55), 4 + rnd.nextInt(22));
            for (int day = signup; day < end; day++) {
                if (rnd.nextDouble() < orderRate[kind]) {
                    boolean store = rnd.nextInt(4) == 0;
                    boolean cancelled = rnd.nextInt(20) == 0;
                    LocalDateTime at = start.plusDays(day).plusMinutes(480 + rnd.nextInt(720));
                    o.add(orderId, user, at, store ? "store" : rnd.nextBoolean() ? "web" : "app",
                            store ? 4 + rnd.nextInt(22) : null, cancelled ? "cancelled" : "delivered");
                    int lines = 1 + rnd.nextInt(kind == 0 ? 5 : 3);
                    for (int line = 1; line <= lines; line++) {
                        int p = 1 + rnd.nextInt(productCount);
                        int qty = (1 + rnd.nextInt(3)) * (!cancelled && rnd.nextInt(40) == 0 ? -1 : 1);
                        l.add(orderId, line, (long) p, qty, money(price[p] * (rnd.nextInt(5) == 0 ? 0.8 : 1.0)));
                    }
                    if (!store && !cancelled) {
                        LocalDateTime shipped = at.plusHours(12 + rnd.nextInt(24));
                        LocalDateTime promised = at.plusDays(3);
                        LocalDateTime delivered = rnd.nextInt(33) == 0 ? null
                                : shipped.plusHours(24 + rnd.nextInt(kind == 3 ? 140 : 72));
                        d.add(orderId, orderId, 1 + rnd.nextInt(3), rnd.nextBoolean() ? "DPD" : "Royal Mail", shipped,
                                promised, delivered);
                    }
                    orderId++;
                }
                if (rnd.nextDouble() < 0.1) {
                    int n = 1 + (int) (rnd.nextDouble() * 2 * clickRate[kind] * 10);
                    for (int i = 0; i < n; i++) {
                        k.add(clickId++, rnd.nextInt(10) == 0 ? null : user, "s" + user + "-" + day,
                                start.plusDays(day).plusMinutes(rnd.nextInt(1440)),
                                i == 0 ? "view" : rnd.nextInt(4) == 0 ? "add_to_cart" : rnd.nextInt(3) == 0 ? "search"
                                        : "view", rnd.nextInt(3) == 0 ? null : (long) (1 + rnd.nextInt(productCount)),
                                rnd.nextBoolean() ? "web" : "app");
                    }
                }
            }
        }
        long[] counts = {u.flush(), o.flush(), l.flush(), k.flush(), d.flush()};
        c.commit();
        c.setAutoCommit(autoCommit);
        return counts;
    }

    private static BigDecimal money(double v) {
        return BigDecimal.valueOf(Math.round(v * 100), 2);
    }

    private static void insert(Connection c, String table, List<Object[]> rows) throws SQLException {
        Rows r = new Rows(c, table);
        for (Object[] row : rows) {
            r.add(row);
        }
        r.flush();
    }

    /**
     * Rows of one table sent as multi-row INSERT statements of 200 rows; the rows of the tables it references
     * ({@code parents}) are sent first, so foreign keys hold at every statement.
     */
    private static final class Rows {
        private final Connection c;
        private final String table;
        private final Rows[] parents;
        private final List<Object[]> pending = new ArrayList<>();
        private long total;

        /** DuckDB: rows go to a temporary CSV file, loaded by one COPY at {@link #flush()} (much faster). */
        private BufferedWriter csv;
        private Path csvFile;

        Rows(Connection c, String table, Rows... parents) throws SQLException {
            this.c = c;
            this.table = table;
            this.parents = parents;
            if (c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("duckdb")) {
                try {
                    csvFile = Files.createTempFile("retail-" + table + "-", ".csv");
                    csv = Files.newBufferedWriter(csvFile);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

        private void csvRow(Object[] row) throws IOException {
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (i > 0) {
                    csv.write(',');
                }
                if (v instanceof String t) {
                    csv.write('"' + t.replace("\"", "\"\"") + '"');
                } else if (v instanceof LocalDateTime t) {
                    csv.write(TIME.format(t));
                } else if (v instanceof BigDecimal b) {
                    csv.write(b.toPlainString());
                } else if (v != null) {
                    csv.write(String.valueOf(v));
                }
            }
            csv.write('\n');
        }

        void add(Object... row) throws SQLException {
            if (csv != null) {
                try {
                    csvRow(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                total++;
                return;
            }
            pending.add(row);
            if (pending.size() == 200) {
                send();
            }
        }

        long flush() throws SQLException {
            if (csv != null) {
                try {
                    csv.close();
                    try (Statement st = c.createStatement()) {
                        st.execute("COPY " + table + " FROM " + DuckDb.literal(csvFile.toString())
                                + " (FORMAT CSV, HEADER false)");
                    }
                    Files.deleteIfExists(csvFile);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                csv = null;
                return total;
            }
            send();
            return total;
        }

        private void send() throws SQLException {
            if (pending.isEmpty()) {
                return;
            }
            for (Rows parent : parents) {
                parent.send();
            }
            int w = pending.get(0).length;
            String one = "(" + "?, ".repeat(w - 1) + "?)";
            StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
            for (int i = 0; i < pending.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(one);
            }
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (Object[] row : pending) {
                    for (Object v : row) {
                        if (v == null) {
                            st.setNull(p++, Types.NULL);
                        } else {
                            st.setObject(p++, v);
                        }
                    }
                }
                st.executeUpdate();
            }
            total += pending.size();
            pending.clear();
        }
    }
}
