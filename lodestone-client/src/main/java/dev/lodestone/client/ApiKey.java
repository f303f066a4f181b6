package dev.lodestone.client;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's API key. {@code key} (the secret) is set only in the answer that created it. {@code kind} is
 * {@code secret} (server-side use) or {@code publishable} ({@code pk_…}, for shoppers' browsers, limited to the
 * storefront reads and interactions from its {@code allowedOrigins}).
 */
public record ApiKey(String keyId, String tenantId, String name, Instant createdAt, String key, String kind,
                     List<String> allowedOrigins) {
}
