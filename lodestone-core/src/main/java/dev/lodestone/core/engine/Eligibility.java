package dev.lodestone.core.engine;

import dev.lodestone.core.filter.FilterExpression;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.engine.rank.ScoreBoard;

import java.time.Instant;
import java.util.Set;

/**
 * Whether one entity may appear in one request's list: it exists, is servable now, has the requested type, passes
 * the filter, is not excluded, not the source, and (for a user) not seen / not disliked; also not already chosen.
 */
final class Eligibility {
    private final EntityCatalog catalog;
    private final Instant now;
    private final String entityType;
    private final FilterExpression filter;
    private final Set<String> excludedIds;
    /** Excluded (score -1) and chosen (score 1) indexes: a request's scratch board, so tests are array reads. */
    private final ScoreBoard marks;

    Eligibility(EntityCatalog catalog, Instant now, String entityType, FilterExpression filter, Set<String> excludedIds,
                ScoreBoard marks) {
        this.catalog = catalog;
        this.marks = marks;
        this.now = now;
        this.entityType = entityType;
        this.filter = filter;
        this.excludedIds = excludedIds == null ? Set.of() : excludedIds;
    }

    /** Never return this index (the source entity, a seen or disliked item). */
    void exclude(int index) {
        marks.put(index, -1);
    }

    void choose(int index) {
        marks.put(index, 1);
    }

    boolean test(int index) {
        Entity e = catalog.entity(index);
        if (e == null || marks.contains(index)) return false;
        if (entityType != null && !entityType.equals(e.entityType())) return false;
        if (!e.servableAt(now)) return false;
        if (!excludedIds.isEmpty() && excludedIds.contains(e.entityId())) return false;
        return filter == null || filter.test(e.attributes());
    }
}
