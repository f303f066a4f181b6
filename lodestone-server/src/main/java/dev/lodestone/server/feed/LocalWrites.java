package dev.lodestone.server.feed;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What this node wrote and already applied to its own model, so the change-feed tailer does not apply it twice.
 *
 * <p>Ordering: a write is {@link #begin() begun} before its store commit and {@link Ticket#close() ended} after it
 * is marked. The tailer fetches a batch of changes, then {@link #awaitWritesBegunBefore() waits for every write
 * begun before that moment}; every local write visible in the batch committed before the fetch, so began before
 * it, so is marked by then. (Two alternating counters, as in an RCU grace period.)
 *
 * <p>Bounded: a node that nobody's feed tails (the embedded SQLite store has one node) records nothing. Otherwise every
 * mark is removed by the change that carries it; and since interaction ids grow in commit order (commits are
 * serialised), an interaction mark at or below the highest id the tailer has passed can never be claimed any more,
 * and is dropped with {@link #forgetInteractionsThrough}.
 */
public final class LocalWrites {
    private final boolean tailed;
    private final ConcurrentSkipListSet<Long> interactions = new ConcurrentSkipListSet<>();
    private final ConcurrentHashMap<String, AtomicInteger> entities = new ConcurrentHashMap<>();
    private final AtomicLongArray active = new AtomicLongArray(2);
    private volatile int epoch;

    /**
     * @param tailed whether a change-feed tailer reads this node's writes back (a shared PostgreSQL); when false,
     *               marks are not kept at all
     */
    public LocalWrites(boolean tailed) {
        this.tailed = tailed;
    }

    /** A write in progress; close it after marking what it applied. */
    public final class Ticket implements AutoCloseable {
        private final int slot;

        private Ticket(int slot) {
            this.slot = slot;
        }

        @Override
        public void close() {
            active.decrementAndGet(slot);
        }
    }

    public Ticket begin() {
        while (true) {
            int e = epoch;
            int slot = e & 1;
            active.incrementAndGet(slot);
            if (epoch == e) return new Ticket(slot);
            active.decrementAndGet(slot);
        }
    }

    public void interactionApplied(long id) {
        if (tailed) interactions.add(id);
    }

    public void entityApplied(String tenant, String type, String id) {
        if (!tailed) return;
        entities.computeIfAbsent(key(tenant, type, id), k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * This node deleted the tenant and forgot it already: the feed's {@code TENANT_DELETED} must not forget it again
     * (by then the tenant may have been created anew here, with fresh data in its model).
     */
    public void tenantDeleted(String tenant) {
        entityApplied(tenant, "", "");
    }

    /** True (and counted down) when this node deleted the tenant itself. */
    public boolean consumeTenantDeletion(String tenant) {
        return consumeEntity(tenant, "", "");
    }

    /** True (and forgotten) when this node applied the interaction itself. */
    public boolean consumeInteraction(long id) {
        return interactions.remove(id);
    }

    /** True (and counted down) when this node applied this entity change itself. */
    public boolean consumeEntity(String tenant, String type, String id) {
        String k = key(tenant, type, id);
        var count = entities.get(k);
        if (count == null) return false;
        if (count.decrementAndGet() <= 0) entities.remove(k, count);
        return true;
    }

    /** Drops the interaction marks at or below {@code id}: the tailer has passed them, no change can claim them. */
    public void forgetInteractionsThrough(long id) {
        interactions.headSet(id, true).clear();
    }

    /** Marks held now (interactions plus entity keys), for tests and metrics. */
    public int held() {
        return interactions.size() + entities.size();
    }

    /** Waits until every write begun before this call has ended. */
    public void awaitWritesBegunBefore() throws InterruptedException {
        int old;
        synchronized (this) {
            old = epoch & 1;
            epoch++;
        }
        while (active.get(old) > 0) Thread.sleep(1);
    }

    private static String key(String tenant, String type, String id) {
        return tenant + '\0' + type + '\0' + id;
    }
}
