package dev.segmentation.io;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Opens JDBC connections by URL ({@code jdbc:duckdb:file.db}, {@code jdbc:sqlite:file.db},
 * {@code jdbc:postgresql://host/db}) with a clear message when the driver is missing. Stateless and thread-safe.
 */
public final class JdbcConnections {
    private JdbcConnections() {
    }

    /**
     * A JDBC connection to {@code url}, with a message naming the driver artifact to add when none accepts the URL
     * (DuckDB, SQLite and PostgreSQL URLs are recognized).
     *
     * @throws IllegalStateException when no driver on the class path accepts the URL
     * @throws SQLException when the driver fails to connect
     */
    public static Connection open(String url) throws SQLException {
        return open(url, new Properties());
    }

    /**
     * As {@link #open(String)}, with connection properties (user, password, ...).
     *
     * @throws IllegalStateException when no driver on the class path accepts the URL
     * @throws SQLException when the driver fails to connect
     */
    public static Connection open(String url, Properties properties) throws SQLException {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(properties, "properties");
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new IllegalStateException("no JDBC driver on the class path accepts the URL '" + redact(url)
                    + "'" + driverHint(url));
        }
        return DriverManager.getConnection(url, properties);
    }

    private static String driverHint(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:duckdb:")) {
            return ": add org.duckdb:duckdb_jdbc";
        }
        if (u.startsWith("jdbc:sqlite:")) {
            return ": add org.xerial:sqlite-jdbc";
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return ": add org.postgresql:postgresql";
        }
        return u.startsWith("jdbc:") ? "" : " (a JDBC URL starts with 'jdbc:', e.g. jdbc:duckdb:segments.db)";
    }

    /** {@code url} with the value of a {@code password=} parameter replaced by {@code ***}, for messages and logs. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

}
