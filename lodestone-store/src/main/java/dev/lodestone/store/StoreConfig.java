package dev.lodestone.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to open the store.
 *
 * @param dataDir          directory of the embedded SQLite database ({@code lodestone.db}); created if absent; used
 *                         only when {@code databaseUrl} is null
 * @param databaseUrl      null or blank for the embedded SQLite store; else a PostgreSQL URL:
 *                         {@code postgresql://user:password@host:port/db}, {@code postgres://…} or
 *                         {@code jdbc:postgresql:…}
 * @param maxConnections   pool size (PostgreSQL pool; SQLite read-only connections)
 * @param minConnections   idle connections kept open
 * @param acquireTimeout   how long a caller waits for a pooled connection (also SQLite's busy timeout)
 * @param statementTimeout PostgreSQL {@code statement_timeout} (exports stream without one)
 * @param schema           PostgreSQL schema to use (created if absent), or null for the default search path
 */
public record StoreConfig(
        Path dataDir,
        String databaseUrl,
        int maxConnections,
        int minConnections,
        Duration acquireTimeout,
        Duration statementTimeout,
        String schema) {

    public static final int DEFAULT_MAX_CONNECTIONS = 10;
    public static final int DEFAULT_MIN_CONNECTIONS = 1;
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    public StoreConfig {
        if (dataDir == null) dataDir = Path.of("data");
        if (databaseUrl != null && databaseUrl.isBlank()) databaseUrl = null;
        if (acquireTimeout == null) acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;
        if (statementTimeout == null) statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        if (minConnections < 0 || minConnections > maxConnections) {
            throw new IllegalArgumentException("minConnections must be between 0 and maxConnections (" + maxConnections
                    + "), was " + minConnections);
        }
        if (acquireTimeout.isNegative() || acquireTimeout.isZero()) {
            throw new IllegalArgumentException("acquireTimeout must be positive");
        }
        if (statementTimeout.isNegative()) throw new IllegalArgumentException("statementTimeout must not be negative");
        if (schema != null && !schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("schema must match [A-Za-z_][A-Za-z0-9_]{0,62}");
        }
    }

    /** The embedded SQLite store in {@code dataDir}, with default pool settings. */
    public static StoreConfig sqlite(Path dataDir) {
        return new StoreConfig(dataDir, null, DEFAULT_MAX_CONNECTIONS, DEFAULT_MIN_CONNECTIONS,
                DEFAULT_ACQUIRE_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT, null);
    }

    /** PostgreSQL at {@code databaseUrl}, with default pool settings. */
    public static StoreConfig postgresql(String databaseUrl) {
        return new StoreConfig(null, databaseUrl, DEFAULT_MAX_CONNECTIONS, DEFAULT_MIN_CONNECTIONS,
                DEFAULT_ACQUIRE_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT, null);
    }

    public StoreConfig withSchema(String newSchema) {
        return new StoreConfig(dataDir, databaseUrl, maxConnections, minConnections, acquireTimeout, statementTimeout,
                newSchema);
    }

    public StoreConfig withPool(int newMax, int newMin, Duration newAcquireTimeout) {
        return new StoreConfig(dataDir, databaseUrl, newMax, newMin, newAcquireTimeout, statementTimeout, schema);
    }

    public StoreConfig withStatementTimeout(Duration newStatementTimeout) {
        return new StoreConfig(dataDir, databaseUrl, maxConnections, minConnections, acquireTimeout,
                newStatementTimeout, schema);
    }

    public boolean embedded() {
        return databaseUrl == null;
    }

    /** Never shows the database password. */
    @Override
    public String toString() {
        return "StoreConfig[dataDir=" + dataDir + ", databaseUrl=" + maskPassword(databaseUrl)
                + ", maxConnections=" + maxConnections + ", minConnections=" + minConnections
                + ", acquireTimeout=" + acquireTimeout + ", statementTimeout=" + statementTimeout
                + ", schema=" + schema + "]";
    }

    /**
     * The URL with its passwords masked as {@code ********}: the user-info's (up to the authority's last {@code @}, as a
     * password may hold one) and any {@code password=} parameter's. The one URL masker: the server's configuration
     * display uses it too.
     */
    public static String maskPassword(String url) {
        if (url == null) return null;
        return url.replaceAll("(//[^:/@]*):[^/?#]*@", "$1:********@").replaceAll("(?i)(password=)[^&;]*", "$1********");
    }
}
