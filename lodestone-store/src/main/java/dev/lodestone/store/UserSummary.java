package dev.lodestone.store;

import java.time.Instant;

public record UserSummary(String tenantId, String userId, long interactions, Instant firstSeen, Instant lastSeen) {
}
