package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Rfm;
import dev.segmentation.scaling.Scaling;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Loads UCI Online Retail into a SQL table and checks that the database path (JDBC source) and the CSV path give
 * the same {@code Transactions} and the same fitted model. Shared by the SQLite and PostgreSQL tests.
 *
 * <p>The table {@code online_retail} has the file's columns in snake case plus {@code line} (the record number, so
 * {@code ORDER BY line} replays the file order). Numbers are parsed in Java and bound as doubles, so the database
 * stores the same bits the CSV reader computes; an empty {@code CustomerID} is NULL.
 */
final class OnlineRetailDatabase {
    static final String FILE = "data/online_retail_uci/online_retail.csv.gz";
    static final String QUERY = "SELECT * FROM online_retail ORDER BY line";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private OnlineRetailDatabase() {
    }

    /**
     * Creates {@code online_retail} (dropping an old one) and loads every record of {@code csv} in one transaction.
     *
     * @param textType the SQL type of the text columns
     * @param doubleType the SQL type of quantity and unit price (a binary double)
     * @param timestampType the SQL type of {@code invoice_date}: a timestamp type (bound as {@code LocalDateTime}),
     *     or {@code textType} (the file's text)
     * @return the number of rows loaded
     */
    static long load(Connection c, Path csv, String textType, String doubleType, String timestampType)
            throws IOException, SQLException {
        boolean textTime = timestampType.equals(textType);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS online_retail");
            s.execute("CREATE TABLE online_retail (line INTEGER, invoice_no " + textType + ", stock_code " + textType
                    + ", description " + textType + ", quantity " + doubleType + ", invoice_date " + timestampType
                    + ", unit_price " + doubleType + ", customer_id " + textType + ", country " + textType + ")");
        }
        long rows = 0;
        try (InputStream in = CsvInput.gunzipIfNeeded(Files.newInputStream(csv));
                PreparedStatement p = c.prepareStatement(
                        "INSERT INTO online_retail VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            CsvTokenizer t = new CsvTokenizer(in, (byte) ',', csv.toString());
            if (!t.next() || !"InvoiceNo".equals(t.string(0, StandardCharsets.UTF_8))) {
                throw new IOException(csv + " does not start with the Online Retail header");
            }
            while (t.next()) {
                rows++;
                String date = t.string(4, StandardCharsets.UTF_8);
                String customer = t.string(6, StandardCharsets.UTF_8);
                p.setLong(1, rows);
                p.setString(2, t.string(0, StandardCharsets.UTF_8));
                p.setString(3, t.string(1, StandardCharsets.UTF_8));
                p.setString(4, t.string(2, StandardCharsets.UTF_8));
                p.setDouble(5, Double.parseDouble(t.string(3, StandardCharsets.UTF_8)));
                if (textTime) {
                    p.setString(6, date);
                } else {
                    p.setObject(6, LocalDateTime.parse(date, TIME));
                }
                p.setDouble(7, Double.parseDouble(t.string(5, StandardCharsets.UTF_8)));
                if (customer.isEmpty()) {
                    p.setNull(8, Types.VARCHAR);
                } else {
                    p.setString(8, customer);
                }
                p.setString(9, t.string(7, StandardCharsets.UTF_8));
                p.addBatch();
                if (rows % 5_000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return rows;
    }

    /** The JDBC mapping equivalent to {@link CsvPresets#onlineRetail()} ({@code invoice_date} as text or timestamp). */
    static JdbcTransactionReader reader() {
        return JdbcTransactionReader.builder().entity("customer_id").timestamp("invoice_date", "yyyy-MM-dd HH:mm:ss")
                .order("invoice_no").item("stock_code").quantity("quantity").unitPrice("unit_price")
                .onInvalidRow(dev.segmentation.data.InvalidRowPolicy.SKIP).fetchSize(20_000).build();
    }

    /** The model both paths fit: RFM (cancellations excluded), robust scaling with log1p, K-Means. */
    static SegmentationModel fit(Transactions t) {
        return Segmenter.builder().features(Rfm.builder().cancelledOrderPrefix("C").build())
                .scaling(Scaling.robust().log1p("frequency_orders", "monetary", "avg_order_value"))
                .clusterer(KMeans.builder().k(4).nInit(2)).seed(11).build().fit(t);
    }

    /** Every column of every row, the entity dictionary and the rejected-row counts are identical. */
    static void assertSameTransactions(Transactions csv, Transactions db) {
        assertEquals(csv.size(), db.size(), "rows");
        assertEquals(csv.entityIds(), db.entityIds());
        assertEquals(csv.orderCount(), db.orderCount(), "orders");
        assertEquals(csv.itemCount(), db.itemCount(), "items");
        assertEquals(csv.rejected().total(), db.rejected().total(), "rejected rows");
        assertEquals(csv.rejected().counts(), db.rejected().counts(), "rejected rows by problem");
        for (int r = 0; r < csv.size(); r++) {
            if (csv.entityOf(r) != db.entityOf(r) || csv.epochSecond(r) != db.epochSecond(r)
                    || !csv.orderId(r).equals(db.orderId(r))
                    || Double.doubleToRawLongBits(csv.quantity(r)) != Double.doubleToRawLongBits(db.quantity(r))
                    || Double.doubleToRawLongBits(csv.amount(r)) != Double.doubleToRawLongBits(db.amount(r))
                    || !java.util.Objects.equals(csv.itemId(r), db.itemId(r))) {
                assertEquals(csv.entityId(csv.entityOf(r)) + " " + csv.epochSecond(r) + " " + csv.orderId(r) + " "
                        + csv.quantity(r) + " " + csv.amount(r) + " " + csv.itemId(r),
                        db.entityId(db.entityOf(r)) + " " + db.epochSecond(r) + " " + db.orderId(r) + " "
                                + db.quantity(r) + " " + db.amount(r) + " " + db.itemId(r), "row " + r);
            }
        }
    }

    /** Labels, K-Means centres and inertia, and every profile (name, size, share, means, medians) are identical. */
    static void assertSameModel(SegmentationModel csv, SegmentationModel db) {
        assertEquals(csv.entityIds(), db.entityIds());
        assertArrayEquals(csv.labels(), db.labels(), "labels");
        assertArrayEquals(((KMeansModel) csv.clusterModel()).centres().toArray(),
                ((KMeansModel) db.clusterModel()).centres().toArray(), "centres");
        assertEquals(((KMeansModel) csv.clusterModel()).inertia(), ((KMeansModel) db.clusterModel()).inertia());
        List<SegmentProfile> a = csv.profiles();
        List<SegmentProfile> b = db.profiles();
        assertEquals(a.size(), b.size(), "profiles");
        for (int s = 0; s < a.size(); s++) {
            assertEquals(a.get(s).segment(), b.get(s).segment());
            assertEquals(a.get(s).name(), b.get(s).name());
            assertEquals(a.get(s).size(), b.get(s).size());
            assertEquals(a.get(s).share(), b.get(s).share());
            assertEquals(a.get(s).valueShare(), b.get(s).valueShare());
            assertArrayEquals(a.get(s).means(), b.get(s).means(), "means of segment " + s);
            assertArrayEquals(a.get(s).medians(), b.get(s).medians(), "medians of segment " + s);
        }
    }
}
