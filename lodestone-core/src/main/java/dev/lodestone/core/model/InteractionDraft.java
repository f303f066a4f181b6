package dev.lodestone.core.model;

import java.time.Instant;
import java.util.Map;

/**
 * An interaction validated and resolved by the API, not yet stored (no id).
 *
 * @param idempotencyKey client's Idempotency-Key, or null; a second append with the same (tenant, key) stores
 *                       nothing and returns the first stored interaction
 */
public record InteractionDraft(
        String tenantId,
        String userId,
        String entityType,
        String entityId,
        String interactionType,
        InteractionTypeForm typeForm,
        double weight,
        Double value,
        Map<String, Object> metadata,
        Instant timestamp,
        String idempotencyKey) {

    public Interaction withId(long id) {
        return new Interaction(id, tenantId, userId, entityType, entityId, interactionType, typeForm, weight, value,
                metadata, timestamp);
    }
}
