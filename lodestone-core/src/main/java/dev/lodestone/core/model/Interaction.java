package dev.lodestone.core.model;

import java.time.Instant;
import java.util.Map;

/**
 * One stored user behaviour event. Append-only; {@code id} is the store's sequence number within the deployment,
 * increasing in commit order.
 *
 * @param weight the resolved weight (explicit, rating value, registry, or built-in default); may be negative
 * @param value  optional numeric value, e.g. a rating; null when absent
 * @param metadata strings, numbers and booleans; empty map when absent
 */
public record Interaction(
        long id,
        String tenantId,
        String userId,
        String entityType,
        String entityId,
        String interactionType,
        InteractionTypeForm typeForm,
        double weight,
        Double value,
        Map<String, Object> metadata,
        Instant timestamp) {

    public EntityKey entityKey() {
        return new EntityKey(entityType, entityId);
    }
}
