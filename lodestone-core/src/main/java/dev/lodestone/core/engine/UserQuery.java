package dev.lodestone.core.engine;

import dev.lodestone.core.filter.FilterExpression;

import java.util.Set;

/**
 * A personalised request, validated by the API.
 *
 * @param weights             null: the tenant's setting
 * @param entityType          null: any type
 * @param filter              null: no filter
 * @param exclude             entity ids never to return (any type)
 * @param diversity           0..1
 */
public record UserQuery(
        String userId,
        int count,
        int offset,
        Algorithm algorithm,
        BlendWeights weights,
        String entityType,
        FilterExpression filter,
        Set<String> exclude,
        boolean excludeSeen,
        double diversity) {
}
