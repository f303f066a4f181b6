package dev.lodestone.client;

import java.util.Map;

/** One recommended entity; {@code reason} names the strongest source; attributes only when asked for. */
public record Recommendation(String entityId, String entityType, double score, String reason, Map<String, Object> attributes) {
}
