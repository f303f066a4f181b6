package dev.lodestone.core.model;

import java.time.Instant;

public record Tenant(String tenantId, String name, Instant createdAt) {
}
