package dev.lodestone.server.feed;

import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.store.Change;
import dev.lodestone.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Learns the writes of other nodes that share this node's database by tailing the store's change feed, and applies
 * them to the in-memory models. This node's own writes are recognised through {@link LocalWrites} and skipped.
 */
public final class ChangeFeedTailer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeedTailer.class);
    private static final int BATCH = 2_000;

    private final Store store;
    private final Engine engine;
    private final LocalWrites local;
    private final Consumer<String> registryChanged;
    private final Consumer<String> tenantDeleted;
    private final Consumer<String> keysChanged;
    private final Consumer<List<Interaction>> interactionsApplied;
    private final ScheduledExecutorService executor;
    private final Duration period;
    private volatile boolean running;
    private volatile ScheduledFuture<?> next;
    private volatile long loadedUpToInteraction;
    private volatile long position;

    /**
     * Builds the tailer; it polls nothing until {@link #start}.
     *
     * @param registryChanged told the tenant whose interaction-type registry changed
     * @param tenantDeleted   told a tenant that another node deleted: this node forgets everything it holds of it
     * @param keysChanged     told a tenant some of whose API keys were created or revoked
     * @param executor        runs the polls (the node's feed executor)
     * @param interactionsApplied told other nodes' interactions once applied to the model (live activity)
     */
    public ChangeFeedTailer(Store store, Engine engine, LocalWrites local, Consumer<String> registryChanged,
                            Consumer<String> tenantDeleted, Consumer<String> keysChanged, ScheduledExecutorService executor,
                            Consumer<List<Interaction>> interactionsApplied, Duration period) {
        this.store = store;
        this.engine = engine;
        this.local = local;
        this.registryChanged = registryChanged;
        this.tenantDeleted = tenantDeleted;
        this.keysChanged = keysChanged;
        this.interactionsApplied = interactionsApplied;
        this.executor = executor;
        this.period = period;
    }

    /**
     * Starts polling.
     *
     * @param startAfter            the feed sequence read before the models were loaded
     * @param loadedUpToInteraction the highest interaction id the start-up load applied: changes between
     *                              {@code startAfter} and the end of the load may already be in the models
     */
    public void start(long startAfter, long loadedUpToInteraction) {
        this.position = startAfter;
        this.loadedUpToInteraction = loadedUpToInteraction;
        this.running = true;
        schedule(0);
    }

    /** The last feed sequence applied. */
    public long position() {
        return position;
    }

    /** One poll; the next is scheduled at once when the batch was full, else after the period. */
    private void tick() {
        if (!running) return;
        long delay = period.toMillis();
        try {
            if (pollOnce() == BATCH) delay = 0;
        } catch (InterruptedException e) {
            if (!running) return;
        } catch (RuntimeException e) {
            log.warn("change feed: {}; retrying", e.getMessage());
            delay = period.toMillis() * 4;
        }
        schedule(delay);
    }

    private void schedule(long delayMillis) {
        if (!running) return;
        try {
            next = executor.schedule(this::tick, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            running = false;
        }
    }

    /** Fetches and applies one batch; returns how many changes it held. */
    int pollOnce() throws InterruptedException {
        List<Change> changes = store.changesAfter(position, BATCH);
        if (changes.isEmpty()) return 0;
        local.awaitWritesBegunBefore();
        List<long[]> foreignRanges = new ArrayList<>();
        long highestInteraction = 0;
        for (Change c : changes) {
            switch (c.kind()) {
                case INTERACTION_APPENDED, INTERACTIONS_APPENDED -> {
                    // A range comes from one append call on one node: if this node marked any id of it, it is ours.
                    long first = c.firstInteractionId();
                    long last = c.lastInteractionId();
                    highestInteraction = Math.max(highestInteraction, last);
                    boolean ours = false;
                    for (long id = first; id <= last; id++) ours |= local.consumeInteraction(id);
                    if (!ours && last > loadedUpToInteraction) {
                        foreignRanges.add(new long[] {Math.max(first, loadedUpToInteraction + 1), last});
                    }
                }
                case ENTITY_UPSERTED -> {
                    if (!local.consumeEntity(c.tenantId(), c.entityType(), c.key())) {
                        store.entity(c.tenantId(), c.entityType(), c.key()).ifPresent(e -> engine.tenant(e.tenantId()).upsertEntity(e));
                    }
                }
                case ENTITY_DELETED -> {
                    if (!local.consumeEntity(c.tenantId(), c.entityType(), c.key())) {
                        engine.existing(c.tenantId()).ifPresent(m -> m.removeEntity(new EntityKey(c.entityType(), c.key())));
                    }
                }
                case INTERACTION_TYPE_CHANGED -> registryChanged.accept(c.tenantId());
                case TENANT_DELETED -> {
                    // interactions earlier in this batch go in first: applied after the drop, they would bring the
                    // deleted tenant's model (and its metrics series) back
                    applyForeign(foreignRanges);
                    if (!local.consumeTenantDeletion(c.tenantId())) tenantDeleted.accept(c.tenantId());
                }
                case API_KEY_CHANGED -> keysChanged.accept(c.tenantId());
                case TENANT_CREATED -> engine.tenant(c.tenantId());
            }
        }
        // Ids grow in commit order: a local mark at or below the highest id seen here will never be claimed.
        if (highestInteraction > 0) local.forgetInteractionsThrough(highestInteraction);
        applyForeign(foreignRanges);
        position = changes.get(changes.size() - 1).sequence();
        return changes.size();
    }

    /** Applies other nodes' interactions in these id ranges, then forgets the ranges. */
    private void applyForeign(List<long[]> ranges) {
        for (long[] range : ranges) {
            List<Interaction> appended = store.interactionsInRange(range[0], range[1]);
            if (!appended.isEmpty()) {
                engine.tenant(appended.get(0).tenantId()).addInteractions(appended);
                interactionsApplied.accept(appended);
            }
        }
        ranges.clear();
    }

    /** Stops polling; a poll in progress is interrupted. */
    @Override
    public void close() {
        running = false;
        var pending = next;
        if (pending != null) pending.cancel(true);
    }
}
