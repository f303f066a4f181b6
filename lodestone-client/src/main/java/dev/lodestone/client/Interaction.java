package dev.lodestone.client;

import java.time.Instant;
import java.util.Map;

/**
 * A recorded interaction. {@code interactionType} echoes the form it was sent in: a name, or a map such as
 * {@code {"rating": 4.5}} or {@code {"custom": "share"}}. {@code entityKnown} is set in write answers only.
 */
public record Interaction(long id, String userId, String entityId, String entityType, Object interactionType, double weight,
                          Double value, Map<String, Object> metadata, String tenantId, Instant timestamp, Boolean entityKnown) {

    /** The type's name whatever its form. */
    public String typeName() {
        if (interactionType instanceof Map<?, ?> m) {
            if (m.containsKey("custom")) return String.valueOf(m.get("custom"));
            if (m.containsKey("rating")) return "rating";
        }
        return String.valueOf(interactionType);
    }
}
