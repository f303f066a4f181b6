package dev.lodestone.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lodestone.store.StoreConfig;
import dev.lodestone.store.StoreException;
import dev.lodestone.store.jdbc.GroupCommitter;
import dev.lodestone.store.jdbc.JdbcStore;
import dev.lodestone.store.jdbc.Migrations;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * PostgreSQL behind one bounded HikariCP pool. Writes are group-committed by one thread per node, which borrows a
 * pooled connection per transaction; reads use the rest of the pool.
 */
public final class PostgresStore extends JdbcStore {

    private PostgresStore(PostgresDialect dialect, HikariDataSource pool, GroupCommitter writer) {
        super(dialect, pool, writer, pool, Clock.systemUTC());
    }

    /**
     * @param committer runs the group-commit loop (see {@link GroupCommitter})
     * @throws IllegalArgumentException for a malformed database URL (never echoing the password)
     * @throws StoreException           when the database cannot be reached or migrated
     */
    public static PostgresStore open(StoreConfig config, Executor committer) {
        DatabaseUrl url = DatabaseUrl.parse(config.databaseUrl());
        HikariConfig settings = new HikariConfig();
        settings.setPoolName("lodestone-postgresql");
        settings.setDriverClassName("org.postgresql.Driver");
        settings.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) settings.setUsername(url.user());
        if (url.password() != null) settings.setPassword(url.password());
        settings.setMaximumPoolSize(config.maxConnections());
        settings.setMinimumIdle(config.minConnections());
        settings.setConnectionTimeout(Math.max(250, config.acquireTimeout().toMillis()));
        settings.addDataSourceProperty("reWriteBatchedInserts", "true");
        settings.addDataSourceProperty("ApplicationName", "lodestone");
        settings.addDataSourceProperty("options", "-c statement_timeout=" + config.statementTimeout().toMillis());
        if (config.schema() != null) settings.addDataSourceProperty("currentSchema", config.schema());

        HikariDataSource pool;
        try {
            pool = new HikariDataSource(settings);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + url.jdbcUrl() + ": " + rootMessage(e), e);
        }
        try {
            Migrations.apply(pool, "postgresql", config.schema());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        PostgresDialect dialect = new PostgresDialect(config.schema() == null ? "" : config.schema());
        GroupCommitter writer = new GroupCommitter(committer, new GroupCommitter.ConnectionSource() {
            @Override
            public Connection acquire() throws SQLException {
                return pool.getConnection();
            }

            @Override
            public void release(Connection connection) throws SQLException {
                connection.close();
            }
        }, dialect::beginWrite, GroupCommitter.DEFAULT_MAX_BATCH);
        return new PostgresStore(dialect, pool, writer);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage();
    }
}
