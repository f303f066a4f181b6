package dev.lodestone.client;

import java.time.Instant;

/** A registry entry: a type's weight. Built-in defaults have the id {@code builtin:<name>} and no timestamps. */
public record InteractionType(String id, String tenantId, String interactionType, double weight, String description,
                              Instant createdAt, Instant updatedAt) {
}
