package dev.segmentation.io;

import dev.segmentation.data.Transactions;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Parquet files and SQL over files through DuckDB, an embedded database: {@link #readParquet} reads one or more
 * Parquet files (or glob patterns) as {@link Transactions} with a {@link JdbcTransactionReader} mapping, and
 * {@link #query} runs any DuckDB query, for example a join of several Parquet and CSV files:
 *
 * <pre>{@code
 * JdbcTransactionReader reader = JdbcTransactionReader.builder()
 *     .entity("customer_id").timestamp("invoice_date").order("invoice_no")
 *     .quantity("quantity").unitPrice("unit_price").build();
 * Transactions a = DuckDb.readParquet(reader, Path.of("orders-2011.parquet"), Path.of("orders-2012.parquet"));
 * Transactions b = DuckDb.query(reader, "SELECT o.*, c.country FROM 'orders/*.parquet' o "
 *     + "JOIN read_csv('customers.csv') c USING (customer_id) WHERE c.country = 'France'");
 * }</pre>
 *
 * <p>The library uses only {@code java.sql}: the DuckDB driver ({@code org.duckdb:duckdb_jdbc}) must be on the
 * class path at run time; without it every method throws an {@link IllegalStateException} saying so. Each call
 * opens its own in-memory database and closes it, so the methods are thread-safe; {@link #open(Path)} gives a
 * connection to a database file for anything else (the caller closes it).
 *
 * <p>Cost: DuckDB scans Parquet in parallel (its own threads); the rows are then streamed through
 * {@link JdbcTransactionReader}, O(rows).
 */
public final class DuckDb {
    /** The JDBC URL of a new in-memory DuckDB database. */
    public static final String IN_MEMORY_URL = "jdbc:duckdb:";

    private DuckDb() {
    }

    /**
     * A connection to a new in-memory DuckDB database.
     *
     * @throws IllegalStateException when the DuckDB driver is not on the class path
     * @throws SQLException when DuckDB fails to start
     */
    public static Connection open() throws SQLException {
        return JdbcConnections.open(IN_MEMORY_URL);
    }

    /**
     * A connection to the DuckDB database file {@code file} (created when absent).
     *
     * @throws IllegalStateException when the DuckDB driver is not on the class path
     * @throws SQLException when the file cannot be opened (for example another process holds it)
     */
    public static Connection open(Path file) throws SQLException {
        Objects.requireNonNull(file, "file");
        return JdbcConnections.open(IN_MEMORY_URL + file.toAbsolutePath());
    }

    /**
     * Reads {@code files} (Parquet files or DuckDB glob patterns such as {@code orders/*.parquet}; one schema) as
     * transactions, rows in file order.
     *
     * @throws NoSuchFileException when a file without glob characters does not exist
     * @throws IllegalArgumentException when no file is given, a mapped column is missing, or on a bad row (as
     *     {@link JdbcTransactionReader#read(Connection, String)})
     * @throws IllegalStateException when the DuckDB driver is not on the class path
     * @throws SQLException when DuckDB fails (for example a file that is not Parquet)
     */
    public static Transactions readParquet(JdbcTransactionReader reader, Path... files)
            throws SQLException, NoSuchFileException {
        Objects.requireNonNull(reader, "reader");
        return query(reader, "SELECT * FROM " + parquetScan(files));
    }

    /**
     * Runs {@code sql} on a new in-memory DuckDB database and reads its rows as transactions. The query may read
     * files directly ({@code FROM 'orders.parquet'}, {@code read_parquet([...])}, {@code read_csv(...)}) and join
     * them.
     *
     * @throws IllegalArgumentException as {@link JdbcTransactionReader#read(Connection, String)}
     * @throws IllegalStateException when the DuckDB driver is not on the class path
     * @throws SQLException when DuckDB fails (the message names the query)
     */
    public static Transactions query(JdbcTransactionReader reader, String sql) throws SQLException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sql, "sql");
        try (Connection c = open()) {
            return reader.read(c, sql);
        } catch (SQLException e) {
            throw new SQLException("DuckDB query failed: " + e.getMessage() + " (query: " + sql + ")",
                    e.getSQLState(), e);
        }
    }

    /**
     * The DuckDB table expression that scans {@code files} as Parquet: {@code read_parquet(['a', 'b'])}, each path
     * quoted as a SQL literal.
     *
     * @throws NoSuchFileException when a file without glob characters ({@code * ? [}) does not exist
     * @throws IllegalArgumentException when no file is given
     */
    public static String parquetScan(Path... files) throws NoSuchFileException {
        Objects.requireNonNull(files, "files");
        if (files.length == 0) {
            throw new IllegalArgumentException("files: give at least one Parquet file");
        }
        List<String> literals = new ArrayList<>();
        for (Path f : files) {
            Objects.requireNonNull(f, "files contains null");
            String s = f.toString();
            boolean glob = s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
            if (!glob && !Files.isRegularFile(f)) {
                throw new NoSuchFileException(s, null, "Parquet file not found");
            }
            literals.add(literal(s));
        }
        return "read_parquet([" + String.join(", ", literals) + "])";
    }

    /** {@code text} as a SQL string literal (single quotes doubled). */
    public static String literal(String text) {
        Objects.requireNonNull(text, "text");
        return "'" + text.replace("'", "''") + "'";
    }
}
