package dev.lodestone.server.feed;

import dev.lodestone.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the change feed from growing without bound: every {@code period} deletes changes older than
 * {@code retention}. Nodes tail the feed within a second and load from the tables (not the feed) at start-up, so a
 * generous retention only guards nodes that stall for a long time.
 */
public final class ChangeFeedPruner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeedPruner.class);

    private final Store store;
    private final Clock clock;
    private final Duration retention;
    private final Duration period;
    private final ScheduledExecutorService executor;
    private volatile ScheduledFuture<?> job;

    /** Builds the pruner; nothing runs until {@link #start()}. */
    public ChangeFeedPruner(Store store, Clock clock, Duration retention, Duration period, ScheduledExecutorService executor) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.period = period;
        this.executor = executor;
    }

    /** Prunes every period from now on (the first time after one period). */
    public void start() {
        job = executor.scheduleWithFixedDelay(this::pruneOnce, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pruneOnce() {
        try {
            int deleted = store.pruneChanges(clock.instant().minus(retention));
            if (deleted > 0) log.info("change feed: pruned {} changes older than {}", deleted, retention);
        } catch (RuntimeException e) {
            log.warn("change feed pruning failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        var running = job;
        if (running != null) running.cancel(true);
    }
}
