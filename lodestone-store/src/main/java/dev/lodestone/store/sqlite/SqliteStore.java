package dev.lodestone.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lodestone.store.StoreConfig;
import dev.lodestone.store.StoreException;
import dev.lodestone.store.StoreThreads;
import dev.lodestone.store.jdbc.GroupCommitter;
import dev.lodestone.store.jdbc.JdbcStore;
import dev.lodestone.store.jdbc.Migrations;
import dev.lodestone.store.jdbc.StoreAvailability;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * The embedded store: one SQLite file {@code lodestone.db} in the data directory, in WAL mode with
 * {@code synchronous=FULL} (a commit is on disk before the write returns). One writer connection, used only by
 * the group committer's thread; reads go through a pool of read-only connections and never wait for writes.
 */
public final class SqliteStore extends JdbcStore {
    public static final String FILE_NAME = "lodestone.db";
    private static final int WRITER_CACHE_KIB = 64 * 1024;
    private static final int WAL_CHECKPOINT_PAGES = 10_000;

    private SqliteStore(SqliteDialect dialect, HikariDataSource readers, GroupCommitter writer,
                        StoreAvailability availability, AutoCloseable resources) {
        super(dialect, readers, writer, availability, resources, Clock.systemUTC());
    }

    /** Page cache of each read-only connection, KiB. */
    private static final int READER_CACHE_KIB = 8 * 1024;

    /** @param threads where the group-commit loop and the availability probe run */
    public static SqliteStore open(StoreConfig config, StoreThreads threads) {
        Path file = config.dataDir().resolve(FILE_NAME);
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
        // Before anything touches the database file: a second server on the same directory would otherwise fail
        // deep inside a migration with SQLITE_BUSY.
        DataDirLock lock = DataDirLock.acquire(config.dataDir());
        try {
            return openLocked(config, threads, lock);
        } catch (RuntimeException e) {
            try {
                lock.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static SqliteStore openLocked(StoreConfig config, StoreThreads threads, DataDirLock lock) {
        Path file = config.dataDir().resolve(FILE_NAME);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        int busyMillis = (int) Math.min(Integer.MAX_VALUE, config.acquireTimeout().toMillis());

        SQLiteConfig writeSettings = common(busyMillis);
        writeSettings.setJournalMode(SQLiteConfig.JournalMode.WAL);
        writeSettings.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        writeSettings.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // The writer's hot pages (newest history-index buckets, the idempotency-key index) stay cached, and the WAL
        // is copied back into the database every ~40 MiB instead of every ~4 MiB, so a page that many commits rewrite
        // is copied once (measured: about twice the throughput of appends with random idempotency keys).
        writeSettings.setCacheSize(-WRITER_CACHE_KIB);
        writeSettings.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, Integer.toString(WAL_CHECKPOINT_PAGES));
        SQLiteDataSource writeSource = new SQLiteDataSource(writeSettings);
        writeSource.setUrl(url);
        Migrations.apply(writeSource, "sqlite", null);

        Connection writeConnection;
        try {
            writeConnection = writeSource.getConnection();
            writeConnection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file + " for writing (SQLState " + e.getSQLState() + ")", e);
        }

        SQLiteConfig readSettings = common(busyMillis);
        readSettings.setReadOnly(true);
        // Readers serve history and exports only (recommendations never touch the store): small page caches and no
        // memory map keep the node's resident size down; the OS page cache still holds the hot pages.
        readSettings.setCacheSize(-READER_CACHE_KIB);
        SQLiteDataSource readSource = new SQLiteDataSource(readSettings);
        readSource.setUrl(url);
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("lodestone-sqlite-read");
        pool.setDataSource(readSource);
        pool.setReadOnly(true); // matches the connections' own flag, which SQLite cannot change once open
        pool.setMaximumPoolSize(config.maxConnections());
        pool.setMinimumIdle(config.minConnections());
        pool.setConnectionTimeout(Math.max(250, config.acquireTimeout().toMillis()));
        HikariDataSource readers = new HikariDataSource(pool);

        SqliteDialect dialect = new SqliteDialect();
        // A file does not go away like a server: reads that found the pool saturated may open the breaker, and this
        // probe closes it again within a second.
        StoreAvailability availability = new StoreAvailability("sqlite", () -> true, Duration.ofSeconds(1));
        GroupCommitter writer = new GroupCommitter(threads.committer(),
                GroupCommitter.ConnectionSource.single(writeConnection), dialect::beginWrite,
                GroupCommitter.DEFAULT_MAX_BATCH, GroupCommitter.DEFAULT_MAX_QUEUED,
                GroupCommitter.DEFAULT_START_TIMEOUT, availability);
        return new SqliteStore(dialect, readers, writer, availability.start(threads.probe()), () -> {
            try (lock; writeConnection; readers) {
                // all closed, the writer connection after the readers (SQLite checkpoints the WAL when its last
                // connection closes), and the directory's lock last
            }
        });
    }

    private static SQLiteConfig common(int busyMillis) {
        SQLiteConfig settings = new SQLiteConfig();
        settings.setBusyTimeout(busyMillis);
        settings.setTempStore(SQLiteConfig.TempStore.MEMORY);
        return settings;
    }
}
