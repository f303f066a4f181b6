package dev.lodestone.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lodestone.store.StoreConfig;
import dev.lodestone.store.StoreException;
import dev.lodestone.store.StoreThreads;
import dev.lodestone.store.jdbc.GroupCommitter;
import dev.lodestone.store.jdbc.JdbcStore;
import dev.lodestone.store.jdbc.Migrations;
import dev.lodestone.store.jdbc.StoreAvailability;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * PostgreSQL behind two bounded HikariCP pools: reads use one of {@code maxConnections}; writes are group-committed by
 * one thread per node on a pool of one connection of its own, whose short acquire timeout lets writes fail fast when
 * the database is gone. A background probe on a connection of its own tells whether the database answers.
 */
public final class PostgresStore extends JdbcStore {
    /** How long the committing thread waits for its connection: writes must fail within a second when it is gone. */
    private static final long WRITER_ACQUIRE_MILLIS = 400;
    /** Seconds to open a TCP connection: the pools' reconnect attempts must not hang on a host that drops packets. */
    private static final String CONNECT_TIMEOUT_SECONDS = "2";

    private PostgresStore(PostgresDialect dialect, HikariDataSource readers, GroupCommitter writer,
                          StoreAvailability availability, AutoCloseable pools) {
        super(dialect, readers, writer, availability, pools, Clock.systemUTC());
    }

    /**
     * @param threads   where the group-commit loop and the availability probe run
     * @throws IllegalArgumentException for a malformed database URL (never echoing the password)
     * @throws StoreException           when the database cannot be reached or migrated
     */
    public static PostgresStore open(StoreConfig config, StoreThreads threads) {
        DatabaseUrl url = DatabaseUrl.parse(config.databaseUrl());
        HikariConfig settings = settings(config, url, "lodestone-postgresql");
        settings.setMaximumPoolSize(config.maxConnections());
        settings.setMinimumIdle(config.minConnections());
        settings.setConnectionTimeout(Math.max(250, config.acquireTimeout().toMillis()));

        HikariDataSource pool;
        try {
            pool = new HikariDataSource(settings);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + url.jdbcUrl() + ": " + rootMessage(e), e);
        }
        HikariDataSource writePool = null;
        StoreAvailability availability = null;
        try {
            Migrations.apply(pool, "postgresql", config.schema());
            HikariConfig writeSettings = settings(config, url, "lodestone-postgresql-write");
            writeSettings.setMaximumPoolSize(1);
            writeSettings.setMinimumIdle(1);
            writeSettings.setConnectionTimeout(WRITER_ACQUIRE_MILLIS);
            writePool = new HikariDataSource(writeSettings);
            availability = new StoreAvailability("postgresql", new PostgresProbe(url), StoreAvailability.DEFAULT_PROBE_PERIOD);
        } catch (RuntimeException e) {
            if (writePool != null) writePool.close();
            pool.close();
            throw e;
        }
        PostgresDialect dialect = new PostgresDialect(config.schema() == null ? "" : config.schema());
        HikariDataSource writers = writePool;
        GroupCommitter writer = new GroupCommitter(threads.committer(), new GroupCommitter.ConnectionSource() {
            @Override
            public Connection acquire() throws SQLException {
                return writers.getConnection();
            }

            @Override
            public void release(Connection connection) throws SQLException {
                connection.close();
            }
        }, dialect::beginWrite, GroupCommitter.DEFAULT_MAX_BATCH, GroupCommitter.DEFAULT_MAX_QUEUED,
                GroupCommitter.DEFAULT_START_TIMEOUT, availability);
        return new PostgresStore(dialect, pool, writer, availability.start(threads.probe()), () -> {
            try (pool; writers) {
                // both closed
            }
        });
    }

    private static HikariConfig settings(StoreConfig config, DatabaseUrl url, String poolName) {
        HikariConfig settings = new HikariConfig();
        settings.setPoolName(poolName);
        settings.setDriverClassName("org.postgresql.Driver");
        settings.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) settings.setUsername(url.user());
        if (url.password() != null) settings.setPassword(url.password());
        settings.addDataSourceProperty("reWriteBatchedInserts", "true");
        settings.addDataSourceProperty("ApplicationName", "lodestone");
        settings.addDataSourceProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        settings.addDataSourceProperty("options", "-c statement_timeout=" + config.statementTimeout().toMillis());
        if (config.schema() != null) settings.addDataSourceProperty("currentSchema", config.schema());
        return settings;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage();
    }
}
