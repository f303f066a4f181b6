package dev.lodestone.client;

import java.time.Instant;

/** A tenant. */
public record Tenant(String tenantId, String name, Instant createdAt) {
}
