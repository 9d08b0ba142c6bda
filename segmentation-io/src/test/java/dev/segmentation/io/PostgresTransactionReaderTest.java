package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The JDBC source against a real PostgreSQL server: Online Retail is loaded into a table (invoice date as
 * {@code TIMESTAMP}, numbers as {@code DOUBLE PRECISION}) and the database path must give exactly the same
 * {@code Transactions} and fitted model (labels, centres, profiles) as the CSV path.
 *
 * <p>Runs when {@value #URL} is set (a JDBC URL such as {@code jdbc:postgresql://127.0.0.1:5432/segmentation}, with
 * {@value #USER} and {@value #PASSWORD} when the server needs them); {@code .ci/postgres.sh} starts a throwaway
 * server and prints these variables. Skipped with the reason otherwise, and when ../shared is absent.
 */
class PostgresTransactionReaderTest {
    static final String URL = "SEGMENTATION_PG_URL";
    static final String USER = "SEGMENTATION_PG_USER";
    static final String PASSWORD = "SEGMENTATION_PG_PASSWORD";

    private static Connection connect() throws Exception {
        String url = System.getenv(URL);
        Assumptions.assumeTrue(url != null && !url.isBlank(), URL + " is not set: no PostgreSQL server to test"
                + " against (run 'eval \"$(bash .ci/postgres.sh)\"' as root to start one)");
        Properties p = new Properties();
        if (System.getenv(USER) != null) {
            p.setProperty("user", System.getenv(USER));
        }
        if (System.getenv(PASSWORD) != null) {
            p.setProperty("password", System.getenv(PASSWORD));
        }
        // one multi-row INSERT per batch instead of one statement per row
        p.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(url, p);
    }

    @Test
    void onlineRetailFromPostgresGivesTheSameTransactionsAndModelAsTheCsvFile() throws Exception {
        Path file = SharedData.require(OnlineRetailDatabase.FILE);
        try (Connection c = connect()) {
            try {
                assertEquals(541_909, OnlineRetailDatabase.load(c, file, "TEXT", "DOUBLE PRECISION", "TIMESTAMP"));
                Transactions fromCsv = CsvPresets.onlineRetail().build().read(file);
                // PostgreSQL's driver honours the fetch size (batches of rows) only inside a transaction
                c.setAutoCommit(false);
                Transactions fromDb = OnlineRetailDatabase.reader().read(c, OnlineRetailDatabase.QUERY);
                c.commit();
                c.setAutoCommit(true);
                assertEquals(406_829, fromDb.size());
                assertEquals(135_080, fromDb.rejected().count(RowProblem.BLANK_ENTITY));
                OnlineRetailDatabase.assertSameTransactions(fromCsv, fromDb);
                OnlineRetailDatabase.assertSameModel(OnlineRetailDatabase.fit(fromCsv),
                        OnlineRetailDatabase.fit(fromDb));
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS online_retail");
                }
            }
        }
    }
}
