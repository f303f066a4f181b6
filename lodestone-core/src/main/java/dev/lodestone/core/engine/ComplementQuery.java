package dev.lodestone.core.engine;

import dev.lodestone.core.filter.FilterExpression;
import dev.lodestone.core.model.EntityKey;

import java.util.List;
import java.util.Set;

/**
 * Entities that go with a basket — one entity ("complements of") or several ("frequently bought together"). Basket
 * entities are never returned; keys not in the catalogue are ignored (an empty basket gets the popular fill).
 *
 * @param entityType null: any type
 * @param filter     null: no filter
 * @param exclude    entity ids never to return (any type)
 */
public record ComplementQuery(List<EntityKey> basket, int count, int offset, String entityType,
                              FilterExpression filter, Set<String> exclude) {
    public ComplementQuery {
        basket = List.copyOf(basket);
        exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
    }
}
