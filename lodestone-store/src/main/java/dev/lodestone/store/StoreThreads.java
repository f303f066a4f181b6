package dev.lodestone.store;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where a store runs its background work; the store starts no thread of its own.
 *
 * @param committer runs the group-commit loop, which holds one thread until the store is closed
 * @param probe     runs the availability probe; the store owns it from then and shuts it down when it closes
 */
public record StoreThreads(Executor committer, ScheduledExecutorService probe) {
    /** For tests and tools: a daemon thread of the store's own for each (a node passes its own executors). */
    public static StoreThreads own() {
        return new StoreThreads(loop -> Thread.ofPlatform().name("lodestone-commit").daemon(true).start(loop),
                Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("lodestone-store-probe").daemon(true).factory()));
    }
}
