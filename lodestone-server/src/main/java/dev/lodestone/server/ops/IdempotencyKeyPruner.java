package dev.lodestone.server.ops;

import dev.lodestone.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Idempotency keys expire: every {@code period} deletes those stored more than {@code ttl} ago, so the table (and the
 * index every keyed append inserts into) holds only the keys of one TTL. A key is honoured for at least the TTL and
 * at most the TTL plus one period. Every node prunes; deleting what another node already deleted costs nothing.
 */
public final class IdempotencyKeyPruner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPruner.class);
    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(10);

    private final Store store;
    private final Clock clock;
    private final Duration ttl;
    private final Duration period;
    private final ScheduledExecutorService executor;
    private volatile ScheduledFuture<?> job;

    /** Builds the pruner; nothing runs until {@link #start()}. */
    public IdempotencyKeyPruner(Store store, Clock clock, Duration ttl, Duration period, ScheduledExecutorService executor) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
        this.period = period;
        this.executor = executor;
    }

    /** Prunes once soon after start-up (keys may have expired while the node was down), then every period. */
    public void start() {
        job = executor.scheduleWithFixedDelay(this::pruneOnce, Math.min(period.toMillis(), 60_000), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void pruneOnce() {
        try {
            if (!store.available()) return; // the next period will do; no point queueing a write that must fail
            int deleted = store.pruneIdempotencyKeys(clock.instant().minus(ttl));
            if (deleted > 0) log.info("pruned {} idempotency keys older than {}", deleted, ttl);
        } catch (RuntimeException e) {
            log.warn("idempotency key pruning failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        var running = job;
        if (running != null) running.cancel(false);
    }
}
