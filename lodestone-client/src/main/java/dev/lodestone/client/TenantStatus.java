package dev.lodestone.client;

import java.time.Instant;

/** {@code GET /api/v1/tenants/{id}}: the tenant and its models' state (fields absent before a first model are null). */
public record TenantStatus(String tenantId, String name, Instant createdAt, Model model) {

    public record Model(long entities, long users, long interactions, Instant lastRebuild, Learned learned) {
    }

    public record Learned(String kind, Instant trainedAt, Double trainingSeconds, Long sizeBytes, Integer items,
                          Long interactions, boolean training, long pendingChanges, String lastError) {
    }
}
