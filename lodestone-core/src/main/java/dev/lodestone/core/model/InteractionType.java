package dev.lodestone.core.model;

import java.time.Instant;

/** A tenant's registry entry: interaction type name and the weight it gives. */
public record InteractionType(
        long id,
        String tenantId,
        String name,
        double weight,
        String description,
        Instant createdAt,
        Instant updatedAt) {
}
