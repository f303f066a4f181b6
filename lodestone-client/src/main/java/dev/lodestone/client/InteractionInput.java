package dev.lodestone.client;

import java.time.Instant;
import java.util.Map;

/**
 * An interaction to record. {@code interactionType} is a name ({@code "view"}, {@code "purchase"}, any registered
 * name) or a map ({@code Map.of("rating", 4.5)}). Optional fields may be null: the server then resolves the weight
 * from the tenant's registry and the entity type from the catalogue, and stamps the time.
 */
public record InteractionInput(String userId, String entityId, String entityType, Object interactionType, Double weight,
                               Double value, Map<String, Object> metadata, Instant timestamp) {

    public static InteractionInput of(String userId, String entityId, String interactionType) {
        return new InteractionInput(userId, entityId, null, interactionType, null, null, null, null);
    }

    /** The old rating form: the rating is the weight. */
    public static InteractionInput rating(String userId, String entityId, double rating) {
        return new InteractionInput(userId, entityId, null, Map.of("rating", rating), null, null, null, null);
    }

    public InteractionInput withEntityType(String type) {
        return new InteractionInput(userId, entityId, type, interactionType, weight, value, metadata, timestamp);
    }

    public InteractionInput withWeight(double w) {
        return new InteractionInput(userId, entityId, entityType, interactionType, w, value, metadata, timestamp);
    }

    public InteractionInput withMetadata(Map<String, Object> m) {
        return new InteractionInput(userId, entityId, entityType, interactionType, weight, value, m, timestamp);
    }

    public InteractionInput at(Instant t) {
        return new InteractionInput(userId, entityId, entityType, interactionType, weight, value, metadata, t);
    }
}
