package dev.lodestone.core.engine;

/** One recommended entity; {@code reason} names the source that contributed most to its score. */
public record Recommendation(String entityType, String entityId, double score, String reason) {
}
