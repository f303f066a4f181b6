package dev.lodestone.store;

import dev.lodestone.store.postgres.PostgresStore;
import dev.lodestone.store.sqlite.SqliteStore;

import java.util.concurrent.Executor;

/** Opens the store a configuration names, with its schema migrated to the newest version. */
public final class Stores {
    private Stores() {
    }

    /**
     * @param committer runs the store's group-commit loop, which holds one thread until the store is closed
     * @throws IllegalArgumentException when the configuration is malformed (e.g. a bad DATABASE_URL; the message
     *                                  names the problem and never the password)
     * @throws StoreException           when the database cannot be opened or migrated
     */
    public static Store open(StoreConfig config, Executor committer) {
        return config.embedded() ? SqliteStore.open(config, committer) : PostgresStore.open(config, committer);
    }

    /** For tests and tools: the committing loop gets a daemon thread of its own. A node passes its executor. */
    public static Store open(StoreConfig config) {
        return open(config, loop -> Thread.ofPlatform().name("lodestone-commit").daemon(true).start(loop));
    }
}
