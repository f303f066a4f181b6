package dev.lodestone.store;

import dev.lodestone.store.postgres.PostgresStore;
import dev.lodestone.store.sqlite.SqliteStore;

/** Opens the store a configuration names, with its schema migrated to the newest version. */
public final class Stores {
    private Stores() {
    }

    /**
     * @param threads where the store's group-commit loop and availability probe run
     * @throws IllegalArgumentException when the configuration is malformed (e.g. a bad DATABASE_URL; the message
     *                                  names the problem and never the password)
     * @throws StoreException           when the database cannot be opened or migrated
     */
    public static Store open(StoreConfig config, StoreThreads threads) {
        return config.embedded() ? SqliteStore.open(config, threads) : PostgresStore.open(config, threads);
    }

    /** For tests and tools: the store's background work gets threads of its own. A node passes its executors. */
    public static Store open(StoreConfig config) {
        return open(config, StoreThreads.own());
    }
}
