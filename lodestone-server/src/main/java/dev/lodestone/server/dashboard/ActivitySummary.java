package dev.lodestone.server.dashboard;

import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.store.Store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interactions per UTC day and per type over the last {@value #MAX_DAYS} days (the in-memory model keeps no types).
 * A tenant's counts are read from the store once, when the dashboard first asks for them, and from then on kept up
 * to date in memory by {@link #record} with every interaction the node applies (its own writes and, through the
 * change feed, the other nodes'), so a dashboard polling them costs no scan.
 */
public final class ActivitySummary {
    /** The longest window asked for. */
    public static final int MAX_DAYS = 90;

    /** Counts of one day. */
    public record Day(LocalDate date, long total, Map<String, Long> byType) {
    }

    /** The window's days (oldest first, every day present) and its totals per type. */
    public record Activity(int days, Instant from, Instant computedAt, long total, List<Day> perDay, Map<String, Long> byType) {
    }

    private final Store store;
    private final Clock clock;
    private final Map<String, TenantCounts> tenants = new ConcurrentHashMap<>();

    public ActivitySummary(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The last {@code days} days of the tenant whose serving model is {@code model} (null when it has none): counts
     * kept for another model of the same tenant (deleted and written again since) are dropped and read again.
     */
    public Activity of(String tenantId, TenantModel model, int days) {
        if (days < 1 || days > MAX_DAYS) throw new IllegalArgumentException("days must be 1.." + MAX_DAYS);
        if (model == null) { // no data on this node (never written, or deleted): nothing to keep
            tenants.remove(tenantId);
            return new TenantCounts(tenantId, null).window(days, clock.instant());
        }
        TenantCounts counts = tenants.compute(tenantId, (id, kept) -> kept != null && kept.model == model ? kept
                : new TenantCounts(id, model));
        counts.load();
        return counts.window(days, clock.instant());
    }

    /** Interactions just stored and applied to the model; counted for the tenants whose counts are kept. */
    public void record(List<Interaction> interactions) {
        for (Interaction i : interactions) {
            TenantCounts counts = tenants.get(i.tenantId());
            if (counts != null) counts.add(i);
        }
    }

    /** The tenant was deleted: its counts go at once (its model went too, so they would be read again anyway). */
    public void forget(String tenantId) {
        tenants.remove(tenantId);
    }

    /** The first UTC day of the longest window that ends today. */
    private static LocalDate firstKeptDay(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(MAX_DAYS - 1L);
    }

    /** One tenant's counts per day (epoch day) and type. */
    private final class TenantCounts {
        final String tenantId;
        final TenantModel model;
        /** Serialises the one load; never held while counting, so writers never wait on the store scan. */
        private final Object loading = new Object();
        // guarded by this
        private final Map<Long, Map<String, Long>> perDay = new HashMap<>();
        private boolean loaded;
        /** The highest interaction id the load read: ids grow in commit order, so it saw every id up to it. */
        private long loadedUpTo = Long.MIN_VALUE;
        /** Interactions applied while the load reads the store; null once loaded. */
        private List<Interaction> arrivedDuringLoad = new ArrayList<>();

        TenantCounts(String tenantId, TenantModel model) {
            this.tenantId = tenantId;
            this.model = model;
        }

        synchronized void add(Interaction i) {
            if (!loaded) arrivedDuringLoad.add(i);
            else if (i.id() > loadedUpTo) count(i);
        }

        /**
         * Reads the window from the store. An interaction committed just before or while it reads may be handed to
         * {@link #add} too, during the load or after: those the load read (ids up to the highest it read) are not
         * counted twice.
         */
        void load() {
            synchronized (loading) {
                synchronized (this) {
                    if (loaded) return;
                }
                Instant from = firstKeptDay(clock.instant()).atStartOfDay(ZoneOffset.UTC).toInstant();
                Map<Long, Map<String, Long>> scanned = new HashMap<>();
                long[] lastId = {Long.MIN_VALUE};
                try {
                    store.forEachInteraction(tenantId, from, null, i -> {
                        scanned.computeIfAbsent(epochDay(i), d -> new HashMap<>()).merge(i.interactionType(), 1L, Long::sum);
                        lastId[0] = Math.max(lastId[0], i.id());
                    });
                } catch (RuntimeException e) {
                    tenants.remove(tenantId, this); // the next request reads again
                    throw e;
                }
                synchronized (this) {
                    perDay.putAll(scanned);
                    loadedUpTo = lastId[0];
                    loaded = true;
                    for (Interaction i : arrivedDuringLoad) add(i);
                    arrivedDuringLoad = null;
                }
            }
        }

        private void count(Interaction i) {
            perDay.computeIfAbsent(epochDay(i), d -> new HashMap<>()).merge(i.interactionType(), 1L, Long::sum);
        }

        private static long epochDay(Interaction i) {
            return Math.floorDiv(i.timestamp().getEpochSecond(), 86_400L);
        }

        synchronized Activity window(int days, Instant now) {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            LocalDate first = today.minusDays(days - 1L);
            perDay.keySet().removeIf(d -> d < firstKeptDay(now).toEpochDay());
            List<Day> out = new ArrayList<>(days);
            Map<String, Long> byType = new TreeMap<>();
            long total = 0;
            for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
                Map<String, Long> types = new TreeMap<>(perDay.getOrDefault(d.toEpochDay(), Map.of()));
                long sum = 0;
                for (var e : types.entrySet()) {
                    sum += e.getValue();
                    byType.merge(e.getKey(), e.getValue(), Long::sum);
                }
                total += sum;
                out.add(new Day(d, sum, types));
            }
            return new Activity(days, first.atStartOfDay(ZoneOffset.UTC).toInstant(), now, total, out,
                    new LinkedHashMap<>(byType));
        }
    }
}
