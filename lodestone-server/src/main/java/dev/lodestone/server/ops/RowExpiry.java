package dev.lodestone.server.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

/**
 * Rows that expire: every {@code period}, on the node's maintenance executor, deletes the rows older than
 * {@code maxAge} (change-feed entries, idempotency keys). A row lives at least {@code maxAge} and at most
 * {@code maxAge} plus one period. Every node prunes; deleting what another node already deleted costs nothing.
 * While the store is unavailable a round is skipped: the next one will do, and a write that must fail is not queued.
 */
public final class RowExpiry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RowExpiry.class);

    private final String rows;
    private final ToIntFunction<Instant> deleteOlderThan;
    private final BooleanSupplier storeAvailable;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration firstDelay;
    private final Duration period;
    private final ScheduledExecutorService executor;
    private volatile ScheduledFuture<?> job;

    /**
     * Builds the job; nothing runs until {@link #start()}.
     *
     * @param rows            what expires, for the log ("change-feed entries")
     * @param deleteOlderThan deletes the rows older than a cut-off, returning how many
     * @param firstDelay      until the first round (short when rows may have expired while the node was down)
     */
    public RowExpiry(String rows, ToIntFunction<Instant> deleteOlderThan, BooleanSupplier storeAvailable, Clock clock,
                     Duration maxAge, Duration firstDelay, Duration period, ScheduledExecutorService executor) {
        this.rows = rows;
        this.deleteOlderThan = deleteOlderThan;
        this.storeAvailable = storeAvailable;
        this.clock = clock;
        this.maxAge = maxAge;
        this.firstDelay = firstDelay;
        this.period = period;
        this.executor = executor;
    }

    public void start() {
        job = executor.scheduleWithFixedDelay(this::pruneOnce, firstDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    void pruneOnce() {
        try {
            if (!storeAvailable.getAsBoolean()) return;
            int deleted = deleteOlderThan.applyAsInt(clock.instant().minus(maxAge));
            if (deleted > 0) log.info("pruned {} {} older than {}", deleted, rows, maxAge);
        } catch (RuntimeException e) {
            log.warn("pruning {} failed: {}", rows, e.getMessage());
        }
    }

    @Override
    public void close() {
        var running = job;
        if (running != null) running.cancel(false);
    }
}
