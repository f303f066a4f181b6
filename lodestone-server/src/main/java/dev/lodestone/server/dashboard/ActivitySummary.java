package dev.lodestone.server.dashboard;

import dev.lodestone.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interactions per day and per type over the last days, from the store (the system of record: the in-memory model
 * keeps no types). One streamed scan of the window, kept for a minute per (tenant, days) so a dashboard polling it
 * costs one scan a minute.
 */
public final class ActivitySummary {
    /** Counts of one day. */
    public record Day(LocalDate date, long total, Map<String, Long> byType) {
    }

    /** The window's days (oldest first, every day present) and its totals per type. */
    public record Activity(int days, Instant from, Instant computedAt, long total, List<Day> perDay, Map<String, Long> byType) {
    }

    private static final Duration KEEP = Duration.ofMinutes(1);
    private final Store store;
    private final Clock clock;
    private final Map<String, Activity> cache = new ConcurrentHashMap<>();

    public ActivitySummary(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Activity of(String tenantId, int days) {
        String key = tenantId + "\u0000" + days;
        Activity kept = cache.get(key);
        Instant now = clock.instant();
        if (kept != null && kept.computedAt().plus(KEEP).isAfter(now)) return kept;
        Activity fresh = compute(tenantId, days, now);
        cache.put(key, fresh);
        return fresh;
    }

    private Activity compute(String tenantId, int days, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<LocalDate, Map<String, Long>> counts = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) counts.put(d, new TreeMap<>());
        Map<String, Long> byType = new TreeMap<>();
        long[] total = {0};
        store.forEachInteraction(tenantId, from, null, i -> {
            LocalDate day = LocalDate.ofInstant(i.timestamp(), ZoneOffset.UTC);
            var perType = counts.get(day);
            if (perType == null) return; // a client timestamp in the future
            perType.merge(i.interactionType(), 1L, Long::sum);
            byType.merge(i.interactionType(), 1L, Long::sum);
            total[0]++;
        });
        var perDay = counts.entrySet().stream()
                .map(e -> new Day(e.getKey(), e.getValue().values().stream().mapToLong(Long::longValue).sum(), e.getValue()))
                .toList();
        return new Activity(days, from, now, total[0], perDay, new LinkedHashMap<>(byType));
    }

    public void forget(String tenantId) {
        cache.keySet().removeIf(k -> k.startsWith(tenantId + "\u0000"));
    }
}
