package dev.lodestone.core.engine;

import dev.lodestone.core.filter.FilterExpression;
import dev.lodestone.core.model.EntityKey;

import java.util.Set;

/** Entities similar to {@code source}; the source itself is never returned. */
public record SimilarQuery(
        EntityKey source,
        int count,
        int offset,
        Algorithm algorithm,
        String entityType,
        FilterExpression filter,
        Set<String> exclude,
        double diversity) {
}
