package dev.lodestone.server.feed;

import dev.lodestone.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the change feed from growing without bound: every {@code period} deletes changes older than
 * {@code retention}. Nodes tail the feed within a second and load from the tables (not the feed) at start-up, so a
 * generous retention only guards nodes that stall for a long time.
 */
public final class ChangeFeedPruner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeedPruner.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("lodestone-feed-pruner").daemon(true).unstarted(r));

    public ChangeFeedPruner(Store store, Clock clock, Duration retention, Duration period) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int deleted = store.pruneChanges(clock.instant().minus(retention));
                if (deleted > 0) log.info("change feed: pruned {} changes older than {}", deleted, retention);
            } catch (RuntimeException e) {
                log.warn("change feed pruning failed: {}", e.getMessage());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
