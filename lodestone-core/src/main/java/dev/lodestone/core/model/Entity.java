package dev.lodestone.core.model;

import java.time.Instant;
import java.util.Map;

/**
 * A catalogue item of a tenant.
 *
 * @param attributes JSON-like values: String, Number (Long, Integer, BigInteger, Double, BigDecimal), Boolean,
 *                   List of those, or nested Map; insertion-ordered
 * @param vector     client-supplied embedding, or null
 * @param hidden     never recommended while true
 * @param availableFrom not recommended before this instant (null: always)
 * @param expiresAt  not recommended from this instant on (null: never)
 */
public record Entity(
        String tenantId,
        String entityType,
        String entityId,
        Map<String, Object> attributes,
        float[] vector,
        boolean hidden,
        Instant availableFrom,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt) {

    public EntityKey key() {
        return new EntityKey(entityType, entityId);
    }

    /** Whether the entity may be recommended at {@code now}. */
    public boolean servableAt(Instant now) {
        if (hidden) return false;
        if (availableFrom != null && now.isBefore(availableFrom)) return false;
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
