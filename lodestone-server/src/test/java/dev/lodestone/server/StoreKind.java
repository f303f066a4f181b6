package dev.lodestone.server;

import dev.lodestone.store.StoreConfig;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** The two stores every API test runs against: embedded SQLite, and the real PostgreSQL on this machine. */
enum StoreKind {
    SQLITE, POSTGRESQL;

    static final String PG_URL = "postgresql://postgres@127.0.0.1:5432/test";
    static final String PG_JDBC = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** A fresh, isolated store location: a new directory, or a new PostgreSQL schema. */
    StoreConfig freshConfig(Path dir) {
        if (this == SQLITE) return StoreConfig.sqlite(dir);
        String schema = "lodestone_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE).toLowerCase(Locale.ROOT);
        return StoreConfig.postgresql(PG_URL).withSchema(schema);
    }

    /** Creates the schema ahead, for a server process given a jdbc URL with currentSchema. */
    static void createSchema(StoreConfig config) {
        try (var c = DriverManager.getConnection(PG_JDBC); var s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + config.schema());
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test schema " + config.schema(), e);
        }
    }

    /** Removes what {@link #freshConfig} made (the directory is a JUnit temp dir). */
    static void dropSchema(StoreConfig config) {
        if (config.schema() == null) return;
        try (var c = DriverManager.getConnection(PG_JDBC); var s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + config.schema() + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + config.schema(), e);
        }
    }
}
