package dev.lodestone.core.engine;

import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.rank.LiveRanking;
import dev.lodestone.core.model.Entity;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The non-personalised orders kept ready for reading: popular (all-time weight), latest (creation time) and trending
 * per requested window (decayed weight in the window, which only moves at hour boundaries or with a write). Writes
 * feed the changed item into each order ({@link #interacted}, {@link #entityChanged}) under the model's write lock,
 * so a trending or popular request is a walk down a sorted list instead of a catalogue scan.
 */
final class ListRankings {
    /** Entries kept in each snapshot: filters that reject more than this fall back to a scan. */
    static final int BASE_LIMIT = 20_000;
    /** Changed items an order absorbs before its next read rebuilds it (one scan). */
    static final int OVERLAY_LIMIT = 4_096;
    /** Distinct trending windows kept; more are rare (clients use one or two) and drop the others. */
    static final int MAX_WINDOWS = 8;

    private final EntityCatalog catalog;
    private final InteractionMatrix matrix;
    private final LiveRanking popular;
    private final LiveRanking latest;
    private final ConcurrentHashMap<Double, LiveRanking> trending = new ConcurrentHashMap<>();

    ListRankings(EntityCatalog catalog, InteractionMatrix matrix) {
        this.catalog = catalog;
        this.matrix = matrix;
        this.popular = new LiveRanking(catalog::compareKeys, BASE_LIMIT, OVERLAY_LIMIT);
        this.latest = new LiveRanking(catalog::compareKeys, BASE_LIMIT, OVERLAY_LIMIT);
    }

    /** Under the write lock: {@code item} got an interaction. */
    void interacted(int item) {
        popular.update(item, matrix.popularity(item));
        for (var e : trending.entrySet()) {
            LiveRanking r = e.getValue();
            long hour = r.epoch();
            if (hour != Long.MIN_VALUE) r.update(item, trendingScore(item, (int) hour, e.getKey()));
        }
    }

    /** Under the write lock: the entity at {@code index} was added, replaced or removed. */
    void entityChanged(int index) {
        latest.update(index, latestScore(index));
    }

    /** Walks items by all-time popularity; see {@link LiveRanking#walk} for the result. */
    boolean walkPopular(LiveRanking.Visitor visitor) {
        return popular.walk(0, itemCount(), matrix::popularity, visitor);
    }

    boolean walkLatest(LiveRanking.Visitor visitor) {
        return latest.walk(0, catalog.size(), this::latestScore, visitor);
    }

    boolean walkTrending(double windowHours, int nowHour, LiveRanking.Visitor visitor) {
        LiveRanking r = trending.get(windowHours);
        if (r == null) {
            if (trending.size() >= MAX_WINDOWS) trending.clear();
            r = trending.computeIfAbsent(windowHours,
                    w -> new LiveRanking(catalog::compareKeys, BASE_LIMIT, OVERLAY_LIMIT));
        }
        return r.walk(nowHour, itemCount(), i -> trendingScore(i, nowHour, windowHours), visitor);
    }

    double trendingScore(int item, int nowHour, double windowHours) {
        return matrix.trending(item, nowHour, windowHours, windowHours / 2);
    }

    /** Creation time as a positive score (live entities only), so the newest rank first. */
    double latestScore(int index) {
        Entity e = catalog.entity(index);
        if (e == null) return 0;
        return e.createdAt() == null ? 1 : Math.max(0, e.createdAt().toEpochMilli()) + 1.0;
    }

    private int itemCount() {
        return Math.min(matrix.itemCount(), catalog.size());
    }
}
