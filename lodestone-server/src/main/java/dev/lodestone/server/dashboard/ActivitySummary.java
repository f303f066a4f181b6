package dev.lodestone.server.dashboard;

import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.store.Store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Interactions per UTC day and per type over the last {@value #MAX_DAYS} days, kept in memory (the serving model
 * keeps no types). A node counts them as its model loader reads the store at start-up ({@link #startupLoad}), then
 * from every interaction it applies ({@link #record}: its own writes and, through the change feed, the other nodes'),
 * so the dashboard never waits on a scan. A tenant that was not counted so (or was deleted and written again) is read
 * from the store once, the first time it is asked for.
 *
 * <p>Interactions with a timestamp before the window or after today are not counted.
 */
public final class ActivitySummary {
    /** The longest window asked for, and the days kept per tenant. */
    public static final int MAX_DAYS = 90;

    /** Counts of one day. */
    public record Day(LocalDate date, long total, Map<String, Long> byType) {
    }

    /** The window's days (oldest first, every day present) and its totals per type. */
    public record Activity(int days, Instant from, Instant computedAt, long total, List<Day> perDay, Map<String, Long> byType) {
    }

    private final Store store;
    private final Clock clock;
    /** The tenant's serving model, if it has one: counts belong to one model (a deleted tenant's are dropped). */
    private final Function<String, Optional<TenantModel>> models;
    private final Map<String, TenantCounts> tenants = new ConcurrentHashMap<>();
    /** Set once the start-up load counted every tenant: from then on, a tenant not known yet is a new one. */
    private volatile boolean counting;

    public ActivitySummary(Store store, Clock clock, Function<String, Optional<TenantModel>> models) {
        this.store = store;
        this.clock = clock;
        this.models = models;
    }

    /**
     * Start-up: counts what the model loader reads of the tenant, every interaction before any is applied. Call
     * {@link #startupLoadDone()} once every tenant was read.
     */
    public Consumer<Interaction> startupLoad(String tenantId, TenantModel model) {
        TenantCounts counts = new TenantCounts(tenantId, model, true);
        tenants.put(tenantId, counts);
        long today = today();
        return i -> counts.count(i, today);
    }

    /** Every tenant was counted at start-up: tenants seen from now on start from nothing. */
    public void startupLoadDone() {
        counting = true;
    }

    /** The last {@code days} days of the tenant (every day present, today last). */
    public Activity of(String tenantId, int days) {
        if (days < 1 || days > MAX_DAYS) throw new IllegalArgumentException("days must be 1.." + MAX_DAYS);
        TenantModel model = models.apply(tenantId).orElse(null);
        if (model == null) { // no data on this node (never written, or deleted): nothing to keep
            tenants.remove(tenantId);
            return new TenantCounts(tenantId, null, true).window(days, clock.instant());
        }
        TenantCounts counts = tenants.compute(tenantId, (id, kept) -> kept != null && kept.model == model ? kept
                : new TenantCounts(id, model, false));
        counts.load();
        return counts.window(days, clock.instant());
    }

    /** Interactions just stored and applied to the model (in commit order per tenant). */
    public void record(List<Interaction> interactions) {
        long today = today();
        for (Interaction i : interactions) {
            TenantCounts counts = tenants.get(i.tenantId());
            TenantModel model = models.apply(i.tenantId()).orElse(null);
            if (counts == null || counts.model != model) {
                if (!counting) continue; // read from the store when asked
                counts = tenants.compute(i.tenantId(), (id, kept) -> kept != null && kept.model == model ? kept
                        : new TenantCounts(id, model, true)); // new (or new again): everything it has comes here
            }
            counts.add(i, today);
        }
    }

    /** The tenant was deleted: its counts go at once (its model went too, so they would be read again anyway). */
    public void forget(String tenantId) {
        tenants.remove(tenantId);
    }

    private long today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
    }

    /**
     * One tenant's counts: a ring of {@value #MAX_DAYS} days per interaction type (slot = epoch day modulo the ring),
     * so memory stays bounded whatever the traffic.
     */
    private final class TenantCounts {
        final String tenantId;
        final TenantModel model;
        /** Serialises the one read from the store; never held by writers, who never wait on it. */
        private final Object loading = new Object();
        // guarded by this
        private boolean loaded;
        /** The highest interaction id the read saw: ids grow in commit order, so it saw every id up to it. */
        private long loadedUpTo = Long.MIN_VALUE;
        /** Interactions applied while the read goes on; null once loaded. */
        private List<Interaction> arrivedDuringLoad = new ArrayList<>();
        private final long[] slotDay = new long[MAX_DAYS];
        private final Map<String, long[]> perType = new HashMap<>();

        TenantCounts(String tenantId, TenantModel model, boolean loaded) {
            this.tenantId = tenantId;
            this.model = model;
            this.loaded = loaded;
            if (loaded) arrivedDuringLoad = null;
            Arrays.fill(slotDay, Long.MIN_VALUE);
        }

        synchronized void add(Interaction i, long today) {
            if (!loaded) arrivedDuringLoad.add(i);
            else if (i.id() > loadedUpTo) count(i, today);
        }

        /**
         * Reads the window from the store unless counted already. An interaction committed just before or while it
         * reads may be handed to {@link #add} too, during the read or after: those it read (ids up to the highest it
         * saw) are not counted twice.
         */
        void load() {
            synchronized (loading) {
                synchronized (this) {
                    if (loaded) return;
                }
                long today = today();
                Instant from = LocalDate.ofEpochDay(today - MAX_DAYS + 1).atStartOfDay(ZoneOffset.UTC).toInstant();
                long[] lastId = {Long.MIN_VALUE};
                try {
                    store.forEachInteraction(tenantId, from, null, i -> {
                        count(i, today);
                        lastId[0] = Math.max(lastId[0], i.id());
                    });
                } catch (RuntimeException e) {
                    tenants.remove(tenantId, this); // the next request reads again
                    throw e;
                }
                synchronized (this) {
                    loadedUpTo = lastId[0];
                    loaded = true;
                    for (Interaction i : arrivedDuringLoad) add(i, today());
                    arrivedDuringLoad = null;
                }
            }
        }

        synchronized void count(Interaction i, long today) {
            long day = Math.floorDiv(i.timestamp().getEpochSecond(), 86_400L);
            if (day > today || day <= today - MAX_DAYS) return;
            int slot = (int) Math.floorMod(day, (long) MAX_DAYS);
            if (slotDay[slot] != day) { // the slot held a day that left the window
                slotDay[slot] = day;
                for (long[] days : perType.values()) days[slot] = 0;
            }
            perType.computeIfAbsent(i.interactionType(), t -> new long[MAX_DAYS])[slot]++;
        }

        synchronized Activity window(int days, Instant now) {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            LocalDate first = today.minusDays(days - 1L);
            List<Day> out = new ArrayList<>(days);
            Map<String, Long> byType = new TreeMap<>();
            long total = 0;
            for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
                long day = d.toEpochDay();
                int slot = (int) Math.floorMod(day, (long) MAX_DAYS);
                Map<String, Long> types = new TreeMap<>();
                long sum = 0;
                if (slotDay[slot] == day) {
                    for (var e : perType.entrySet()) {
                        long n = e.getValue()[slot];
                        if (n == 0) continue;
                        types.put(e.getKey(), n);
                        byType.merge(e.getKey(), n, Long::sum);
                        sum += n;
                    }
                }
                total += sum;
                out.add(new Day(d, sum, types));
            }
            return new Activity(days, first.atStartOfDay(ZoneOffset.UTC).toInstant(), now, total, out,
                    new LinkedHashMap<>(byType));
        }
    }
}
