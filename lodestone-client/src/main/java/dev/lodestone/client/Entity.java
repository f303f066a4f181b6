package dev.lodestone.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A catalogue entity as the server answers it. {@code vector} is present only when asked for. */
public record Entity(String entityId, String entityType, Map<String, Object> attributes, String tenantId, Boolean hidden,
                     Instant availableFrom, Instant expiresAt, Instant createdAt, Instant updatedAt, List<Double> vector) {
}
