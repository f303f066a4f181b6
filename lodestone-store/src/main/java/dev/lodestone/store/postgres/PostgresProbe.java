package dev.lodestone.store.postgres;

import dev.lodestone.store.jdbc.StoreAvailability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Asks PostgreSQL {@code SELECT 1} on a connection of its own, outside the pools: a pool that waits its acquire
 * timeout or backs off between reconnects would make the answer slow, and the probe must see the database come back
 * at once. Short connect and socket timeouts bound one probe to about two seconds even when packets are dropped.
 */
final class PostgresProbe implements StoreAvailability.Probe {
    private static final String TIMEOUT_SECONDS = "2";

    private final String jdbcUrl;
    private final Properties properties = new Properties();
    private Connection connection;

    PostgresProbe(DatabaseUrl url) {
        this.jdbcUrl = url.jdbcUrl();
        if (url.user() != null) properties.setProperty("user", url.user());
        if (url.password() != null) properties.setProperty("password", url.password());
        properties.setProperty("connectTimeout", TIMEOUT_SECONDS);
        properties.setProperty("loginTimeout", TIMEOUT_SECONDS);
        properties.setProperty("socketTimeout", TIMEOUT_SECONDS);
        properties.setProperty("ApplicationName", "lodestone-probe");
    }

    @Override
    public boolean answers() {
        try {
            if (connection == null) connection = DriverManager.getConnection(jdbcUrl, properties);
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT 1");
            }
            return true;
        } catch (SQLException e) {
            close();
            return false;
        }
    }

    @Override
    public void close() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection is being dropped because it failed; nothing more to do
        }
        connection = null;
    }
}
