package dev.lodestone.core.engine;

import dev.lodestone.core.engine.basket.BasketCounts;
import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.cf.ItemNeighbours;
import dev.lodestone.core.engine.content.ContentIndex;
import dev.lodestone.core.engine.content.ContentNeighbours;
import dev.lodestone.core.engine.learned.LearnedState;

import java.time.Instant;

/**
 * What the stages of one request read: the tenant's model (under its read lock), its learned model (null before the
 * first training), the request's time and scratch.
 */
record RankContext(EntityCatalog catalog, InteractionMatrix matrix, ItemNeighbours neighbours, ContentIndex content,
                   ContentNeighbours contentNeighbours, ListRankings rankings, BasketCounts baskets,
                   LearnedState learned, Instant now,
                   RequestScratch scratch) {
    static final int MAX_HISTORY = 200;
    static final double HISTORY_HALF_LIFE_DAYS = 90;

    /** Weight of an interaction made at {@code minute} (epoch minutes): halves every 90 days. */
    float decay(int minute) {
        double ageDays = (now.getEpochSecond() / 60.0 - minute) / 1440.0;
        if (ageDays <= 0) return 1f;
        return (float) Math.pow(0.5, ageDays / HISTORY_HALF_LIFE_DAYS);
    }
}
