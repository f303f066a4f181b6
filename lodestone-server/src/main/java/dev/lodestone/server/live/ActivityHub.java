package dev.lodestone.server.live;

import dev.lodestone.core.model.Interaction;
import dev.lodestone.server.http.Json;
import dev.lodestone.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live activity of the products someone is watching: the write paths (this node's ingest and the change feed that
 * applies other nodes' writes) {@link #record report} interactions; once a second every watched product whose counts
 * changed is pushed to its subscribers. Only watched products are tracked, so memory follows the subscriptions, not
 * the catalogue; a product's history from before it was watched is read from the store when it is first watched.
 */
public final class ActivityHub {
    private static final Logger log = LoggerFactory.getLogger(ActivityHub.class);
    /** The newest interactions read from the store when a product starts being watched. */
    static final int SEED_LIMIT = 5_000;
    /** Interactions that arrive while a product's history is being read are held, up to this many. */
    private static final int MAX_PENDING = 10_000;
    /** A product nobody watches any more is kept this long, so a page reload does not read its history again. */
    static final Duration KEEP_UNWATCHED = Duration.ofSeconds(60);

    /** A connection that receives pushes; {@code push} must not block. */
    public interface Subscriber {
        void push(String productId, String message);
    }

    private final Store store;
    private final Clock clock;
    private final int maxWatchedProducts;
    private final ConcurrentHashMap<String, Watched> watched = new ConcurrentHashMap<>();
    private final List<Runnable> everyTick = new CopyOnWriteArrayList<>();

    public ActivityHub(Store store, Clock clock, int maxWatchedProducts) {
        this.store = store;
        this.clock = clock;
        this.maxWatchedProducts = maxWatchedProducts;
    }

    /** Pushes changed counts every {@code period} on {@code executor} from now on (the node's live executor). */
    public void start(ScheduledExecutorService executor, Duration period) {
        executor.scheduleAtFixedRate(this::tickQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} after each tick, on the ticker thread (the socket checks for stalled connections there). */
    public void everyTick(Runnable task) {
        everyTick.add(task);
    }

    /** Thrown when a subscription cannot be taken; the message is for the client. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Adds a subscriber to a product and answers its current counts (read from the store when first watched). */
    public ActivityCounts subscribe(Subscriber subscriber, String tenantId, String productId) {
        String key = key(tenantId, productId);
        if (!watched.containsKey(key) && watched.size() >= maxWatchedProducts) {
            throw new Refused("this server watches too many products already; try again later");
        }
        Watched w = watched.compute(key, (k, current) -> {
            Watched next = current == null ? new Watched(tenantId, productId) : current;
            next.subscribers.add(subscriber);
            next.idleSince = 0;
            return next;
        });
        w.seed();
        return w.activity.counts(clock.millis());
    }

    public void unsubscribe(Subscriber subscriber, String tenantId, String productId) {
        watched.computeIfPresent(key(tenantId, productId), (k, w) -> {
            if (w.subscribers.remove(subscriber) && w.subscribers.isEmpty()) w.idleSince = clock.millis();
            return w;
        });
    }

    /** The tenant was deleted: its watched products and their counts are dropped (its sockets are closed first). */
    public void forgetTenant(String tenantId) {
        watched.values().removeIf(w -> w.tenantId.equals(tenantId));
    }

    /** Interactions just applied to a model (this node's writes or another node's through the feed). */
    public void record(List<Interaction> interactions) {
        if (watched.isEmpty() || interactions.isEmpty()) return;
        long now = clock.millis();
        for (Interaction i : interactions) {
            Watched w = watched.get(key(i.tenantId(), i.entityId()));
            if (w != null) w.offer(i, now);
        }
    }

    /** The push message of STOREFRONT.md's live-activity socket. */
    public static String message(String productId, ActivityCounts c, long timestampMillis) {
        var m = new LinkedHashMap<String, Object>();
        m.put("type", "activity");
        m.put("productId", productId);
        m.put("viewingNow", c.viewingNow());
        m.put("recentSales", c.recentSales());
        m.put("recentViews", c.recentViews());
        m.put("addedToCart", c.addedToCart());
        m.put("timestamp", timestampMillis);
        return new String(Json.write(m), StandardCharsets.UTF_8);
    }

    public long now() {
        return clock.millis();
    }

    int watchedProducts() {
        return watched.size();
    }

    /** Pushes the counts of every watched product that changed since its last push; forgets long-unwatched ones. */
    void tick() {
        long now = clock.millis();
        for (var entry : watched.entrySet()) {
            Watched w = entry.getValue();
            if (w.subscribers.isEmpty()) {
                if (w.idleSince != 0 && now - w.idleSince >= KEEP_UNWATCHED.toMillis()) {
                    watched.computeIfPresent(entry.getKey(), (k, cur) -> cur.subscribers.isEmpty() ? null : cur);
                }
                continue;
            }
            if (!w.isSeeded()) continue;
            ActivityCounts counts = w.activity.counts(now);
            if (counts.equals(w.lastPushed)) continue;
            w.lastPushed = counts;
            String message = message(w.productId, counts, now);
            for (Subscriber s : w.subscribers) s.push(w.productId, message);
        }
        for (Runnable task : everyTick) task.run();
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            // An exception would cancel the schedule: live pushes must outlive one bad tick.
            log.warn("live activity tick failed", e);
        }
    }

    private static String key(String tenantId, String productId) {
        return tenantId + '\0' + productId;
    }

    /** One watched product. */
    private final class Watched {
        final String tenantId;
        final String productId;
        final ProductActivity activity = new ProductActivity();
        final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
        /** When the last subscriber left; 0 while someone watches. Changed inside the map's compute only. */
        volatile long idleSince;
        /** Ticker thread only. */
        ActivityCounts lastPushed;
        private boolean seeding;
        private boolean seeded;
        private List<Interaction> pending = new ArrayList<>();

        Watched(String tenantId, String productId) {
            this.tenantId = tenantId;
            this.productId = productId;
        }

        /** Caller holds the lock. */
        private void record(Interaction i, long now) {
            activity.record(i.userId(), i.interactionType(), i.timestamp() == null ? now : i.timestamp().toEpochMilli(), now);
        }

        synchronized boolean isSeeded() {
            return seeded;
        }

        synchronized void offer(Interaction i, long now) {
            if (seeded) {
                record(i, now);
            } else if (pending.size() < MAX_PENDING) {
                pending.add(i);
            }
        }

        /** Reads the product's recent history once; later callers wait for the first. The store is read unlocked. */
        void seed() {
            synchronized (this) {
                while (seeding) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (seeded) return;
                seeding = true;
            }
            List<Interaction> history = List.of();
            try {
                history = store.interactionsOfEntity(tenantId, null, productId, SEED_LIMIT, 0);
            } catch (RuntimeException e) {
                log.warn("live activity: cannot read the history of {}/{}: {}", tenantId, productId, e.getMessage());
            }
            synchronized (this) {
                long now = clock.millis();
                Set<Long> seen = new HashSet<>(history.size() * 2);
                for (Interaction i : history) {
                    seen.add(i.id());
                    record(i, now);
                }
                // Arrived during the read: some may be in the history already.
                for (Interaction i : pending) {
                    if (!seen.contains(i.id())) record(i, now);
                }
                pending = null;
                seeding = false;
                seeded = true;
                notifyAll();
            }
        }
    }
}
