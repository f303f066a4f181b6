package dev.lodestone.server.live;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The recent activity of one product, in bounded memory: last-seen times of recent shoppers and windowed counters. */
final class ProductActivity {
    static final Duration VIEWING_NOW = Duration.ofMinutes(5);
    static final Duration VIEWS_WINDOW = Duration.ofHours(1);
    static final Duration SALES_WINDOW = Duration.ofHours(24);
    /** A product with more shoppers than this in five minutes shows this many: the map must stay bounded. */
    static final int MAX_TRACKED_VIEWERS = 10_000;

    private final Map<String, Long> lastSeen = new HashMap<>();
    private final WindowCounter views = new WindowCounter(VIEWS_WINDOW, 60);
    private final WindowCounter carts = new WindowCounter(VIEWS_WINDOW, 60);
    private final WindowCounter sales = new WindowCounter(SALES_WINDOW, 144);

    synchronized void record(String userId, String interactionType, long atMillis, long nowMillis) {
        long at = Math.min(atMillis, nowMillis);
        switch (interactionType) {
            case "view" -> views.add(at, nowMillis);
            case "add_to_cart" -> carts.add(at, nowMillis);
            case "purchase" -> sales.add(at, nowMillis);
            default -> {
            }
        }
        // An impression is the product shown in someone's list, not someone looking at it.
        if (interactionType.equals("impression") || at <= nowMillis - VIEWING_NOW.toMillis()) return;
        if (lastSeen.size() >= MAX_TRACKED_VIEWERS && !lastSeen.containsKey(userId)) prune(nowMillis);
        if (lastSeen.size() < MAX_TRACKED_VIEWERS || lastSeen.containsKey(userId)) lastSeen.merge(userId, at, Math::max);
    }

    synchronized ActivityCounts counts(long nowMillis) {
        prune(nowMillis);
        return new ActivityCounts(lastSeen.size(), views.count(nowMillis), carts.count(nowMillis), sales.count(nowMillis));
    }

    private void prune(long nowMillis) {
        long cutoff = nowMillis - VIEWING_NOW.toMillis();
        lastSeen.values().removeIf(seen -> seen <= cutoff);
    }
}
