package dev.lodestone.client;

import java.time.Instant;
import java.util.List;

/** A personalised or similar-entities list. {@code userId} or {@code entityId} names what it was asked for. */
public record Recommendations(List<Recommendation> recommendations, String algorithm, boolean coldStart, Instant generatedAt,
                              String userId, String entityId) {
}
