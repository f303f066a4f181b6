package dev.lodestone.core.model;

import java.time.Instant;

/** A tenant-scoped API key as stored: only the hash of the secret is kept. */
public record ApiKey(String keyId, String tenantId, String name, String secretHash, Instant createdAt) {
}
