package dev.lodestone.client;

import java.time.Instant;

/** An exported user: how many interactions, first and last seen. */
public record UserSummary(String userId, String tenantId, long interactions, Instant firstSeen, Instant lastSeen) {
}
