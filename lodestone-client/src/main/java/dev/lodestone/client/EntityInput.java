package dev.lodestone.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An entity to create or replace. Attributes: strings, numbers, booleans, lists of those, nested maps; at least one.
 * Optional fields may be null.
 */
public record EntityInput(String entityId, String entityType, Map<String, Object> attributes, List<Double> vector,
                          Boolean hidden, Instant availableFrom, Instant expiresAt) {

    public static EntityInput of(String entityId, String entityType, Map<String, Object> attributes) {
        return new EntityInput(entityId, entityType, attributes, null, null, null, null);
    }

    public EntityInput withVector(List<Double> v) {
        return new EntityInput(entityId, entityType, attributes, v, hidden, availableFrom, expiresAt);
    }

    public EntityInput withHidden(boolean h) {
        return new EntityInput(entityId, entityType, attributes, vector, h, availableFrom, expiresAt);
    }

    public EntityInput withWindow(Instant from, Instant until) {
        return new EntityInput(entityId, entityType, attributes, vector, hidden, from, until);
    }
}
