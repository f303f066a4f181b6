package dev.lodestone.client;

import java.time.Instant;

/** A tenant's API key. {@code key} (the secret) is set only in the answer that created it. */
public record ApiKey(String keyId, String tenantId, String name, Instant createdAt, String key) {
}
